//! `/webhooks`: Open WebUI's event webhooks (`/api/events/webhooks`), e.g. an admin audit trail
//! of sign-ins and user and group changes: list, create, edit, enable/disable, delete. Writes
//! send the whole object back, so keys the console does not know (`targets`, …) stay.
//! Requests: the list and the event catalog on load (2); each change 1, then the list again (1).

pub mod events;
pub mod form;

use leptos::prelude::*;

use crate::api::{Capability, Webhook};
use crate::components::alert::{LoadError, WriteError};
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::write::use_write;
use events::summary;
use form::WebhookDialog;

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    New,
    Edit(Webhook),
    Delete(Webhook),
}

/// The webhooks screen, or on a server before 0.10 (no event webhooks) what it needs.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let session = crate::session::use_session();
    if session.has(Capability::EventWebhooks) {
        view! { <WebhooksList /> }.into_any()
    } else {
        view! {
            <section class="page webhooks">
                <div class="page-head"><h1>"Webhooks"</h1></div>
                <p class="muted">
                    {format!("Open WebUI's event webhooks: {}.", Capability::EventWebhooks.needs_text())}
                </p>
            </section>
        }
        .into_any()
    }
}

/// The webhooks and what can be done with them.
#[component]
fn WebhooksList() -> impl IntoView {
    let toasts = use_toasts();
    let hooks = use_latest(|| (), |c, _| async move { c.event_webhooks().await });
    let catalog = use_latest(|| (), |c, _| async move { c.events_catalog().await });
    let open = RwSignal::new(Open::Nothing);
    let toggle = use_write(
        |c, hook: Webhook| async move { c.update_event_webhook(&hook).await },
        move |r| {
            if let Ok(h) = r {
                let state = if h.enabled { "enabled" } else { "disabled" };
                toasts.success(format!("Webhook “{}” {state}.", h.name));
                hooks.reload();
            }
        },
    );
    let delete = use_write(
        |c, hook: Webhook| async move { c.delete_event_webhook(&hook.id).await.map(|_| hook) },
        move |r| {
            if let Ok(h) = r {
                toasts.success(format!("Webhook “{}” deleted.", h.name));
                open.set(Open::Nothing);
                hooks.reload();
            }
        },
    );
    view! {
        <section class="page webhooks">
            <div class="page-head">
                <h1>"Webhooks"</h1>
                <div class="actions">
                    <button class="btn btn-primary" on:click=move |_| open.set(Open::New)>"New webhook"</button>
                </div>
            </div>
            <p class="muted">
                "Open WebUI sends a JSON message to each enabled webhook when one of its events happens. “Admin audit trail” (the events of users, groups and sign-ins) is pre-selected for a new webhook."
            </p>
            <LoadError state=hooks.state />
            <LoadError state=catalog.state />
            <WriteError error=toggle.error on_retry=Callback::new(move |_| toggle.retry()) />
            {move || match hooks.value.get() {
                // Failed: the message and Retry above say so, not "Loading".
                None if hooks.state.error.with(Option::is_some) => ().into_any(),
                None => view! { <p class="muted">"Loading webhooks…"</p> }.into_any(),
                Some(list) if list.is_empty() => view! {
                    <p class="empty">"No webhooks yet. “New webhook” adds one."</p>
                }.into_any(),
                Some(list) => view! {
                    <ul class="webhook-list" aria-label="Webhooks">
                        {list.into_iter().map(|h| {
                            let (edit, del, flip) = (h.clone(), h.clone(), h.clone());
                            let name = h.name.clone();
                            view! {
                                <li class="panel webhook-item" data-webhook=h.id.clone()>
                                    <div class="webhook-main">
                                        <h3>{h.name.clone()}</h3>
                                        <div class="webhook-url"><code>{h.url.clone()}</code></div>
                                        <div class="muted small">{format!("Events: {}", summary(&h.events))}</div>
                                    </div>
                                    <span class=if h.enabled { "badge perm-yes" } else { "badge perm-no" }>{if h.enabled { "Enabled" } else { "Disabled" }}</span>
                                    <div class="actions">
                                        <button class="btn btn-small" disabled=move || toggle.pending().get()
                                            aria-label=format!("{} {name}", if h.enabled { "Disable" } else { "Enable" })
                                            on:click=move |_| toggle.dispatch(Webhook { enabled: !flip.enabled, ..flip.clone() })>
                                            {if h.enabled { "Disable" } else { "Enable" }}
                                        </button>
                                        <button class="btn btn-small" aria-label=format!("Edit {}", h.name) on:click=move |_| open.set(Open::Edit(edit.clone()))>"Edit"</button>
                                        <button class="btn btn-small btn-danger" aria-label=format!("Delete {}", h.name) on:click=move |_| open.set(Open::Delete(del.clone()))>"Delete"</button>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
        {move || {
            let close = Callback::new(move |_| open.set(Open::Nothing));
            let saved = Callback::new(move |_| {
                open.set(Open::Nothing);
                hooks.reload();
            });
            match open.get() {
                Open::Nothing => ().into_any(),
                Open::New => view! { <WebhookDialog hook=None catalog=catalog.value catalog_state=catalog.state on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(h) => view! { <WebhookDialog hook=Some(h) catalog=catalog.value catalog_state=catalog.state on_close=close on_saved=saved /> }.into_any(),
                Open::Delete(h) => {
                    let title = format!("Delete webhook {}?", h.name);
                    let target = h.clone();
                    view! {
                        <ConfirmDialog title=title confirm_label="Delete" danger=true busy=delete.pending()
                            on_confirm=Callback::new(move |_| delete.dispatch(target.clone())) on_cancel=close>
                            <p>{format!("“{}” ({}) stops receiving events. This cannot be undone.", h.name, h.url)}</p>
                            <WriteError error=delete.error on_retry=Callback::new(move |_| delete.retry()) />
                        </ConfirmDialog>
                    }.into_any()
                }
            }
        }}
    }
}
