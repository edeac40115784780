//! `/permissions`: the default permissions of every user with the role "user". Loads the stored
//! object, edits it with the permission editor, saves all six sections in one call, and can load
//! the factory defaults (applied only when saved).

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos::task::spawn_local;

use crate::api::JsonMap;
use crate::components::permissions::PermissionEditor;
use crate::components::permissions::leave_guard::LeaveGuard;
use crate::components::permissions::model::diff;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;

/// The default permissions screen.
#[component]
pub fn DefaultPermissionsPage() -> impl IntoView {
    let loaded = use_latest(
        || (),
        |client, _| async move { client.default_permissions().await },
    );
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Default permissions"</h1>
                <span class="count">"Apply to every user with the role “user”."</span>
            </div>
            <LoadError state=loaded.state />
            {move || match loaded.value.get() {
                None => view! { <p class="muted loading-row">"Loading default permissions…"</p> }.into_any(),
                Some(stored) => view! { <DefaultsEditor stored=stored /> }.into_any(),
            }}
        </section>
    }
}

/// The editor once the stored defaults are here.
#[component]
fn DefaultsEditor(stored: JsonMap) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let saved = RwSignal::new(stored.clone());
    let value = RwSignal::new(stored);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let dirty = Memo::new(move |_| saved.with(|s| value.with(|v| !diff(s, v).is_empty())));

    let save = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let body = value.get_untracked();
        busy.set(true);
        spawn_local(async move {
            match client.update_default_permissions(&body).await {
                Ok(back) => {
                    // What the server kept (it drops keys it does not know) becomes the baseline;
                    // the edited object follows it so the screen shows what is stored.
                    saved.set(back.clone());
                    value.set(back);
                    error.set(None);
                    toasts.success("Default permissions saved.");
                }
                Err(e) => {
                    let msg = session.handle(&e);
                    error.set(Some(msg.clone()));
                    toasts.error(msg);
                }
            }
            busy.set(false);
        });
    };
    let reset = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match client.factory_default_permissions().await {
                Ok(factory) => {
                    let n = saved.with_untracked(|s| diff(s, &factory).len());
                    value.set(factory);
                    toasts.success(format!(
                        "Factory defaults loaded: {n} change(s) listed below. Save to apply them."
                    ));
                }
                Err(e) => {
                    let msg = session.handle(&e);
                    toasts.error(msg);
                }
            }
            busy.set(false);
        });
    };
    view! {
        <LeaveGuard dirty=dirty />
        <div class="toolbar perm-toolbar">
            <button class="btn btn-primary" disabled=move || busy.get() || !dirty.get() on:click=save>"Save"</button>
            <button class="btn" disabled=move || busy.get() on:click=reset>"Reset to defaults"</button>
            <button class="btn" disabled=move || busy.get() || !dirty.get() on:click=move |_| value.set(saved.get_untracked())>
                "Discard changes"
            </button>
            {move || dirty.get().then(|| view! { <span class="badge perm-dirty">"Unsaved changes"</span> })}
        </div>
        {move || error.get().map(|e| view! { <div class="error" role="alert">{e}</div> })}
        <PermissionEditor value=value saved=saved layout_from=saved />
    }
}
