//! The new-request form's parts, one idea per file: the catalog it is drawn
//! from, its state and rules, the type and severity pickers and their radio
//! cards, the frame and answer handle every field shares, an input per
//! kind of field, the warranty line, attachments, the privacy consent, a
//! link from a registered product, and the slot for suggested articles.

pub mod attachment_picker;
pub mod catalog;
pub mod choice_inputs;
pub mod consent;
pub mod date_inputs;
pub mod draft_keeper;
pub mod field_shell;
pub mod field_slot;
pub mod fields;
pub mod form_state;
pub mod label;
pub mod later_prefill;
pub mod problem_text;
pub mod product_input;
pub mod product_link;
pub mod radio_card;
pub mod severity_picker;
pub mod submit;
pub mod suggested_articles;
pub mod text_inputs;
pub mod type_picker;
pub mod warranty_badge;
