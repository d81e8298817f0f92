//! The portal's entry point: installs the panic hook and, once the static
//! first-paint shell has been painted, starts the app, which then takes the
//! shell's place.

fn main() {
    console_error_panic_hook::set_once();
    aftercare::pwa::after_first_paint(aftercare::app::start);
}
