// "My data" (issue 6): customers A and B each have a request; A downloads
// the export and it holds A's request and email and nothing of B's; then A
// deletes the account (typing the email to confirm): the device is signed
// out and home says what happened, A's old session answers 401, A's request
// stays on the server without A's name, email or phone, and signing in
// again with A's email shows no requests.
import * as fs from "node:fs";

import type { APIRequestContext } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { apiToken, bearer, openFromNav, openRequest, screenshotLayouts, signInThroughPage } from "./support/account";
import { query, requestByNumber } from "./support/db";
import { outboxEntries } from "./support/requestForm";

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

/** A customer's details, written into their request. */
type Person = { email: string; name: string; phone: string };

/** Opens a consultation for `person` by the API; returns its number. */
function openConsultation(request: APIRequestContext, token: string, person: Person): Promise<string> {
  return openRequest(request, token, "consultation", "normal", {
    contact_name: person.name,
    phone: person.phone,
    email: person.email,
    product_model: "BW-200",
    topic: "usage",
    description: "How do I change the label size?",
  });
}

test("export holds only the customer's data; deleting the account anonymises their requests", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const a: Person = { email: `export-a-${stamp}@example.com`, name: "Alice Exportova", phone: "+86 139 1111 2222" };
  const b: Person = { email: `export-b-${stamp}@example.com`, name: "Bob Otherman", phone: "+86 137 3333 4444" };
  const tokenB = await apiToken(request, b.email);
  const numberB = await openConsultation(request, tokenB, b);
  const tokenA = await apiToken(request, a.email);
  const numberA = await openConsultation(request, tokenA, a);

  await signInThroughPage(page, a.email);
  await openFromNav(page, "My data");
  await expect(page.getByText(`You are signed in as ${a.email}.`)).toBeVisible();
  await screenshotLayouts(page, "my-data");

  // Offline, a product registered on this device waits in the outbox: the
  // download says it needs a connection, and deleting is refused while the
  // customer would lose that item.
  const serial = `BW500-MYDATA-${stamp % 100000}`;
  await openFromNav(page, "My products");
  await expect(page.getByRole("combobox", { name: /^Model/ })).toBeVisible();
  await context.setOffline(true);
  await page.getByRole("combobox", { name: /^Model/ }).selectOption({ label: "BW-500 label printer" });
  await page.getByRole("textbox", { name: /^Serial number/ }).fill(serial);
  await page.getByLabel(/^Purchase date/).fill("2025-06-01");
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page.getByRole("region", { name: "Not sent yet" })).toBeVisible();
  await openFromNav(page, "My data");
  await page.getByRole("button", { name: "Download my data" }).click();
  await expect(page.getByText(/^You are offline. Downloading your data needs a connection/)).toBeVisible();
  await page.getByRole("button", { name: "Delete my account…" }).click();
  const unsent = page.getByText(/^1 item\(s\) on this device have not been sent yet/);
  await expect(unsent).toBeVisible();
  await page.getByLabel(/^To confirm, type your email address/).fill(a.email);
  await expect(page.getByRole("button", { name: "Delete my account for good" })).toBeDisabled();
  await page.getByRole("button", { name: "Keep my account" }).click();
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(async () => (await outboxEntries(page)).length, { timeout: 20_000 }).toBe(0);

  // The download: A's request, email and product, nothing of B.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const text = fs.readFileSync((await download.path()) as string, "utf8");
  JSON.parse(text);
  expect(text).toContain(numberA);
  expect(text).toContain(a.email);
  expect(text).toContain(serial);
  expect(text).not.toContain(numberB);
  expect(text).not.toContain(b.email);
  expect(text).not.toContain(b.name);
  await expect(page.getByText("Your download has started.")).toBeVisible();

  // Deleting asks for the account's email first.
  await page.getByRole("button", { name: "Delete my account…" }).click();
  const confirm = page.getByRole("group", { name: "Are you sure? This cannot be undone." });
  const deleteForGood = confirm.getByRole("button", { name: "Delete my account for good" });
  await expect(deleteForGood).toBeDisabled();
  const typed = confirm.getByLabel(/^To confirm, type your email address/);
  await typed.fill(b.email);
  await expect(deleteForGood).toBeDisabled();
  await typed.fill(a.email);
  await expect(deleteForGood).toBeEnabled();
  await expectAccessible(page);
  await screenshotLayouts(page, "my-data-delete");
  await deleteForGood.click();

  // Signed out, home says what happened.
  await expect(page.getByRole("heading", { name: "Your account was deleted" })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/\?account=deleted$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My data" })).toHaveCount(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: "test-results/screens/my-data-deleted-phone-light.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The old session is dead.
  expect((await request.get("/api/v1/requests", { headers: bearer(tokenA) })).status()).toBe(401);
  expect((await request.get("/api/v1/me/export", { headers: bearer(tokenA) })).status()).toBe(401);

  // A's request stays, without A's name, email or phone; B's is untouched.
  const rowA = requestByNumber(numberA);
  expect(rowA, `request ${numberA} is kept`).toBeDefined();
  const kept = JSON.stringify(rowA);
  for (const personal of [a.email, a.name, a.phone]) expect(kept).not.toContain(personal);
  const events = JSON.stringify(
    query("SELECT e.* FROM request_events e JOIN service_requests r ON r.id = e.request_id WHERE r.number = ?", [numberA]),
  );
  for (const personal of [a.email, a.name]) expect(events).not.toContain(personal);
  expect(JSON.stringify(requestByNumber(numberB))).toContain(b.name);

  // Signing in again with A's email finds nothing of the old account.
  await signInThroughPage(page, a.email);
  await expect(page.getByText("You have no requests yet.", { exact: false })).toBeVisible();
  await expect(page.getByText(numberA)).toHaveCount(0);
});
