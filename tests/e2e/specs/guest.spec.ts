// A guest's request (issue 4, scenario 6): sent offline without an account,
// its access key is shown at once; after reconnecting it reaches the server,
// and on a "second device" (a new browser context) the number and key open
// it through the lookup page, while a wrong key opens nothing.
import { test, expect, expectAccessible } from "./fixtures";
import { query, requestByNumber } from "./support/db";
import { sendSuggestion } from "./support/requestForm";
import { createHash } from "node:crypto";
import * as fs from "node:fs";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

test("scenario 6: a guest sends offline, sees the key at once, and opens the request on a second device", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const marker = `Guest spec ${Date.now()}`;
  await page.goto("/requests/new");
  await expect(page.getByRole("radio", { name: /^Suggestion/ })).toBeVisible();

  await context.setOffline(true);
  await sendSuggestion(page, marker);
  // At once, offline: the request page with "waiting to send" and its key.
  await expect(page).toHaveURL(/\/requests\/local-/);
  await expect(page.getByRole("heading", { level: 1, name: "Request waiting to send" })).toBeVisible();
  await expect(page.getByText("The service clock starts when it reaches us.")).toBeVisible();
  const keyCard = page.getByRole("region", { name: "Your access key" });
  const accessKey = (await keyCard.locator("code").innerText()).trim();
  expect(accessKey).toMatch(/^[A-Za-z0-9_-]{22,256}$/);
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/request-local-en-phone.png", fullPage: true });
  expect(query("SELECT count(*) AS n FROM service_requests WHERE fields LIKE ?", [`%${marker}%`])[0].n).toBe(0);

  // "Requests on this device" lists it as waiting to send.
  await page.getByRole("link", { name: "My requests", exact: true }).first().click();
  const device = page.getByRole("region", { name: "Requests on this device" });
  await expect(device.getByText("Waiting to send").first()).toBeVisible();
  await expect(page.getByText("Not sent yet: 1")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/my-requests-offline-en-phone.png", fullPage: true });

  // Back online: the outbox sends it, and the list shows its number.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  const numberLink = device.getByRole("link", { name: /AC-[0-9A-Z]{4}-[0-9A-Z]{2}/ });
  await expect(numberLink).toBeVisible({ timeout: 20_000 });
  const number = ((await numberLink.innerText()).match(/AC-[0-9A-Z]{4}-[0-9A-Z]{2}/) ?? [""])[0];
  expect(number).not.toBe("");
  await numberLink.click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your access key" }).locator("code")).toHaveText(accessKey);

  // A second device: nothing known there until the number and key are given.
  const second = await browser.newContext({ baseURL, locale: "en-US", acceptDownloads: true });
  const other = await second.newPage();
  await other.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  await other.goto(`/requests/${number}`);
  await expect(other.getByRole("heading", { level: 1, name: "We can't find that request" })).toBeVisible();
  await other.getByRole("link", { name: "Open a request with its access key" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Open a request with its access key" })).toBeVisible();
  await expectAccessible(other);

  // A wrong key sees nothing.
  await other.getByLabel("Request number", { exact: true }).fill(number);
  await other.getByLabel("Access key", { exact: true }).fill(`${accessKey.slice(0, -4)}AAAA`);
  await other.getByRole("button", { name: "Open request" }).click();
  await expect(other.getByText("We found nothing for that number and access key.")).toBeVisible();
  await expect(other.getByText(marker)).toHaveCount(0);
  // Missing answers are said at the field.
  await other.getByLabel("Access key", { exact: true }).fill("");
  await other.getByRole("button", { name: "Open request" }).click();
  await expect(other.getByLabel("Access key", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(other.getByText("Enter the access key.")).toBeVisible();
  await other.setViewportSize({ width: 390, height: 844 });
  await other.screenshot({ path: "test-results/screens/lookup-en-phone.png", fullPage: true });

  // The right pair opens it, and this device remembers it.
  await other.getByLabel("Request number", { exact: true }).fill(number.toLowerCase());
  await other.getByLabel("Access key", { exact: true }).fill(accessKey);
  await other.getByRole("button", { name: "Open request" }).click();
  await expect(other.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expect(other.getByRole("region", { name: "Conversation" })).toBeVisible();
  await expectAccessible(other);
  // The guest writes from there with a file; the key opens the download.
  await other.getByLabel("Your message").fill("A picture of the screen, as a PDF.");
  await other.getByLabel("Add files").setInputFiles({ name: "screen.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(other.getByRole("form", { name: "Reply" }).getByText("screen.pdf")).toBeVisible();
  await other.getByRole("button", { name: "Send", exact: true }).click();
  const download = other.getByRole("button", { name: "Download screen.pdf" });
  await expect(download).toBeVisible({ timeout: 20_000 });
  const [file] = await Promise.all([other.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe("screen.pdf");
  expect(fs.readFileSync(await file.path()).equals(PDF)).toBeTruthy();
  await expectAccessible(other);
  await other.screenshot({ path: "test-results/screens/request-guest-en-phone.png", fullPage: true });
  await other.goto("/requests");
  await expect(
    other.getByRole("region", { name: "Requests on this device" }).getByRole("link", { name: new RegExp(number) }),
  ).toBeVisible();
  await second.close();

  // The server's database: exactly one request, a guest's, with this key.
  const rows = query<{ number: string; customer_id: string | null; access_key_hash: string | null }>(
    "SELECT number, customer_id, access_key_hash FROM service_requests WHERE fields LIKE ?",
    [`%${marker}%`],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].number).toBe(number);
  expect(rows[0].customer_id).toBeNull();
  expect(requestByNumber(number)?.status).toBe("submitted");
  const hash = String(rows[0].access_key_hash ?? "").toLowerCase();
  const sha = createHash("sha256").update(accessKey).digest("hex");
  expect(hash === sha || hash === Buffer.from(sha, "hex").toString("base64url")).toBeTruthy();
});
