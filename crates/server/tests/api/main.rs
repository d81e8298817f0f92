//! Integration tests of `aftercare-server`, in one test binary so that the
//! library is linked once. Each test gets a fresh database: a temporary
//! SQLite file, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a
//! fresh schema on it.

mod binary;
mod common;
mod errors;
mod health;
mod import;
mod kb_article;
mod kb_feed;
mod portal;
mod static_site;
