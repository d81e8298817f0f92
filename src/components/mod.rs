//! Reusable pieces of the portal's UI, one component per file.

pub mod language_switch;
pub mod load_error;
pub mod saved_copy_notice;
pub mod shell;
pub mod skeleton;
