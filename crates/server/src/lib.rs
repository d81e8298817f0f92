//! Aftercare's reference server: the REST API the portal talks to (axum over
//! sqlx, on SQLite or PostgreSQL), the portal's static files, and the admin
//! command line. `main.rs` only parses the command line and calls [`cli::run`].

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod http;
pub mod kb;
pub mod serve;
pub mod timestamp;

pub use http::{app, AppState};
