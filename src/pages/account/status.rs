//! The Status section: emoji, message and expiry of the signed-in user's status.

use leptos::prelude::*;

use crate::components::alert::LoadError;

use super::status_time::{browser_offset_at, epoch_to_local_input, local_input_to_epoch};
use crate::api::{ApiError, UserStatus};
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;

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

/// The Status section (turned-off servers say so instead of showing the form).
#[component]
pub fn StatusSection() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let form = RwSignal::new(StatusForm::default());
    let disabled = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let state = use_latest(
        || (),
        move |client, _| async move {
            let r = client.my_status().await;
            match &r {
                Ok(s) => {
                    // Editable state seeded from the server once per load.
                    form.set(StatusForm::from_status(s));
                    disabled.set(false);
                    load_error.set(None);
                    loaded.set(true);
                }
                Err(ApiError::Forbidden(_)) => {
                    disabled.set(true);
                    loaded.set(true);
                }
                Err(_) => {}
            }
            // A 403 is not an error here: it is the server's setting, shown as such.
            match r {
                Err(ApiError::Forbidden(_)) => Ok(()),
                other => other.map(|_| ()),
            }
        },
    );

    let save = Action::new_local(move |next: &StatusForm| {
        let next = next.clone();
        async move {
            let body = match next.to_status() {
                Ok(b) => b,
                Err(e) => {
                    toasts.error(e);
                    return;
                }
            };
            let Some(client) = session.client_untracked() else {
                return;
            };
            match client.update_my_status(&body).await {
                Ok(_) => {
                    form.set(next.clone());
                    if next == StatusForm::default() {
                        toasts.success("Status cleared.");
                    } else {
                        toasts.success("Status saved.");
                    }
                }
                Err(ApiError::Forbidden(_)) => disabled.set(true),
                Err(e) => toasts.error(session.handle(&e)),
            }
        }
    });
    let busy = move || save.pending().get() || !loaded.get();

    view! {
        <section class="panel account-section" aria-labelledby="account-status">
            <h2 id="account-status">"Status"</h2>
            <LoadError state=state.state />
            <Show
                when=move || !disabled.get()
                fallback=|| view! {
                    <p class="muted status-off">"Status is turned off on this server (an administrator can enable it)."</p>
                }
            >
                <form class="form status-form" on:submit=move |e| {
                    e.prevent_default();
                    save.dispatch(form.get_untracked());
                }>
                    <div class="status-row">
                        <div class="status-emoji">
                            <label for="status-emoji">"Status emoji"</label>
                            <input id="status-emoji" type="text" maxlength="16" autocomplete="off"
                                prop:value=move || form.with(|f| f.emoji.clone())
                                on:input:target=move |ev| form.update(|f| f.emoji = ev.target().value()) />
                        </div>
                        <div class="status-message">
                            <label for="status-message">"Status message"</label>
                            <input id="status-message" type="text" autocomplete="off"
                                prop:value=move || form.with(|f| f.message.clone())
                                on:input:target=move |ev| form.update(|f| f.message = ev.target().value()) />
                        </div>
                    </div>
                    <div class="emoji-picker" role="group" aria-label="Pick an emoji">
                        {EMOJI.iter().map(|e| {
                            let e = *e;
                            view! {
                                <button type="button" class="btn btn-small emoji-choice"
                                    aria-label=format!("Use {e}")
                                    aria-pressed=move || form.with(|f| (f.emoji == e).to_string())
                                    on:click=move |_| form.update(|f| f.emoji = e.to_string())>
                                    {e}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    <label for="status-expires">"Status expires"</label>
                    <input id="status-expires" type="datetime-local"
                        aria-describedby="status-expires-hint"
                        prop:value=move || form.with(|f| f.expires.clone())
                        on:input:target=move |ev| form.update(|f| f.expires = ev.target().value()) />
                    <small id="status-expires-hint" class="muted">"In your time zone. Leave empty for a status that does not expire."</small>
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=busy>"Save status"</button>
                        <button type="button" class="btn" disabled=busy
                            on:click=move |_| { save.dispatch(StatusForm::default()); }>
                            "Clear status"
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
