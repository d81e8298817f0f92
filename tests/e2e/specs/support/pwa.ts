// Helpers for the PWA spec: wait until the service worker controls the page,
// ask it to look for a new build, and "deploy a second build" by giving the
// served sw.js (and its precompressed copies) a new VERSION line.
import { expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";

import { distDir } from "./env";

/**
 * Waits until the service worker is active and controls the page, reloading
 * once when the first visit's worker has not claimed it yet.
 */
export async function waitUntilControlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Asks the browser to fetch sw.js again, as the portal does every half hour. */
export async function checkForUpdate(page: Page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

/** The cache names the service workers of this origin keep. */
export async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

/** The served copies of sw.js: plain and precompressed. */
function swFiles(): string[] {
  const plain = path.join(distDir(), "sw.js");
  return [plain, `${plain}.br`, `${plain}.gz`];
}

/** What `deploySecondBuild` changed, so it can be put back. */
export type Deployment = { version: string; restore: () => void };

/**
 * Rewrites `const VERSION = "…"` in the served sw.js to `version` (and its
 * .br/.gz copies to match), as a new build would. `restore()` puts the
 * original files back.
 */
export function deploySecondBuild(version: string): Deployment {
  const [plain, br, gz] = swFiles();
  const saved = new Map<string, Buffer>();
  for (const file of swFiles()) if (fs.existsSync(file)) saved.set(file, fs.readFileSync(file));
  const source = saved.get(plain)?.toString("utf8");
  if (source === undefined) throw new Error(`no sw.js in ${distDir()}`);
  const line = /^const VERSION = ".*";$/m;
  expect(source, "sw.js carries a VERSION line").toMatch(line);
  const next = Buffer.from(source.replace(line, `const VERSION = "${version}";`), "utf8");
  fs.writeFileSync(plain, next);
  if (saved.has(br)) fs.writeFileSync(br, zlib.brotliCompressSync(next));
  if (saved.has(gz)) fs.writeFileSync(gz, zlib.gzipSync(next));
  return {
    version,
    restore: () => {
      for (const [file, bytes] of saved) fs.writeFileSync(file, bytes);
    },
  };
}
