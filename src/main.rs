//! Entry point of the WebAssembly app: everything lives in the library.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(owui_admin::App);
}
