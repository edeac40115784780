//! Asks before leaving a screen with unsaved changes: the browser's own prompt on reload/close
//! (`beforeunload`), and a confirm when a link inside the app is clicked. Back/forward buttons
//! are not intercepted.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// While `dirty` is true, leaving through a link or closing the tab asks first.
#[component]
pub fn LeaveGuard(
    /// There are unsaved changes.
    #[prop(into)]
    dirty: Signal<bool>,
) -> impl IntoView {
    let unload = window_event_listener(ev::beforeunload, move |e| {
        if dirty.try_get_untracked().unwrap_or(false) {
            e.prevent_default();
            e.set_return_value("You have unsaved changes.");
        }
    });
    // On the document, so it runs before the router's window-level link handler and can stop it
    // (the router skips clicks whose default was prevented).
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if !dirty.try_get_untracked().unwrap_or(false) || e.default_prevented() {
            return;
        }
        let Some(link) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if link.get_attribute("download").is_some() {
            return;
        }
        let leave = window()
            .confirm_with_message("You have unsaved changes. Leave this screen and lose them?")
            .unwrap_or(true);
        if !leave {
            e.prevent_default();
            e.stop_propagation();
        }
    });
    let _ = document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let on_click = StoredValue::new_local(Some(on_click));
    on_cleanup(move || {
        unload.remove();
        if let Some(cb) = on_click.try_update_value(Option::take).flatten() {
            let _ = document()
                .remove_event_listener_with_callback("click", cb.as_ref().unchecked_ref());
        }
    });
}
