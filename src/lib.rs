//! Aftercare's customer portal: a Leptos client-side app that shows the
//! knowledge base (and, in later issues, service requests and surveys), reads
//! through the sans-IO `aftercare-core` adapters, and keeps what it has seen in
//! the device's IndexedDB store so it keeps working without a network.

// The build-script code generation that replaces this macro needs one more
// build dependency; the macro gives the same result.
#[allow(deprecated)]
mod generated {
    leptos_i18n::load_locales!();
}
pub use generated::i18n;

pub mod app;
pub mod components;
pub mod drafts;
pub mod kb;
pub mod knowledge_base;
pub mod language;
pub mod local_time;
pub mod net;
pub mod pages;
pub mod product_book;
pub mod pwa;
pub mod random;
pub mod request_book;
pub mod session;
pub mod store;
pub mod survey_book;
pub mod sync;
pub mod uploads;
pub mod widget;
