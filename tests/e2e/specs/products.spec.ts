// "My products" (issue 6): a signed-in customer registers a BW-500 with its
// serial number and purchase date, sees it listed with its warranty, opens
// "Request service" from it (the form comes prefilled), sends the fault
// report, and the request reaches the server with the product, the serial
// number and the warranty status; the product's history then lists it. A
// purchase date in the future is refused at its field; a registration made
// offline reaches the server exactly once after reconnecting, even when the
// first answer is lost on the way.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { apiToken, bearer, openFromNav, registerProduct, screenshotLayouts, signInThroughPage } from "./support/account";
import { addFault, clearFaults } from "./support/faults";
import { PDF, isoDay, messageOf, outboxEntries } from "./support/requestForm";

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

/** A day `years` years from today (negative: in the past). */
function yearsFromToday(years: number): Date {
  const day = new Date();
  day.setFullYear(day.getFullYear() + years);
  return day;
}

/** Opens the register form (a disclosure) if it is closed. */
async function openRegisterForm(page: Page) {
  const model = page.getByRole("combobox", { name: /^Model/ });
  if (!(await model.isVisible())) await page.getByText("Register a product", { exact: true }).click();
  await expect(model).toBeVisible();
}

/** Fills the register form. */
async function fillProduct(page: Page, serial: string, purchase: string) {
  await openRegisterForm(page);
  await page.getByRole("combobox", { name: /^Model/ }).selectOption({ label: "BW-500 label printer" });
  await page.getByRole("textbox", { name: /^Serial number/ }).fill(serial);
  await page.getByLabel(/^Purchase date/).fill(purchase);
}

/** The serial number in this device's draft of the new-request form. */
async function savedDraftSerial(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open("aftercare");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction("drafts").objectStore("drafts").get("new-request");
          read.onsuccess = () => {
            db.close();
            resolve(read.result?.fields?.serial_number);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

/** The card of the product with `serial`. */
function productCard(page: Page, serial: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "BW-500 label printer" }) }).filter({ hasText: serial });
}

test("register a product, request service from it, and the request carries the product and its warranty", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const email = `products-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  await openFromNav(page, "My products");
  await expect(page.getByText("You have not registered any products yet.")).toBeVisible();

  const bought = yearsFromToday(-1);
  const until = new Date(bought);
  until.setFullYear(until.getFullYear() + 2);
  const serial = `BW500-E2E-${Date.now() % 100000}`;
  await fillProduct(page, serial.toLowerCase(), isoDay(bought));
  // The warranty line shows as the customer types.
  await expect(page.getByRole("status").filter({ hasText: "In warranty until" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Register product" }).click();

  const card = productCard(page, serial);
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card.getByText(/^In warranty until /)).toBeVisible();
  await expect(card.getByText("No service requests for this product yet.")).toBeVisible();
  await expectAccessible(page);

  // The server has it once, with the serial number as printed (upper case).
  const token = await apiToken(request, email);
  const listed = await request.get("/api/v1/products", { headers: bearer(token) });
  expect(listed.status()).toBe(200);
  const items = ((await listed.json()) as { items: { model: string; serial_number: string; purchase_date: string }[] }).items;
  expect(items.map((p) => [p.model, p.serial_number, p.purchase_date])).toEqual([["BW-500", serial, isoDay(bought)]]);

  // "Request service" opens a fault report about it.
  await card.getByRole("link", { name: "Request service" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeChecked();
  await expect(page.getByRole("combobox", { name: /^Product model/ })).toHaveValue("BW-500");
  await expect(page.getByLabel(/^Serial number/)).toHaveValue(serial);
  await expect(page.getByLabel(/^Purchase date/)).toHaveValue(isoDay(bought));
  await expect(page.getByRole("status").filter({ hasText: "In warranty until" })).toBeVisible();

  await page.getByLabel(/^Contact name/).fill("Wang Fang");
  await page.getByLabel(/^Phone/).fill("+86 138 0013 8000");
  await page.getByLabel(/^When did it start\?/).fill("2026-11-20T08:30");
  await page.getByRole("combobox", { name: /^How often/ }).selectOption({ label: "All the time" });
  await page.getByLabel(/^What is wrong\?/).fill("The printer feeds two labels at once.");
  await page.getByRole("radio", { name: /^Normal/ }).check();
  const consent = page.getByRole("checkbox", { name: /privacy notice/ });
  if (await consent.isVisible()) await consent.check();
  await page.getByRole("button", { name: "Send request" }).click();
  const heading = page.getByRole("heading", { level: 1, name: /^Request AC-/ });
  await expect(heading).toBeVisible({ timeout: 20_000 });
  const number = ((await heading.innerText()).match(/AC-[0-9A-Z-]+/) ?? [""])[0];
  expect(number).not.toBe("");

  // The request on the server: the product, its serial number, and the
  // warranty on the day it was opened.
  const opened = await request.get(`/api/v1/requests/${number}`, { headers: bearer(token) });
  expect(opened.status(), await opened.text()).toBe(200);
  const body = (await opened.json()) as { fields: Record<string, unknown>; warranty: unknown };
  expect(body.fields.product_model).toBe("BW-500");
  expect(body.fields.serial_number).toBe(serial);
  expect(body.fields.purchase_date).toBe(isoDay(bought));
  expect(body.warranty).toEqual({ status: "in_warranty", until: isoDay(until) });

  // The product's history lists the request, with its status.
  await openFromNav(page, "My products");
  const history = productCard(page, serial);
  const visit = history.getByRole("link", { name: new RegExp(number) });
  await expect(visit).toBeVisible({ timeout: 15_000 });
  await expect(history.getByText("Fault report")).toBeVisible();
  await expect(history.getByText("Submitted")).toBeVisible();
  await expectAccessible(page);
  await screenshotLayouts(page, "products");
  // The same page in Chinese, on a phone: names from the catalog, dates as zh-CN writes them.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "简体中文" });
  await expect(page.getByRole("heading", { level: 1, name: "我的产品" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "BW-500 标签打印机" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/products-phone-zh-CN.png", fullPage: true });
  await page.getByRole("combobox", { name: "语言" }).selectOption({ label: "English" });
  await page.setViewportSize({ width: 1280, height: 900 });
  await visit.click();
  await expect(page.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
});

test("a purchase date in the future is refused at its field and nothing is queued", async ({ page }) => {
  const email = `products-future-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  await openFromNav(page, "My products");
  await fillProduct(page, "BW500-FUTURE-1", isoDay(yearsFromToday(1)));
  await page.getByRole("button", { name: "Register product" }).click();
  const date = page.getByLabel(/^Purchase date/);
  expect(await messageOf(page, date)).toContain("The purchase date is after today. Check the date on your receipt.");
  await expect(date).toBeFocused();
  // A serial number with characters a nameplate never has is refused too.
  await page.getByRole("textbox", { name: /^Serial number/ }).fill("BW500#1");
  await page.getByRole("button", { name: "Register product" }).click();
  const serial = page.getByRole("textbox", { name: /^Serial number/ });
  expect(await messageOf(page, serial)).toContain("Use only letters, digits");
  await expect(serial).toBeFocused();
  expect(await outboxEntries(page)).toEqual([]);
  await expectAccessible(page);
  await screenshotLayouts(page, "products-form-error");

  // The answers survive a reload (kept as a draft on this device).
  await page.reload();
  await expect(page.getByRole("textbox", { name: /^Serial number/ })).toHaveValue("BW500#1");
  await expect(page.getByRole("combobox", { name: /^Model/ })).toHaveValue("BW-500");
});

test("a product registered offline reaches the server exactly once after reconnecting", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  const email = `products-offline-${Date.now()}@example.com`;
  await signInThroughPage(page, email);
  await openFromNav(page, "My products");
  const token = await apiToken(request, email);

  await context.setOffline(true);
  const serial = `BW500-OFF-${Date.now() % 100000}`;
  await fillProduct(page, serial, isoDay(yearsFromToday(-3)));
  // A receipt as proof of purchase: kept on this device, uploaded first.
  await page.getByLabel(/^Proof of purchase/).setInputFiles({ name: "receipt.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByRole("button", { name: "Remove receipt.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Register product" }).click();
  const waiting = page.getByRole("region", { name: "Not sent yet" });
  await expect(waiting.getByText("Saved on this device — will be sent when online")).toBeVisible();
  await expect(waiting.getByText(serial)).toBeVisible();
  expect(await outboxEntries(page)).toHaveLength(1);
  await expectAccessible(page);

  // The first answer is lost after the server stored it: the retry, with
  // the same idempotency key, must not register it twice.
  await addFault(request, { path_prefix: "/api/v1/products", method: "POST", mode: "drop_after_commit", times: 1 });
  try {
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    const card = productCard(page, serial);
    await expect(card).toBeVisible({ timeout: 30_000 });
    // Three years ago with 24 months of cover: expired.
    await expect(card.getByText(/^Out of warranty: the cover ended on /)).toBeVisible();
    await expect(waiting).toHaveCount(0);
  } finally {
    await clearFaults(request);
  }
  const listed = await request.get("/api/v1/products", { headers: bearer(token) });
  const items = ((await listed.json()) as { items: { serial_number: string; proof_of_purchase: string | null }[] }).items;
  const mine = items.filter((p) => p.serial_number === serial);
  expect(mine).toHaveLength(1);
  expect(mine[0].proof_of_purchase).toBeTruthy();
  expect(await outboxEntries(page)).toEqual([]);
});

test("a registration the server refuses shows its problem with the values kept, and can be edited or discarded", async ({
  page,
  request,
}) => {
  const email = `products-refused-${Date.now()}@example.com`;
  const serial = `BW500-TWICE-${Date.now() % 100000}`;
  const bought = isoDay(yearsFromToday(-1));
  await registerProduct(request, await apiToken(request, email), serial, bought);

  await signInThroughPage(page, email);
  await openFromNav(page, "My products");
  await expect(productCard(page, serial)).toBeVisible();
  await fillProduct(page, serial, bought);
  await page.getByRole("button", { name: "Register product" }).click();
  const waiting = page.getByRole("region", { name: "Not sent yet" });
  await expect(waiting.getByText("You have already registered this product")).toBeVisible({ timeout: 15_000 });
  await expect(waiting.getByText(serial)).toBeVisible();
  await expectAccessible(page);

  // "Edit and send again" puts the values back into the form.
  await waiting.getByRole("button", { name: "Edit and send again" }).click();
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: /^Serial number/ })).toHaveValue(serial);
  await expect(page.getByLabel(/^Purchase date/)).toHaveValue(bought);

  // Sent again as it is, it is refused again.
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(waiting.getByText("You have already registered this product")).toBeVisible({ timeout: 15_000 });

  // With another registration half typed in the form, "Edit and send again"
  // asks before replacing it, and keeping it loses nothing.
  const serialBox = page.getByRole("textbox", { name: /^Serial number/ });
  await serialBox.fill("HALF-TYPED-1");
  await waiting.getByRole("button", { name: "Edit and send again" }).click();
  await waiting.getByRole("button", { name: "Keep what I typed" }).click();
  await expect(serialBox).toHaveValue("HALF-TYPED-1");
  await expect(waiting.getByText(serial)).toBeVisible();
  await waiting.getByRole("button", { name: "Edit and send again" }).click();
  await waiting.getByRole("button", { name: "Yes, replace it" }).click();
  await expect(waiting).toHaveCount(0);
  await expect(serialBox).toHaveValue(serial);

  // Refused once more; "Discard" drops it.
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(waiting.getByText("You have already registered this product")).toBeVisible({ timeout: 15_000 });
  await waiting.getByRole("button", { name: "Discard" }).click();
  await waiting.getByRole("button", { name: "Yes, discard it" }).click();
  await expect(waiting).toHaveCount(0);
  expect(await outboxEntries(page)).toEqual([]);
});

test("a product link never overwrites an unfinished request silently", async ({ page, request }) => {
  const email = `products-draft-${Date.now()}@example.com`;
  const serial = `BW500-LINK-${Date.now() % 100000}`;
  const bought = isoDay(yearsFromToday(-1));
  await registerProduct(request, await apiToken(request, email), serial, bought);
  await signInThroughPage(page, email);

  // An unfinished consultation about another printer.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New request", exact: true }).click();
  await page.getByRole("radio", { name: /^Consultation/ }).check();
  await page.getByRole("combobox", { name: /^Product model/ }).selectOption({ label: "BW-200 label printer" });
  await page.getByLabel(/^Serial number/).fill("BW200-OLD-1");
  // The draft is on the device before the customer moves on.
  await expect.poll(() => savedDraftSerial(page)).toBe("BW200-OLD-1");

  await openFromNav(page, "My products");
  await productCard(page, serial).getByRole("link", { name: "Request service" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Your unfinished request was kept as it was." });
  await expect(notice).toContainText(`BW-500 · ${serial}`);
  await expect(page.getByRole("radio", { name: /^Consultation/ })).toBeChecked();
  await expect(page.getByLabel(/^Serial number/)).toHaveValue("BW200-OLD-1");
  await expectAccessible(page);

  await notice.getByRole("button", { name: "Use this product" }).click();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeChecked();
  await expect(page.getByRole("combobox", { name: /^Product model/ })).toHaveValue("BW-500");
  await expect(page.getByLabel(/^Serial number/)).toHaveValue(serial);
  await expect(page.getByLabel(/^Purchase date/)).toHaveValue(bought);
  await expect(notice).toHaveCount(0);
});
