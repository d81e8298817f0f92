//! How far each upload has got, as a reactive map the UI reads to draw
//! progress bars; provided once as context by the app.

use std::collections::HashMap;

use leptos::prelude::*;

/// Bytes sent and total bytes of each file being uploaded, by file id.
#[derive(Debug, Clone, Copy)]
pub struct UploadProgress {
    files: RwSignal<HashMap<String, (u64, u64)>>,
}

impl Default for UploadProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl UploadProgress {
    /// An empty map.
    pub fn new() -> Self {
        UploadProgress {
            files: RwSignal::new(HashMap::new()),
        }
    }

    /// Makes a new map this component's (and its children's) context.
    pub fn provide() -> Self {
        let progress = Self::new();
        provide_context(progress);
        progress
    }

    /// The map in context, if the app provided one.
    pub fn from_context() -> Option<Self> {
        use_context::<Self>()
    }

    /// Records that `sent` of `total` bytes of the file `id` are on the
    /// server.
    pub fn set(&self, id: &str, sent: u64, total: u64) {
        self.files.update(|files| {
            files.insert(id.to_string(), (sent, total));
        });
    }

    /// Forgets the file `id` (its upload finished or was discarded).
    pub fn clear(&self, id: &str) {
        self.files.update(|files| {
            files.remove(id);
        });
    }

    /// Bytes sent and total of the file `id`, if it is being uploaded;
    /// reading it subscribes the caller.
    pub fn of(&self, id: &str) -> Option<(u64, u64)> {
        self.files.with(|files| files.get(id).copied())
    }

    /// The share of the file `id` sent, from 0 to 1.
    pub fn fraction(&self, id: &str) -> Option<f64> {
        self.of(id).map(|(sent, total)| {
            if total == 0 {
                1.0
            } else {
                (sent as f64 / total as f64).min(1.0)
            }
        })
    }

    /// A callback for [`super::upload`] that records the file `id`'s
    /// progress here.
    pub fn reporter(&self, id: &str) -> impl Fn(u64, u64) + 'static {
        let progress = *self;
        let id = id.to_string();
        move |sent, total| progress.set(&id, sent, total)
    }
}
