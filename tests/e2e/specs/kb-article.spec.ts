// The article page: "Was this helpful?" answered offline reaches the server
// exactly once when the device is back online; an article whose Markdown
// carries scripts, event handlers, `javascript:` links and frames renders
// inert (no dialog, no CSP violation) and searches as plain text; related
// articles and category pages lead on to other articles.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn, demoArticles } from "./demo-content";
import { importArticles, type ImportArticle } from "./support/kbImport";
import { expectResultsFor, marksIn, openHelpHome, resultTitled, useLocale } from "./support/kbSearch";
import { feedbackOn } from "./support/kbSignals";

const article = (id: string) => articlesIn("en").find((a) => a.id === id)!;

test("a vote given offline is saved on the device and reaches the server exactly once", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  // No other test votes on this article.
  const defrost = article("cs40-temperature-defrost-en");
  const comment = `e2e-vote-${Date.now().toString(36)}: the defrost steps do not say where the water drains`;
  const before = feedbackOn(defrost.id).length;
  await useLocale(page, "en");
  await page.goto(`/articles/${defrost.id}`);
  await expect(page.getByRole("heading", { level: 1, name: defrost.title })).toBeVisible();
  const question = page.getByRole("region", { name: "Was this helpful?" });
  await expect(question.getByRole("button", { name: "Yes", exact: true })).toBeVisible();
  await expectAccessible(page);
  // The app shell must be kept for the reload later.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await question.getByRole("button", { name: "No", exact: true }).click();
  await expect(question.getByRole("button", { name: "No", exact: true })).toHaveAttribute("aria-pressed", "true");
  await question.getByLabel("What was missing or unclear? (optional)").fill(comment);
  await expectAccessible(page);
  await question.getByRole("button", { name: "Send", exact: true }).click();

  const thanks = page.getByRole("region", { name: "Thank you for your feedback" });
  await expect(thanks).toContainText("Saved on this device — it will be sent when you are online.");
  await expect(page.getByRole("button", { name: /^(Yes|No|Send)$/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.waitForTimeout(1_000);
  expect(feedbackOn(defrost.id), "answers stored while offline").toHaveLength(before);

  await context.setOffline(false);
  await expect.poll(() => feedbackOn(defrost.id).length - before, { timeout: 30_000 }).toBe(1);
  const row = feedbackOn(defrost.id).at(-1)!;
  expect({ helpful: row.helpful, comment: row.comment, locale: row.locale }).toEqual({
    helpful: 0,
    comment,
    locale: "en",
  });
  expect(row.idempotency_key, "sent with an Idempotency-Key").toBeTruthy();
  await expect(thanks).toContainText("The people who write these articles read every answer.");
  // Nothing more arrives later.
  await page.waitForTimeout(2_000);
  expect(feedbackOn(defrost.id).length - before).toBe(1);

  // The device remembers the answer: the article thanks instead of asking.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: defrost.title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Thank you for your feedback" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Yes|No)$/ })).toHaveCount(0);
  await expectAccessible(page);
  expect(feedbackOn(defrost.id).length - before).toBe(1);
});

test("an article with scripts, handlers, javascript: links and frames in its Markdown renders inert", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const hostile: ImportArticle = {
    id: `e2e-hostile-${stamp}`,
    locale: "en",
    category: "billing",
    title: `Quokkalumen gasket notes ${stamp}`,
    tags: ["quokkalumen"],
    body_markdown: [
      `Quokkalumen gaskets need a gentle touch. <script>window.__pwned=1;alert(1)</script> A picture: <img src=x alt="" onerror="window.__pwned=2;alert(2)"> and a [harmless looking link](javascript:window.__pwned=3) in one paragraph.`,
      "",
      "<script>",
      "window.__pwned = 4; alert(4);",
      "</script>",
      "",
      `<iframe src="javascript:alert(5)" srcdoc="<script>parent.__pwned=5;alert(5)</script>"></iframe>`,
      "",
      `<p><a href="javascript:window.__pwned=6" onclick="window.__pwned=7;alert(7)">another way in</a></p>`,
      "",
      "## Quokkalumen care",
      "",
      "Wipe the gasket with a dry cloth.",
    ].join("\n"),
  };
  expect(importArticles([hostile])).toContain("1 added");
  try {
    await expectInert(page, hostile);
  } finally {
    // The knowledge base goes back to the demo articles for the specs after this one.
    expect(importArticles(demoArticles, { prune: true })).toMatch(/ [1-9]\d* deleted$/);
  }
});

/** Opens the hostile article from a search and checks that nothing in it runs. */
async function expectInert(page: Page, hostile: ImportArticle) {
  // What a hostile page would set off: dialogs, CSP violations, errors.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const cspConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      w.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await useLocale(page, "en");

  // Search finds it by its title, and its snippet is plain text.
  const home = await openHelpHome(page, "en");
  await home.box.fill("Quokkalumen");
  await expectResultsFor(page, page.request, "Quokkalumen", "en");
  const result = resultTitled(home.results, hostile.title);
  await expect(result).toBeVisible();
  await expect(marksIn(result).first()).toHaveText(/quokkalumen/i);
  const resultText = await result.innerText();
  for (const bad of ["<", ">", "script", "onerror", "javascript", "alert", "__pwned", "iframe"]) {
    expect(resultText, `the result shows “${bad}”`).not.toContain(bad);
  }
  const resultTags = await result.evaluate((li) => [...li.querySelectorAll("*")].map((e) => e.tagName.toLowerCase()));
  expect(resultTags.filter((t) => !["h3", "a", "p", "span", "mark"].includes(t))).toEqual([]);
  await expectAccessible(page);

  await result.getByRole("link", { name: hostile.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${hostile.id}$`));
  const body = page.getByRole("article", { name: hostile.title });
  await expect(body.getByRole("heading", { level: 2, name: "Quokkalumen care" })).toBeVisible();
  await expect(body).toContainText("Wipe the gasket with a dry cloth.");
  await expect(body).toContainText("harmless looking link");
  await expectAccessible(page);

  // Nothing executable is left in the article's DOM.
  const findings = await body.evaluate((root) => {
    const found: string[] = [];
    for (const element of root.querySelectorAll("*")) {
      const tag = element.tagName.toLowerCase();
      if (["script", "iframe", "frame", "object", "embed", "style", "base", "form"].includes(tag)) found.push(`<${tag}>`);
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name) ?? "";
        if (name.startsWith("on") || name === "srcdoc") found.push(`${tag}[${name}]`);
        if (/^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${tag}[${name}=${value}]`);
      }
    }
    return found;
  });
  expect(findings, "executable markup in the article").toEqual([]);
  await expect(body).not.toContainText("__pwned");
  await expect(body).not.toContainText("alert(");

  // The javascript: links are no longer links; clicking their words does nothing.
  for (const words of ["harmless looking link", "another way in"]) {
    const link = body.getByRole("link", { name: words });
    await expect(link, `“${words}” is still announced as a link`).toHaveCount(0);
    await body.getByText(words, { exact: true }).click();
  }
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(new RegExp(`/articles/${hostile.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: hostile.title })).toBeVisible();

  expect(dialogs, "dialogs opened").toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(cspConsole, "CSP reports in the console").toEqual([]);
}

test("related articles list other articles about the same things, and they open", async ({ page }) => {
  const faded = article("bw-printer-faded-print-en");
  const settings = article("bw-printer-print-settings-en");
  await useLocale(page, "en");
  await page.goto(`/articles/${faded.id}`);
  await expect(page.getByRole("heading", { level: 1, name: faded.title })).toBeVisible();
  const related = page.getByRole("list", { name: "Related articles" });
  await expect(related.getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page);

  const titles = await related.getByRole("heading", { level: 3 }).allInnerTexts();
  expect(titles).not.toContain(faded.title);
  // Only articles in the customer's language, and the print-quality one among them.
  const english = new Set(articlesIn("en").map((a) => a.title));
  expect(titles.filter((t) => !english.has(t))).toEqual([]);
  expect(titles).toContain(settings.title);

  await related.getByRole("link", { name: settings.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${settings.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: settings.title })).toBeVisible();
  // The list follows the article now shown: it never lists that article itself.
  const next = page.getByRole("list", { name: "Related articles" });
  await expect(next.getByRole("link", { name: settings.title, exact: true })).toHaveCount(0);
  await expect(next.getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page);
});

test("a topic opens its category page with every article in it", async ({ page }) => {
  await useLocale(page, "en");
  await openHelpHome(page, "en");
  await page.getByRole("link", { name: "Faults & troubleshooting", exact: true }).click();
  await expect(page).toHaveURL(/\/categories\/troubleshooting$/);
  await expect(page.getByRole("heading", { level: 1, name: "Faults & troubleshooting" })).toBeVisible();
  const list = page.getByRole("list", { name: "Faults & troubleshooting" });
  const expected = articlesIn("en").filter((a) => a.category === "troubleshooting");
  await expect(list.getByRole("listitem")).toHaveCount(expected.length);
  for (const a of expected) {
    await expect(list.getByRole("link", { name: a.title, exact: true })).toHaveAttribute("href", `/articles/${a.id}`);
  }
  await expectAccessible(page);
  await list.getByRole("link", { name: expected[0].title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: expected[0].title })).toBeVisible();
});
