// More of the update flow (issue 7), with the portal's real second build
// deployed over the served files: a page that loaded the new build online
// lets the new service worker take over without asking, and when one tab
// switches to the new version, the other open tab says so and switches on its
// own customer's word.
import type { Page } from "@playwright/test";

import { test, expect, expectAccessible } from "./fixtures";
import { openHelpHome, useLocale } from "./support/kbSearch";
import {
  cacheNames,
  checkForUpdate,
  deploySecondBuild,
  openControlledHome,
  type Deployment,
} from "./support/pwa";

/** Deployments a test made, put back after each test so later specs see the first build. */
const deployments: Deployment[] = [];

test.beforeEach(async ({ page }) => {
  await useLocale(page, "en");
});

test.afterEach(() => {
  for (const deployment of deployments.splice(0)) deployment.restore();
});

/** The release line in the page's footer. */
function releaseLine(page: Page) {
  return page.getByRole("contentinfo").getByText(/^Version /);
}

/** The update prompt's status line, whichever message it shows. */
function updatePrompt(page: Page) {
  return page.getByRole("status").filter({ hasText: "A new version of the help center" });
}

/** The caches of this origin's service workers that hold a build. */
async function buildCaches(page: Page) {
  return (await cacheNames(page)).filter((name) => name.startsWith("aftercare-"));
}

test("a page that loaded the new build online lets its service worker take over without asking", async ({ page }) => {
  test.setTimeout(60_000);
  await openControlledHome(page);
  const deployment = deploySecondBuild();
  deployments.push(deployment);

  // Pages are fetched from the network first: the reload runs the new build
  // at once, while the new worker installs beside the old one.
  await page.reload();
  await expect(releaseLine(page)).toHaveText(`Version ${deployment.release}`);
  await expect
    .poll(() => buildCaches(page), { message: "the new build's worker took over", timeout: 30_000 })
    .toEqual([`aftercare-${deployment.version}`]);
  await expect(updatePrompt(page)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reload to update" })).toHaveCount(0);
});

test("when one tab switches to the new version, the other says so and switches on its customer's word", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await openControlledHome(page);
  const other = await context.newPage();
  await openHelpHome(other, "en");
  await expect.poll(() => other.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const firstRelease = await releaseLine(page).textContent();

  const deployment = deploySecondBuild();
  deployments.push(deployment);
  await checkForUpdate(page);
  await expect(updatePrompt(page)).toContainText("A new version of the help center is ready.", { timeout: 20_000 });
  await expect(updatePrompt(other)).toContainText("A new version of the help center is ready.", { timeout: 20_000 });

  const reloaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Reload to update" }).click();
  await reloaded;
  await expect(releaseLine(page)).toHaveText(`Version ${deployment.release}`);
  await expect(updatePrompt(page)).toHaveCount(0);

  // The other tab still runs the first build, and says why it should reload.
  await expect(updatePrompt(other)).toContainText(
    "A new version of the help center is active in another tab. Reload to use it.",
  );
  await expect(releaseLine(other)).toHaveText(firstRelease ?? "");
  await expectAccessible(other);
  const otherReloaded = other.waitForEvent("load");
  await other.getByRole("button", { name: "Reload to update" }).click();
  await otherReloaded;
  await expect(releaseLine(other)).toHaveText(`Version ${deployment.release}`);
  await expect(updatePrompt(other)).toHaveCount(0);
  await other.close();
});
