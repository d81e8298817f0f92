//! Helpers the core's unit tests share.

use crate::forms::FieldError;

/// Each error as its pointer and code, in order: what a test compares.
pub fn codes_of(errors: &[FieldError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.pointer.clone(), e.code.clone()))
        .collect()
}
