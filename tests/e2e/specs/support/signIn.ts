// Sign-in codes for specs. Without a mail relay the server prints each code
// on stdout (`sign-in code for EMAIL: 123456`); xtask copies those lines into
// the file named by AFTERCARE_SERVER_LOG, and this reads the newest code.
import { readFileSync } from "node:fs";

import { requiredEnv } from "./env";

/**
 * The newest code mailed to `email` (trimmed, any case), waiting up to
 * `timeoutMs` for the server to print one. Pass `after`, the count from
 * {@link signInCodeCount} taken before asking, to wait for a fresh code.
 */
export async function latestSignInCode(email: string, timeoutMs = 5_000, after = 0): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = codesFor(email);
    if (codes.length > after) return codes[codes.length - 1];
    if (Date.now() > deadline) {
      throw new Error(`no sign-in code for ${email} in ${requiredEnv("AFTERCARE_SERVER_LOG")} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many codes the server has printed for `email` so far. */
export function signInCodeCount(email: string): number {
  return codesFor(email).length;
}

function codesFor(email: string): string[] {
  const wanted = `sign-in code for ${email.trim().toLowerCase()}: `;
  let log = "";
  try {
    log = readFileSync(requiredEnv("AFTERCARE_SERVER_LOG"), "utf8");
  } catch {
    return [];
  }
  return log
    .split("\n")
    .filter((line) => line.startsWith(wanted))
    .map((line) => line.slice(wanted.length).trim())
    .filter((code) => /^\d{6}$/.test(code));
}
