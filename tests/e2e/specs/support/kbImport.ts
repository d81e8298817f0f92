// Puts articles into the e2e server's knowledge base the way the department
// does: `aftercare-server import-kb FILE --data-dir DATA_DIR --config CONFIG`
// (the configuration names the categories an article may use). The running
// server notices the import by itself (its caches watch the articles' newest
// change), and the portal picks the articles up by its delta sync.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { DemoArticle } from "../demo-content";
import { requiredEnv } from "./env";
import { runServerCommand } from "./serverCli";

/** One article of an import file (the demo file's shape). */
export type ImportArticle = DemoArticle;

/**
 * Imports `articles` (added or updated) and returns the command's report;
 * with `prune`, the articles not in the list are deleted (tombstoned).
 */
export function importArticles(articles: ImportArticle[], options: { prune?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aftercare-kb-"));
  const file = path.join(dir, "articles.json");
  fs.writeFileSync(file, JSON.stringify(articles, null, 2));
  const args = [
    "import-kb",
    file,
    "--data-dir",
    requiredEnv("AFTERCARE_DATA_DIR"),
    "--config",
    requiredEnv("AFTERCARE_CONFIG"),
    ...(options.prune ? ["--prune"] : []),
  ];
  try {
    return runServerCommand(args);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
