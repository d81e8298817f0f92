-- What customers tell the knowledge base: "Was this helpful?" answers on
-- articles, and the search analytics events the portal sends in batches.
-- Timestamps are fixed-width UTC RFC 3339 text with milliseconds, as
-- everywhere. Article ids are not foreign keys: an event queued offline may
-- name an article deleted since, and tombstones may be purged one day.

-- One row per answer. A customer's answer keeps their id; an anonymous one
-- has none. The Idempotency-Key that sent it stays on the row, unique per
-- identity, so that no retry can store it twice.
CREATE TABLE kb_feedback (
    id                TEXT    NOT NULL PRIMARY KEY,
    article_id        TEXT    NOT NULL,
    helpful           INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment           TEXT,
    locale            TEXT    NOT NULL,
    customer_id       TEXT    REFERENCES customers (id),
    created_at        TEXT    NOT NULL,
    idempotency_scope TEXT,
    idempotency_key   TEXT,
    UNIQUE (idempotency_scope, idempotency_key)
);
-- The report reads a time range, then groups by article.
CREATE INDEX kb_feedback_by_time ON kb_feedback (created_at, article_id);
CREATE INDEX kb_feedback_by_article ON kb_feedback (article_id, created_at);

-- One row per event. `query_key` is the query normalised (trimmed,
-- lower-cased, runs of white space made one space), so that the report
-- groups the same query however it was typed. `at` is when it happened on
-- the device, `received_at` when the server stored it. The batch's
-- Idempotency-Key and the event's place in the batch are unique together.
CREATE TABLE kb_events (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind              TEXT    NOT NULL
                      CHECK (kind IN ('search', 'zero_result', 'result_click', 'deflection')),
    query             TEXT,
    query_key         TEXT,
    article_id        TEXT,
    results           INTEGER,
    locale            TEXT    NOT NULL,
    at                TEXT    NOT NULL,
    received_at       TEXT    NOT NULL,
    idempotency_scope TEXT,
    idempotency_key   TEXT,
    position          INTEGER NOT NULL,
    UNIQUE (idempotency_scope, idempotency_key, position)
);
-- The report reads one kind in a time range, then groups by query or article.
CREATE INDEX kb_events_by_kind ON kb_events (kind, at);
