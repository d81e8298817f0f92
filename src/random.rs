//! Secure random values from the browser's `crypto.getRandomValues`: guest
//! access keys, idempotency keys and this device's local ids.

use aftercare_core::access::{access_key_from_bytes, base64url};

/// `N` random bytes from the browser's secure source.
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .expect("the browser offers crypto.getRandomValues");
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .expect("crypto.getRandomValues fills a small array");
    bytes
}

/// A new guest access key: 256 random bits.
pub fn access_key() -> String {
    access_key_from_bytes(&random_bytes::<32>()).expect("32 bytes are enough")
}

/// A new unique id with `prefix`, such as `local-…` or an idempotency key.
pub fn id(prefix: &str) -> String {
    format!("{prefix}-{}", base64url(&random_bytes::<16>()))
}

/// A number in `[0, 1)` for jitter (not secret).
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

/// The time now, in milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
