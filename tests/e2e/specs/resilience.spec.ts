// What a customer sees when the network lets them down: an unreachable server
// gets an explanation and a retry, and articles already seen stay readable.
import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";

test("an unreachable server gets an explanation and a working retry", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  await page.route("**/api/v1/**", (route) => route.abort("connectionrefused"));
  await page.goto("/");
  const alert = page.getByRole("alert");
  await expect(alert.getByRole("heading", { name: "We can't reach the help center right now" })).toBeVisible();
  await expectAccessible(page);

  await page.unroute("**/api/v1/**");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("link", { name: articlesIn("en")[0].title, exact: true })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);
});

test("articles seen online stay readable offline", async ({ page, context }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
  const article = articlesIn("en").find((a) => a.category === "troubleshooting")!;
  await page.goto("/");
  await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("link", { name: article.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: article.title })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "copy saved on this device" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Help Center", exact: true }).click();
  await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
  await expectAccessible(page);
  await context.setOffline(false);
});
