// The demo articles the server loads on first start, read from the same file,
// so the tests follow the content instead of repeating it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type DemoArticle = {
  id: string;
  locale: "en" | "zh-CN" | "zh-TW";
  category: string;
  title: string;
  body_markdown: string;
  tags: string[];
};

export const demoArticles: DemoArticle[] = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "crates", "server", "demo", "kb.json"), "utf8"),
);

export function articlesIn(locale: DemoArticle["locale"]): DemoArticle[] {
  return demoArticles.filter((a) => a.locale === locale);
}
