//! Toast notices: successes in a `role="status"` region, errors in a `role="alert"` region, so
//! screen readers announce both. Provided once by `App`; any screen calls `use_toasts()`.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn success(&self, text: impl Into<String>) {
        self.push(ToastKind::Success, text.into(), Duration::from_secs(5));
    }

    /// Errors stay longer: people need time to read what the server said.
    pub fn error(&self, text: impl Into<String>) {
        self.push(ToastKind::Error, text.into(), Duration::from_secs(12));
    }

    fn push(&self, kind: ToastKind, text: String, ttl: Duration) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|v| v.push(Toast { id, kind, text }));
        let this = *self;
        set_timeout(move || this.dismiss(id), ttl);
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// The two live regions where toasts appear (bottom right).
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let list = move |kind: ToastKind| {
        view! {
            <For
                each=move || toasts.items.get().into_iter().filter(move |t| t.kind == kind)
                key=|t| t.id
                let:toast
            >
                <div class=move || format!("toast toast-{}", if kind == ToastKind::Error { "error" } else { "success" })>
                    <span class="toast-text">{toast.text.clone()}</span>
                    <button class="toast-close" aria-label="Dismiss" on:click=move |_| toasts.dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        }
    };
    view! {
        <div class="toasts">
            <div role="status" aria-live="polite">{list(ToastKind::Success)}</div>
            <div role="alert">{list(ToastKind::Error)}</div>
        </div>
    }
}
