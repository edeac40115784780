//! The New / Edit webhook dialog: name, URL, Enabled, and the events (every event, one pattern
//! per area, or what the webhook already has). An edit sends the whole object back.

use leptos::prelude::*;

use super::events::{AUDIT_TRAIL, choices};
use crate::api::{EventCatalog, Webhook};
use crate::components::alert::{LoadError, WriteError};
use crate::components::dialog::Dialog;
use crate::components::field::{FieldErrors, TextField};
use crate::components::toast::use_toasts;
use crate::latest::LoadState;
use crate::write::use_write;

/// The fields the server's errors are shown at.
const FIELDS: &[&str] = &["name", "url"];

/// Creates (`hook: None`) or edits a webhook.
#[component]
pub fn WebhookDialog(
    hook: Option<Webhook>,
    /// The event catalog (its patterns are offered once it is here).
    #[prop(into)]
    catalog: Signal<Option<EventCatalog>>,
    /// How loading the catalog went: a failure is said here, with Retry (the screen's own
    /// message is behind this modal dialog).
    catalog_state: LoadState,
    on_close: Callback<()>,
    /// After a successful save.
    on_saved: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    let editing = hook.is_some();
    let base = hook.unwrap_or_else(|| Webhook {
        name: "Admin audit trail".into(),
        enabled: true,
        events: AUDIT_TRAIL.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    });
    let title = if editing {
        format!("Edit webhook {}", base.name)
    } else {
        "New webhook".to_string()
    };
    let name = RwSignal::new(base.name.clone());
    let url = RwSignal::new(base.url.clone());
    let enabled = RwSignal::new(base.enabled);
    let events = RwSignal::new(base.events.clone());
    let errors: FieldErrors = RwSignal::new(Default::default());
    let base = StoredValue::new(base);
    let save = use_write(
        move |c, hook: Webhook| async move {
            if hook.id.is_empty() {
                c.create_event_webhook(&hook).await
            } else {
                c.update_event_webhook(&hook).await
            }
        },
        move |r| match r {
            Ok(h) => {
                toasts.success(format!("Webhook “{}” saved.", h.name));
                on_saved.run(());
            }
            // The server's word on the URL (not a public address, a 422 per field) at the field.
            Err(e) => errors.set(e.field_errors_for(FIELDS)),
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let u = url.get_untracked().trim().to_string();
        if !(u.starts_with("http://") || u.starts_with("https://")) {
            errors.update(|e| {
                e.insert("url", "Enter the address that receives the events, starting with https:// or http://.".into());
            });
            return;
        }
        let hook = Webhook {
            name: name.get_untracked().trim().to_string(),
            url: u,
            enabled: enabled.get_untracked(),
            events: events.get_untracked(),
            ..base.get_value()
        };
        save.dispatch(hook);
    };
    let current = base.with_value(|b| b.events.clone());
    let options = Memo::new(move |_| {
        catalog.with(|c| c.as_ref().map(|c| choices(c, &current)).unwrap_or_default())
    });
    view! {
        <Dialog title=title on_close=on_close wide=true>
            <form class="form" on:submit=submit>
                <TextField label="Name" name="name" value=name errors=errors autofocus=true />
                <TextField label="URL" name="url" kind="url" value=url errors=errors required=true placeholder="https://audit.example.com/open-webui" />
                <label class="check">
                    <input type="checkbox" prop:checked=move || enabled.get() on:change:target=move |ev| enabled.set(ev.target().checked()) />
                    "Enabled"
                </label>
                <fieldset class="perm-section">
                    <legend>"Events"</legend>
                    <p class="muted small">{move || format!("{} selected. None selected means every event.", events.with(Vec::len))}</p>
                    <button type="button" class="btn btn-small" on:click=move |_| events.set(AUDIT_TRAIL.iter().map(|s| s.to_string()).collect())>
                        "Select the admin audit trail (user.*, group.*, auth.*)"
                    </button>
                    {move || options.with(Vec::is_empty).then(|| match catalog_state.error.with(Option::is_some) {
                        true => view! { <LoadError state=catalog_state /> }.into_any(),
                        false => view! { <p class="muted">"Loading the event catalog…"</p> }.into_any(),
                    })}
                    <div class="webhook-events">
                        <For each=move || options.get() key=|c| c.value.clone() let:choice>
                            {
                                let v = choice.value.clone();
                                let v2 = v.clone();
                                view! {
                                    <label>
                                        <input type="checkbox" name=choice.value.clone()
                                            prop:checked=move || events.with(|e| e.contains(&v))
                                            on:change:target=move |ev| {
                                                let on = ev.target().checked();
                                                events.update(|e| {
                                                    e.retain(|x| x != &v2);
                                                    if on {
                                                        e.push(v2.clone());
                                                    }
                                                });
                                            } />
                                        <span>{choice.text.clone()}</span>
                                    </label>
                                }
                            }
                        </For>
                    </div>
                </fieldset>
                <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) fields=FIELDS />
                <div class="dialog-actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="btn btn-primary" disabled=move || save.pending().get()>"Save"</button>
                </div>
            </form>
        </Dialog>
    }
}
