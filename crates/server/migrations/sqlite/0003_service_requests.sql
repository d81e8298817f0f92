-- Service requests: the request itself, its timeline (events), its messages
-- and the ids of the files attached to it. Timestamps are fixed-width UTC
-- RFC 3339 text with milliseconds, as everywhere.

-- A request belongs to a customer (customer_id) or to whoever holds its
-- access key (access_key_hash, the SHA-256 of a key the portal made), or
-- both. The Idempotency-Key that created it stays on the row forever, unique
-- per identity, so that no retry can ever create it twice. `version` counts
-- the updates, for optimistic concurrency.
CREATE TABLE service_requests (
    id                TEXT    NOT NULL PRIMARY KEY,
    number            TEXT    NOT NULL UNIQUE,
    customer_id       TEXT    REFERENCES customers (id),
    access_key_hash   TEXT    UNIQUE,
    idempotency_scope TEXT    NOT NULL,
    idempotency_key   TEXT    NOT NULL,
    request_type      TEXT    NOT NULL,
    severity          TEXT    NOT NULL,
    queue             TEXT    NOT NULL CHECK (queue IN ('service', 'supervisor')),
    status            TEXT    NOT NULL,
    locale            TEXT    NOT NULL,
    fields            TEXT    NOT NULL,
    engineer_id       TEXT    REFERENCES staff (id),
    appointment_start TEXT,
    appointment_end   TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (idempotency_scope, idempotency_key),
    CHECK (customer_id IS NOT NULL OR access_key_hash IS NOT NULL)
);
CREATE INDEX service_requests_by_customer ON service_requests (customer_id, updated_at, id);
CREATE INDEX service_requests_by_activity ON service_requests (updated_at, id);

-- Messages, stored verbatim as plain text. A message posted with an
-- Idempotency-Key keeps it, unique per identity.
CREATE TABLE request_messages (
    id                TEXT NOT NULL PRIMARY KEY,
    request_id        TEXT NOT NULL REFERENCES service_requests (id),
    author_kind       TEXT NOT NULL,
    author_id         TEXT,
    author_name       TEXT,
    body              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    idempotency_scope TEXT,
    idempotency_key   TEXT,
    UNIQUE (idempotency_scope, idempotency_key)
);
CREATE INDEX request_messages_by_request ON request_messages (request_id, created_at);

-- The timeline: one row per step, in id order. A status step names the
-- action and the status it led to; a message step points at its message.
-- `detail` is JSON (engineer, appointment, note) or NULL.
CREATE TABLE request_events (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    request_id  TEXT    NOT NULL REFERENCES service_requests (id),
    at          TEXT    NOT NULL,
    actor_kind  TEXT    NOT NULL CHECK (actor_kind IN ('customer', 'engineer', 'supervisor', 'system')),
    actor_id    TEXT,
    actor_name  TEXT,
    action      TEXT,
    status      TEXT,
    message_id  TEXT    REFERENCES request_messages (id),
    detail      TEXT
);
CREATE INDEX request_events_by_request ON request_events (request_id, id);

-- The ids of files attached to a request (uploads come later; for now the
-- ids are plain strings from the form's attachments fields).
CREATE TABLE request_attachments (
    request_id    TEXT NOT NULL REFERENCES service_requests (id),
    attachment_id TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    PRIMARY KEY (request_id, attachment_id)
);
