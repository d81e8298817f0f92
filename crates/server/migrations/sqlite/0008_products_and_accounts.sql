-- Customers' registered products, and deleted accounts. Timestamps are
-- fixed-width UTC RFC 3339 text with milliseconds, as everywhere; a
-- purchase date is a `YYYY-MM-DD` day.

-- One row per product a customer registered. The model is spelled as the
-- catalog spells it and the serial number is trimmed and upper-cased, so
-- that one customer cannot register the same product twice. The proof of
-- purchase is an upload of theirs that no request uses. The Idempotency-Key
-- that registered it stays on the row, unique per identity, so that no
-- retry can store it twice.
CREATE TABLE products (
    id                  TEXT NOT NULL PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES customers (id),
    model               TEXT NOT NULL,
    serial_number       TEXT NOT NULL,
    purchase_date       TEXT NOT NULL,
    proof_attachment_id TEXT REFERENCES attachments (id),
    created_at          TEXT NOT NULL,
    idempotency_scope   TEXT,
    idempotency_key     TEXT,
    UNIQUE (customer_id, model, serial_number),
    UNIQUE (idempotency_scope, idempotency_key)
);
-- The product list reads one customer's, newest first.
CREATE INDEX products_by_customer ON products (customer_id, created_at);

-- A deleted account keeps its row, so that its anonymised requests still
-- point at someone: the address becomes a tombstone that is no address
-- (`deleted:<id>`), the name is emptied, and `deleted_at` says when.
ALTER TABLE customers ADD COLUMN deleted_at TEXT;
