//! Focus that survives a re-render. A dialog gives focus back to the control that opened it;
//! when that control is a row's button and the row is rebuilt after the change (a list reloads
//! after Save), the old button leaves the page and focus would fall to the top of the document.
//! A control marked `data-focus-key` is found again by that key in its new row.

use std::time::Duration;

use leptos::prelude::set_timeout;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// The attribute that names a control across re-renders, e.g. `edit-{user id}`.
pub const FOCUS_KEY: &str = "data-focus-key";

/// How long to keep watching: a reload may take until the request deadline.
const WATCH: Duration = Duration::from_secs(35);
const EVERY: Duration = Duration::from_millis(100);

/// Focuses `opener` (if still in the page). If it carries a focus key, keeps watching: when
/// focus falls to the document because the opener was replaced, the control with the same key
/// gets it. Stops as soon as the person moves focus elsewhere.
pub fn return_focus(opener: HtmlElement) {
    if opener.is_connected() {
        let _ = opener.focus();
    }
    if let Some(key) = opener.get_attribute(FOCUS_KEY) {
        watch(
            SendWrapper::new(opener),
            key,
            (WATCH.as_millis() / EVERY.as_millis()) as u32,
        );
    }
}

fn watch(opener: SendWrapper<HtmlElement>, key: String, turns: u32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let active = doc.active_element();
    let on_opener = active
        .as_ref()
        .is_some_and(|a| a == opener.as_ref() as &web_sys::Element);
    let lost = active.is_none() || active == doc.body().map(Into::into);
    if lost {
        let selector = format!("[{FOCUS_KEY}=\"{}\"]", key.replace(['"', '\\'], ""));
        if let Some(el) = doc
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = el.focus();
            return;
        }
    } else if !on_opener {
        return; // the person went on elsewhere
    }
    if turns > 0 {
        set_timeout(move || watch(opener, key, turns - 1), EVERY);
    }
}

/// What Tab can stop at.
const TABBABLE: &str = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
    select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `container` (an open modal): from its last stop Tab goes to its first, and
/// Shift+Tab from the first to the last. (A native modal dialog lets Tab leave for the
/// browser's own controls, and a headless or kiosk browser has none: focus fell to the page.)
pub fn keep_tab_inside(container: &web_sys::Element, ev: &web_sys::KeyboardEvent) {
    // A dialog inside this one has already handled it.
    if ev.key() != "Tab" || ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key()
    {
        return;
    }
    let Ok(list) = container.query_selector_all(TABBABLE) else {
        return;
    };
    let stops: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.offset_width() > 0 || e.offset_height() > 0) // rendered, not display: none
        .collect();
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |e: &HtmlElement| active.as_ref() == Some(e.as_ref());
    let inside = active
        .as_ref()
        .is_some_and(|a| container.contains(Some(a)) && a != container);
    let to = match (ev.shift_key(), inside) {
        (false, true) if at(last) => first,
        (true, true) if at(first) => last,
        (false, false) => first,
        (true, false) => last,
        _ => return,
    };
    ev.prevent_default();
    let _ = to.focus();
}
