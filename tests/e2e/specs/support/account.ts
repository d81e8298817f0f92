// Signing a customer in for the account pages' specs ("My products", "My
// data"): through the sign-in page with the code the server prints, or by the
// API as a second device would, to read what reached the server.
import type { APIRequestContext, Page } from "@playwright/test";

import { expect, expectAccessible } from "../fixtures";
import { latestSignInCode, signInCodeCount } from "./signIn";

/** Signs `email` in through the sign-in page; lands on "My requests". */
export async function signInThroughPage(page: Page, email: string) {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const before = signInCodeCount(email);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByText(`We sent a code to ${email}.`)).toBeVisible();
  const code = await latestSignInCode(email, 10_000, before);
  await page.getByLabel("Six-digit code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A session token for `email`, by the API. */
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

/** Opens the main navigation's link `name`. */
export async function openFromNav(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expectAccessible(page);
}
