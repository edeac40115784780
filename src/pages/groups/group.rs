//! `/groups/:id` (one group) and `/groups/new` (a new one): load what the group screen needs,
//! then start the editor from it once. Opening a group costs three calls: the groups list (the
//! group itself, the parent picker, paths and the parents' grants all come from it), the default
//! permissions, and the first page of direct members.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::editor::{GroupEditor, Seed};
use super::form::GeneralInput;
use super::general::{Draft, GeneralForm};
use crate::api::{Group, JsonMap};
use crate::components::alert::LoadError;
use crate::latest::{Latest, use_latest};
use crate::routes::{GROUPS, href};

/// `/groups/:id`: one group.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let (groups, defaults) = load();
    let seed = seed_once(id, move |id| {
        let group = groups
            .value
            .with(|gs| gs.as_ref()?.iter().find(|g| g.id == id).cloned())?;
        Some(Seed {
            group: Some(group),
            groups: groups.value.get()?,
            defaults: defaults.value.get()?,
        })
    });
    let missing = move || {
        seed.with(Option::is_none)
            && !groups.loading()
            && groups.value.with(|gs| {
                gs.as_ref()
                    .is_some_and(|gs| !gs.iter().any(|g| g.id == id.get()))
            })
    };
    view! {
        <section class="page group-page">
            <LoadError state=groups.state />
            <LoadError state=defaults.state />
            {move || {
                if missing() {
                    return view! {
                        <h1>"Group not found"</h1>
                        <p>
                            "There is no group with this address (it may have been deleted). "
                            <a href=href(GROUPS)>"Back to Groups"</a>
                        </p>
                    }
                    .into_any();
                }
                match seed.get() {
                    Some((_, seed)) => view! { <GroupEditor seed=seed /> }.into_any(),
                    None => view! { <Loading title="Loading group…" failed=failed(groups, defaults) /> }.into_any(),
                }
            }}
        </section>
    }
}

/// `/groups/new`: the same screen for a new group (General and Permissions).
#[component]
pub fn NewGroupPage() -> impl IntoView {
    let (groups, defaults) = load();
    let key = Memo::new(|_| String::new());
    let seed = seed_once(key, move |_| {
        Some(Seed {
            group: None,
            groups: groups.value.get()?,
            defaults: defaults.value.get()?,
        })
    });
    view! {
        <section class="page group-page">
            <LoadError state=groups.state />
            <LoadError state=defaults.state />
            {move || match seed.get() {
                Some((_, seed)) => view! { <GroupEditor seed=seed /> }.into_any(),
                None => view! { <Loading title="Loading the new group form…" failed=failed(groups, defaults) /> }.into_any(),
            }}
        </section>
    }
}

/// The groups list and the default permissions, loaded once per screen.
fn load() -> (Latest<Vec<Group>>, Latest<JsonMap>) {
    let groups = use_latest(|| (), |client, _| async move { client.groups().await });
    let defaults = use_latest(
        || (),
        |client, _| async move { client.default_permissions().await },
    );
    (groups, defaults)
}

/// The first seed `make` gives for the current `key`, kept: a later refetch (after signing in
/// again, say) never replaces what the editor started from, so nothing typed is lost. Only a
/// new key (another group) starts over.
pub fn seed_once<T: Clone + PartialEq + Send + Sync + 'static>(
    key: Memo<String>,
    make: impl Fn(&str) -> Option<T> + Send + Sync + 'static,
) -> Memo<Option<(String, T)>> {
    Memo::new(move |prev: Option<&Option<(String, T)>>| {
        let k = key.get();
        match prev {
            Some(Some((pk, s))) if *pk == k => Some((k, s.clone())),
            _ => make(&k).map(|s| (k, s)),
        }
    })
}

/// True when a load failed (its message and Retry stand above): no longer "Loading".
fn failed(groups: Latest<Vec<Group>>, defaults: Latest<JsonMap>) -> Signal<bool> {
    Signal::derive(move || {
        groups.state.error.with(Option::is_some) || defaults.state.error.with(Option::is_some)
    })
}

/// The form before its data is there: nothing can be typed yet.
#[component]
fn Loading(title: &'static str, failed: Signal<bool>) -> impl IntoView {
    let blank = GeneralInput::of(&Group::default());
    view! {
        <div class="page-head group-head"><h1>{move || if failed.get() { "Group" } else { title }}</h1></div>
        <Show when=move || !failed.get()>
            <p class="muted loading-row">"Loading…"</p>
        </Show>
        <div class="panel group-section" aria-busy=move || (!failed.get()).to_string()>
            <GeneralForm draft=Draft::new(&blank) choices=Vec::new() errors=RwSignal::new(Default::default()) disabled=true />
        </div>
    }
}
