//! Registers the service worker (`public/sw.js`) that keeps the app shell,
//! so that a reload with no network still starts the portal.

/// Asks the browser to install the service worker; browsers without one
/// (or insecure origins) simply go without.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // The promise's outcome changes nothing the customer sees.
    let _ = container.register("/sw.js");
}
