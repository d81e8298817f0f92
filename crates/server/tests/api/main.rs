//! Integration tests of `aftercare-server`, in one test binary so that the
//! library is linked once. Each test gets a fresh database: a temporary
//! SQLite file, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a
//! fresh schema on it.

mod attachments;
mod attachments_access;
mod attachments_messages;
mod attachments_resume;
mod auth_code;
mod auth_embed;
mod auth_input;
mod backup;
mod binary;
mod common;
mod core_adapter;
mod core_adapter_account;
mod durability;
mod errors;
mod fault;
mod hardening;
mod health;
mod idempotency;
mod import;
mod kb_article;
mod kb_events;
mod kb_feed;
mod kb_feedback;
mod kb_report;
mod kb_search;
mod mail_smtp;
mod mail_status;
mod my_data;
mod my_data_after;
mod openapi;
mod portal;
mod products;
mod rate_limit;
mod rate_limit_attachments;
mod rate_limit_requests;
mod requests_access;
mod requests_create;
mod requests_input;
mod requests_lifecycle;
mod requests_support;
mod static_site;
mod survey_report;
mod surveys;
mod surveys_access;
