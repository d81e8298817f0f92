-- Knowledge-base articles, one row per article in one language. A deleted
-- article stays behind as a tombstone (deleted = 1) so that the delta feed
-- can tell clients to drop it. Timestamps are fixed-width UTC RFC 3339 text
-- with milliseconds, so text order is time order.
CREATE TABLE kb_articles (
    id            TEXT    NOT NULL PRIMARY KEY,
    locale        TEXT    NOT NULL,
    category      TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    tags          TEXT    NOT NULL DEFAULT '[]',
    body_markdown TEXT    NOT NULL,
    html          TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

-- The feed reads in (updated_at, id) order, with or without a locale.
CREATE INDEX kb_articles_feed ON kb_articles (updated_at, id);
CREATE INDEX kb_articles_locale_feed ON kb_articles (locale, updated_at, id);
