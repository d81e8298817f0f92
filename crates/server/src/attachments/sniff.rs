//! What a file is by its first bytes (its "magic"), never by its name or
//! by what the client says: JPEG, PNG, WebP, HEIC/HEIF and MP4/QuickTime
//! (ISO base media files, told apart by the `ftyp` box's brands) and PDF.
//! Anything else is unknown, and so not accepted.

/// How many leading bytes [`sniff`] needs at most.
pub const HEAD_BYTES: usize = 64;

/// A kind of file recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    Webp,
    /// HEIC or another HEIF image.
    Heif,
    Mp4,
    QuickTime,
    Pdf,
}

impl Sniffed {
    /// The media types a file of this kind may be declared as; the first
    /// is its usual name.
    pub fn media_types(self) -> &'static [&'static str] {
        match self {
            Sniffed::Jpeg => &["image/jpeg"],
            Sniffed::Png => &["image/png"],
            Sniffed::Webp => &["image/webp"],
            Sniffed::Heif => &["image/heic", "image/heif"],
            Sniffed::Mp4 => &["video/mp4"],
            Sniffed::QuickTime => &["video/quicktime"],
            Sniffed::Pdf => &["application/pdf"],
        }
    }

    /// Whether a file declared as `declared` (parameters ignored, any case)
    /// may be this kind.
    pub fn matches(self, declared: &str) -> bool {
        let essence = essence(declared);
        self.media_types()
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&essence))
    }
}

/// A media type without its parameters, trimmed and lower-cased.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Brands of HEIF images (HEIC is HEIF with HEVC).
const HEIF_BRANDS: [&[u8; 4]; 8] = [
    b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
];
/// Brands of MP4 video.
const MP4_BRANDS: [&[u8; 4]; 11] = [
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash",
    b"mmp4",
];

/// The kind of the file that starts with `head` (at least its first
/// [`HEAD_BYTES`] bytes, or the whole file if shorter).
pub fn sniff(head: &[u8]) -> Option<Sniffed> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Sniffed::Jpeg);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Sniffed::Png);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Some(Sniffed::Webp);
    }
    if head.starts_with(b"%PDF-") {
        return Some(Sniffed::Pdf);
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        return ftyp(head);
    }
    None
}

/// An ISO base media file by its `ftyp` box: the major brand, else the
/// first compatible brand that says what it is.
fn ftyp(head: &[u8]) -> Option<Sniffed> {
    let size = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let end = size.clamp(12, head.len());
    let major = &head[8..12];
    // The major brand, then the compatible brands (after the minor version).
    let brands =
        std::iter::once(major).chain(head.get(16..end).unwrap_or_default().chunks_exact(4));
    for brand in brands {
        if HEIF_BRANDS.iter().any(|b| b.as_slice() == brand) {
            return Some(Sniffed::Heif);
        }
        if brand == b"qt  " {
            return Some(Sniffed::QuickTime);
        }
        if MP4_BRANDS.iter().any(|b| b.as_slice() == brand) {
            return Some(Sniffed::Mp4);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ftyp_box(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len();
        let mut out = (size as u32).to_be_bytes().to_vec();
        out.extend_from_slice(b"ftyp");
        out.extend_from_slice(major);
        out.extend_from_slice(&[0, 0, 0, 0]);
        for brand in compatible {
            out.extend_from_slice(*brand);
        }
        out.extend_from_slice(b"\0\0\0\x08free");
        out
    }

    #[test]
    fn known_kinds_are_recognised() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some(Sniffed::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Sniffed::Png));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(Sniffed::Webp));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(Sniffed::Pdf));
        assert_eq!(sniff(&ftyp_box(b"heic", &[b"mif1"])), Some(Sniffed::Heif));
        assert_eq!(sniff(&ftyp_box(b"mif1", &[b"heic"])), Some(Sniffed::Heif));
        assert_eq!(sniff(&ftyp_box(b"isom", &[b"avc1"])), Some(Sniffed::Mp4));
        assert_eq!(
            sniff(&ftyp_box(b"qt  ", &[b"qt  "])),
            Some(Sniffed::QuickTime)
        );
        assert_eq!(sniff(&ftyp_box(b"XXXX", &[b"mp42"])), Some(Sniffed::Mp4));
    }

    #[test]
    fn anything_else_is_unknown() {
        for bad in [
            &b""[..],
            b"<html><script>",
            b"GIF89a",
            b"RIFF\x24\0\0\0WAVEfmt ",
            b"\0\0\0\x10ftypXXXX\0\0\0\0",
            b"\xFF\xD8",
        ] {
            assert_eq!(sniff(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn declared_types_must_match_the_kind() {
        assert!(Sniffed::Jpeg.matches("image/jpeg"));
        assert!(Sniffed::Jpeg.matches("Image/JPEG; charset=x"));
        assert!(Sniffed::Heif.matches("image/heif"));
        assert!(!Sniffed::Png.matches("image/jpeg"));
        assert!(!Sniffed::Mp4.matches("video/quicktime"));
    }
}
