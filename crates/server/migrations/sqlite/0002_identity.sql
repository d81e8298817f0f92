-- Who can sign in: customers (by email code or a vendor's embed token) and
-- staff (by a token from the command line), their sessions, the sign-in codes
-- in flight, and the idempotency keys of every POST. Secrets are never
-- stored, only their hashes: SHA-256 for 256-bit tokens, HMAC-SHA-256 with
-- the server's pepper for six-digit codes. Timestamps are fixed-width UTC
-- RFC 3339 text with milliseconds, so text order is time order.

-- A customer is known by a lower-cased email address.
CREATE TABLE customers (
    id         TEXT NOT NULL PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '',
    locale     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE staff (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('engineer', 'supervisor')),
    created_at TEXT NOT NULL
);

-- One row per code sent. Sending a new code to an address retires the older
-- ones (consumed = 1); a code dies after five attempts or ten minutes.
CREATE TABLE sign_in_codes (
    id         TEXT    NOT NULL PRIMARY KEY,
    email      TEXT    NOT NULL,
    code_hash  TEXT    NOT NULL,
    locale     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
    consumed   INTEGER NOT NULL DEFAULT 0 CHECK (consumed IN (0, 1))
);
CREATE INDEX sign_in_codes_by_email ON sign_in_codes (email, consumed);

-- A bearer token of a customer or of a staff member, by its SHA-256.
CREATE TABLE sessions (
    token_hash  TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('customer', 'staff')),
    customer_id TEXT    REFERENCES customers (id),
    staff_id    TEXT    REFERENCES staff (id),
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    CHECK ((kind = 'customer' AND customer_id IS NOT NULL AND staff_id IS NULL)
        OR (kind = 'staff' AND staff_id IS NOT NULL AND customer_id IS NULL))
);

-- The Idempotency-Key of a POST, per identity (scope), kept forever. While
-- the request runs, status is NULL; afterwards the row holds the response,
-- its body sealed with a key derived from the pepper and the request.
CREATE TABLE idempotency_keys (
    scope        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    fingerprint  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    status       INTEGER,
    content_type TEXT,
    body         BLOB,
    completed_at TEXT,
    PRIMARY KEY (scope, key)
);
