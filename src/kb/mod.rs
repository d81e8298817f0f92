//! The knowledge base on the device: the library of saved articles with its
//! search index, kept up to date by delta sync, and what customers tell it
//! (votes and search analytics) on its way through the outbox.

pub mod library;
pub mod shelf;
pub mod signals;
pub mod sync;

pub use library::{provide_library, use_library, Library, LibraryStatus};
pub use shelf::Shelf;
pub use signals::{provide_kb_signals, use_kb_signals, KbSignals};
