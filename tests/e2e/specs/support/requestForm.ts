// Helpers for the new-request form's specs: open the form, send a
// suggestion, read the message a control points at, count the device's
// outbox, write into the device store as the portal would, and take
// screenshots in readable slices.
import { expect, type Locator, type Page } from "@playwright/test";

/** Opens the form with no draft and no earlier consent on this device. */
export async function openForm(page: Page, search = "") {
  await page.goto(`/requests/new${search}`);
  await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeVisible();
}

/**
 * Sends a suggestion through the form (the guest's way; no account needed):
 * the type, what it is about, the text, low urgency, consent when asked.
 */
export async function sendSuggestion(page: Page, text: string) {
  await page.getByRole("radio", { name: /^Suggestion/ }).check();
  await page.getByRole("combobox", { name: /^About/ }).selectOption({ label: "This website" });
  await page.getByLabel(/^Your suggestion/).fill(text);
  await page.getByRole("radio", { name: /^Low/ }).check();
  const consent = page.getByRole("checkbox", { name: /^I have read the privacy notice/ });
  if ((await consent.count()) > 0) await consent.check();
  await page.getByRole("button", { name: "Send request" }).click();
}

/** Every entry waiting in this device's outbox, as stored. */
export async function outboxEntries(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open("aftercare");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("outbox")) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction("outbox").objectStore("outbox").getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** How many entries wait in this device's outbox. */
export async function outboxCount(page: Page): Promise<number> {
  return (await outboxEntries(page)).length;
}

/** The visible message a control points at with aria-describedby. */
export async function messageOf(page: Page, control: Locator): Promise<string> {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const ids = (await control.getAttribute("aria-describedby")) ?? "";
  const texts: string[] = [];
  for (const id of ids.split(/\s+/).filter(Boolean)) {
    const element = page.locator(`[id="${id}"]`);
    if ((await element.count()) > 0) texts.push((await element.innerText()).trim());
  }
  return texts.join(" ");
}

export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Screenshots of the whole page in slices a person can read: NAME-0.png, NAME-1.png, ... */
export async function screens(page: Page, name: string) {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const slice = 1000;
  for (let i = 0; i * slice < height; i++) {
    await page.screenshot({
      path: `test-results/screens/${name}-${i}.png`,
      fullPage: true,
      clip: { x: 0, y: i * slice, width, height: Math.min(slice, height - i * slice) },
    });
  }
}

/** A tiny PDF, as a customer's proof of purchase. */
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** Writes `value` into the device store's `store` (under `key` when the store has no key path). */
export async function putInStore(page: Page, store: string, value: unknown, key?: string): Promise<void> {
  await page.evaluate(
    ({ store, value, key }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("aftercare");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, "readwrite");
          if (key === undefined) tx.objectStore(store).put(value);
          else tx.objectStore(store).put(value, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    { store, value, key },
  );
}
