// Following a request (issue 4, scenario 7): a customer signs in with the
// emailed code, finds the request in "My requests", and follows it while
// staff move it with the command line: acknowledged → assigned → scheduled →
// in progress → waiting → (the customer answers) → resolved; the timeline
// shows each step with its time and actor, the service clock pauses while the
// department waits on the customer and stops as the rules say; the customer
// confirms and the request closes. Messages are shown as text, never HTML.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { eventsOf, query, requestByNumber } from "./support/db";
import { apiToken, openFaultReport, signInThroughPage } from "./support/account";
import { staffAssign, staffMessage, staffMove, staffSchedule, staffToken } from "./support/staff";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

/** The timeline's item whose text matches `what`. */
function step(page: Page, what: RegExp) {
  return page.getByRole("region", { name: "Timeline" }).getByRole("listitem").filter({ hasText: what });
}

/** The service clock's row for `promise`. */
function clockRow(page: Page, promise: string) {
  return page.getByRole("region", { name: "Our promise" }).locator(".sla__row").filter({ hasText: promise });
}

test("scenario 7: a signed-in customer follows a request through its life and confirms it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = `tracking-${Date.now()}@example.com`;
  await signInThroughPage(page, email);

  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "The BW-500 stops\nafter ten minutes.", "critical");

  // My requests lists it (after a refresh on focus or a reload).
  await page.reload();
  const row = page.getByRole("listitem").filter({ hasText: number });
  await expect(row).toBeVisible();
  await expect(row.getByText("Submitted")).toBeVisible();
  await expect(row.getByText("The BW-500 stops after ten minutes.")).toHaveCount(0); // not opened yet: no saved copy
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/my-requests-en-desktop.png", fullPage: true });

  await row.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expect(page.getByText("Fault report", { exact: true })).toBeVisible();
  await expect(page.getByText("Critical", { exact: true })).toBeVisible();
  await expect(step(page, /Request sent/)).toContainText("by You");
  await expect(clockRow(page, "First reply")).toContainText(/Expected by .+ — in \d+ min/);
  await expectAccessible(page);

  staffToken("alice");
  staffToken("bob");
  const start = new Date(Date.now() + 2 * 3600_000);
  start.setMinutes(0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3600_000);

  staffMove("ack", number, "alice", "We have your report.");
  staffAssign(number, "alice", "bob");
  staffSchedule(number, "alice", start.toISOString(), end.toISOString(), "Bob will bring a spare fan.");
  staffMove("start", number, "bob");
  staffMessage(number, "Is the unit <b>bold</b> enough?\nSecond line.", "bob");
  staffMove("wait", number, "bob", "Please send a photo of the nameplate.");

  // Focus brings the page up to date.
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(page.getByText("Waiting for you", { exact: true }).first()).toBeVisible();
  await expect(step(page, /Accepted by our team/)).toContainText("by alice (engineer)");
  await expect(step(page, /Accepted by our team/)).toContainText("We have your report.");
  await expect(step(page, /Engineer assigned: bob/)).toContainText("by alice (engineer)");
  await expect(step(page, /Visit booked/)).toContainText("Bob will bring a spare fan.");
  await expect(step(page, /Work started/)).toContainText("by bob (engineer)");
  await expect(step(page, /Waiting for your answer/)).toContainText("Please send a photo of the nameplate.");
  for (const what of [/Accepted by our team/, /Engineer assigned/, /Visit booked/, /Work started/, /Waiting for your answer/]) {
    await expect(step(page, what).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  }
  // The engineer and the visit.
  const next = page.getByRole("region", { name: "What happens next" });
  await expect(next).toContainText("bob");
  // The clock: the first reply was kept, the rest waits on the customer.
  await expect(clockRow(page, "First reply")).toContainText("Kept");
  await expect(clockRow(page, "Resolution")).toContainText("Paused while we wait for you");
  // A staff message is text: the tags show literally, and nothing is bold.
  const thread = page.getByRole("region", { name: "Conversation" });
  await expect(thread.getByText("Is the unit <b>bold</b> enough?", { exact: false })).toBeVisible();
  await expect(thread.locator("b")).toHaveCount(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/request-waiting-en-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: "test-results/screens/request-waiting-en-desktop.png", fullPage: true });

  // The customer answers; it is shown at once and the clock runs again.
  await page.getByLabel("Your message").fill("Here it is: <i>BW-500</i>\nSerial BW500-2024-0042.");
  await page.getByLabel("Add files").setInputFiles({ name: "nameplate.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByRole("form", { name: "Reply" }).getByText("nameplate.pdf")).toBeVisible();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  // Online the reply may be delivered before the "saved on this device"
  // notice is seen; the offline test below checks that notice.
  await expect(step(page, /You answered/)).toContainText("by You");
  await expect(thread.getByText("Here it is: <i>BW-500</i>", { exact: false })).toBeVisible();
  await expect(clockRow(page, "Resolution")).toContainText(/Expected by/);
  // The file went up with the message, and downloads with the session.
  await expect(thread.getByRole("link", { name: "nameplate.pdf" })).toBeVisible({ timeout: 20_000 });
  expect(requestByNumber(number)?.status).toBe("in_progress");
  const files = query<{ name: string }>(
    `SELECT a.name FROM attachments a JOIN request_attachments ra ON ra.attachment_id = a.id
     JOIN service_requests r ON r.id = ra.request_id WHERE r.number = ? AND ra.message_id IS NOT NULL`,
    [number],
  );
  expect(files.map((f) => f.name)).toEqual(["nameplate.pdf"]);

  staffMove("resolve", number, "bob", "Fan replaced.");
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect(page.getByText("Is the problem solved? Confirm to close")).toBeVisible();
  await expect(clockRow(page, "Resolution")).toContainText("Kept");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm and close" }).click();
  await expect(page.getByText("Closed", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(step(page, /^Closed/)).toContainText("by You");
  await expect(page.getByRole("button", { name: "Confirm and close" })).toHaveCount(0);
  await expect(page.getByLabel("Your message")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/request-closed-en-desktop.png", fullPage: true });

  // The server's database: the whole life, each step by whom it was done.
  expect(requestByNumber(number)?.status).toBe("closed");
  const moves = eventsOf(number)
    .filter((e) => e.action !== null)
    .map((e) => [e.actor_kind, e.actor_name, e.action, e.status]);
  expect(moves).toEqual([
    ["customer", null, "submit", "submitted"],
    ["engineer", "alice", "acknowledge", "acknowledged"],
    ["engineer", "alice", "assign", "assigned"],
    ["engineer", "alice", "schedule", "scheduled"],
    ["engineer", "bob", "start", "in_progress"],
    ["engineer", "bob", "wait_on_customer", "waiting_on_customer"],
    ["customer", null, "customer_replied", "in_progress"],
    ["engineer", "bob", "resolve", "resolved"],
    ["customer", null, "close", "closed"],
  ]);
});

test("a complaint about a request goes to a supervisor, and cancelling asks first", async ({ page, request }) => {
  const email = `complain-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  const token = await apiToken(request, email);
  const number = await openFaultReport(request, token, "Noisy fan.", "critical");
  await page.goto(`/requests/${number}`);
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  // Seen as it is; a change by the department is marked in the list until opened.
  staffToken("alice");
  staffMove("ack", number, "alice");
  await page.getByRole("link", { name: "My requests", exact: true }).first().click();
  const listed = page.locator(".request-row").filter({ hasText: number });
  await expect(listed.getByText("Updated since your last visit")).toBeVisible();
  await listed.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page.getByText("Accepted", { exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "My requests", exact: true }).first().click();
  await expect(listed).toBeVisible();
  await expect(listed.getByText("Updated since your last visit")).toHaveCount(0);
  await listed.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page.getByText("A complaint goes to a supervisor, not to the team that handled this request.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Complain about this request" })).toHaveAttribute(
    "href",
    `/requests/new?type=complaint&about=${number}`,
  );

  await page.getByRole("button", { name: "Cancel this request" }).click();
  await expect(page.getByText("Cancel this request? We will stop working on it.")).toBeVisible();
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByText("Cancel this request? We will stop working on it.")).toHaveCount(0);
  expect(requestByNumber(number)?.status).toBe("acknowledged");
  await page.getByRole("button", { name: "Cancel this request" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByText("Cancelled", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  expect(requestByNumber(number)?.status).toBe("cancelled");

  // The filters: by status, and by words.
  await page.goto("/requests");
  const list = page.locator(".request-list");
  await expect(list.getByText(number)).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "In progress" });
  await expect(page.getByText("No requests match these filters.")).toBeVisible();
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Cancelled" });
  await expect(list.getByText(number)).toBeVisible();
  await page.getByRole("searchbox", { name: "Search your requests" }).fill("no such words");
  await expect(page.getByText("No requests match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("searchbox", { name: "Search your requests" }).fill("noisy");
  await expect(list.getByText(number)).toBeVisible();
  await expectAccessible(page);
});

test("the tracking pages fit 320, 390 and 1280 px screens, light and dark", async ({ browser, request, baseURL }) => {
  test.setTimeout(180_000);
  for (const scheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ baseURL, colorScheme: scheme, locale: "en-US" });
    const page = await context.newPage();
    await page.addInitScript(() => {
      if (!localStorage.getItem("aftercare.locale")) localStorage.setItem("aftercare.locale", "en");
    });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/sign-in-${scheme}-390.png` });
    const email = `layout-${scheme}-${Date.now()}@example.com`;
    await signInThroughPage(page, email);
    const number = await openFaultReport(request, await apiToken(request, email), "The display flickers.", "critical");
    staffToken("alice");
    staffMove("ack", number, "alice", "Thanks, we are on it.");
    const pages: [string, string, RegExp][] = [
      ["my-requests", "/requests", /^My requests$/],
      ["request", `/requests/${number}`, new RegExp(`^Request ${number}$`)],
      ["lookup", "/requests/lookup", /^Open a request with its access key$/],
    ];
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: width < 400 ? 844 : 800 });
      for (const [name, path, heading] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        if (name === "my-requests") await expect(page.getByText(number)).toBeVisible();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${path} at ${width} px overflows by`).toBeLessThanOrEqual(0);
        if (width !== 320) await expectAccessible(page);
        await page.screenshot({ path: `test-results/screens/${name}-${scheme}-${width}.png`, fullPage: true });
      }
    }
    // The same request in Chinese.
    await page.evaluate(() => localStorage.setItem("aftercare.locale", "zh-CN"));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/requests/${number}`);
    await expect(page.getByRole("heading", { level: 1, name: `请求 ${number}` })).toBeVisible();
    await expect(page.getByText("服务团队已受理")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screens/request-zh-CN-${scheme}-390.png`, fullPage: true });
    await context.close();
  }
});

test("signing out with unsent items asks first, then wipes this device", async ({ page, context, request }) => {
  const email = `sign-out-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  const number = await openFaultReport(request, await apiToken(request, email), "Door seal leaks.", "critical");
  await page.goto(`/requests/${number}`);
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();

  // Offline, a reply waits in the outbox and is shown at once.
  await context.setOffline(true);
  const marker = `Unsent reply ${Date.now()}`;
  await page.getByLabel("Your message").fill(marker);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Saved on this device — it will be sent when you are online.").first()).toBeVisible();
  await expect(page.locator(".message--pending").getByText(marker)).toBeVisible();

  // Everything stays readable offline, from this device's copy.
  await page.getByRole("link", { name: "My requests", exact: true }).first().click();
  await expect(page.getByText("You are offline. You are reading a copy saved on this device.")).toBeVisible();
  await expect(page.getByText("Not sent yet: 1")).toBeVisible();
  await page.getByRole("link", { name: new RegExp(number) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Request sent");
  await expect(page.locator(".message--pending").getByText(marker)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Sign out and lose what is waiting to send?" });
  await expect(dialog).toContainText("1 item(s) on this device have not been sent yet.");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/sign-out-unsent-en-desktop.png" });
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out and lose them" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await context.setOffline(false);
  await page.goto("/requests");
  await expect(page.getByText("You have no requests yet.", { exact: false })).toBeVisible();
  await expect(page.getByText(number)).toHaveCount(0);
  // The reply never reached the server.
  expect(query("SELECT count(*) AS n FROM request_messages WHERE body = ?", [marker])[0].n).toBe(0);
});

test("a reply the server refuses needs attention: retry keeps it, discard asks first", async ({ page, context, request }) => {
  const email = `attention-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  const number = await openFaultReport(request, await apiToken(request, email), "Compressor hums.", "critical");
  staffToken("alice");
  staffMove("ack", number, "alice");
  await page.goto(`/requests/${number}`);
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();

  // Written offline; meanwhile the department resolves and closes it.
  await context.setOffline(true);
  const marker = `Late reply ${Date.now()}`;
  await page.getByLabel("Your message").fill(marker);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".message--pending").getByText(marker)).toBeVisible();
  staffMove("resolve", number, "alice");
  staffMove("close", number, "alice");
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));

  await page.getByRole("link", { name: "My requests", exact: true }).first().click();
  const attention = page.getByRole("region", { name: "Needs your attention" });
  await expect(attention).toBeVisible({ timeout: 15_000 });
  await expect(attention).toContainText(`Message on ${number}`);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/attention-en-desktop.png", fullPage: true });
  await attention.getByRole("button", { name: "Retry" }).click();
  await expect(attention).toContainText(`Message on ${number}`, { timeout: 15_000 });

  await attention.getByRole("button", { name: "Discard" }).click();
  await expect(attention.getByText("Discard this? What you entered will be lost.")).toBeVisible();
  await attention.getByRole("button", { name: "Yes, discard it" }).click();
  await expect(attention).toHaveCount(0);
  expect(query("SELECT count(*) AS n FROM request_messages WHERE body = ?", [marker])[0].n).toBe(0);
  expect(requestByNumber(number)?.status).toBe("closed");
});
