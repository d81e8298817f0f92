// Deflection: while a customer describes a problem on the new-request form,
// matching articles appear beside the description; "This solved it" closes
// the form, deletes the draft from the device and records a deflection on the
// server, online or later from the outbox. The deflection names the article
// only: the description may hold names or phone numbers, so it never leaves
// the device as analytics.
import { test, expect, expectAccessible } from "./fixtures";
import { articlesIn } from "./demo-content";
import { brief, eventsAfter, lastEventId } from "./support/kbSignals";
import { openForm } from "./support/requestForm";

const FADED = articlesIn("en").find((a) => a.id === "bw-printer-faded-print-en")!;

/** The events after `afterId` whose query holds `text`. */
function mentioning(afterId: number, text: string) {
  return eventsAfter(afterId).filter((e) => (e.query_key ?? "").includes(text.toLowerCase()));
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

test("an article that solves the problem closes the form, drops the draft and records a deflection", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const before = lastEventId();
  const problem = "The printer prints faded labels";
  await openForm(page);
  const suggested = page.getByRole("complementary", { name: "Suggested articles" });
  await expect(suggested.getByRole("listitem")).toHaveCount(0);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await page.getByLabel(/^What is wrong\?/).pressSequentially(problem, { delay: 20 });

  const suggestion = suggested
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: FADED.title, exact: true }) });
  await expect(suggested.getByRole("heading", { level: 2, name: "These articles may help" })).toBeVisible();
  await expect(suggestion).toBeVisible();
  const count = await suggested.getByRole("listitem").count();
  expect(count, "at most three suggestions").toBeLessThanOrEqual(3);
  await expect(suggestion.getByRole("link", { name: "Read the article" })).toHaveAttribute("href", `/articles/${FADED.id}`);
  await expectAccessible(page);

  // The draft is kept on the device as the customer types: a reload brings it back.
  await page.reload();
  await expect(page.getByText(/^Draft restored from /)).toBeVisible();
  await expect(page.getByLabel(/^What is wrong\?/)).toHaveValue(problem);
  await expect(suggestion).toBeVisible();

  await suggestion.getByRole("button", { name: "This solved it" }).click();
  const glad = page.getByRole("region", { name: "Glad that helped" });
  await expect(glad).toContainText("We have not opened a request, and your draft has been deleted from this device.");
  await expect(glad.getByRole("link", { name: `Back to the article: ${FADED.title}` })).toHaveAttribute(
    "href",
    `/articles/${FADED.id}`,
  );
  await expect(page.getByRole("button", { name: "Send request" })).toBeHidden();
  await expect(page.getByLabel(/^What is wrong\?/)).toBeHidden();
  await expectAccessible(page);

  const expected = [{ kind: "deflection", query_key: null, article_id: FADED.id, results: null }];
  const deflections = () => brief(eventsAfter(before).filter((e) => e.kind === "deflection"));
  await expect.poll(deflections, { timeout: 30_000 }).toEqual(expected);

  // Nothing the customer typed is left: the form starts empty.
  await page.goto("/requests/new");
  await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).not.toBeChecked();
  await expect(page.getByText(/^Draft restored from /)).toHaveCount(0);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await expect(page.getByLabel(/^What is wrong\?/)).toHaveValue("");
  await expect(suggested.getByRole("listitem")).toHaveCount(0);
  await expectAccessible(page);
  expect(deflections(), "deflections recorded once").toEqual(expected);
  expect(mentioning(before, problem), "events holding the description").toEqual([]);
});

test("an article that solves the problem offline records the deflection once back online", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const before = lastEventId();
  const problem = "Labels come out faded and streaky";
  await openForm(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await page.getByLabel(/^What is wrong\?/).pressSequentially(problem, { delay: 20 });
  const suggested = page.getByRole("complementary", { name: "Suggested articles" });
  const suggestion = suggested
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: FADED.title, exact: true }) });
  await suggestion.getByRole("button", { name: "This solved it" }).click();
  await expect(page.getByRole("region", { name: "Glad that helped" })).toBeVisible();
  await expectAccessible(page);

  const expected = [{ kind: "deflection", query_key: null, article_id: FADED.id, results: null }];
  const deflections = () => brief(eventsAfter(before).filter((e) => e.kind === "deflection"));
  await page.waitForTimeout(2_000);
  expect(deflections(), "deflections stored while offline").toEqual([]);

  await context.setOffline(false);
  await expect.poll(deflections, { timeout: 30_000 }).toEqual(expected);
  await page.waitForTimeout(2_000);
  expect(deflections()).toEqual(expected);
  expect(mentioning(before, problem), "events holding the description").toEqual([]);
});
