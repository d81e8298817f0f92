// The static first paint (issue 7): before the wasm app has loaded, the copy
// of the header, search box and skeleton in index.html shows in the
// customer's language, leaves the home page's title and search box out on
// other addresses, and hands what the customer typed into it to the app when
// the app takes over.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";
import { helpHome, useLocale } from "./support/kbSearch";
import { brief, eventsAfter, lastEventId } from "./support/kbSignals";

const FADED_EN = articlesIn("en").find((a) => a.id === "bw-printer-faded-print-en")!;

/**
 * Holds the portal's wasm download until the returned function is called,
 * so the test sees the static first paint on its own; then lets it through.
 */
async function holdTheApp(page: Page): Promise<() => void> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Whether the page still shows the static copy rather than the app. */
function showsStaticCopy(page: Page) {
  return page.evaluate(() => document.getElementById("static-shell") !== null);
}

test.describe("in a browser set to Hong Kong Chinese", () => {
  test.use({ locale: "zh-HK" });

  test("the first paint is in Traditional Chinese before the app has loaded, and the app takes its place", async ({
    page,
  }) => {
    const release = await holdTheApp(page);
    try {
      await page.goto("/");
      const home = helpHome(page, "zh-TW");
      await expect(home.hero).toBeVisible();
      await expect(home.box).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-TW");
      await expect(page.getByRole("navigation", { name: "主導覽" }).getByRole("link", { name: "我的請求" })).toBeVisible();
      expect(await showsStaticCopy(page)).toBe(true);
      await expectAccessible(page);
      await page.screenshot({ path: "test-results/screens/first-paint-zh-TW.png" });
    } finally {
      release();
    }
    await expect.poll(() => showsStaticCopy(page)).toBe(false);
    await expect(helpHome(page, "zh-TW").hero).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  });
});

test("a deep link's first paint leaves out the home page's title and search box", async ({ page }) => {
  await useLocale(page, "en");
  const release = await holdTheApp(page);
  try {
    await page.goto("/requests");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "My requests", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Help", exact: true })).not.toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "How can we help?" })).toHaveCount(0);
    await expect(page.getByRole("searchbox")).toHaveCount(0);
    expect(await showsStaticCopy(page)).toBe(true);
  } finally {
    release();
  }
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  expect(await showsStaticCopy(page)).toBe(false);
});

test("words typed into the first paint's search box are searched by the app, which keeps the focus", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const before = lastEventId();
  await useLocale(page, "en");
  const release = await holdTheApp(page);
  const home = helpHome(page, "en");
  try {
    await page.goto("/");
    await home.box.fill("faded");
    expect(await showsStaticCopy(page)).toBe(true);
  } finally {
    release();
  }
  await expect.poll(() => showsStaticCopy(page)).toBe(false);
  await expect(page).toHaveURL(/\/\?q=faded$/);
  await expect(home.box).toHaveValue("faded");
  await expect(home.box).toBeFocused();
  await home.results.getByRole("link", { name: FADED_EN.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: FADED_EN.title })).toBeVisible();
  // The search typed before the app started counts like a typed one, once.
  await expect
    .poll(() => brief(eventsAfter(before).filter((e) => e.query_key === "faded")).map((e) => e.kind), {
      timeout: 30_000,
    })
    .toEqual(["search", "result_click"]);
});
