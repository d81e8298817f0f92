// The new-request form: each type's own fields, conditional fields, the
// severity promise, warranty status, validation at the field (nothing sent),
// drafts that survive a reload with their files, discarding that asks first,
// the complaint link, a full device (issue 4, scenario 5), the form offline,
// fixing a request the server refused, and a signed-in customer's email.
import type { Locator } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { countRequests, query } from "./support/db";
import { messageOf, isoDay, openForm, outboxCount, PDF, putInStore, screens } from "./support/requestForm";
import { latestSignInCode, signInCodeCount } from "./support/signIn";

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("aftercare.locale", "en"));
});

test("each type shows its own fields, and switching type swaps them", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await expect(page.getByLabel(/^Serial number/)).toBeVisible();
  await expect(page.getByLabel(/^When did it start\?/)).toBeVisible();
  await expect(page.getByRole("combobox", { name: /^How often does it happen\?/ })).toBeVisible();
  // Required fields say so in words.
  await expect(page.getByLabel("Serial number (required)")).toBeVisible();
  await expect(page.getByLabel(/^Error code or message shown$/)).toBeVisible();

  await page.getByLabel(/^Contact name/).fill("Li Wei");
  await page.getByRole("radio", { name: /^Suggestion/ }).check();
  await expect(page.getByLabel(/^Your suggestion/)).toBeVisible();
  await expect(page.getByLabel(/^When did it start\?/)).toHaveCount(0);
  await expect(page.getByLabel(/^Serial number/)).toHaveCount(0);
  // Answers common to both types stay.
  await expect(page.getByLabel(/^Contact name/)).toHaveValue("Li Wei");
  await expectAccessible(page);
});

test("a conditional field appears and disappears with the answer above it", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^On-site service/ }).check();
  const someoneElse = page.getByRole("checkbox", { name: "Someone else will meet the technician" });
  await expect(page.getByLabel(/^On-site contact phone/)).toHaveCount(0);
  await someoneElse.check();
  await expect(page.getByLabel("On-site contact (required)")).toBeVisible();
  await expect(page.getByLabel(/^On-site contact phone/)).toBeVisible();
  await someoneElse.uncheck();
  await expect(page.getByLabel(/^On-site contact phone/)).toHaveCount(0);

  await page.getByRole("radio", { name: /^Installation/ }).check();
  await expect(page.getByLabel(/^Number of people to train/)).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Training for your staff" }).check();
  await expect(page.getByLabel(/^Number of people to train/)).toBeVisible();
});

test("each severity shows its promise in words", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await expect(page.getByRole("radio", { name: /^Critical/ })).toBeVisible();
  await expect(
    page.getByText("First reply within 30 minutes · on site within 4 hours · resolved within 8 hours"),
  ).toBeVisible();
  await expect(page.getByText("First reply within 2 hours · on site within 1 day · resolved within 2 days")).toBeVisible();
  await expect(page.getByText("First reply within 8 business hours · resolved within 40 business hours")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Normal.*First reply within 2 hours/ })).toBeVisible();
});

test("product and purchase date show the warranty status", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await page.getByRole("combobox", { name: /^Product model/ }).selectOption({ label: "BW-500 label printer" });
  const purchase = page.getByLabel(/^Purchase date/);

  const lastYear = new Date();
  lastYear.setFullYear(lastYear.getFullYear() - 1);
  await purchase.fill(isoDay(lastYear));
  await expect(page.getByRole("status").filter({ hasText: "In warranty until" })).toBeVisible();

  await purchase.fill("2020-01-10");
  await expect(page.getByText("Out of warranty: the cover ended on")).toBeVisible();

  const nextYear = new Date();
  nextYear.setFullYear(nextYear.getFullYear() + 1);
  await purchase.fill(isoDay(nextYear));
  await expect(page.getByText("The purchase date is in the future. Please check it.")).toBeVisible();

  // A model the catalog does not list can be typed.
  await page.getByRole("combobox", { name: /^Product model/ }).selectOption({ label: "Another model (type it)" });
  await page.getByLabel("Model number on the nameplate").fill("ZX-9");
  await purchase.fill(isoDay(lastYear));
  await expect(page.getByText("We will check the warranty of this model for you.")).toBeVisible();
});

test("every field's bad input shows a message at the field and nothing is sent", async ({ page }) => {
  const before = countRequests();
  await openForm(page);

  // Nothing chosen: the type picker says so and gets focus.
  await page.getByRole("button", { name: "Send request" }).click();
  const firstType = page.getByRole("radio", { name: /^Consultation/ });
  expect(await messageOf(page, firstType)).toContain("Choose what you need help with.");
  await expect(firstType).toBeFocused();

  await page.getByRole("radio", { name: /^Installation/ }).check();
  await page.getByLabel(/^Contact name/).fill("x".repeat(201));
  await page.getByLabel(/^Phone/).fill("call me");
  await page.getByLabel(/^Email/).fill("not-an-email");
  await page.getByLabel(/^Serial number/).fill("AB CD!");
  await page.getByLabel(/^Installation address/).fill("y".repeat(501));
  await page.getByLabel(/^Quantity/).fill("lots");
  await page.getByLabel(/^Quantity/).blur();
  // Leaving a field checks it at once.
  expect(await messageOf(page, page.getByLabel(/^Quantity/))).toContain("Enter a number, such as 2.");

  await page.getByRole("button", { name: "Send request" }).click();
  const expectations: [Locator, string][] = [
    [page.getByLabel(/^Contact name/), "This is too long: use at most 200 characters."],
    [page.getByLabel(/^Phone/), "Use digits only, with an optional + at the start"],
    [page.getByLabel(/^Email/), "Enter an email address like name@example.com."],
    [page.getByRole("combobox", { name: /^Product model/ }), "Choose an answer: it is required."],
    [page.getByLabel(/^Serial number/), "A serial number has only letters, digits and - / . _"],
    [page.getByLabel(/^Installation address/), "This is too long: use at most 500 characters."],
    [page.getByLabel(/^Date wanted/), "Fill this in: it is required."],
    [page.getByLabel(/^Quantity/), "Enter a number, such as 2."],
    [page.getByRole("group", { name: /^What do you need\? \(required\)/ }), "Choose an answer: it is required."],
    [page.getByRole("radio", { name: /^Critical/ }), "Choose how urgent it is."],
    [page.getByRole("checkbox", { name: /^I have read the privacy notice/ }), "Tick the box to agree"],
  ];
  for (const [control, message] of expectations) {
    expect(await messageOf(page, control)).toContain(message);
  }
  await expect(page.getByLabel(/^Contact name/)).toBeFocused();
  await expect(page.getByText("Some answers need your attention.")).toBeVisible();
  await expectAccessible(page);

  // A phone number with too few digits, and a fault report's own kinds.
  await page.getByLabel(/^Phone/).fill("123");
  await page.getByLabel(/^Phone/).blur();
  expect(await messageOf(page, page.getByLabel(/^Phone/))).toContain("Too few digits: a phone number has at least 5.");
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  expect(await messageOf(page, page.getByLabel(/^When did it start\?/))).toContain("Fill this in: it is required.");
  expect(await messageOf(page, page.getByRole("combobox", { name: /^How often/ }))).toContain(
    "Choose an answer: it is required.",
  );
  expect(await messageOf(page, page.getByLabel(/^What is wrong\?/))).toContain("Fill this in: it is required.");

  // A message goes away as soon as the answer is right.
  await page.getByLabel(/^Email/).fill("li.wei@example.com");
  await expect(page.getByLabel(/^Email/)).not.toHaveAttribute("aria-invalid", "true");

  expect(await outboxCount(page)).toBe(0);
  expect(countRequests()).toBe(before);
});

test("a draft survives a reload, its attachment included", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await page.getByRole("radio", { name: /^High/ }).check();
  await page.getByLabel(/^What is wrong\?/).fill("The label printer jams after ten labels.");
  await expect(page.getByText("Up to 25 MB each: JPEG, PNG, WebP, HEIC, MP4, MOV, PDF.")).toBeVisible();
  await page.getByLabel(/^Photos or a video of the fault/).setInputFiles({
    name: "jam-report.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await expect(page.getByRole("listitem").filter({ hasText: "jam-report.pdf" })).toBeVisible();
  // A file of a type the catalog refuses is not added, and says why.
  await page.getByLabel(/^Photos or a video of the fault/).setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("hello"),
  });
  await expect(page.getByText("“notes.txt” is not a kind of file we accept, so it was not added.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "notes.txt" })).toHaveCount(0);
  await page.waitForTimeout(800);

  await page.reload();
  await expect(page.getByText(/^Draft restored from /)).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^High/ })).toBeChecked();
  await expect(page.getByLabel(/^What is wrong\?/)).toHaveValue("The label printer jams after ten labels.");
  await expect(page.getByRole("listitem").filter({ hasText: "jam-report.pdf" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove jam-report.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Remove jam-report.pdf" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/request-form-draft-restored.png" });
});

test("discarding a draft asks first", async ({ page }) => {
  await openForm(page);
  await page.getByRole("radio", { name: /^Suggestion/ }).check();
  await page.getByLabel(/^Your suggestion/).fill("A dark mode for the label designer, please.");
  await page.waitForTimeout(800);

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Discard draft" }).click();
  expect(asked).toContain("Discard this draft?");
  await expect(page.getByLabel(/^Your suggestion/)).toHaveValue("A dark mode for the label designer, please.");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("radio", { name: /^Suggestion/ })).not.toBeChecked();
  await expect(page.getByLabel(/^Your suggestion/)).toHaveCount(0);
  await page.waitForTimeout(800);
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeVisible();
  await expect(page.getByText(/^Draft restored from /)).toHaveCount(0);
  await expect(page.getByRole("radio", { name: /^Suggestion/ })).not.toBeChecked();
});

test("a complaint link picks the type, names the request and says a supervisor handles it", async ({ page }) => {
  await openForm(page, "?type=complaint&about=AC-7K3F-92");
  await expect(page.getByRole("radio", { name: /^Complaint/ })).toBeChecked();
  await expect(page.getByLabel(/^Related request number/)).toHaveValue("AC-7K3F-92");
  await expect(page.getByText("Complaints go to a supervisor, not to the team you are complaining about.")).toBeVisible();
  await expect(page.getByText("This complaint is about request AC-7K3F-92.")).toBeVisible();
});

test("a valid request is saved on the device and reaches the server once", async ({ page }) => {
  const marker = `Form spec ${Date.now()}`;
  await openForm(page);
  await page.getByRole("radio", { name: /^Suggestion/ }).check();
  await page.getByRole("combobox", { name: /^About/ }).selectOption({ label: "This website" });
  await page.getByLabel(/^Your suggestion/).fill(marker);
  await page.getByRole("radio", { name: /^Low/ }).check();
  await page.getByRole("checkbox", { name: /^I have read the privacy notice/ }).check();
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/requests\/(local-|AC-)/);
  await expect
    .poll(() => query("SELECT count(*) AS n FROM service_requests WHERE fields LIKE ?", [`%${marker}%`])[0].n, {
      timeout: 15_000,
    })
    .toBe(1);
  // Consent is asked once per device, and the draft is gone.
  await openForm(page);
  await expect(page.getByRole("checkbox", { name: /^I have read the privacy notice/ })).toHaveCount(0);
  await expect(page.getByText(/^Draft restored from /)).toHaveCount(0);
});

test("scenario 5: a full device says so and keeps everything typed", async ({ page, context, baseURL }) => {
  const before = countRequests();
  // The device is full before the portal writes anything: Chromium checks an
  // origin's quota when its storage is first used, so the override comes first.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1 });
  await openForm(page);

  await page.getByRole("radio", { name: /^Consultation/ }).check();
  await page.getByLabel(/^Contact name/).fill("Chen Jing");
  await page.getByLabel(/^Phone/).fill("+86 21 5555 0101");
  await page.getByLabel(/^Email/).fill("chen.jing@example.com");
  await page.getByRole("combobox", { name: /^Product model/ }).selectOption({ label: "CoolStack CS-40 display cabinet" });
  await page.getByRole("combobox", { name: /^Topic/ }).selectOption({ label: "Everyday use" });
  await page.getByLabel(/^Your question/).fill("How do I set the night mode on the cabinet?");
  await page.getByRole("radio", { name: /^Normal/ }).check();
  await page.getByRole("checkbox", { name: /^I have read the privacy notice/ }).check();
  // The draft cannot be kept, and the form says so at once.
  await expect(page.getByRole("alert").filter({ hasText: "This device has run out of storage space" })).toBeVisible();

  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByRole("heading", { name: "This device has run out of storage space" })).toBeVisible();
  await expect(page.getByText(/Your request could not be saved, so it has not been sent\. Your answers are still here/)).toBeVisible();
  await expect(page).toHaveURL(/\/requests\/new/);
  await expect(page.getByRole("radio", { name: /^Consultation/ })).toBeChecked();
  await expect(page.getByLabel(/^Contact name/)).toHaveValue("Chen Jing");
  await expect(page.getByLabel(/^Phone/)).toHaveValue("+86 21 5555 0101");
  await expect(page.getByLabel(/^Email/)).toHaveValue("chen.jing@example.com");
  await expect(page.getByRole("combobox", { name: /^Product model/ })).toHaveValue("CS-40");
  await expect(page.getByRole("combobox", { name: /^Topic/ })).toHaveValue("usage");
  await expect(page.getByLabel(/^Your question/)).toHaveValue("How do I set the night mode on the cabinet?");
  await expect(page.getByRole("radio", { name: /^Normal/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^I have read the privacy notice/ })).toBeChecked();
  await expectAccessible(page);
  await screens(page, "request-form-no-space");
  expect(countRequests()).toBe(before);
});

test("the form opens offline from the catalog saved on this device", async ({ page, context }) => {
  await openForm(page);
  // Let the service worker take over, so the page itself loads offline.
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Fault report/ })).toBeVisible();
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
    await page.getByRole("radio", { name: /^On-site service/ }).check();
    await expect(page.getByLabel(/^Site address/)).toBeVisible();
    await expect(page.getByText("First reply within 30 minutes · on site within 4 hours · resolved within 8 hours")).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("a request the server refused opens for fixing, with the server's message at its field", async ({ page }) => {
  const marker = `Fix spec ${Date.now()}`;
  const entryKey = `ac-fix-${Date.now()}`;
  const localId = `local-fix-${Date.now()}`;
  await openForm(page);
  // An entry as the outbox keeps it after a 422 that names the phone field
  // (a rule the server has and this portal did not know).
  const request = {
    type: "suggestion",
    severity: "low",
    fields: { suggestion_about: "service", phone: "12345", description: marker },
    locale: "en",
  };
  const accessKey = "fixspec_" + "k".repeat(40);
  await putInStore(page, "outbox", {
    key: entryKey,
    seq: 1000,
    created_at_ms: Date.now(),
    payload: { kind: "new_request", local_id: localId, request, access_key: accessKey },
    attempts: 1,
    next_attempt_at_ms: 0,
    state: {
      state: "needs_attention",
      problem: {
        type: "https://aftercare.dev/problems/validation",
        title: "Some fields are not valid",
        status: 422,
        errors: [{ pointer: "/fields/phone", code: "invalid_phone", detail: "not a phone number we can call" }],
      },
      reason: "Some fields are not valid (422)",
    },
  });
  await putInStore(page, "requests", {
    key: localId,
    number: null,
    request: null,
    pending: request,
    access_key: accessKey,
    seen_updated_at: null,
    delivered_as: null,
    saved_at_ms: Date.now(),
  });

  await page.goto(`/requests/new?fix=${entryKey}`);
  await expect(page.getByRole("heading", { name: "We could not accept this request" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Suggestion/ })).toBeChecked();
  await expect(page.getByLabel(/^Your suggestion/)).toHaveValue(marker);
  const phone = page.getByLabel(/^Phone/);
  expect(await messageOf(page, phone)).toContain("Use digits only, with an optional + at the start");
  await expect(phone).toBeFocused();

  await phone.fill("+86 21 5555 0199");
  await expect(phone).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/(${localId}|AC-)`));
  await expect
    .poll(() => query("SELECT fields FROM service_requests WHERE fields LIKE ?", [`%${marker}%`]).map((r) => String(r.fields)), {
      timeout: 15_000,
    })
    .toEqual([expect.stringContaining("+86 21 5555 0199")]);
});

test("a signed-in customer's email is filled in, and what they type is never overwritten", async ({ page, request }) => {
  const email = `form-${Date.now()}@example.com`;
  const before = signInCodeCount(email);
  expect((await request.post("/api/v1/auth/email-code", { data: { email, locale: "en" } })).status()).toBe(202);
  const code = await latestSignInCode(email, 5_000, before);
  const answer = await request.post("/api/v1/auth/session", { data: { email, code } });
  expect(answer.status()).toBe(200);
  const session = await answer.json();

  await openForm(page);
  // The session as the portal keeps it after signing in.
  await putInStore(page, "settings", session, "session");
  await page.reload();
  await page.getByRole("radio", { name: /^Consultation/ }).check();
  await expect(page.getByLabel(/^Email/)).toHaveValue(email);

  await page.getByLabel(/^Email/).fill("site.office@example.com");
  await page.getByRole("radio", { name: /^Fault report/ }).check();
  await expect(page.getByLabel(/^Email/)).toHaveValue("site.office@example.com");
  await page.getByLabel(/^Email/).fill("");
  await page.getByRole("radio", { name: /^Suggestion/ }).check();
  await expect(page.getByLabel(/^Email/)).toHaveValue("");
});
