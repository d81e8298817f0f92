//! The PWA's pieces of UI: the "new version" prompt, the install button,
//! the full-page notice shown when this page is too old for the device
//! store, and the app's take-over of the static first paint. The first
//! three read their state from context (see [`crate::pwa`]) and show
//! nothing where that state is not provided.

pub mod install_button;
pub mod out_of_date;
pub mod take_over;
pub mod update_prompt;
