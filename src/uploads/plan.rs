//! The arithmetic of attaching files, with no browser in it: what the limits
//! allow, how far to scale a photo, what type and name it gets, and where
//! the next chunk ends.

use aftercare_core::UploadLimits;

use super::UploadError;

/// The largest chunk sent in one request: 1 MiB.
pub const CHUNK_BYTES: u64 = 1024 * 1024;

/// A media type without parameters, in lower case: `image/jpeg`.
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether the catalog accepts files of `content_type`.
pub fn check_type(limits: &UploadLimits, content_type: &str) -> Result<(), UploadError> {
    let essence = essence(content_type);
    if !essence.is_empty() && limits.accepts(&essence, 0) {
        Ok(())
    } else {
        Err(UploadError::NotAllowed {
            content_type: content_type.to_string(),
        })
    }
}

/// Whether a file of `size` bytes is within the catalog's limit (and not
/// empty).
pub fn check_size(limits: &UploadLimits, size: u64) -> Result<(), UploadError> {
    if size == 0 {
        Err(UploadError::Empty)
    } else if size <= limits.max_bytes {
        Ok(())
    } else {
        Err(UploadError::TooLarge {
            max: limits.max_bytes,
        })
    }
}

/// Whether the portal scales pictures of this type down before upload.
pub fn is_scalable(content_type: &str) -> bool {
    matches!(
        essence(content_type).as_str(),
        "image/jpeg" | "image/png" | "image/webp"
    )
}

/// The size a `width` by `height` picture is scaled to so that neither side
/// exceeds `max_edge`, keeping its proportions; `None` when it already fits.
pub fn fit_within(width: u32, height: u32, max_edge: u32) -> Option<(u32, u32)> {
    let longest = width.max(height);
    if longest <= max_edge || max_edge == 0 {
        return None;
    }
    let scale = f64::from(max_edge) / f64::from(longest);
    let side = |length: u32| ((f64::from(length) * scale).round() as u32).clamp(1, max_edge);
    Some((side(width), side(height)))
}

/// The type a scaled picture is encoded as: JPEG stays JPEG; PNG and WebP
/// become WebP (it keeps transparency) when the catalog accepts it, else
/// keep their own type.
pub fn encoded_type(original: &str, limits: &UploadLimits) -> String {
    let original = essence(original);
    match original.as_str() {
        "image/png" | "image/webp" if limits.accepts("image/webp", 0) => "image/webp".into(),
        _ => original,
    }
}

/// `name` with the usual extension of `content_type` in place of its own,
/// when the type changed (a scaled `photo.png` becomes `photo.webp`).
pub fn renamed(name: &str, content_type: &str) -> String {
    let extension = match essence(content_type).as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => return name.to_string(),
    };
    let stem = match name.rsplit_once('.') {
        Some((stem, old)) if !stem.is_empty() => {
            let same = old.eq_ignore_ascii_case(extension)
                || (extension == "jpg" && old.eq_ignore_ascii_case("jpeg"));
            if same {
                return name.to_string();
            }
            stem
        }
        _ => name,
    };
    format!("{stem}.{extension}")
}

/// Where the chunk that starts at `offset` ends in a file of `size` bytes.
pub fn chunk_end(offset: u64, size: u64) -> u64 {
    offset.saturating_add(CHUNK_BYTES).min(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> UploadLimits {
        UploadLimits {
            max_bytes: 1000,
            allowed_types: vec![
                "image/jpeg".into(),
                "image/png".into(),
                "application/pdf".into(),
            ],
            image_max_edge_px: 1600,
        }
    }

    #[test]
    fn pictures_are_scaled_to_the_longest_edge_keeping_proportions() {
        assert_eq!(fit_within(4000, 3000, 1600), Some((1600, 1200)));
        assert_eq!(fit_within(3000, 4000, 1600), Some((1200, 1600)));
        assert_eq!(fit_within(1600, 900, 1600), None);
        assert_eq!(fit_within(800, 600, 1600), None);
        assert_eq!(fit_within(10_000, 3, 1000), Some((1000, 1)));
    }

    #[test]
    fn types_and_sizes_are_checked_against_the_limits() {
        assert_eq!(check_type(&limits(), "IMAGE/JPEG; charset=x"), Ok(()));
        assert_eq!(
            check_type(&limits(), "video/mp4"),
            Err(UploadError::NotAllowed {
                content_type: "video/mp4".into()
            })
        );
        assert!(check_type(&limits(), "").is_err());
        assert_eq!(check_size(&limits(), 1000), Ok(()));
        assert_eq!(check_size(&limits(), 0), Err(UploadError::Empty));
        assert_eq!(
            check_size(&limits(), 1001),
            Err(UploadError::TooLarge { max: 1000 })
        );
    }

    #[test]
    fn png_becomes_webp_only_when_webp_is_accepted() {
        assert!(is_scalable("image/png") && !is_scalable("image/gif"));
        assert_eq!(encoded_type("image/jpeg", &limits()), "image/jpeg");
        assert_eq!(encoded_type("image/png", &limits()), "image/png");
        let mut with_webp = limits();
        with_webp.allowed_types.push("image/webp".into());
        assert_eq!(encoded_type("image/png", &with_webp), "image/webp");
    }

    #[test]
    fn a_new_type_gets_its_extension() {
        assert_eq!(renamed("photo.png", "image/webp"), "photo.webp");
        assert_eq!(renamed("photo.JPEG", "image/jpeg"), "photo.JPEG");
        assert_eq!(renamed("scan", "image/jpeg"), "scan.jpg");
        assert_eq!(renamed("report.pdf", "application/pdf"), "report.pdf");
    }

    #[test]
    fn chunks_are_a_mebibyte_and_stop_at_the_end() {
        assert_eq!(chunk_end(0, 3 * CHUNK_BYTES), CHUNK_BYTES);
        assert_eq!(chunk_end(CHUNK_BYTES, CHUNK_BYTES + 5), CHUNK_BYTES + 5);
        assert_eq!(chunk_end(7, 7), 7);
    }
}
