//! Reusable pieces of the portal's UI, one component per file.

pub mod kb;
pub mod language_switch;
pub mod load_error;
pub mod request;
pub mod request_form;
pub mod saved_copy_notice;
pub mod shell;
pub mod skeleton;
pub mod text_field;
