// Trunk's post-build hook for the installable portal (Trunk.toml [[hooks]]).
// It runs in Trunk's staging directory (TRUNK_STAGING_DIR) once the build's
// files are there, before Trunk moves them into dist, and:
//
// 0. fills the static first-paint shell's words in every language into
//    index.html (shell-text.mjs), before anything is hashed;
// 1. lists the build's files (the hashed wasm, JavaScript and CSS, the icons,
//    the manifests, the favicon) and writes that list and a hash of the files
//    into the staging copy of sw.js, so the service worker precaches exactly
//    this build and every different build is a byte-different sw.js;
// 2. writes a brotli (quality 11) and a gzip sibling next to every text and
//    wasm file that compresses, which the server sends to browsers that
//    accept them (ServeDir's precompressed_br/precompressed_gzip).
//
// Plain Node 20, standard library only. It can also be run by hand on a
// built directory: `node tools/pwa/precache.mjs dist`.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { fillShellText } from "./shell-text.mjs";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  fail("no directory: run by Trunk (TRUNK_STAGING_DIR) or pass the built directory");
}

// Not precached: the app shell is cached as "/" rather than by file name,
// the worker does not cache itself, and the widget loader is for vendors'
// pages, not the app. Compressed siblings are the same files again.
const NOT_PRECACHED = new Set(["index.html", "sw.js", "embed.js"]);
const COMPRESSED = /\.(br|gz)$/;
const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|webmanifest|json|svg|txt)$/;
// sw.js is left uncompressed: it is small and fetched with revalidation, and
// the e2e tests deploy "a new build" by editing the served sw.js in place,
// which a stale sw.js.br beside it would hide.
const NOT_COMPRESSED = new Set(["sw.js"]);
// The lines of sw.js this script fills in.
const FILLED_LINES = /^const (VERSION|PRECACHE) = .*;$/gm;
// The line of index.html this script fills in: the build's version, which
// the page compares with a waiting worker's VERSION.
const BUILD_META = /<meta name="aftercare-build" content="[^"]*" \/>/;

try {
  fillShellText(dir);
} catch (error) {
  fail(error.message);
}
const files = listFiles(dir).filter((path) => !COMPRESSED.test(path));
const precache = files.filter((path) => !NOT_PRECACHED.has(path)).map((path) => `/${path}`);
const version = hashOf(files.filter((path) => path !== "embed.js"));
writeWorker(precache, version);
writeBuildMeta(version);

let saved = 0;
for (const path of files) {
  if (COMPRESSIBLE.test(path) && !NOT_COMPRESSED.has(path)) saved += compress(path);
}
console.log(
  `precache.mjs: sw.js ${version} precaches ${precache.length + 1} files; ` +
    `brotli saves ${Math.round(saved / 1024)} KiB`,
);

// Every file under `root`, as sorted "/"-separated paths relative to it,
// leaving out hidden files and directories (Trunk's own working files).
function listFiles(root) {
  const found = [];
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return found.sort();
}

// The first 16 hex digits of the SHA-256 of the files' names and contents,
// index.html and the worker's own code included: any change to what the
// worker serves or does changes it. The worker's two filled-in lines are
// left out, so running this twice on one directory gives the same hash.
function hashOf(paths) {
  const hash = createHash("sha256");
  for (const path of paths) {
    let data = readFileSync(join(dir, path));
    if (path === "sw.js") data = data.toString("utf8").replace(FILLED_LINES, "");
    if (path === "index.html") data = data.toString("utf8").replace(BUILD_META, "");
    hash.update(path).update("\0").update(data).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

// Fills the VERSION and PRECACHE lines of the staging copy of sw.js.
function writeWorker(list, hash) {
  const path = join(dir, "sw.js");
  let source;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    fail(`cannot read ${path} (is public/sw.js copied by index.html?): ${error.message}`);
  }
  const filled = replaceLine(
    replaceLine(source, /^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(hash)};`),
    /^const PRECACHE = .*;$/m,
    `const PRECACHE = ${JSON.stringify(list)};`,
  );
  writeFileSync(path, filled);
}

// Fills the aftercare-build meta of the staging copy of index.html.
function writeBuildMeta(hash) {
  const path = join(dir, "index.html");
  const source = readFileSync(path, "utf8");
  if (!BUILD_META.test(source)) fail(`index.html has no ${BUILD_META}`);
  writeFileSync(path, source.replace(BUILD_META, () => `<meta name="aftercare-build" content="${hash}" />`));
}

function replaceLine(source, pattern, line) {
  if (!pattern.test(source)) fail(`sw.js has no line matching ${pattern}`);
  return source.replace(pattern, () => line);
}

// Writes `path`.br and `path`.gz when they are smaller than the file, and
// returns how many bytes brotli saves.
function compress(path) {
  const full = join(dir, path);
  const data = readFileSync(full);
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: path.endsWith(".wasm")
        ? constants.BROTLI_MODE_GENERIC
        : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gzip = gzipSync(data, { level: 9 });
  if (brotli.length < data.length) writeFileSync(`${full}.br`, brotli);
  if (gzip.length < data.length) writeFileSync(`${full}.gz`, gzip);
  return Math.max(0, data.length - brotli.length);
}

function fail(message) {
  console.error(`precache.mjs: ${message}`);
  process.exit(1);
}
