//! The pieces of the tracking pages, one per file: the status chip, the
//! service-level clock, the summary, the timeline, the message thread,
//! files, what still waits in the outbox, the actions and the reply box, the
//! "needs your attention" list, the rows and filters of "My requests", and
//! small helpers (catalog labels, confirm buttons, refresh on focus/online).

pub mod actions;
pub mod attention;
pub mod clock;
pub mod confirm;
pub mod files;
pub mod labels;
pub mod list_rows;
pub mod pending;
pub mod refresh;
pub mod reply;
pub mod status_chip;
pub mod summary;
pub mod thread;
pub mod timeline;
