// The portal as an installable, offline-first app (issue 7): after one visit
// online it starts, searches, opens articles and lists requests with no
// network; Chromium finds it installable; a newly deployed build is offered
// as "Reload to update" and switching keeps unsent items, which are then
// delivered exactly once; and a page older than the device store stops with
// "This page is out of date" instead of running on it.
import { chromium, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";
import { query } from "./support/db";
import { addFault, clearFaults } from "./support/faults";
import { expectResultsFor, openHelpHome, serverSearch, useLocale } from "./support/kbSearch";
import {
  cacheNames,
  checkForUpdate,
  deploySecondBuild,
  openControlledHome,
  waitUntilControlled,
  type Deployment,
} from "./support/pwa";
import { sendSuggestion } from "./support/requestForm";

const FADED_EN = articlesIn("en").find((a) => a.id === "bw-printer-faded-print-en")!;

/** Deployments a test made, put back after the file so later specs see the real build. */
const deployments: Deployment[] = [];

test.beforeEach(async ({ page }) => {
  await useLocale(page, "en");
});

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test.afterAll(() => {
  for (const deployment of deployments.splice(0)) deployment.restore();
});

/** The main navigation's link to My requests. */
function myRequestsLink(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My requests", exact: true });
}

/** Screenshots of the page as it is, phone and desktop, light and dark. */
async function screens(page: Page, name: string) {
  for (const [width, height, device] of [
    [390, 844, "phone"],
    [1280, 800, "desktop"],
  ] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/${name}-${device}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Rows the server holds whose fields mention `marker`. */
function rowsMentioning(marker: string) {
  return query("SELECT number, idempotency_key FROM service_requests WHERE fields LIKE ?", [`%${marker}%`]);
}

test("after one visit online, the portal starts, searches, opens an article and lists requests offline", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(90_000);
  await openControlledHome(page);
  const faded = await serverSearch(request, "faded", "en");
  expect(faded.map((h) => h.id)).toContain(FADED_EN.id);
  await page.goto(`/articles/${FADED_EN.id}`);
  await expect(page.getByRole("heading", { level: 1, name: FADED_EN.title })).toBeVisible();
  await myRequestsLink(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), "the page came from the service worker").toBe(true);
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  // The network really is gone, for the page and for its worker (the worker
  // never answers /api/* itself), so the page above and everything below
  // came from the device.
  const probe = () => fetch("/api/v1/portal", { cache: "no-store" }).then(
    () => "online",
    () => "offline",
  );
  expect(await page.evaluate(probe)).toBe("offline");
  const workers = context.serviceWorkers();
  expect(workers).toHaveLength(1);
  expect(await workers[0].evaluate(probe)).toBe("offline");
  const home = await openHelpHome(page, "en");
  await home.box.fill("faded");
  await expectResultsFor(page, request, "faded", "en", faded);
  await home.results.getByRole("link", { name: FADED_EN.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: FADED_EN.title })).toBeVisible();
  await myRequestsLink(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expectAccessible(page);
});

test("a page the server answers with 503, or not within 4 s, comes from the app shell on the device", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await openControlledHome(page);
  const heading = page.getByRole("heading", { level: 1, name: "My requests" });

  // The server (or a proxy in front of it) says it is down: the shell the
  // worker keeps starts the portal, which draws the page from the device.
  await addFault(request, { path_prefix: "/requests", method: "GET", mode: "unavailable" });
  const down = await page.goto("/requests");
  expect(down?.status(), "the worker's shell, not the server's 503").toBe(200);
  await expect(heading).toBeVisible();
  await clearFaults(request);

  // A network that never quite fails: the shell after 4 s, long before the
  // server's answer (60 s) would come.
  await addFault(request, { path_prefix: "/requests", method: "GET", mode: "delay", delay_ms: 60_000 });
  const slow = await page.goto("/requests", { timeout: 30_000 });
  expect(slow?.status()).toBe(200);
  await expect(heading).toBeVisible();
});

test("Chromium finds the portal installable", async () => {
  // Installability is never granted to an incognito profile (Playwright's
  // usual context), so this test uses a profile on disk.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-pwa-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    baseURL: process.env.BASE_URL,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let offered = false;
    await page.exposeFunction("__installOffered", () => {
      offered = true;
    });
    await page.addInitScript(() => {
      localStorage.setItem("aftercare.locale", "en");
      window.addEventListener("beforeinstallprompt", () =>
        (window as unknown as { __installOffered: () => void }).__installOffered(),
      );
    });
    await openHelpHome(page, "en");
    await waitUntilControlled(page);
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(
        async () =>
          ((await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: unknown[] }).installabilityErrors,
      )
      .toEqual([]);
    const manifest = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[] };
    expect(manifest.url).toMatch(/\/manifest\.en\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
    // Headless Chromium seldom offers installation; when it does, the button shows.
    if (offered) await expect(page.getByRole("button", { name: "Install app" })).toBeVisible();
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("'Install app' shows when the browser offers installation, and opens its dialog", async ({ page }) => {
  await openHelpHome(page, "en");
  const install = page.getByRole("button", { name: "Install app" });
  await expect(install).toHaveCount(0);
  // Headless Chromium does not offer installation by itself: play the
  // browser's offer with an event that records the call to prompt().
  await page.evaluate(() => {
    const offer = new Event("beforeinstallprompt", { cancelable: true }) as Event & { prompt?: () => Promise<unknown> };
    offer.prompt = async () => {
      (window as unknown as { __prompted: boolean }).__prompted = true;
      return { outcome: "dismissed" };
    };
    window.dispatchEvent(offer);
  });
  await expect(install).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.screenshot({ path: "test-results/screens/pwa-install-button-320-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screens/pwa-install-button-320-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  await install.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __prompted?: boolean }).__prompted)).toBe(true);
  await expect(install).toHaveCount(0);

  // Offered again and then installed another way: the button goes.
  await page.evaluate(() => {
    const offer = new Event("beforeinstallprompt", { cancelable: true }) as Event & { prompt?: () => Promise<unknown> };
    offer.prompt = async () => ({ outcome: "accepted" });
    window.dispatchEvent(offer);
  });
  await expect(install).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("appinstalled")));
  await expect(install).toHaveCount(0);
});

test("the manifest follows the customer's language", async ({ page }) => {
  await openHelpHome(page, "en");
  const cdp = await page.context().newCDPSession(page);
  await expect
    .poll(async () => ((await cdp.send("Page.getAppManifest")) as { url: string }).url)
    .toMatch(/\/manifest\.en\.webmanifest$/);
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "繁體中文" });
  await expect
    .poll(async () => ((await cdp.send("Page.getAppManifest")) as { url: string }).url)
    .toMatch(/\/manifest\.zh-TW\.webmanifest$/);
});

test("a new build is offered as 'Reload to update', keeps the unsent request, which then arrives once", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const marker = `PWA update spec ${Date.now()}`;
  await page.goto("/requests/new");
  await expect(page.getByRole("radio", { name: /^Suggestion/ })).toBeVisible();
  await waitUntilControlled(page);
  const before = await cacheNames(page);

  // Queued offline; back online the server keeps refusing it for a while,
  // so it is still waiting when the new build takes over.
  await context.setOffline(true);
  await sendSuggestion(page, marker);
  await expect(page.getByRole("heading", { level: 1, name: "Request waiting to send" })).toBeVisible();
  await addFault(request, { path_prefix: "/api/v1/requests", method: "POST", mode: "unavailable", retry_after: 1 });
  await context.setOffline(false);

  const release = page.getByRole("contentinfo").getByText(/^Version /);
  await expect(release).toBeVisible();
  await expect(release).not.toHaveText(/e2e-next/);
  const deployment = deploySecondBuild();
  deployments.push(deployment);
  await checkForUpdate(page);
  const prompt = page.getByRole("status").filter({ hasText: "A new version of the help center is ready." });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await expect(prompt).toContainText("Anything not sent yet stays on this device.");
  const reload = page.getByRole("button", { name: "Reload to update" });
  await expect(reload).toBeVisible();
  await expectAccessible(page);
  await screens(page, "pwa-update-prompt");

  const reloaded = page.waitForEvent("load");
  await reload.click();
  await reloaded;
  const fresh = `aftercare-${deployment.version}`;
  const stale = before.filter((name) => name.startsWith("aftercare-"));
  expect(stale).not.toContain(fresh);
  await expect
    .poll(async () => (await cacheNames(page)).filter((name) => name.startsWith("aftercare-")), {
      message: "the new build's cache replaced the old one",
    })
    .toEqual([fresh]);

  // The second build's own code runs now, not only its service worker.
  await expect(release).toHaveText(`Version ${deployment.release}`);

  await myRequestsLink(page).click();
  const device = page.getByRole("region", { name: "Requests on this device" });
  await expect(device.getByText("Waiting to send").first()).toBeVisible();
  expect(rowsMentioning(marker)).toHaveLength(0);
  // The new build runs: with the app drawn, nothing is waiting any more.
  await expect(reload).toHaveCount(0);
  await expect(prompt).toHaveCount(0);

  await clearFaults(request);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(device.getByRole("link", { name: /AC-[0-9A-Z]{4}-[0-9A-Z]{2}/ })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => rowsMentioning(marker).length, { timeout: 30_000 }).toBe(1);
  // Nothing more arrives later.
  await page.waitForTimeout(2_000);
  expect(rowsMentioning(marker)).toHaveLength(1);
});

test("a page older than the device store says it is out of date instead of running on it", async ({ page }) => {
  test.setTimeout(60_000);
  await openHelpHome(page, "en");
  await myRequestsLink(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A newer build in another tab upgrades the store: this page lets go of it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const probe = indexedDB.open("aftercare");
        probe.onerror = () => reject(probe.error);
        probe.onsuccess = () => {
          const version = probe.result.version;
          probe.result.close();
          const open = indexedDB.open("aftercare", version + 1);
          open.onupgradeneeded = () => open.result.createObjectStore("from_a_newer_build");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  const notice = page.getByRole("dialog", { name: "This page is out of date" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Reload to get the latest version.");
  await expectAccessible(page);

  // Reloaded, this build cannot open the newer store and says so at once.
  await page.reload();
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("button", { name: "Reload", exact: true })).toBeFocused();
  // It cannot be dismissed: only reloading leaves it.
  await page.keyboard.press("Escape");
  await expect(notice).toBeVisible();
  await expectAccessible(page);
  await screens(page, "pwa-out-of-date");

  const reloaded = page.waitForEvent("load");
  await notice.getByRole("button", { name: "Reload", exact: true }).click();
  await reloaded;
  await expect(notice).toBeVisible();
});
