//! The portal's entry point: installs the panic hook and, once the static
//! first-paint shell has been painted, removes it and mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    aftercare::pwa::after_first_paint(|| {
        aftercare::pwa::remove_static_shell();
        leptos::mount::mount_to_body(aftercare::app::App);
    });
}
