//! Which release of the portal this build is, as the footer shows it so a
//! customer can tell support which version they run: the package version,
//! unless the build sets `AFTERCARE_RELEASE` (a vendor's own release name,
//! or the end-to-end tests' second build, which must differ from the first
//! in its code and not only in its service worker).

/// The release name compiled into this build.
pub const RELEASE: &str = match option_env!("AFTERCARE_RELEASE") {
    Some(name) => name,
    None => env!("CARGO_PKG_VERSION"),
};
