// The layout at phone and desktop widths: no horizontal scroll, and a
// screenshot of each page for a person to look at (test-results/screens).
import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";

const viewports = [
  { name: "phone", width: 390, height: 844 },
  { name: "narrow", width: 320, height: 640 },
  { name: "desktop", width: 1280, height: 800 },
];

for (const viewport of viewports) {
  for (const locale of ["zh-CN", "en"] as const) {
    test(`home and an article fit a ${viewport.name} screen in ${locale}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.addInitScript((l) => localStorage.setItem("aftercare.locale", l), locale);
      const article = articlesIn(locale).find((a) => a.category === "billing")!;

      await page.goto("/");
      await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await page.screenshot({
        path: `test-results/screens/home-${locale}-${viewport.name}.png`,
        fullPage: false,
      });

      await page.getByRole("link", { name: article.title, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: article.title })).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await page.screenshot({
        path: `test-results/screens/article-${locale}-${viewport.name}.png`,
        fullPage: false,
      });
    });
  }
}

test("dark mode keeps every page accessible", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/home-en-dark.png" });
  await page.getByRole("link", { name: articlesIn("en")[0].title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: articlesIn("en")[0].title })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

async function expectNoHorizontalScroll(page: import("@playwright/test").Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
}
