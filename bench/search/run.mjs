// Drives the Chromium half of the search bench: serves this folder, the
// wasm-bindgen output, the exported data and MiniSearch's ES module from a
// tiny local server (cross-origin isolated, so performance.now() is
// precise), opens the page in headless Debian Chromium through Playwright
// (the end-to-end tests' install) and writes what the page measured as JSON.
//
// usage: node run.mjs --pkg DIR --data DIR --out FILE [--pkg-speed DIR]
//                     [--sizes 1000,10000] [--no-relevance] [--no-import]
// (--pkg is the module as the portal's profile builds it, with its store;
// --pkg-speed, when given, the same engine with aftercare-core at opt-level 3.)

import { createServer } from "node:http";
import { loadavg } from "node:os";
import { createRequire } from "node:module";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "tests", "e2e", "package.json"));
const { chromium } = require("playwright");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const pkg = option("pkg");
const data = option("data");
const out = option("out");
if (!pkg || !data || !out) {
  console.error("usage: node run.mjs --pkg DIR --data DIR --out FILE [--sizes 1000,10000] [--no-relevance] [--no-import]");
  process.exit(2);
}
const sizes = option("sizes", "1000,10000").split(",").map(Number);
const pkgSpeed = option("pkg-speed");

const mounts = [
  ["/pkg/", pkg],
  ["/pkg-speed/", pkgSpeed ?? pkg],
  ["/data/", data],
  ["/minisearch/", join(here, "..", "node_modules", "minisearch", "dist", "es")],
  ["/", here],
];
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  const [prefix, folder] = mounts.find(([p]) => path.startsWith(p));
  const file = normalize(join(folder, path.slice(prefix.length) || "index.html"));
  if (!file.startsWith(normalize(folder))) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
      "cache-control": "no-store",
    });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  page.on("console", (message) => console.log(message.text()));
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => typeof window.runBench === "function");
  const report = await page.evaluate(
    (options) => window.runBench(options),
    {
      sizes,
      withRelevance: !args.includes("--no-relevance"),
      withImport: !args.includes("--no-import"),
      speedModule: pkgSpeed ? "/pkg-speed/aftercare_search_bench.js" : null,
    },
  );
  const load = loadavg().map((value) => value.toFixed(2)).join(" ");
  report.runner = `${report.runner}; load average ${load}`;
  await writeFile(out, JSON.stringify(report));
  console.log(`bench: wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
