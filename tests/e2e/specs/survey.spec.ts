// Satisfaction surveys (issue 6): staff resolve a request from the command
// line, the portal asks the customer how it went (in My requests and on the
// request page), the customer answers offline and the answers reach the
// server once when the device is back online; opening the survey link (a
// plain GET, as a mail scanner does, or a browser that does not press send)
// records nothing; a second answer changes the same row; after the edit
// window the answers are read-only. The link works for a signed-out
// browser, and "not solved" offers to reopen the request or to complain.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { apiToken, openFaultReport, signInThroughPage } from "./support/account";
import { requestByNumber } from "./support/db";
import { outboxEntries, putInStore } from "./support/requestForm";
import { staffMove, staffToken } from "./support/staff";
import {
  ageSurvey,
  answerAll,
  pick,
  portalPath,
  question,
  savedDraft,
  surveyLink,
  surveyRows,
  type Answers,
} from "./support/survey";

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

/** Resolves request `number` as staff would; returns what the command printed. */
function resolve(number: string): string {
  staffToken("alice");
  staffMove("ack", number, "alice");
  return staffMove("resolve", number, "alice", "Fan replaced.");
}

/** The survey section of the request page. */
function section(page: Page) {
  return page.getByRole("region", { name: "How did we do?" });
}

/** Screenshots of the survey section at 390 and 1280 px. */
async function shoot(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await section(page).scrollIntoViewIfNeeded();
    await section(page).screenshot({ path: `test-results/screens/survey-${name}-${width}.png` });
  }
}

test("a resolved request asks for its survey; answers made offline arrive once, change in place, then become read-only", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(150_000);
  const email = `survey-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "The BW-500 fan rattles.");
  const printed = resolve(number);

  // A mail scanner follows the link: the portal page, and the survey read
  // with the link's token; neither writes anything.
  const link = surveyLink(email, number, printed);
  expect(link).toMatch(/\/survey#token=/);
  const scanned = await request.get(link.replace(/^https?:\/\/[^/]+/, ""));
  expect(scanned.status()).toBe(200);
  const surveyToken = link.slice(link.indexOf("#token=") + "#token=".length);
  const read = await request.get(`/api/v1/requests/${number}/survey`, {
    headers: { "X-Survey-Token": decodeURIComponent(surveyToken) },
  });
  expect(read.status(), await read.text()).toBe(200);
  expect(surveyRows(number)).toHaveLength(0);

  // My requests invites to rate it, and so does the request page.
  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: number });
  await expect(row.getByText("Resolved", { exact: true })).toBeVisible();
  const rate = row.getByRole("link", { name: `Rate this service (request ${number})` });
  await expect(rate).toBeVisible();
  await expectAccessible(page);
  await row.screenshot({ path: "test-results/screens/survey-my-requests-row-1280.png" });
  await rate.click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expect(page.getByText("This request is resolved. How did we do?")).toBeVisible();
  await expect(section(page)).toBeVisible();
  await expect(question(page, "Overall, how satisfied")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/survey-request-page-1280.png" });
  await shoot(page, "form");

  // Sending nothing marks each required question and moves focus to the first.
  await section(page).getByRole("button", { name: "Send my answers" }).click();
  await expect(section(page).getByText("Please answer this question.")).toHaveCount(5);
  await expect(question(page, "Overall, how satisfied").getByRole("radio", { name: /^1 — Very dissatisfied/ })).toBeFocused();
  await expect(question(page, "Overall, how satisfied").getByRole("radio").first()).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // The customer answers offline: kept on the device, sent on reconnecting.
  await context.setOffline(true);
  const answers: Answers = {
    overall: 4,
    timeliness: 5,
    attitude: 4,
    professionalism: 5,
    solved: true,
    effort: 4,
    nps: 9,
    comment: "Quick and tidy.\nThank you, Alice.",
  };
  await answerAll(page, answers);
  await expect(section(page).getByText("Please answer this question.")).toHaveCount(0);
  await expect(section(page).getByText("33 of 2000 characters")).toBeVisible();
  await section(page).getByRole("button", { name: "Send my answers" }).click();
  await expect(section(page).getByText("Saved on this device — it will be sent when you are online.")).toBeVisible();
  await expect(section(page).getByText("Quick and tidy.")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "offline");
  expect(surveyRows(number)).toHaveLength(0);

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(() => surveyRows(number).length, { timeout: 30_000 }).toBe(1);
  await expect(section(page).getByRole("heading", { name: "Thank you" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("This request is resolved. How did we do?")).toHaveCount(0);
  const [first] = surveyRows(number);
  expect(JSON.parse(first.answers)).toEqual(answers);
  expect(Number(first.revisions)).toBe(1);
  await expect(section(page).getByText("4 of 5").first()).toBeVisible();
  await expect(section(page).getByText("9 of 10")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "thanks");

  // A second answer changes the same row.
  await section(page).getByRole("button", { name: "Change my answers" }).click();
  await pick(page, "Overall, how satisfied", "5");
  await section(page).getByRole("button", { name: "Save my changes" }).click();
  await expect.poll(() => Number(surveyRows(number)[0]?.revisions), { timeout: 30_000 }).toBe(2);
  const rows = surveyRows(number);
  expect(rows).toHaveLength(1);
  expect(JSON.parse(rows[0].answers)).toEqual({ ...answers, overall: 5 });
  await expect(section(page).getByRole("button", { name: "Change my answers" })).toBeVisible();

  // A change the server refuses (the window closed meanwhile) is shown with
  // the answers kept in the form, and can be dropped.
  await section(page).getByRole("button", { name: "Change my answers" }).click();
  await pick(page, "Overall, how satisfied", "3");
  ageSurvey(number, 8);
  await section(page).getByRole("button", { name: "Save my changes" }).click();
  const refused = section(page).getByRole("alert").filter({ hasText: "We could not save your answers" });
  await expect(refused).toContainText("The time to change these answers is over", { timeout: 15_000 });
  await expect(question(page, "Overall, how satisfied").getByRole("radio", { name: "3", exact: true })).toBeChecked();
  await expectAccessible(page);
  await shoot(page, "refused");
  await refused.getByRole("button", { name: "Discard these answers" }).click();
  await expect(section(page).getByText(/They are final now\./)).toBeVisible();
  expect(Number(surveyRows(number)[0].revisions)).toBe(2);

  // My requests no longer asks.
  await page.getByRole("navigation").getByRole("link", { name: "My requests", exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: number })).toBeVisible();
  await expect(page.getByRole("link", { name: `Rate this service (request ${number})` })).toHaveCount(0);

  // After the edit window the answers are read-only.
  await page.goto(`/requests/${number}`);
  await expect(section(page).getByText(/These answers could be changed until .+\. They are final now\./)).toBeVisible();
  await expect(section(page).getByRole("button", { name: "Change my answers" })).toHaveCount(0);
  await expect(section(page).getByRole("radio")).toHaveCount(0);
  await expect(section(page).getByText("5 of 5").first()).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "read-only");
  expect(surveyRows(number)).toHaveLength(1);
});

test("the survey link works signed out and records nothing until sent; not solved offers reopen and complaint", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = `survey-link-${Date.now()}@example.com`;
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "The BW-500 will not start.");
  const printed = resolve(number);
  const path = portalPath(surveyLink(email, number, printed));

  // Links that do not work say so.
  await page.goto("/survey#token=not-a-token");
  await expect(page.getByText("This survey link does not work")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();
  await page.goto(`/survey#token=${number}.9999999999.forged-signature`);
  await expect(page.getByText("This survey link does not work")).toBeVisible();
  await expectAccessible(page);

  // Opening the real link shows the form and records nothing.
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}: your opinion` })).toBeVisible();
  await expect(question(page, "Overall, how satisfied")).toBeVisible();
  await expectAccessible(page);
  // What the customer picks is kept on the device until sent: a reload
  // brings it back, and still nothing reaches the server.
  await pick(page, "Overall, how satisfied", "2");
  await pick(page, "The engineer was on time", "3");
  await expect.poll(() => savedDraft(page, number)).toEqual({ overall: 2, timeliness: 3 });
  await page.reload();
  await expect(question(page, "Overall, how satisfied").getByRole("radio", { name: "2", exact: true })).toBeChecked();
  await expect(question(page, "The engineer was on time").getByRole("radio", { name: "3", exact: true })).toBeChecked();
  expect(surveyRows(number)).toHaveLength(0);

  await answerAll(page, { attitude: 4, professionalism: 3, solved: false });
  await section(page).getByRole("button", { name: "Send my answers" }).click();
  await expect.poll(() => surveyRows(number).length, { timeout: 30_000 }).toBe(1);
  await expect.poll(() => savedDraft(page, number)).toBeUndefined();
  await expect(section(page).getByRole("heading", { name: "Thank you" })).toBeVisible({ timeout: 15_000 });
  expect(JSON.parse(surveyRows(number)[0].answers)).toEqual({
    overall: 2,
    timeliness: 3,
    attitude: 4,
    professionalism: 3,
    solved: false,
  });
  const next = page.getByRole("region", { name: "We are sorry the problem is not solved" });
  await expect(next.getByRole("link", { name: "Complain to a supervisor" })).toHaveAttribute(
    "href",
    `/requests/new?type=complaint&about=${number}`,
  );
  await expect(next.getByRole("link", { name: "Sign in to reopen the request" })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "not-solved-link");

  // Signed in, the request page offers to reopen it.
  await signInThroughPage(page, email);
  await page.goto(`/requests/${number}`);
  const step = page.getByRole("region", { name: "We are sorry the problem is not solved" });
  await step.getByRole("button", { name: "Reopen the request" }).click();
  await expect(step.getByText("Reopen this request? Our team will take it up again.")).toBeVisible();
  await expectAccessible(page);
  await step.getByRole("button", { name: "Yes, reopen it" }).click();
  await expect.poll(() => requestByNumber(number)?.status, { timeout: 30_000 }).toBe("in_progress");
  await expect(page.getByText("In progress", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(section(page)).toHaveCount(0);
  expect(surveyRows(number)).toHaveLength(1);
});

test("the survey fits 390 and 1280 px screens in dark mode", async ({ browser, request, baseURL }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL, colorScheme: "dark", locale: "en-US" });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  const email = `survey-dark-${Date.now()}@example.com`;
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "Dark mode check.");
  const path = portalPath(surveyLink(email, number, resolve(number)));
  await page.goto(path);
  await expect(question(page, "Overall, how satisfied")).toBeVisible();
  await section(page).getByRole("button", { name: "Send my answers" }).click();
  await expect(section(page).getByText("Please answer this question.").first()).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "form-dark");
  await answerAll(page, { overall: 5, timeliness: 5, attitude: 5, professionalism: 5, solved: true, nps: 10 });
  await section(page).getByRole("button", { name: "Send my answers" }).click();
  await expect(section(page).getByRole("heading", { name: "Thank you" })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  await shoot(page, "thanks-dark");
  ageSurvey(number, 8);
  await page.reload();
  await expect(section(page).getByText(/They are final now\./)).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "read-only-dark");
  await context.close();
});

test("the survey link's page speaks Chinese", async ({ page, request }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "zh-CN"));
  const email = `survey-zh-${Date.now()}@example.com`;
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "风扇异响。");
  await page.goto(portalPath(surveyLink(email, number, resolve(number))));
  await expect(page.getByRole("heading", { level: 1, name: `请求 ${number}：您的意见` })).toBeVisible();
  await expect(page.getByRole("group", { name: /^总体而言，您对本次服务是否满意？/ })).toBeVisible();
  await page.getByRole("button", { name: "提交我的回答" }).click();
  await expect(page.getByText("请回答此问题。").first()).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("region", { name: "我们做得怎么样？" }).screenshot({ path: "test-results/screens/survey-form-zh-CN-390.png" });
  expect(surveyRows(number)).toHaveLength(0);
});

/** Makes the saved session one the server no longer accepts. */
async function endSession(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("aftercare");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("settings", "readwrite");
          const settings = tx.objectStore("settings");
          const read = settings.get("session");
          read.onsuccess = () => settings.put({ ...read.result, token: "ended-session" }, "session");
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
  );
}

/** Queues survey answers in the device's outbox as if sent earlier with `token`. */
async function queueWithToken(page: Page, number: string, answers: Answers, token: string) {
  const now = Date.now();
  await putInStore(page, "outbox", {
    key: `ac-link-${now}`,
    seq: 1,
    created_at_ms: now,
    payload: { kind: "survey", number, answers, token },
    attempts: 0,
    next_attempt_at_ms: now,
    state: { state: "waiting" },
  });
}

test("answers sent with a survey link that no longer works go with the session, or wait for the customer, never for a sign-in", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const email = `survey-expired-${Date.now()}@example.com`;
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "The BW-500 beeps twice.");
  const path = portalPath(surveyLink(email, number, resolve(number)));
  const dead = `${number}.9999999999.forged-signature`;

  // Signed in: the link is refused, the session carries the answers.
  await signInThroughPage(page, email);
  await page.goto(`/requests/${number}`);
  await expect(question(page, "Overall, how satisfied")).toBeVisible();
  const first = { overall: 4, timeliness: 4, attitude: 4, professionalism: 4, solved: true };
  await queueWithToken(page, number, first, dead);
  await page.reload();
  await expect.poll(() => surveyRows(number).length, { timeout: 30_000 }).toBe(1);
  expect(JSON.parse(surveyRows(number)[0].answers)).toEqual(first);
  await expect.poll(() => outboxEntries(page)).toEqual([]);
  await expect(page.getByText("Your session has ended")).toHaveCount(0);

  // A session that has ended as well: the answers wait for a sign-in, and
  // the survey's page says so as every page does.
  await page.goto(path);
  await expect(section(page).getByRole("button", { name: "Change my answers" })).toBeVisible();
  await endSession(page);
  await queueWithToken(page, number, { ...first, overall: 3 }, dead);
  await page.reload();
  const ended = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(ended).toBeVisible({ timeout: 15_000 });
  await expect(ended.getByRole("link", { name: "Sign in again" })).toHaveAttribute(
    "href",
    `/sign-in?next=/requests/${number}`,
  );
  await expect(section(page).getByText("sign in again to send your answers")).toBeVisible();
  const waiting = (await outboxEntries(page)) as { state: { state: string } }[];
  expect(waiting.map((e) => e.state.state)).toEqual(["sign_in_needed"]);
  expect(JSON.parse(surveyRows(number)[0].answers)).toEqual(first);

  // Signed out, with nothing else that opens the request: the answers wait
  // for the customer, who is told why, and are kept.
  const context = await browser.newContext({ baseURL, locale: "en-US" });
  const guest = await context.newPage();
  await guest.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  await guest.goto(path);
  await expect(section(guest).getByRole("button", { name: "Change my answers" })).toBeVisible();
  const second = { overall: 2, timeliness: 2, attitude: 3, professionalism: 3, solved: false };
  await queueWithToken(guest, number, second, dead);
  await guest.reload();
  const refused = section(guest).getByRole("alert", { name: "We could not save your answers" });
  await expect(refused.getByText("This survey link has expired")).toBeVisible({ timeout: 15_000 });
  await expect(guest.getByText("Your session has ended")).toHaveCount(0);
  const entries = (await outboxEntries(guest)) as { state: { state: string } }[];
  expect(entries.map((e) => e.state.state)).toEqual(["needs_attention"]);
  await expect(question(guest, "Overall, how satisfied").getByRole("radio", { name: "2", exact: true })).toBeChecked();
  await expectAccessible(guest);
  await shoot(guest, "link-expired");

  // Sent again from the link that works, they replace the earlier answers.
  await section(guest).getByRole("button", { name: "Save my changes" }).click();
  await expect.poll(() => JSON.parse(surveyRows(number)[0].answers), { timeout: 30_000 }).toEqual(second);
  await expect.poll(() => outboxEntries(guest)).toEqual([]);
  expect(surveyRows(number)).toHaveLength(1);
  await context.close();
});
