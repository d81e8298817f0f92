// Helpers for the specs of a signed-in customer ("My requests", "My products",
// "My data", surveys): signing in through the sign-in page with the code the
// server prints, or by the API as a second device would, to read what reached
// the server; opening a request or registering a product by the API; and
// screenshots of an account page in both layouts and colour schemes.
import type { APIRequestContext, Page } from "@playwright/test";

import { expect, expectAccessible } from "../fixtures";
import { latestSignInCode, signInCodeCount } from "./signIn";

/** Signs `email` in through the sign-in page; lands on "My requests". */
export async function signInThroughPage(page: Page, email: string) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
  const before = signInCodeCount(email);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByText(`We sent a code to ${email}.`)).toBeVisible();
  const code = await latestSignInCode(email, 10_000, before);
  await page.getByLabel("Six-digit code").fill(code);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A session token for `email`, by the API, as a second device would get one. */
export async function apiToken(request: APIRequestContext, email: string): Promise<string> {
  const before = signInCodeCount(email);
  const asked = await request.post("/api/v1/auth/email-code", { data: { email, locale: "en" } });
  expect(asked.status(), await asked.text()).toBe(202);
  const code = await latestSignInCode(email, 10_000, before);
  const session = await request.post("/api/v1/auth/session", { data: { email, code } });
  expect(session.status(), await session.text()).toBe(200);
  return ((await session.json()) as { token: string }).token;
}

/** `Authorization` for `token`. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Headers for a write by the customer with `token`: a fresh idempotency key. */
function writeHeaders(token: string): Record<string, string> {
  return { ...bearer(token), "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}` };
}

/** Opens a request of `type` for the customer with `token` by the API; returns its number. */
export async function openRequest(
  request: APIRequestContext,
  token: string,
  type: "fault_report" | "consultation",
  severity: "normal" | "critical",
  fields: Record<string, string>,
): Promise<string> {
  const created = await request.post("/api/v1/requests", {
    headers: writeHeaders(token),
    data: { type, severity, fields, locale: "en" },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { number: string }).number;
}

/** Opens a fault report about a BW-500 for the customer with `token`; returns its number. */
export async function openFaultReport(
  request: APIRequestContext,
  token: string,
  description: string,
  severity: "normal" | "critical" = "normal",
): Promise<string> {
  return openRequest(request, token, "fault_report", severity, {
    contact_name: "Li Wei",
    phone: "+86 21 5555 0123",
    product_model: "BW-500",
    serial_number: "BW500-2024-0077",
    fault_started_at: "2026-01-05T08:30:00+08:00",
    fault_frequency: "constant",
    description,
  });
}

/** Registers a BW-500 with `serial`, bought on `purchase` (YYYY-MM-DD), for the customer with `token` by the API. */
export async function registerProduct(request: APIRequestContext, token: string, serial: string, purchase: string) {
  const registered = await request.post("/api/v1/products", {
    headers: writeHeaders(token),
    data: { model: "BW-500", serial_number: serial, purchase_date: purchase },
  });
  expect(registered.status(), await registered.text()).toBe(201);
}

/** Opens the main navigation's link `name`. */
export async function openFromNav(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectAccessible(page);
}

/**
 * Full-page screenshots of the page at desktop (1280 px) and phone (390 px)
 * width, light and dark: `NAME-desktop-light.png` and so on. Leaves the page
 * light and at desktop width.
 */
export async function screenshotLayouts(page: Page, name: string) {
  for (const [width, layout] of [
    [1280, "desktop"],
    [390, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screens/${name}-${layout}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}
