// The outbox delivers exactly once: requests made offline, answers lost
// after the server committed, a server that asks to wait, and a browser
// closed mid-sync. Each test ends by counting the rows the server holds.
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { expect, test } from "./fixtures";
import { query, requestsWhere } from "./support/db";
import { addFault, clearFaults, faultHits } from "./support/faults";
import { fillConsultation, submitConsultation, submitRequest } from "./support/consultation";
import { openForm } from "./support/requestForm";

/** A tag unique to one test run, put in each question so rows can be found. */
function tagFor(name: string) {
  return `e2e-${name}-${Date.now().toString(36)}`;
}

/** The rows of My requests still waiting to be sent. */
function waiting(page: Page) {
  return page.getByRole("main").getByRole("listitem").filter({ hasText: "Waiting to send" });
}

function rowsTagged(tag: string) {
  return requestsWhere("fields LIKE ?", [`%${tag}%`]);
}

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("ten requests made offline survive a reload and reach the server exactly once", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const tag = tagFor("offline");
  await openForm(page);
  // The app shell must be kept for the reload without a network.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  for (let i = 1; i <= 10; i++) {
    await submitConsultation(page, { question: `${tag} number ${i}` }, true);
  }
  await page.reload();
  await page.getByRole("navigation").getByRole("link", { name: "My requests", exact: true }).click();
  await expect(waiting(page)).toHaveCount(10);
  expect(rowsTagged(tag)).toHaveLength(0);

  await context.setOffline(false);
  await expect.poll(() => rowsTagged(tag).length, { timeout: 60_000 }).toBe(10);
  await expect(waiting(page)).toHaveCount(0, { timeout: 30_000 });
  const rows = rowsTagged(tag);
  const questions = new Set(rows.map((r) => JSON.parse(r.fields).description));
  expect(questions.size).toBe(10);
  expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(10);
  // Nothing more arrives later.
  await page.waitForTimeout(2_000);
  expect(rowsTagged(tag)).toHaveLength(10);
});

test("an answer lost after the server committed is retried into the same request", async ({
  page,
  request,
}) => {
  const tag = tagFor("dropped");
  const rule = await addFault(request, {
    path_prefix: "/api/v1/requests",
    method: "POST",
    mode: "drop_after_commit",
    times: 1,
  });
  await submitConsultation(page, { question: tag });
  await expect.poll(() => faultHits(request, rule.id)).toBe(1);
  // The portal learns its number from the replayed answer.
  await expect(page.getByText(/AC-[0-9A-Z]{4}-[0-9A-Z]{2}/).first()).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(2_000);
  const rows = rowsTagged(tag);
  expect(rows).toHaveLength(1);
  expect(await page.getByText(rows[0].number).first().isVisible()).toBe(true);
});

test("a server that answers 503 with Retry-After is waited for, then gets one request", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const tag = tagFor("busy");
  const rule = await addFault(request, {
    path_prefix: "/api/v1/requests",
    method: "POST",
    mode: "unavailable",
    retry_after: 2,
    times: 3,
  });
  await openForm(page);
  await fillConsultation(page, { question: tag });
  const sentAt = Date.now();
  await submitRequest(page);
  await expect.poll(() => rowsTagged(tag).length, { timeout: 30_000 }).toBe(1);
  expect(await faultHits(request, rule.id)).toBe(3);
  const created = Date.parse(rowsTagged(tag)[0].created_at);
  // Three waits of two seconds each came before the request that went through.
  expect(created - sentAt).toBeGreaterThanOrEqual(5_500);
  await page.waitForTimeout(1_000);
  expect(rowsTagged(tag)).toHaveLength(1);
});

test("a browser closed mid-sync resumes the outbox when it comes back, exactly once", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const tag = tagFor("closed");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-profile-"));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      baseURL: process.env.BASE_URL,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    });
  const rule = await addFault(request, {
    path_prefix: "/api/v1/requests",
    method: "POST",
    mode: "delay",
    delay_ms: 4_000,
    times: 1,
  });
  let context: BrowserContext = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await submitConsultation(page, { question: tag });
    await expect.poll(() => faultHits(request, rule.id)).toBe(1);
    await context.close();

    context = await launch();
    const again = context.pages()[0] ?? (await context.newPage());
    await again.goto("/requests");
    await expect.poll(() => rowsTagged(tag).length, { timeout: 30_000 }).toBe(1);
    await expect(waiting(again)).toHaveCount(0, { timeout: 30_000 });
    await again.waitForTimeout(5_000);
    expect(rowsTagged(tag)).toHaveLength(1);
    const keys = query("SELECT count(DISTINCT idempotency_key) AS n FROM service_requests WHERE fields LIKE ?", [
      `%${tag}%`,
    ]);
    expect(keys[0].n).toBe(1);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});


test("with two tabs open only one of them sends the outbox", async ({ page, context, request }) => {
  test.setTimeout(60_000);
  const tag = tagFor("tabs");
  const other = await context.newPage();
  await other.goto("/requests");
  await openForm(page);
  await context.setOffline(true);
  await fillConsultation(page, { question: tag });
  await submitRequest(page);
  // Every attempt takes a while, so a second tab that did not wait its turn
  // would send the same entry while the first is still at it.
  const rule = await addFault(request, {
    path_prefix: "/api/v1/requests",
    method: "POST",
    mode: "delay",
    delay_ms: 1_500,
  });
  await context.setOffline(false);
  await expect.poll(() => rowsTagged(tag).length, { timeout: 30_000 }).toBe(1);
  await page.waitForTimeout(3_000);
  expect(await faultHits(request, rule.id), "POSTs of the one request").toBe(1);
  expect(rowsTagged(tag)).toHaveLength(1);
  await other.close();
});
