//! The portal's pages, one per file.

pub mod article;
pub mod help;
pub mod not_found;
