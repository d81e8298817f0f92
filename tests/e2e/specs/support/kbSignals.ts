// What reached the server from the knowledge base's pages: "Was this helpful?"
// answers (`kb_feedback`) and search analytics (`kb_events`), read from its
// database, and what still waits in the device's outbox. Events are
// anonymous, so a spec notes the newest event id before it acts and looks
// only at the rows after it.
import type { Page } from "@playwright/test";

import { query, type Row } from "./db";
import { outboxEntries } from "./requestForm";

/** A row of `kb_feedback`: one "Was this helpful?" answer. */
export type FeedbackRow = Row & {
  id: string;
  article_id: string;
  /** 1 for Yes, 0 for No. */
  helpful: number;
  comment: string | null;
  locale: string;
  customer_id: string | null;
  created_at: string;
  idempotency_key: string | null;
};

export type KbEventKind = "search" | "zero_result" | "result_click" | "deflection";

/** A row of `kb_events`: one search analytics event. */
export type KbEventRow = Row & {
  id: number;
  kind: KbEventKind;
  query: string | null;
  /** The query trimmed, lower-cased, with runs of white space made one. */
  query_key: string | null;
  article_id: string | null;
  results: number | null;
  locale: string;
  at: string;
  received_at: string;
  idempotency_key: string | null;
  position: number;
};

/** The answers stored about article `articleId`, oldest first. */
export function feedbackOn(articleId: string): FeedbackRow[] {
  return query<FeedbackRow>("SELECT * FROM kb_feedback WHERE article_id = ? ORDER BY created_at, id", [articleId]);
}

/** The id of the newest event stored so far (0 when there is none). */
export function lastEventId(): number {
  return Number(query<{ n: number | null }>("SELECT max(id) AS n FROM kb_events")[0].n ?? 0);
}

/** The events stored after event `afterId`, oldest first. */
export function eventsAfter(afterId: number): KbEventRow[] {
  return query<KbEventRow>("SELECT * FROM kb_events WHERE id > ? ORDER BY id", [afterId]);
}

/** A short form of events for assertion messages and comparisons. */
export function brief(events: KbEventRow[]) {
  return events.map((e) => ({ kind: e.kind, query_key: e.query_key, article_id: e.article_id, results: e.results }));
}

/** How many entries in this device's outbox mention `text` (in any field). */
export async function outboxEntriesMentioning(page: Page, text: string): Promise<number> {
  const entries = await outboxEntries(page);
  return entries.filter((entry) => JSON.stringify(entry).includes(text)).length;
}
