// The help center as a customer meets it: topics and articles in their
// language, an article page, the language switch, and the not-found page.
import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";

test.describe("help center home", () => {
  test("lists every English article under its topic", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: "Installation & setup" })).toBeVisible();
    for (const article of articlesIn("en")) {
      await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: articlesIn("zh-CN")[0].title })).toHaveCount(0);
    await expectAccessible(page);
  });

  test("speaks simplified Chinese to a browser that prefers it", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "需要什么帮助？" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    for (const article of articlesIn("zh-CN")) {
      await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
    }
    await expectAccessible(page);
    await context.close();
  });

  test("switches to traditional Chinese and remembers the choice", async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem("aftercare.locale", "en");
        sessionStorage.setItem("seeded", "1");
      }
    });
    await page.goto("/");
    await expectAccessible(page);
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-TW");
    await expect(page.getByRole("heading", { level: 1, name: "需要什麼協助？" })).toBeVisible();
    for (const article of articlesIn("zh-TW")) {
      await expect(page.getByRole("link", { name: article.title, exact: true })).toBeVisible();
    }
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "需要什麼協助？" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "語言" })).toHaveValue("zh-TW");
    await expectAccessible(page);
  });
});

test.describe("article page", () => {
  test("opens an article from its topic and goes back", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("aftercare.locale", "zh-CN"));
    const article = articlesIn("zh-CN").find((a) => a.category === "warranty")!;
    await page.goto("/");
    await expectAccessible(page);
    await page.getByRole("link", { name: article.title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/articles/${article.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: article.title })).toBeVisible();
    await expect(page.getByText(/^更新于 /)).toBeVisible();
    // The body is the server's rendering of the markdown: its first heading.
    const firstHeading = article.body_markdown.match(/^## (.+)$/m)![1];
    await expect(page.getByRole("heading", { level: 2, name: firstHeading })).toBeVisible();
    await expect(page).toHaveTitle(article.title);
    await expectAccessible(page);
    await page.getByRole("link", { name: "服务中心", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "需要什么帮助？" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an unknown article gets a friendly not-found page and a problem document", async ({
    page,
  }) => {
    await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
    await page.goto("/articles/no-such-article");
    await expect(page.getByRole("heading", { level: 1, name: "We can't find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the Help Center" })).toBeVisible();
    await expectAccessible(page);

    const response = await page.request.get("/api/v1/kb/articles/no-such-article");
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.status).toBe(404);
    expect(typeof problem.type).toBe("string");
    expect(typeof problem.title).toBe("string");
  });

  test("an unknown address gets the not-found page", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { level: 1, name: "We can't find that page" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Go to the Help Center" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
    await expectAccessible(page);
  });
});
