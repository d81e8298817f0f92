//! Attaching a picked file: check it against the catalog's limits, scale a
//! photo down, and keep the result in the device store until it is sent.

use aftercare_core::UploadLimits;
use web_sys::{Blob, File};

use super::plan::{check_size, check_type, encoded_type, essence, is_scalable, renamed};
use super::resize::scale_down;
use super::UploadError;
use crate::random;
use crate::store::{DeviceStore, FileRecord};

/// Checks `file` against `limits`, scales a JPEG, PNG or WebP picture down
/// so neither side exceeds `limits.image_max_edge_px` (keeping the original
/// when it already fits, when scaling fails, or when the scaled picture is of
/// a type the catalog refuses), saves it in the shared device store and
/// returns the saved record. The size limit applies after scaling.
pub async fn prepare(file: File, limits: &UploadLimits) -> Result<FileRecord, UploadError> {
    let store = DeviceStore::shared().await?;
    prepare_into(&store, file, limits).await
}

/// [`prepare`], saving into `store`.
pub async fn prepare_into(
    store: &DeviceStore,
    file: File,
    limits: &UploadLimits,
) -> Result<FileRecord, UploadError> {
    let original_type = essence(&file.type_());
    check_type(limits, &original_type)?;
    let mut name = file.name();
    let mut content_type = original_type.clone();
    let mut blob: Blob = file.into();
    if is_scalable(&original_type) {
        let target = encoded_type(&original_type, limits);
        if let Ok(Some(scaled)) = scale_down(&blob, limits.image_max_edge_px, &target).await {
            let scaled_type = essence(&scaled.type_());
            if check_type(limits, &scaled_type).is_ok() {
                name = renamed(&name, &scaled_type);
                content_type = scaled_type;
                blob = scaled;
            }
        }
    }
    let size = blob.size() as u64;
    check_size(limits, size)?;
    let record = FileRecord {
        id: random::id("file"),
        name,
        content_type,
        size,
        blob,
        server_id: None,
        sent: 0,
    };
    store.put_file(&record).await?;
    Ok(record)
}
