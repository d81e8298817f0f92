-- Satisfaction surveys: one answer set per service request, changed in
-- place while its edit window is open (an upsert keeps one row). Answers are
-- the survey's JSON object, by question key. Timestamps are fixed-width UTC
-- RFC 3339 text with milliseconds, as everywhere.
CREATE TABLE surveys (
    request_id   TEXT NOT NULL PRIMARY KEY REFERENCES service_requests (id),
    answers      TEXT NOT NULL,
    locale       TEXT NOT NULL,
    submitted_at TEXT COLLATE "C" NOT NULL,
    updated_at   TEXT COLLATE "C" NOT NULL,
    revisions    INTEGER NOT NULL DEFAULT 1
);
-- The report reads a time range of first answers.
CREATE INDEX surveys_by_time ON surveys (submitted_at);
