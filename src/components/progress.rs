//! A determinate progress bar for long work ("12 of 40").
use leptos::prelude::*;

#[component]
pub fn Progress(
    /// What is being done, e.g. "Creating users".
    #[prop(into)]
    label: String,
    #[prop(into)] done: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
) -> impl IntoView {
    let pct = move || {
        if total.get() == 0 {
            100
        } else {
            done.get() * 100 / total.get()
        }
    };
    view! {
        <div class="progress-block">
            <div class="progress-label">
                {label.clone()}
                " — "
                {move || format!("{} of {}", done.get(), total.get())}
            </div>
            <progress
                max=move || total.get().max(1).to_string()
                value=move || done.get().to_string()
                aria-label=label
            >
                {move || format!("{}%", pct())}
            </progress>
        </div>
    }
}

/// A dialog's running stage of a cancellable batch: the progress bar and Cancel ("Cancelling…"
/// once pressed: the calls under way finish, no new one starts).
#[component]
pub fn RunningStage(
    #[prop(into)] label: String,
    #[prop(into)] done: Signal<usize>,
    total: usize,
    cancel: crate::batch::Cancel,
) -> impl IntoView {
    let cancelled = cancel.cancelled();
    view! {
        <div class="dialog-body">
            <Progress label=label done=done total=Signal::derive(move || total) />
        </div>
        <div class="dialog-actions">
            <button class="btn" disabled=move || cancelled.get() on:click=move |_| cancel.cancel()>
                {move || if cancelled.get() { "Cancelling…" } else { "Cancel" }}
            </button>
        </div>
    }
}
