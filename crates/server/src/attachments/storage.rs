//! The files of attachments: `<data-dir>/attachments/<name>`, where the
//! name is made by the server (random hex), never taken from the client.
//!
//! A chunk is written at the offset the database holds, after cutting the
//! file back to that offset (a chunk that was cut off half-way leaves bytes
//! the database never counted), and is on disk (`fsync`) before the caller
//! moves the offset on. So the stored offset never runs ahead of the file.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rand::rngs::OsRng;
use rand::RngCore;

use super::sniff::HEAD_BYTES;

/// The directory of attachments inside the data directory.
pub const DIR: &str = "attachments";

/// Where the files of attachments are kept.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store inside `data_dir`.
    pub fn in_data_dir(data_dir: &Path) -> Store {
        Store {
            dir: data_dir.join(DIR),
        }
    }

    /// A new, random file name (128 bits, hex).
    pub fn new_name() -> String {
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The path of the file `name`. Names are the server's own, so they
    /// never hold a separator; anything else is refused.
    fn path(&self, name: &str) -> io::Result<PathBuf> {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a stored file name",
            ));
        }
        Ok(self.dir.join(name))
    }

    /// Makes the empty file `name` (and the directory, if missing).
    pub async fn create(&self, name: &str) -> io::Result<()> {
        let path = self.path(name)?;
        let dir = self.dir.clone();
        blocking(move || {
            std::fs::create_dir_all(&dir)?;
            let file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.sync_all()?;
            File::open(&dir)?.sync_all()
        })
        .await
    }

    /// Writes `bytes` at `offset` of the file `name`, after cutting it back
    /// to `offset`, and waits until they are on disk.
    pub async fn write_at(&self, name: &str, offset: u64, bytes: Vec<u8>) -> io::Result<()> {
        let path = self.path(name)?;
        blocking(move || {
            let mut file = OpenOptions::new().write(true).open(path)?;
            file.set_len(offset)?;
            file.seek(SeekFrom::Start(offset))?;
            file.write_all(&bytes)?;
            file.sync_all()
        })
        .await
    }

    /// The first bytes of the file `name`, enough to tell its kind.
    pub async fn head(&self, name: &str) -> io::Result<Vec<u8>> {
        let path = self.path(name)?;
        blocking(move || {
            let mut head = Vec::with_capacity(HEAD_BYTES);
            File::open(path)?
                .take(HEAD_BYTES as u64)
                .read_to_end(&mut head)?;
            Ok(head)
        })
        .await
    }

    /// The file `name`, opened for reading.
    pub async fn open(&self, name: &str) -> io::Result<tokio::fs::File> {
        tokio::fs::File::open(self.path(name)?).await
    }

    /// Removes the file `name`; one that is gone already is no error.
    pub async fn remove(&self, name: &str) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(name)?).await {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(io::Error::other)?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_rewritten_chunk_replaces_what_was_cut_off() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::in_data_dir(dir.path());
        let name = Store::new_name();
        assert_eq!(name.len(), 32);
        store.create(&name).await.unwrap();
        store.write_at(&name, 0, b"hello".to_vec()).await.unwrap();
        // A cut-off chunk left junk past the counted offset.
        store.write_at(&name, 5, b" wor".to_vec()).await.unwrap();
        store.write_at(&name, 5, b" world".to_vec()).await.unwrap();
        let bytes = std::fs::read(dir.path().join(DIR).join(&name)).unwrap();
        assert_eq!(bytes, b"hello world");
        assert_eq!(store.head(&name).await.unwrap(), b"hello world");
        assert!(store.create("../x").await.is_err());
    }
}
