//! The portal's pages, one per file.

pub mod article;
pub mod category;
pub mod help;
pub mod lookup;
pub mod my_data;
pub mod my_requests;
pub mod new_request;
pub mod not_found;
pub mod products;
pub mod request;
pub mod sign_in;
pub mod survey;
pub mod widget;
