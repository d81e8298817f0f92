// Playwright drives Debian's Chromium (no browser download) against the
// server that `cargo xtask test` or `cargo xtask e2e` starts and names in
// BASE_URL (with the fault layer on; specs/support/ reads the rest of the
// environment it sets).
import { defineConfig } from "@playwright/test";

const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error("BASE_URL is not set: run the end-to-end tests through `cargo xtask test` or `cargo xtask e2e`.");
}

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
