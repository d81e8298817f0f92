// MiniSearch configured fairly for the comparison: fields title, tags and
// text with boosts title 3 and tags 2, prefix matching, the CJK-pair
// tokenizer, lower-casing, and results limited to the customer's locale as
// our engine does (own locale first, then the zh sibling for zh customers,
// English only for en).

import MiniSearch from "/minisearch/index.js";
import { cjkPairTokenize } from "./cjk_pairs.js";

export const LIMIT = 10;

const ALLOWED = {
  en: ["en"],
  "zh-CN": ["zh-CN", "zh-TW"],
  "zh-TW": ["zh-TW", "zh-CN"],
};

export function buildMiniSearch(articles) {
  const index = new MiniSearch({
    fields: ["title", "tags", "text"],
    storeFields: ["locale"],
    tokenize: cjkPairTokenize,
    processTerm: (term) => term.toLowerCase(),
    extractField: (doc, field) => (field === "tags" ? doc.tags.join(" ") : doc[field]),
    searchOptions: { boost: { title: 3, tags: 2 }, prefix: true },
  });
  index.addAll(articles);
  return index;
}

// The ids of the best hits for `text` in `locale`, best first; `fuzzy` is
// MiniSearch's fuzzy setting (0.2 for typo-tolerant search, false for none).
export function searchMiniSearch(index, text, locale, fuzzy) {
  const allowed = ALLOWED[locale] ?? ALLOWED.en;
  const hits = index.search(text, { fuzzy, filter: (hit) => allowed.includes(hit.locale) });
  const own = [];
  const sibling = [];
  for (const hit of hits) {
    if (hit.locale === allowed[0]) {
      if (own.length < LIMIT) own.push(hit.id);
    } else if (sibling.length < LIMIT) {
      sibling.push(hit.id);
    }
  }
  return own.concat(sibling).slice(0, LIMIT);
}
