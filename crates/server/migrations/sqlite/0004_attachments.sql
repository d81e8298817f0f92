-- Resumable uploads (tus-like). A row is made by `POST /attachments`, grows
-- with each `PATCH` (upload_offset counts the bytes safely on disk), and is
-- checked by its content when the last byte arrives. The file itself lives
-- under `<data-dir>/attachments/<storage_name>`, a name the server made.

-- `owner` is who uploaded it and alone may continue it: `customer:<id>`,
-- `staff:<id>` or `guest:<sha-256 of the access key>` (the identity's
-- idempotency scope). `state` is `uploading`, `complete` (the content
-- matched; `content_type` is the checked type) or `rejected` (it did not;
-- `rejection` says why). `request_id` is set once, when a request or a
-- message names it, in the same transaction.
CREATE TABLE attachments (
    id            TEXT    NOT NULL PRIMARY KEY,
    owner         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    declared_type TEXT    NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    upload_offset INTEGER NOT NULL DEFAULT 0 CHECK (upload_offset >= 0 AND upload_offset <= size),
    state         TEXT    NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'complete', 'rejected')),
    content_type  TEXT,
    rejection     TEXT,
    storage_name  TEXT    NOT NULL UNIQUE,
    request_id    TEXT    REFERENCES service_requests (id),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX attachments_by_request ON attachments (request_id);
