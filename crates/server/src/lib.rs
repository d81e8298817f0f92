//! Aftercare's reference server: the REST API the portal talks to (axum over
//! sqlx, on SQLite or PostgreSQL), the portal's static files, and the admin
//! command line. `main.rs` only parses the command line and calls [`cli::run`].

pub mod account;
pub mod attachments;
pub mod auth;
pub mod backup;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod http;
pub mod kb;
pub mod mail;
pub mod requests;
pub mod serve;
pub mod settings;
pub mod staff;
pub mod surveys;
pub mod timestamp;

pub use http::{app, AppState};
