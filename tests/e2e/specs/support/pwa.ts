// Helpers for the PWA spec: wait until the service worker controls the page,
// ask it to look for a new build, and deploy the portal's second build (built
// by xtask with another release name) over the served files.
import { expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

import { distDir, secondBuildDir, secondRelease } from "./env";
import { openHelpHome } from "./kbSearch";

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

/** Opens the English help-center home and waits until the service worker controls it. */
export async function openControlledHome(page: Page) {
  const home = await openHelpHome(page, "en");
  await waitUntilControlled(page);
  return home;
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

/** Every file under `root`, as paths relative to it. */
function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** The build version the post-build hook wrote into a built `index.html`. */
function buildVersion(dir: string): string {
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const version = /<meta name="aftercare-build" content="([^"]+)"/.exec(html)?.[1];
  if (!version) throw new Error(`${dir}/index.html has no build version`);
  return version;
}

/** What `deploySecondBuild` changed, so it can be put back. */
export type Deployment = { version: string; release: string; restore: () => void };

/**
 * Deploys the portal's second build (a real Trunk build with another
 * release name: new wasm, new hashed files, a new sw.js and index.html) over
 * the served files, the way a server's files are replaced by the next
 * release; the old hashed files stay, as they do on a real server.
 * `restore()` puts the first build back.
 */
export function deploySecondBuild(): Deployment {
  const served = distDir();
  const next = secondBuildDir();
  const version = buildVersion(next);
  expect(version, "the second build differs from the served one").not.toBe(buildVersion(served));
  const saved = new Map<string, Buffer>();
  const added: string[] = [];
  for (const file of filesUnder(next)) {
    if (path.basename(file).startsWith(".")) continue;
    const target = path.join(served, file);
    if (fs.existsSync(target)) saved.set(target, fs.readFileSync(target));
    else added.push(target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(next, file), target);
  }
  return {
    version,
    release: secondRelease(),
    restore: () => {
      for (const file of added) fs.rmSync(file, { force: true });
      for (const [file, bytes] of saved) fs.writeFileSync(file, bytes);
    },
  };
}
