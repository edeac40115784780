//! Modal dialogs on the native `<dialog>` with `showModal()`: the page behind is inert, Tab
//! cycles inside (`components::focus`), stacks dialogs (a confirm above an edit) and sends Escape to the
//! top one. Escape, a click on the backdrop and every Cancel button ask the owner to close
//! (it may refuse, e.g. while saving); focus returns to the control that opened the dialog (or,
//! when a reload replaced it, to its successor: `components::focus`).
//! `ConfirmDialog` is the one confirm step every destructive action goes through.

use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::components::focus::{keep_tab_inside, return_focus};

/// A modal dialog with a title and any content. Focus moves to its first field when it opens.
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
    let id = format!("dialog-title-{}", next_id());
    let labelled_by = id.clone();
    let dialog = NodeRef::<html::Dialog>::new();
    // Whatever had focus when the dialog was made (the button that opened it) gets it back.
    let opener = SendWrapper::new(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        let opener = opener.take();
        // After this dialog has left the page (focus outside a modal is refused while it is there).
        set_timeout(
            move || {
                if let Some(el) = opener {
                    return_focus(el);
                }
            },
            Duration::ZERO,
        );
    });
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            open_modal(el, 3);
        }
    });
    let on_cancel = move |e: ev::Event| {
        e.prevent_default();
        on_close.run(());
    };
    // Chromium closes a dialog on a second quick Escape even when `cancel` is refused: ask the
    // owner, and show it again if the owner keeps it.
    let on_native_close = move |_: ev::Event| {
        on_close.run(());
        set_timeout(
            move || {
                if let Some(el) = dialog
                    .try_get_untracked()
                    .flatten()
                    .filter(|el| el.is_connected() && !el.open())
                {
                    let _ = el.show_modal();
                }
            },
            Duration::ZERO,
        );
    };
    view! {
        <dialog
            class="dialog"
            class:dialog-wide=wide
            role="dialog"
            aria-modal="true"
            aria-labelledby=labelled_by
            node_ref=dialog
            on:cancel=on_cancel
            on:keydown=move |e| {
                if let Some(el) = dialog.get_untracked() {
                    keep_tab_inside(&el, &e);
                }
            }
            on:close=on_native_close
            on:click=move |e| {
                // The dialog element itself is hit only through its backdrop (the content fills it).
                if event_target_is_current(&e) {
                    on_close.run(());
                }
            }
        >
            <div class="dialog-inner">
                <h2 id=id class="dialog-title">{move || title.get()}</h2>
                {children()}
            </div>
        </dialog>
    }
}

/// Shows `el` as a modal once it is in the page (a dialog built inside a view that is not yet
/// attached is retried on the next turns).
fn open_modal(el: web_sys::HtmlDialogElement, tries: u8) {
    if el.open() {
        return;
    }
    if el.is_connected() && el.show_modal().is_ok() {
        focus_first(&el);
    } else if tries > 0 {
        let el = SendWrapper::new(el);
        set_timeout(
            move || open_modal(el.take(), tries - 1),
            Duration::from_millis(16),
        );
    }
}

/// Focuses the field marked `autofocus`, else the first field or main button. (One selector
/// list would pick whichever comes first in the page, not the first kind that matches.)
fn focus_first(el: &web_sys::HtmlDialogElement) {
    let first = [
        "[autofocus]",
        "input:not([type=hidden]):not([disabled]), select, textarea, button.btn-primary, button.btn-danger",
    ]
    .iter()
    .find_map(|sel| el.query_selector(sel).ok().flatten())
    .and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(f) = first {
        let _ = f.focus();
    }
}

fn event_target_is_current(e: &ev::MouseEvent) -> bool {
    match (e.target(), e.current_target()) {
        (Some(t), Some(c)) => t == c,
        _ => false,
    }
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
