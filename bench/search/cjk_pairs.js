// The "CJK-pair tokenizer" MiniSearch is given so the comparison is fair:
// Latin words and digits split on everything else (so `LW-NVR8` gives `LW`
// and `NVR8`), and each run of CJK characters gives every single character
// and every overlapping pair of characters, as our engine indexes them.

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function cjkPairTokenize(text) {
  const tokens = [];
  for (const run of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const part of run.match(CJK_RUN)) {
      if (!CJK_CHAR.test(part[0])) {
        tokens.push(part);
        continue;
      }
      const chars = [...part];
      for (let i = 0; i < chars.length; i++) {
        tokens.push(chars[i]);
        if (i + 1 < chars.length) tokens.push(chars[i] + chars[i + 1]);
      }
    }
  }
  return tokens;
}
