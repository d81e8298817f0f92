// Opening requests through the form as a customer would, by the labels a
// screen reader announces: one consultation about a BW-200 printer, marked
// by its question so a spec can find its row in the database.
import { expect, type Page } from "@playwright/test";

import { openForm } from "./requestForm";

/** What a consultation needs; `question` marks the request for the database checks. */
export type Consultation = { question: string; name?: string; phone?: string };

/** Opens the form by the main navigation: a client-side move that needs no network. */
export async function openFormViaNav(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New request", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New service request" })).toBeVisible();
}

/** Where a form is: the page, or a frame in it such as the embedded widget's. */
export type FormScope = Pick<Page, "getByRole" | "getByLabel">;

/** Fills a consultation in `page` (or a frame), ticking consent when the form asks for it. */
export async function fillConsultation(page: FormScope, answers: Consultation) {
  await page.getByRole("radio", { name: /^Consultation/ }).check();
  await page.getByLabel(/^Contact name/).fill(answers.name ?? "Wang Fang");
  await page.getByLabel(/^Phone/).fill(answers.phone ?? "+86 138 0013 8000");
  await page.getByLabel(/^Product model/).selectOption({ label: "BW-200 label printer" });
  await page.getByLabel(/^Topic/).selectOption({ label: "Everyday use" });
  await page.getByLabel(/^Your question/).fill(answers.question);
  await page.getByRole("radio", { name: /^Normal/ }).check();
  const consent = page.getByRole("checkbox", { name: /privacy notice/ });
  if (await consent.isVisible()) await consent.check();
}

/**
 * Sends the form and waits for the portal to say the request is safe on this
 * device, or, online, for the request's page with its number: a delivery can
 * be quicker than the notice is on screen.
 */
export async function submitRequest(page: Page) {
  await page.getByRole("button", { name: "Send request" }).click();
  const saved = page.getByText(/Saved on this device/).first();
  const delivered = page.getByRole("heading", { level: 1, name: /^Request AC-/ });
  await expect(saved.or(delivered).first()).toBeVisible();
}

/** Opens, fills and sends one consultation. */
export async function submitConsultation(page: Page, answers: Consultation, viaNav = false) {
  if (viaNav) await openFormViaNav(page);
  else await openForm(page);
  await fillConsultation(page, answers);
  await submitRequest(page);
}
