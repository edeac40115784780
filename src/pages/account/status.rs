//! The Status section: emoji, message and expiry of the signed-in user's status.

use leptos::prelude::*;

use super::status_time::{browser_offset_at, epoch_to_local_input, local_input_to_epoch};
use crate::api::{ApiError, UserStatus};
use crate::components::alert::{LoadError, WriteError};
use crate::components::draft::Draft;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::write::use_write;

/// A few emoji to pick from; any text can be typed instead.
const EMOJI: [&str; 8] = ["🌴", "🏠", "🤒", "📅", "🎧", "🚗", "🍽️", "💬"];

/// What the form holds: plain text, as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct StatusForm {
    emoji: String,
    message: String,
    expires: String,
}

impl StatusForm {
    fn from_status(s: &UserStatus) -> Self {
        StatusForm {
            emoji: s.status_emoji.clone().unwrap_or_default(),
            message: s.status_message.clone().unwrap_or_default(),
            expires: match s.status_expires_at {
                Some(t) if t > 0 => epoch_to_local_input(t, browser_offset_at(t)),
                _ => String::new(),
            },
        }
    }

    /// The body for `/user/status/update`. The server ignores `null`s, so every field is sent
    /// with a value: "" clears a text, and 0 means "does not expire".
    fn to_status(&self) -> Result<UserStatus, String> {
        let expires = if self.expires.trim().is_empty() {
            0
        } else {
            local_input_to_epoch(&self.expires, browser_offset_at)?
        };
        Ok(UserStatus {
            status_emoji: Some(self.emoji.trim().to_string()),
            status_message: Some(self.message.trim().to_string()),
            status_expires_at: Some(expires),
            extra: Default::default(),
        })
    }
}

/// What the server answered for the status: the stored status, or a 403 because the feature is
/// turned off (the server's setting, not an error).
#[derive(Debug, Clone, PartialEq)]
enum Stored {
    On(UserStatus),
    Off,
}

/// The Status section (turned-off servers say so instead of showing the form).
#[component]
pub fn StatusSection() -> impl IntoView {
    let toasts = use_toasts();
    let stored = use_latest(
        || (),
        |client, _| async move {
            match client.my_status().await {
                Ok(s) => Ok(Stored::On(s)),
                Err(ApiError::Forbidden(_)) => Ok(Stored::Off),
                Err(e) => Err(e),
            }
        },
    );
    // The form: the stored status until the person changes something, then theirs (a refetch,
    // e.g. after signing in again, never overwrites it).
    let form = Draft::new(move || match stored.value.get() {
        Some(Stored::On(s)) => Some(StatusForm::from_status(&s)),
        _ => None,
    });
    let turned_off = move || matches!(stored.value.get(), Some(Stored::Off));
    let expires_error = RwSignal::new(None::<String>);

    let save = use_write(
        |client, body: UserStatus| async move {
            client.update_my_status(&body).await?;
            Ok(body)
        },
        move |result| match result {
            Ok(body) => {
                let cleared = StatusForm::from_status(&body) == StatusForm::default();
                // Typed on while it was being saved: keep that, it is not saved yet.
                let typed_on = form.with_untracked(|f| f.to_status().ok() != Some(body.clone()));
                stored.value.set(Some(Stored::On(body)));
                if typed_on != Some(true) {
                    form.discard();
                }
                toasts.success(if cleared {
                    "Status cleared."
                } else {
                    "Status saved."
                });
            }
            Err(ApiError::Forbidden(_)) => stored.value.set(Some(Stored::Off)),
            Err(_) => {} // shown by WriteError; the form keeps what was typed
        },
    );
    let send = move |next: StatusForm| match next.to_status() {
        Ok(body) => {
            expires_error.set(None);
            save.dispatch(body);
        }
        Err(e) => expires_error.set(Some(e)),
    };
    let not_ready = move || !form.ready();
    let busy = move || save.pending().get() || not_ready();
    let text = move |get: fn(&StatusForm) -> String| move || form.with(get).unwrap_or_default();

    view! {
        <section class="panel account-section" aria-labelledby="account-status" aria-busy=move || busy().to_string()>
            <h2 id="account-status">"Status"</h2>
            <LoadError state=stored.state />
            <Show
                when=move || !turned_off()
                fallback=|| view! {
                    <p class="muted status-off">"Status is turned off on this server (an administrator can enable it)."</p>
                }
            >
                <Show when=move || not_ready() && stored.loading()>
                    <p class="muted status-loading">"Loading…"</p>
                </Show>
                <form class="form status-form" on:submit=move |e| {
                    e.prevent_default();
                    if let Some(next) = form.get_untracked() {
                        send(next);
                    }
                }>
                    <div class="status-row">
                        <div class="status-emoji">
                            <label for="status-emoji">"Status emoji"</label>
                            <input id="status-emoji" type="text" maxlength="16" autocomplete="off"
                                disabled=not_ready
                                prop:value=text(|f| f.emoji.clone())
                                on:input:target=move |ev| { form.update(|f| f.emoji = ev.target().value()); } />
                        </div>
                        <div class="status-message">
                            <label for="status-message">"Status message"</label>
                            <input id="status-message" type="text" autocomplete="off"
                                disabled=not_ready
                                prop:value=text(|f| f.message.clone())
                                on:input:target=move |ev| { form.update(|f| f.message = ev.target().value()); } />
                        </div>
                    </div>
                    <div class="emoji-picker" role="group" aria-label="Pick an emoji">
                        {EMOJI.iter().map(|e| {
                            let e = *e;
                            view! {
                                <button type="button" class="btn btn-small emoji-choice"
                                    aria-label=format!("Use {e}")
                                    disabled=not_ready
                                    aria-pressed=move || form.with(|f| f.emoji == e).unwrap_or(false).to_string()
                                    on:click=move |_| { form.update(|f| f.emoji = e.to_string()); }>
                                    {e}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    <label for="status-expires">"Status expires"</label>
                    <input id="status-expires" type="datetime-local"
                        disabled=not_ready
                        aria-invalid=move || expires_error.with(Option::is_some).to_string()
                        aria-describedby="status-expires-hint status-expires-error"
                        prop:value=text(|f| f.expires.clone())
                        on:input:target=move |ev| {
                            expires_error.set(None);
                            form.update(|f| f.expires = ev.target().value());
                        } />
                    <small id="status-expires-hint" class="muted">"In your time zone. Leave empty for a status that does not expire."</small>
                    <div id="status-expires-error" class="field-error" role="alert">{move || expires_error.get()}</div>
                    <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) />
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=busy>"Save status"</button>
                        <button type="button" class="btn" disabled=busy
                            on:click=move |_| send(StatusForm::default())>
                            "Clear status"
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
