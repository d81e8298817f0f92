// The embeddable widget on the demo vendor's page, which the server serves on
// a second listener — another origin, allowed to embed the portal
// (VENDOR_URL) — and under a name that is not allowed (VENDOR_FOREIGN_URL):
// the loader draws only a button until it is opened; the widget searches,
// opens articles and sends requests inside its frame as the customer the
// vendor identified, and tells the host page the request's number; messages
// from anyone but the host page, or of the wrong shape, change nothing (not
// even an identify with a valid token signs anyone in); and
// a page on an origin the server does not list cannot frame the portal.
import type { FrameLocator, Page } from "@playwright/test";

import { expect, expectAccessible, test } from "./fixtures";
import { fillConsultation } from "./support/consultation";
import { query } from "./support/db";
import { vendorForeignUrl, vendorUrl } from "./support/env";

/** The portal's origin (the server the specs run against). */
const PORTAL = new URL(process.env.BASE_URL ?? "http://127.0.0.1").origin;
/** The widget's frame, by its title. */
const FRAME = 'iframe[title="Help center"]';
const HOME_TITLE = "How can we help?";

/** The vendor's product page on `origin`, with the widget's launcher drawn. */
async function openVendorPage(page: Page, origin: string) {
  await page.goto(`${origin}/demo/vendor.html`);
  const launcher = page.getByRole("button", { name: "Help", exact: true });
  await expect(launcher).toBeVisible();
  return launcher;
}

/** Opens the widget with its launcher and waits for the home in the frame. */
async function openWidget(page: Page): Promise<FrameLocator> {
  await page.getByRole("button", { name: "Help", exact: true }).click();
  const widget = page.frameLocator(FRAME);
  await expect(widget.getByRole("heading", { level: 1, name: HOME_TITLE })).toBeVisible();
  return widget;
}

/** The host page's list of the widget's events. */
function widgetEvents(page: Page) {
  return page.getByRole("log", { name: "Widget events" }).getByRole("listitem");
}

test("the loader draws only a button until it is opened; the widget searches and opens an article in its frame", async ({
  page,
}) => {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  const launcher = await openVendorPage(page, vendorUrl());
  await page.waitForLoadState("networkidle");
  // Nothing but the loader comes from the portal before the launcher is used.
  expect(requests.filter((url) => url.startsWith(PORTAL))).toEqual([`${PORTAL}/embed.js`]);
  expect(requests.filter((url) => /\.wasm(\?|$)/.test(url))).toEqual([]);
  await expect(launcher).toHaveAttribute("aria-expanded", "false");
  await expectAccessible(page);

  const hostAddress = page.url();
  const widget = await openWidget(page);
  await expect(launcher).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("dialog", { name: "Help center" })).toBeVisible();
  expect(requests.some((url) => url.startsWith(PORTAL) && /\.wasm(\?|$)/.test(url))).toBe(true);
  const source = await page.locator(FRAME).getAttribute("src");
  expect(source).toBe(`${PORTAL}/widget?host=${encodeURIComponent(vendorUrl())}&locale=en&accent=%230a7a5c`);
  // The compact layout: its own tabs and Close, no footer.
  const tabs = widget.getByRole("navigation", { name: "Main" });
  for (const name of ["Search", "New request", "My requests"]) {
    await expect(tabs.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(widget.getByRole("button", { name: "Close", exact: true })).toBeVisible();
  await expect(widget.getByRole("contentinfo")).toHaveCount(0);
  await expectAccessible(page);

  // Search, then open an article: all inside the frame.
  const box = widget.getByRole("search").getByRole("searchbox", { name: "Search help articles" });
  await box.fill("error codes");
  const results = widget.getByRole("list", { name: "Search results", exact: true });
  await results.getByRole("link", { name: /error codes and fixes/ }).first().click();
  await expect(
    widget.getByRole("heading", { level: 1, name: "BW-200 / BW-500 error codes and fixes" }),
  ).toBeVisible();
  expect(page.url()).toBe(hostAddress);
  await expectAccessible(page);

  // Escape inside the frame closes the widget; focus goes back to the launcher.
  await widget.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Help center" })).toBeHidden();
  await expect(launcher).toHaveAttribute("aria-expanded", "false");
  await expect(launcher).toBeFocused();
  // Opening again keeps the frame where the customer left it.
  await launcher.press("Enter");
  await expect(
    widget.getByRole("heading", { level: 1, name: "BW-200 / BW-500 error codes and fixes" }),
  ).toBeVisible();
  await widget.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Help center" })).toBeHidden();
  await expect(launcher).toBeFocused();
  await expect(widgetEvents(page)).toHaveText(["open", "close", "open", "close"]);
});

test("a customer the vendor identified sends a request in the widget, and the host page hears its number", async ({
  page,
}) => {
  await openVendorPage(page, vendorUrl());
  const widget = await openWidget(page);
  await page.getByRole("button", { name: "Sign in as demo customer" }).click();
  await expect(widgetEvents(page).filter({ hasText: /^identified$/ })).toHaveCount(1);

  // A prefill opens the form with the vendor's words, without opening
  // anything else; one sent while the form is open fills what is still
  // empty and replaces nothing.
  const prefill = (fields: Record<string, string>) =>
    page.evaluate(
      (fields) => (window as unknown as { Aftercare: (...args: unknown[]) => void }).Aftercare("prefill", fields),
      fields,
    );
  const question = `Widget question ${Date.now()}`;
  await prefill({ type: "consultation" });
  await expect(widget.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
  await expect(widget.getByRole("radio", { name: /^Consultation/ })).toBeChecked();
  const questionBox = widget.getByLabel(/^Your question/);
  await expect(questionBox).toHaveValue("");
  await prefill({ subject: question });
  await expect(questionBox).toHaveValue(question);
  // The serial number was still empty and fills, so this prefill has been
  // applied: the question it carries changed nothing.
  const serial = `BW500-WIDGET-${Date.now() % 100000}`;
  await prefill({ subject: "Another question", serial_number: serial });
  await expect(widget.getByRole("textbox", { name: /^Serial number/ })).toHaveValue(serial);
  await expect(questionBox).toHaveValue(question);
  await expect(widget.getByRole("radio", { name: /^Consultation/ })).toBeChecked();
  await fillConsultation(widget, { question, name: "Demo Customer" });
  await widget.getByRole("button", { name: "Send request" }).click();

  const created = widgetEvents(page).filter({ hasText: /^requestCreated AC-/ });
  await expect(created).toHaveCount(1);
  const number = (await created.innerText()).replace("requestCreated", "").trim();
  await expect(widget.getByRole("heading", { level: 1, name: `Request ${number}` })).toBeVisible();
  await expectAccessible(page);

  // On the server the request is the identified customer's.
  const owners = query<{ email: string }>(
    `SELECT c.email AS email FROM service_requests r JOIN customers c ON c.id = r.customer_id
     WHERE r.number = ?`,
    [number],
  );
  expect(owners).toEqual([{ email: "demo.customer@example.com" }]);

  // "My requests" in the widget lists it.
  await widget.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My requests" }).click();
  await expect(widget.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(widget.getByText(number).first()).toBeVisible();
});

test("messages from another origin, or of the wrong shape, change nothing in the widget", async ({
  page,
  context,
  request,
}) => {
  // A valid embed token, signed by the vendor's own server as its page's
  // button would get it: whoever posts it must still not sign anyone in.
  const minted = await request.post(`${vendorUrl()}/demo/token`, { headers: { Accept: "application/json" } });
  expect(minted.ok(), await minted.text()).toBe(true);
  const { token } = (await minted.json()) as { token: string };
  expect(token.split(".")).toHaveLength(3);
  await openVendorPage(page, vendorUrl());
  const widget = await openWidget(page);
  const frame = page.frames().find((f) => f.url().startsWith(PORTAL));
  expect(frame, "the widget's frame").toBeTruthy();
  // Every change of the widget's language, from now on.
  await frame!.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { languages: string[] }).languages = seen;
    new MutationObserver(() => seen.push(document.documentElement.lang)).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["lang"],
    });
  });
  const zhCn = { aftercare: 1, type: "setLocale", locale: "zh-CN" };
  const identify = { aftercare: 1, type: "identify", token };

  // A page on another origin that holds the widget's window (it was opened
  // from the frame) posts to it.
  const [foreign] = await Promise.all([
    context.waitForEvent("page"),
    frame!.evaluate((url) => void window.open(url), `${vendorForeignUrl()}/demo/vendor.html?widget=off`),
  ]);
  await foreign.waitForLoadState();
  expect(await foreign.evaluate(() => location.origin)).toBe(new URL(vendorForeignUrl()).origin);
  await foreign.evaluate(
    (messages) => messages.forEach((message) => window.opener.postMessage(message, "*")),
    [zhCn, identify],
  );
  // The same words claiming to come from the host page but from another
  // origin, and from the host's origin but not from the parent window.
  await frame!.evaluate(
    ({ messages, foreignOrigin, hostOrigin }) => {
      for (const message of messages) {
        const parent = window.parent;
        window.dispatchEvent(new MessageEvent("message", { data: message, origin: foreignOrigin, source: parent }));
        window.dispatchEvent(new MessageEvent("message", { data: message, origin: hostOrigin, source: window }));
      }
    },
    {
      messages: [zhCn, identify],
      foreignOrigin: new URL(vendorForeignUrl()).origin,
      hostOrigin: new URL(vendorUrl()).origin,
    },
  );
  // The host page itself, with messages of the wrong shape.
  await page.evaluate(({ portal, token }) => {
    const host = document.querySelector("aftercare-widget");
    const target = host?.shadowRoot?.querySelector("iframe")?.contentWindow;
    if (!target) throw new Error("no widget frame");
    target.postMessage({ type: "setLocale", locale: "zh-CN" }, portal);
    target.postMessage({ aftercare: "1", type: "setLocale", locale: "zh-CN" }, portal);
    target.postMessage({ aftercare: 1, type: "setLocale", locale: ["zh-CN"] }, portal);
    target.postMessage({ aftercare: 1, type: "setlocale", locale: "zh-CN" }, portal);
    target.postMessage(JSON.stringify({ aftercare: 1, type: "setLocale", locale: "zh-CN" }), portal);
    target.postMessage({ type: "identify", token }, portal);
    target.postMessage({ aftercare: 1, type: "identify", token: [token] }, portal);
    target.postMessage({ aftercare: 1, type: "Identify", token }, portal);
    target.postMessage(JSON.stringify({ aftercare: 1, type: "identify", token }), portal);
  }, { portal: PORTAL, token });
  // Long enough for a sign-in the widget wrongly accepted to reach the
  // server and come back.
  await page.waitForTimeout(1500);
  await expect(widget.getByRole("heading", { level: 1, name: HOME_TITLE })).toBeVisible();

  // Nobody is signed in: the host heard no "identified" (nor anything but
  // the opening), and My requests in the frame asks the customer to sign in.
  const identified = widgetEvents(page).filter({ hasText: /^identified$/ });
  await expect(widgetEvents(page)).toHaveText(["open"]);
  const tabs = widget.getByRole("navigation", { name: "Main" });
  await tabs.getByRole("link", { name: "My requests", exact: true }).click();
  await expect(widget.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  const signIn = widget.getByRole("main").getByRole("link", { name: "Sign in", exact: true });
  await expect(signIn).toBeVisible();
  // Nor did the language change.
  const languages = () => frame!.evaluate(() => (window as unknown as { languages: string[] }).languages);
  expect(await languages()).toEqual([]);
  // The very same token from the host page, through the loader, signs the
  // customer in: what was refused above was the sender, not the token.
  await page.evaluate(
    (token) => (window as unknown as { Aftercare: (...args: unknown[]) => void }).Aftercare("identify", { token }),
    token,
  );
  await expect(identified).toHaveCount(1);
  await expect(signIn).toHaveCount(0);
  await tabs.getByRole("link", { name: "Search", exact: true }).click();
  await expect(widget.getByRole("heading", { level: 1, name: HOME_TITLE })).toBeVisible();
  // Signing in may set the customer's own language (English here); only
  // what follows counts below.
  await frame!.evaluate(() => void ((window as unknown as { languages: string[] }).languages.length = 0));

  // The vendor's own call, through the loader, is heard.
  await page.evaluate(() =>
    (window as unknown as { Aftercare: (...args: unknown[]) => void }).Aftercare("setLocale", "zh-TW"),
  );
  await expect(widget.getByRole("heading", { level: 1, name: "需要什麼協助？" })).toBeVisible();
  await page.waitForTimeout(300);
  expect(await languages()).toEqual(["zh-TW"]);
});

test("a page on an origin the server does not list cannot frame the portal", async ({ page, pageErrors }) => {
  const launcher = await openVendorPage(page, vendorForeignUrl());
  const refused = page.waitForEvent("console", (message) => /frame-ancestors/.test(message.text()));
  await launcher.click();
  await refused;
  // The panel is open, but the portal never answered: its own Close stays,
  // no frame shows the portal, and the home never appears.
  const dialog = page.getByRole("dialog", { name: "Help center" });
  const close = dialog.getByRole("button", { name: "Close", exact: true });
  await expect(close).toBeVisible();
  await expect(page.locator(FRAME)).toHaveCount(1);
  await page.waitForTimeout(1000);
  expect(page.frames().filter((f) => f.url().startsWith(PORTAL))).toEqual([]);
  await expect(page.frameLocator(FRAME).getByRole("heading", { name: HOME_TITLE })).toHaveCount(0);
  await close.click();
  await expect(dialog).toBeHidden();
  await expect(launcher).toBeFocused();
  // The browser's report of the refusal is expected here, not an error of the page.
  const unexpected = pageErrors.filter((error) => !/frame-ancestors/.test(error));
  pageErrors.splice(0, pageErrors.length, ...unexpected);
});
