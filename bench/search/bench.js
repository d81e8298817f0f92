// The Chromium half of the search bench. `run.mjs` opens this page and calls
// `window.runBench()`, which measures our engine (wasm) and MiniSearch on the
// same generated corpora and queries, answers the labelled relevance lists
// with both, times the IndexedDB import through the portal's own store code,
// and returns the records `search-bench report` turns into tables.

import init, * as wasm from "/pkg/aftercare_search_bench.js";
import { buildMiniSearch, searchMiniSearch } from "./minisearch_engine.js";

// Each query runs once per round, in ROUNDS rounds over all the queries, as
// a block of runs lasting at least MIN_MS_PER_BLOCK (and at least MIN_RUNS
// runs); its time is its fastest block's average. Spreading a query's blocks
// over the whole measurement keeps a burst of other work on the shared
// machine from counting. The native runner measures the same way.
const MIN_MS_PER_BLOCK = 1;
const MIN_RUNS = 3;
const ROUNDS = 5;
const FUZZY = 0.2;
const IMPORT_DB = "bench-import";
const IMPORT_RUNS = 5;

const log = (line) => console.log(`bench: ${line}`);

async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}

function block(search) {
  const start = performance.now();
  let runs = 0;
  while (runs < MIN_RUNS || performance.now() - start < MIN_MS_PER_BLOCK) {
    search();
    runs += 1;
  }
  return (performance.now() - start) / runs;
}

// The fastest of two builds (the first also warms the code up), with the
// index of the last one.
function timedBuild(build) {
  let best = Infinity;
  let index = null;
  for (let round = 0; round < 2; round += 1) {
    if (index && index.free) index.free();
    const start = performance.now();
    index = build();
    best = Math.min(best, performance.now() - start);
  }
  return { index, buildMs: best };
}

function timeAll(queries, search) {
  const found = queries.filter((q) => search(q) > 0).length;
  const times = queries.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round += 1) {
    queries.forEach((q, i) => {
      times[i] = Math.min(times[i], block(() => search(q)));
    });
  }
  return { times, found };
}

function speedRow(engine, place, corpus, buildMs, indexBytes, exact, typo, note) {
  return {
    engine, place, corpus, build_ms: buildMs, index_bytes: indexBytes,
    exact_ms: exact.times, typo_ms: typo.times,
    exact_found: exact.found, typo_found: typo.found, note,
  };
}

// Our engine from one wasm build (`module`), measured as `place`.
function ours(module, place, note, setText, set, settings) {
  const articles = module.Articles.parse(setText);
  const { index: engine, buildMs } = timedBuild(() => module.Engine.build(articles, settings));
  const search = (q) => engine.search(q.text, q.locale);
  const exact = timeAll(set.exact, search);
  const typo = timeAll(set.typo, search);
  const bytes = engine.indexBytes() ?? null;
  engine.free();
  articles.free();
  return speedRow("Aftercare", place, set.articles.length, buildMs, bytes, exact, typo, note);
}

function theirs(set) {
  const { index, buildMs } = timedBuild(() => buildMiniSearch(set.articles));
  const exact = timeAll(set.exact, (q) => searchMiniSearch(index, q.text, q.locale, false).length);
  const typo = timeAll(set.typo, (q) => searchMiniSearch(index, q.text, q.locale, FUZZY).length);
  const bytes = JSON.stringify(index).length;
  // The version is the one bench/package.json pins.
  return speedRow("MiniSearch 7.2.0", "Chromium (JS)", set.articles.length, buildMs, bytes, exact, typo,
    "CJK-pair tokenizer, prefix on, fuzzy 0.2 on typo queries only; build ms is the best of 2; index bytes are its JSON serialisation's length");
}

async function relevance(settings) {
  const lists = JSON.parse(await fetchText("/data/lists.json"));
  const demoText = await fetchText("/data/demo_articles.json");
  if (lists.length === 0) return [];
  const articles = wasm.Articles.parse(demoText);
  const engine = wasm.Engine.build(articles, settings);
  const mini = buildMiniSearch(JSON.parse(demoText));
  const runs = [];
  for (const list of lists) {
    const labelled = JSON.parse(await fetchText(`/data/${list}`));
    const run = (engineName, answer) => ({
      engine: engineName, place: engineName === "Aftercare" ? "Chromium (wasm)" : "Chromium (JS)",
      list, answers: labelled.map(answer),
    });
    runs.push(run("Aftercare", (q) => engine.ranked(q.query, q.locale)));
    runs.push(run("MiniSearch (fuzzy 0.2 on every query)",
      (q) => searchMiniSearch(mini, q.query, q.locale, FUZZY)));
    runs.push(run("MiniSearch (fuzzy only on typo-labelled queries)",
      (q) => searchMiniSearch(mini, q.query, q.locale, q.kind === "typo" ? FUZZY : false)));
  }
  engine.free();
  articles.free();
  return runs;
}

function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`deleting ${name} is blocked`));
  });
}

// Times saving the articles through the portal's own store code, each run
// into a freshly deleted database; null when the module was built without
// the portal's store.
async function portalImport(setText, count, runs) {
  if (typeof wasm.openStore !== "function") return null;
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    await deleteDatabase(IMPORT_DB);
    const articles = wasm.Articles.parse(setText);
    const store = await wasm.openStore(IMPORT_DB);
    const start = performance.now();
    await wasm.putArticles(store, articles);
    times.push(performance.now() - start);
  }
  await deleteDatabase(IMPORT_DB);
  return {
    articles: count, runs_ms: times, portal: true,
    how: "the portal's own DeviceStore::put_articles (the batch crosses to JS as one JSON text; one transaction)",
  };
}

// The same object store layout (`articles` keyed by `id`, index `by_locale`)
// filled from plain JS objects: the floor the portal's code could reach.
async function plainImport(articles, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    await deleteDatabase(IMPORT_DB);
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(IMPORT_DB, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore("articles", { keyPath: "id" });
        store.createIndex("by_locale", "locale");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const start = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction("articles", "readwrite");
      const store = tx.objectStore("articles");
      for (const article of articles) store.put(article);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    times.push(performance.now() - start);
    db.close();
  }
  await deleteDatabase(IMPORT_DB);
  return {
    articles: articles.length, runs_ms: times, portal: false,
    how: "plain JS objects into the same store layout, one transaction (reference, not the portal's code)",
  };
}

const SHIPPED_NOTE = "built as the portal ships (wasm-release profile: opt-level z, LTO; then wasm-opt -Oz); "
  + "build ms is the best of 2; hits are counted inside wasm";
const SPEED_NOTE = "the portal's profile with only aftercare-core (the engine) at opt-level 3 "
  + "(profile.wasm-release.package.aftercare-core.opt-level = 3), then wasm-opt -Oz";

window.runBench = async function runBench({ sizes, withRelevance, withImport, speedModule }) {
  await init();
  let speedBuild = null;
  if (speedModule) {
    speedBuild = await import(speedModule);
    await speedBuild.default();
  }
  const settings = await fetchText("/data/demo_synonyms.json");
  const report = {
    speed: [], relevance: [], imports: [],
    runner: `${navigator.userAgent}; crossOriginIsolated=${self.crossOriginIsolated}`,
  };
  for (const size of sizes) {
    const setText = await fetchText(`/data/set-${size}.json`);
    const set = JSON.parse(setText);
    log(`${size} articles: ours`);
    report.speed.push(ours(wasm, "Chromium (wasm)", SHIPPED_NOTE, setText, set, settings));
    if (speedBuild) {
      log(`${size} articles: ours, core at opt-level 3`);
      report.speed.push(ours(speedBuild, "Chromium (wasm, core at opt-level 3)", SPEED_NOTE, setText, set, settings));
    }
    log(`${size} articles: MiniSearch`);
    report.speed.push(theirs(set));
    if (withImport && size === 10000) {
      log("IndexedDB import");
      const portal = await portalImport(setText, set.articles.length, IMPORT_RUNS);
      if (portal) report.imports.push(portal);
      report.imports.push(await plainImport(set.articles, IMPORT_RUNS));
    }
  }
  if (withRelevance) {
    log("relevance");
    report.relevance = await relevance(settings);
  }
  return report;
};
