//! Modal dialogs: `role="dialog"`, `aria-modal`, named by their title. Escape, the backdrop and
//! every Cancel button close them without changes. `ConfirmDialog` is the one confirm step every
//! destructive action goes through.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

/// A modal dialog with a title and any content. Focus moves into it when it opens.
#[component]
pub fn Dialog(
    /// The dialog's title: its heading and accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Asked to close (Escape, backdrop click). The owner decides (e.g. not while saving).
    on_close: Callback<()>,
    /// A wider dialog for tables and previews.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let n = next_id();
    let id = format!("dialog-title-{n}");
    let labelled_by = id.clone();
    let panel = NodeRef::<html::Div>::new();
    // Dialogs can stack (a confirm above an edit): Escape closes only the top one.
    OPEN.with(|o| o.borrow_mut().push(n));
    let handle = window_event_listener(ev::keydown, move |e| {
        if e.key() == "Escape" && OPEN.with(|o| o.borrow().last() == Some(&n)) {
            e.prevent_default();
            e.stop_immediate_propagation();
            on_close.run(());
        }
    });
    on_cleanup(move || {
        handle.remove();
        OPEN.with(|o| o.borrow_mut().retain(|x| *x != n));
    });
    // Focus the first field (or the dialog itself) once it is in the page.
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let first = el
                .query_selector("input:not([type=hidden]):not([disabled]), select, textarea, button.btn-primary, button.btn-danger")
                .ok()
                .flatten();
            let _ = match first
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(f).ok())
            {
                Some(f) => f.focus(),
                None => el.focus(),
            };
        }
    });
    view! {
        <div class="dialog-backdrop" on:click=move |e| {
            if event_target_is_current(&e) {
                on_close.run(());
            }
        }>
            <div
                class="dialog"
                class:dialog-wide=wide
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                node_ref=panel
            >
                <h2 id=id class="dialog-title">{move || title.get()}</h2>
                {children()}
            </div>
        </div>
    }
}

fn event_target_is_current(e: &ev::MouseEvent) -> bool {
    match (e.target(), e.current_target()) {
        (Some(t), Some(c)) => t == c,
        _ => false,
    }
}

thread_local! {
    /// The open dialogs, innermost last.
    static OPEN: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// "Are you sure?" for destructive or bulk actions: says what will be lost (the children), and
/// offers Cancel and a confirm button named after the action.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: Signal<String>,
    /// The confirm button's label, e.g. "Delete".
    #[prop(into)]
    confirm_label: String,
    /// Red confirm button for destructive actions.
    #[prop(optional)]
    danger: bool,
    /// While true the buttons are disabled (the action runs).
    #[prop(optional, into)]
    busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let class = if danger {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };
    view! {
        <Dialog title=title on_close=on_cancel>
            <div class="dialog-body">{children()}</div>
            <div class="dialog-actions">
                <button class="btn" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button class=class disabled=move || busy.get() on:click=move |_| on_confirm.run(())>{confirm_label}</button>
            </div>
        </Dialog>
    }
}
