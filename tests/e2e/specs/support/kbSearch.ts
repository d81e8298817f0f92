// The help center's search as a customer uses it: the search box, the list of
// results and the polite status line above it, read by role and name. The
// server's own search (`GET /api/v1/kb/search`, the same engine the portal
// runs offline) is the oracle: after each keystroke the page must list the
// articles the server finds for the same text.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type Locale = "en" | "zh-CN" | "zh-TW";

/** One result as `GET /api/v1/kb/search` answers it. */
export type SearchHit = {
  id: string;
  title: string;
  category: string;
  locale: string;
  snippet: string;
  highlights: [number, number][];
  score: number;
};

/** How many results the help-center home lists. */
export const LISTED = 20;

/** What the page says, per language. */
type Words = {
  home: string;
  topics: string;
  box: string;
  results: string;
  found: (n: number) => string;
  none: (q: string) => string;
  openRequest: string;
};

const WORDS: Record<Locale, Words> = {
  en: {
    home: "How can we help?",
    topics: "Help topics",
    box: "Search help articles",
    results: "Search results",
    found: (n) => (n === 1 ? "1 article found" : `${n} articles found`),
    none: (q) => `No articles match “${q}”`,
    openRequest: "Open a service request",
  },
  "zh-CN": {
    home: "需要什么帮助？",
    topics: "帮助主题",
    box: "搜索帮助文章",
    results: "搜索结果",
    found: (n) => (n === 1 ? "找到 1 篇文章" : `找到 ${n} 篇文章`),
    none: (q) => `没有与“${q}”相符的文章`,
    openRequest: "提交服务请求",
  },
  "zh-TW": {
    home: "需要什麼協助？",
    topics: "說明主題",
    box: "搜尋說明文章",
    results: "搜尋結果",
    found: (n) => (n === 1 ? "找到 1 篇文章" : `找到 ${n} 篇文章`),
    none: (q) => `沒有與「${q}」相符的文章`,
    openRequest: "提出服務請求",
  },
};

/** The words of the help center in `locale`. */
export function wordsIn(locale: Locale) {
  return WORDS[locale];
}

/** Sets the portal's language before any page script runs. */
export async function useLocale(page: Page, locale: Locale) {
  await page.addInitScript((tag) => localStorage.setItem("aftercare.locale", tag), locale);
}

/** The help-center home's parts, by role and accessible name. */
export function helpHome(page: Page, locale: Locale) {
  const words = WORDS[locale];
  const hero = page.getByRole("region", { name: words.home });
  return {
    hero,
    landmark: page.getByRole("search"),
    box: page.getByRole("search").getByRole("searchbox", { name: words.box }),
    status: hero.getByRole("status"),
    results: page.getByRole("list", { name: words.results, exact: true }),
    openRequest: page.getByRole("link", { name: words.openRequest, exact: true }),
  };
}

/**
 * Opens the help-center home and waits until the knowledge base is loaded
 * (the topic cards are drawn from it), so the first keystroke is searched.
 */
export async function openHelpHome(page: Page, locale: Locale) {
  await page.goto("/");
  const home = helpHome(page, locale);
  await expect(page.getByRole("heading", { level: 1, name: WORDS[locale].home })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: WORDS[locale].topics })).toBeVisible();
  await expect(home.box).toBeVisible();
  return home;
}

/** The titles the results list shows, in order. */
export async function listedTitles(results: Locator): Promise<string[]> {
  if ((await results.count()) === 0) return [];
  return (await results.getByRole("heading", { level: 3 }).allInnerTexts()).map((t) => t.trim());
}

/** What the server's search finds for `text` in `locale` (up to 50, best first). */
export async function serverSearch(request: APIRequestContext, text: string, locale: Locale): Promise<SearchHit[]> {
  const response = await request.get("/api/v1/kb/search", { params: { q: text, locale, limit: "50" } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { results: SearchHit[] }).results;
}

/**
 * Waits until the page shows the results of `text`: the articles the
 * server finds for it (the first twenty of them when there are more), the
 * status line's count to match, or, when nothing matches, the zero-result
 * state naming the query. Returns the server's hits.
 */
export async function expectResultsFor(
  page: Page,
  request: APIRequestContext,
  text: string,
  locale: Locale,
  expected?: SearchHit[],
): Promise<SearchHit[]> {
  const hits = expected ?? (await serverSearch(request, text, locale));
  const home = helpHome(page, locale);
  const words = WORDS[locale];
  if (hits.length === 0) {
    await expect(home.status).toHaveText(words.none(text.trim()));
    await expect(home.results).toHaveCount(0);
    await expect(home.openRequest).toBeVisible();
    return hits;
  }
  const shown = Math.min(hits.length, LISTED);
  await expect(home.status).toHaveText(words.found(shown));
  const titles = hits.map((h) => h.title);
  if (hits.length <= LISTED) {
    await expect
      .poll(async () => (await listedTitles(home.results)).sort(), { message: `results for “${text}”` })
      .toEqual([...titles].sort());
  } else {
    const known = new Set(titles);
    await expect
      .poll(
        async () => {
          const listed = await listedTitles(home.results);
          return { count: listed.length, unknown: listed.filter((t) => !known.has(t)) };
        },
        { message: `results for “${text}”` },
      )
      .toEqual({ count: LISTED, unknown: [] });
  }
  return hits;
}

/** The result titled `title` in the results list. */
export function resultTitled(results: Locator, title: string): Locator {
  return results.getByRole("listitem").filter({ has: results.page().getByRole("heading", { level: 3, name: title, exact: true }) });
}

/**
 * The highlighted words of the results (or of one result). Playwright has no
 * role for `<mark>` (a screen reader announces it as "highlighted"), so this
 * is the one place a spec reads an element by its tag.
 */
export function marksIn(scope: Locator): Locator {
  return scope.locator("mark");
}
