//! The error blocks every screen uses: what went wrong, in words a person can act on, announced
//! (`role="alert"`), with the way on (Retry for a load, Send again for a change).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::latest::LoadState;
use crate::session::use_session;

/// A failed load: the message and Retry. An expired session needs no Retry here: Sign in opens
/// over the screen and the view loads again by itself once signed in.
#[component]
pub fn LoadError(
    /// The view's load state (from `use_latest`).
    state: LoadState,
) -> impl IntoView {
    move || {
        state.error.get().map(|e| {
            let expired = e.is_session_expired();
            view! {
                <div class="error" role="alert">
                    <span>{e.to_string()}</span>
                    " "
                    <Show when=move || !expired>
                        <button type="button" class="btn btn-small" on:click=move |_| state.reload()>
                            "Retry"
                        </button>
                    </Show>
                </div>
            }
        })
    }
}

/// A failed change: the message (field errors stand at their fields; this says to look there)
/// and, where sending again can help, a button for it.
#[component]
pub fn WriteError(
    /// The write's error (`Write::error`).
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Sends the same change again (`Write::retry`).
    on_retry: Callback<()>,
    /// Fields the form shows the server's errors at: their messages are not repeated here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let session = use_session();
    move || {
        error.get().map(|e| {
            let at_fields = e.field_errors_for(fields);
            let text = if e.is_session_expired() {
                "Your session ended before this was saved. Sign in again: what you entered is kept \
                 here, and you can send it again."
                    .to_string()
            } else if !at_fields.is_empty() {
                // The server's words are at the fields (in an admin's words there); repeating
                // them here would bring back sign-up wording such as "Uh-oh!…".
                format!(
                    "Not saved. Check the marked field{}.",
                    if at_fields.len() == 1 { "" } else { "s" }
                )
            } else {
                e.to_string()
            };
            let offer = e.is_session_expired() || e.is_transient();
            let label = if e.is_session_expired() {
                "Send again"
            } else {
                "Try again"
            };
            view! {
                <div class="error" role="alert">
                    <span>{text}</span>
                    " "
                    <Show when=move || offer>
                        <button
                            type="button"
                            class="btn btn-small"
                            disabled=move || session.is_expired()
                            on:click=move |_| on_retry.run(())
                        >
                            {label}
                        </button>
                    </Show>
                </div>
            }
        })
    }
}
