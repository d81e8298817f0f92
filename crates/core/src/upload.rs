//! Resumable uploads as the contract describes them (in the manner of tus):
//! announce a file, send it in chunks from the offset the server holds, ask
//! where it stands after a break.

use serde::{Deserialize, Serialize};

/// What a customer announces before sending a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStart {
    pub name: String,
    /// In bytes.
    pub size: u64,
    #[serde(rename = "type")]
    pub content_type: String,
}

/// An announced upload: its id, and how much of it the server holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadSlot {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub content_type: String,
    pub size: u64,
    pub upload_offset: u64,
    /// `uploading`, `complete` or `rejected`.
    pub state: String,
}

/// What became of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkOutcome {
    /// Stored; the server now holds this many bytes.
    Stored(u64),
    /// The server holds a different number of bytes than the chunk assumed;
    /// go on from there.
    Conflict(u64),
}

/// Where an upload stands on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes stored.
    pub offset: u64,
    /// Bytes announced.
    pub length: u64,
}
