//! The parts of "My data", one per file: downloading everything the
//! backend holds about the customer, deleting the account (explained and
//! confirmed first), and the notice home shows once the account is gone.

pub mod delete_account;
pub mod deleted_notice;
pub mod export_data;
