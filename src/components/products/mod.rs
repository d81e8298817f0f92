//! The parts of "My products", one per file: a registered product's card
//! with its warranty and service history, the registrations still in the
//! outbox, and the "Register a product" form with its state, its problem
//! messages and its proof-of-purchase picker.

pub mod field_problem;
pub mod pending_products;
pub mod product_card;
pub mod proof_picker;
pub mod register_form;
pub mod register_state;
