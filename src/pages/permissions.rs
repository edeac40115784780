//! `/permissions`: the default permissions of every user with the role "user". Loads the stored
//! object, edits it with the permission editor, saves every section the server has (six; four
//! on Open WebUI 0.6) in one call, and can load the factory defaults (from Open WebUI 0.10;
//! applied only when saved).

use leptos::prelude::*;

use crate::components::alert::{LoadError, WriteError};

use crate::api::{Capability, JsonMap};
use crate::components::permissions::PermissionEditor;
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;
use crate::components::permissions::leave_guard::LeaveGuard;
use crate::components::permissions::model::diff;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;
use crate::write::use_write;

/// The default permissions screen.
#[component]
pub fn DefaultPermissionsPage() -> impl IntoView {
    let loaded = use_latest(
        || (),
        |client, _| async move { client.default_permissions().await },
    );
    // The editor starts from the first answer only: a later refetch (after signing in again)
    // never replaces what is being edited.
    let first = Memo::new(move |prev: Option<&Option<JsonMap>>| match prev {
        Some(Some(v)) => Some(v.clone()),
        _ => loaded.value.get(),
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Default permissions"</h1>
                <span class="count">"Apply to every user with the role “user”."</span>
            </div>
            <LoadError state=loaded.state />
            {move || match first.get() {
                // Failed: the message and Retry above say so, not "Loading".
                None if loaded.state.error.with(Option::is_some) => ().into_any(),
                None => view! { <p class="muted loading-row">"Loading default permissions…"</p> }.into_any(),
                Some(stored) => view! { <DefaultsEditor stored=stored /> }.into_any(),
            }}
        </section>
    }
}

/// The editor once the stored defaults are here.
#[component]
fn DefaultsEditor(stored: JsonMap) -> impl IntoView {
    let toasts = use_toasts();
    let saved = RwSignal::new(stored.clone());
    let value = RwSignal::new(stored);
    let dirty = Memo::new(move |_| saved.with(|s| value.with(|v| !diff(s, v).is_empty())));
    let save = use_write(
        |client, body: JsonMap| async move { client.update_default_permissions(&body).await },
        move |result| {
            if let Ok(back) = result {
                // What the server kept (it drops keys it does not know) becomes the baseline;
                // the edited object follows it so the screen shows what is stored.
                saved.set(back.clone());
                value.set(back);
                toasts.success("Default permissions saved.");
            }
        },
    );
    let reset = use_write(
        |client, _: ()| async move { client.factory_default_permissions().await },
        move |result| {
            if let Ok(factory) = result {
                let n = saved.with_untracked(|s| diff(s, &factory).len());
                value.set(factory);
                toasts.success(format!(
                    "Factory defaults loaded: {n} change(s) listed below. Save to apply them."
                ));
            }
        },
    );
    let busy = move || save.pending().get() || reset.pending().get();
    // Before 0.10 the server has no factory defaults to load.
    let session = use_session();
    let factory = move || session.has(Capability::FactoryDefaultPermissions);
    view! {
        <LeaveGuard dirty=dirty />
        <div class="toolbar perm-toolbar" aria-busy=move || busy().to_string()>
            <button type="button" class="btn btn-primary" disabled=move || busy() || !dirty.get()
                on:click=move |_| save.dispatch(value.get_untracked())>"Save"</button>
            <button type="button" class="btn" disabled=move || busy() || !factory()
                aria-describedby=move || (!factory()).then_some("reset-needs")
                on:click=move |_| reset.dispatch(())>"Reset to defaults"</button>
            <Show when=move || !factory()>
                <span class="muted" id="reset-needs">{Capability::FactoryDefaultPermissions.needs_text()}</span>
            </Show>
            <button type="button" class="btn" disabled=move || busy() || !dirty.get() on:click=move |_| value.set(saved.get_untracked())>
                "Discard changes"
            </button>
            {move || dirty.get().then(|| view! { <span class="badge perm-dirty">"Unsaved changes"</span> })}
        </div>
        <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) />
        // Before Save: every user's gains and losses, read again once the ticking pauses.
        <Show when=move || dirty.get()>
            <ImpactPreview change=Signal::derive(move || Change::Defaults(value.get())) />
        </Show>
        <WriteError error=reset.error on_retry=Callback::new(move |_| reset.retry()) />
        <PermissionEditor value=value saved=saved layout_from=saved />
    }
}
