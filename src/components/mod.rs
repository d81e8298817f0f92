//! Reusable pieces of the portal's UI, one component per file.

pub mod focus;
pub mod kb;
pub mod language_switch;
pub mod load_error;
pub mod my_data;
pub mod products;
pub mod pwa;
pub mod request;
pub mod request_form;
pub mod saved_copy_notice;
pub mod shell;
pub mod sign_in_again;
pub mod skeleton;
pub mod store_failure;
pub mod survey;
pub mod text_field;
pub mod warranty_chip;
