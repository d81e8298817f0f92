// The new-request form's layout: no horizontal scroll at 320, 390 and 1280
// px, Chinese text, dark mode, and screenshots in test-results/screens for a
// person to look at.
import { test, expect, expectAccessible } from "./fixtures";
import { messageOf, openForm, screens } from "./support/requestForm";

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

for (const viewport of [
  { name: "narrow", width: 320, height: 640 },
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
]) {
  test(`the form fits a ${viewport.name} screen`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openForm(page);
    await screens(page, `request-form-types-${viewport.name}`);
    await page.getByRole("radio", { name: /^Fault report/ }).check();
    await page.getByRole("combobox", { name: /^Product model/ }).selectOption({ label: "BW-500 label printer" });
    await page.getByLabel(/^Purchase date/).fill("2025-09-01");
    await page.getByRole("button", { name: "Send request" }).click();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screens(page, `request-form-${viewport.name}`);
  });
}

test("the form reads in Chinese, promises included", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "zh-CN"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/requests/new");
  await expect(page.getByRole("heading", { level: 1, name: "新建服务请求" })).toBeVisible();
  await page.getByRole("radio", { name: /^故障报修/ }).check();
  await expect(page.getByLabel(/^序列号\s*（必填）/)).toBeVisible();
  await expect(page.getByText("首次回复时限 2 小时 · 上门时限 1 天 · 解决时限 2 天")).toBeVisible();
  await page.getByRole("button", { name: "提交请求" }).click();
  expect(await messageOf(page, page.getByLabel(/^联系人姓名/))).toContain("此项为必填。");
  await expectAccessible(page);
  await screens(page, "request-form-zh-CN-phone");
});

test("the form in dark mode is accessible", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", locale: "en-US", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  await openForm(page);
  await page.getByRole("radio", { name: /^On-site service/ }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  await expectAccessible(page);
  await screens(page, "request-form-dark-phone");
  await context.close();
});
