// The static first-paint shell's words in every language the portal speaks.
// index.html's shell names its words by locale key (`data-text`,
// `data-placeholder` and `data-label` attributes); this fills the inline
// script's `const SHELL_TEXT = {};` line with those keys' texts from
// locales/*.json, so the shell's words come from the same files as the
// app's and are never kept twice. A key missing from any locale fails the
// build. Called by precache.mjs (the Trunk post-build hook) before it hashes
// the build.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PLACEHOLDER = /const SHELL_TEXT = \{\};/;
const FILLED = /const SHELL_TEXT = \{"/;
const KEY_ATTRIBUTES = /data-(?:text|placeholder|label)="([a-z_]+)"/g;
const LOCALES = fileURLToPath(new URL("../../locales/", import.meta.url));

// Fills `dir`/index.html and returns how many keys it filled in how many
// locales; an index.html filled before (a second run) is left as it is.
export function fillShellText(dir) {
  const path = join(dir, "index.html");
  const html = readFileSync(path, "utf8");
  if (FILLED.test(html)) return { keys: 0, locales: 0 };
  if (!PLACEHOLDER.test(html)) throw new Error("index.html has no `const SHELL_TEXT = {};` line");
  const keys = [...new Set([...html.matchAll(KEY_ATTRIBUTES)].map((match) => match[1]))].sort();
  const texts = {};
  for (const file of readdirSync(LOCALES).filter((name) => name.endsWith(".json")).sort()) {
    const all = JSON.parse(readFileSync(join(LOCALES, file), "utf8"));
    const words = {};
    for (const key of keys) {
      if (typeof all[key] !== "string") {
        throw new Error(`locales/${file} has no text for "${key}", which index.html's static shell shows`);
      }
      words[key] = all[key];
    }
    texts[file.slice(0, -".json".length)] = words;
  }
  // `<` is escaped so no text can ever close the script element.
  const literal = JSON.stringify(texts).replace(/</g, "\\u003c");
  writeFileSync(path, html.replace(PLACEHOLDER, () => `const SHELL_TEXT = ${literal};`));
  return { keys: keys.length, locales: Object.keys(texts).length };
}
