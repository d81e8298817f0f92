// The help center's search, as a customer types: results on every keystroke
// in simplified Chinese and in English (typos forgiven), the zero-result state
// that opens a service request with the words carried over, search after an
// offline reload, and the analytics that reach the server. After each
// keystroke the page must list what the server's search (the same engine)
// finds for the same text.
import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";
import {
  expectResultsFor,
  LISTED,
  listedTitles,
  marksIn,
  openHelpHome,
  resultTitled,
  serverSearch,
  useLocale,
} from "./support/kbSearch";
import { brief, eventsAfter, lastEventId, outboxEntriesMentioning } from "./support/kbSignals";

/** The address of the help-center home searching for `text`. */
function homeSearching(text: string): RegExp {
  const escaped = encodeURIComponent(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`/\\?q=${escaped}$`);
}

const SETUP_EN = articlesIn("en").find((a) => a.id === "bw-printer-installation-en")!;
const FADED_EN = articlesIn("en").find((a) => a.id === "bw-printer-faded-print-en")!;
const PRINTERS_ZH = articlesIn("zh-CN").filter((a) => a.id.startsWith("bw-printer-"));

test("typing 打印机 character by character updates the results after each one", async ({ page, request }) => {
  await useLocale(page, "zh-CN");
  const home = await openHelpHome(page, "zh-CN");
  await expect(home.landmark).toBeVisible();
  await expectAccessible(page);

  let typed = "";
  const seen: string[] = [];
  for (const character of "打印机") {
    await home.box.pressSequentially(character, { delay: 80 });
    typed += character;
    await expect(home.box).toHaveValue(typed);
    await expect(page).toHaveURL(homeSearching(typed));
    const hits = await expectResultsFor(page, request, typed, "zh-CN");
    expect(hits.length, `“${typed}” finds articles`).toBeGreaterThan(0);
    seen.push(JSON.stringify(await listedTitles(home.results)));
    // What was typed so far is marked in the snippets.
    await expect(marksIn(home.results).filter({ hasText: typed }).first()).toBeVisible();
    await expectAccessible(page);
  }
  // The list really changed as the word grew ("打" alone is in many more articles).
  expect(new Set(seen).size, `results for 打, 打印, 打印机: ${seen.join(" / ")}`).toBeGreaterThan(1);

  const listed = await listedTitles(home.results);
  const printers = PRINTERS_ZH.map((a) => a.title).filter((t) => listed.includes(t));
  expect(printers.length, `BW printer articles among ${listed}`).toBeGreaterThan(0);
  // Only the customer's language and its sibling script: no English article.
  for (const article of articlesIn("en")) expect(listed).not.toContain(article.title);
  const first = resultTitled(home.results, printers[0]);
  await expect(marksIn(first).first()).toBeVisible();
});

test("typing “calibrat” finds the printer set-up and faded-print articles, and a typo still does", async ({
  page,
  request,
}) => {
  await useLocale(page, "en");
  const home = await openHelpHome(page, "en");
  await expectAccessible(page);

  let typed = "";
  for (const character of "calibrat") {
    await home.box.pressSequentially(character, { delay: 80 });
    typed += character;
    await expect(home.box).toHaveValue(typed);
    await expect(page).toHaveURL(homeSearching(typed));
    await expectResultsFor(page, request, typed, "en");
  }
  await expectAccessible(page);
  // Both articles are tagged "calibration" and say it most: they lead.
  const leading = (await listedTitles(home.results)).slice(0, 2).sort();
  expect(leading).toEqual([SETUP_EN.title, FADED_EN.title].sort());
  for (const article of [SETUP_EN, FADED_EN]) {
    const result = resultTitled(home.results, article.title);
    await expect(result.getByRole("link", { name: article.title, exact: true })).toHaveAttribute(
      "href",
      `/articles/${article.id}`,
    );
    await expect(marksIn(result).filter({ hasText: /^calibrat/i }).first()).toBeVisible();
  }

  await home.box.fill("calbration");
  await expect(page).toHaveURL(homeSearching("calbration"));
  await expectResultsFor(page, request, "calbration", "en");
  const forTypo = (await listedTitles(home.results)).slice(0, 2).sort();
  expect(forTypo).toEqual([SETUP_EN.title, FADED_EN.title].sort());
  await expectAccessible(page);
});

test("a traditional-Chinese customer gets zh-TW articles first, then simplified ones marked as such", async ({
  page,
  request,
}) => {
  await useLocale(page, "zh-TW");
  const home = await openHelpHome(page, "zh-TW");
  await home.box.pressSequentially("保固", { delay: 80 });
  const hits = await expectResultsFor(page, request, "保固", "zh-TW");
  const traditional = hits.filter((h) => h.locale === "zh-TW").map((h) => h.title);
  const simplified = hits.filter((h) => h.locale === "zh-CN").map((h) => h.title);
  expect(traditional.length, "zh-TW articles found").toBeGreaterThan(0);
  expect(simplified.length, "zh-CN articles found").toBeGreaterThan(0);
  expect(traditional.length + simplified.length, "only the two Chinese scripts").toBe(hits.length);
  const listed = await listedTitles(home.results);
  expect(listed.slice(0, traditional.length).sort()).toEqual([...traditional].sort());
  expect(listed.slice(traditional.length).sort()).toEqual([...simplified].sort());
  // Each simplified article names its script; the customer's own do not.
  await expect(resultTitled(home.results, simplified[0])).toContainText("简体中文");
  await expect(resultTitled(home.results, traditional[0])).not.toContainText("简体中文");
  await expectAccessible(page);
});

test("a search that finds nothing opens a service request with the words carried over", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const before = lastEventId();
  await useLocale(page, "en");
  const home = await openHelpHome(page, "en");
  const words = "zqxj vwkp";
  await home.box.fill(words);
  await expectResultsFor(page, request, words, "en");
  await expect(home.openRequest).toHaveAttribute("href", `/requests/new?subject=${encodeURIComponent(words)}`);
  await expectAccessible(page);

  await home.openRequest.click();
  await expect(page).toHaveURL(/\/requests\/new\?subject=zqxj%20vwkp$/);
  await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await expect(page.getByLabel(/^What is wrong\?/)).toHaveValue(words);
  await expectAccessible(page);

  // The search that found nothing is counted once as a zero result.
  const expected = [{ kind: "zero_result", query_key: words, article_id: null, results: 0 }];
  const ours = () => brief(eventsAfter(before).filter((e) => e.query_key === words));
  await expect.poll(ours, { timeout: 30_000 }).toEqual(expected);
});

test("after one visit online, search works offline after a reload", async ({ page, context, request }) => {
  await useLocale(page, "en");
  const home = await openHelpHome(page, "en");
  await home.box.fill("faded");
  const faded = await expectResultsFor(page, request, "faded", "en");
  // The app shell must be kept by the service worker for a reload without a network.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const printhead = await serverSearch(request, "printhead", "en");
  expect(printhead.map((h) => h.id)).toContain(FADED_EN.id);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "You are offline. You are reading a copy saved on this device." }),
  ).toBeVisible();
  // The query lives in the address, so the reload brings it back with its results.
  await expect(home.box).toHaveValue("faded");
  await expectResultsFor(page, request, "faded", "en", faded);
  await expectAccessible(page);

  await home.box.fill("printhead");
  await expectResultsFor(page, request, "printhead", "en", printhead);
  await expectAccessible(page);
  await home.results.getByRole("link", { name: FADED_EN.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: FADED_EN.title })).toBeVisible();
  await expectAccessible(page);
});

test("a search and a click on its result reach the server's analytics, once each", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const before = lastEventId();
  await useLocale(page, "en");
  const home = await openHelpHome(page, "en");
  await home.box.fill("darkness");
  const hits = await expectResultsFor(page, request, "darkness", "en");
  const shown = Math.min(hits.length, LISTED);
  const opened = hits[0];
  await home.results.getByRole("link", { name: opened.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${opened.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: opened.title })).toBeVisible();

  const expected = [
    { kind: "search", query_key: "darkness", article_id: null, results: shown },
    { kind: "result_click", query_key: "darkness", article_id: opened.id, results: null },
  ];
  const ours = () => brief(eventsAfter(before).filter((e) => e.query_key === "darkness"));
  // Events are sent in batches (every ten seconds, or when the page is hidden).
  await expect.poll(ours, { timeout: 30_000 }).toEqual(expected);
  await page.waitForTimeout(2_000);
  expect(ours()).toEqual(expected);
  const rows = eventsAfter(before).filter((e) => e.query_key === "darkness");
  expect(rows.every((e) => e.locale === "en" && e.query === "darkness")).toBe(true);
});

test("searches made offline reach the server's analytics once the device is back online", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const before = lastEventId();
  await useLocale(page, "en");
  const home = await openHelpHome(page, "en");
  // The first visit online keeps the articles and the app shell on the device.
  await home.box.fill("faded");
  await expectResultsFor(page, request, "faded", "en");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await home.box.fill("");
  const ribbon = await serverSearch(request, "ribbon", "en");
  const opened = ribbon[0];

  await context.setOffline(true);
  await page.reload();
  await expect(home.box).toBeVisible();
  await home.box.fill("ribbon");
  await expectResultsFor(page, request, "ribbon", "en", ribbon);
  await home.results.getByRole("link", { name: opened.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: opened.title })).toBeVisible();
  const expected = [
    { kind: "search", query_key: "ribbon", article_id: null, results: Math.min(ribbon.length, LISTED) },
    { kind: "result_click", query_key: "ribbon", article_id: opened.id, results: null },
  ];
  const ours = () => brief(eventsAfter(before).filter((e) => e.query_key === "ribbon"));
  // The batch is due after ten seconds; offline it waits in the device's outbox.
  await expect.poll(() => outboxEntriesMentioning(page, "ribbon"), { timeout: 20_000 }).toBe(1);
  expect(ours(), "events stored while offline").toEqual([]);

  await context.setOffline(false);
  await expect.poll(ours, { timeout: 30_000 }).toEqual(expected);
  await expect.poll(() => outboxEntriesMentioning(page, "ribbon")).toBe(0);
  await page.waitForTimeout(2_000);
  expect(ours()).toEqual(expected);
});
