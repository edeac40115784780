//! "Why can this user do this?" on a user's page: every permission key with its effective value
//! and where it comes from (defaults, a group, a parent group), computed like the server does
//! (`components::permissions::explain`), filterable, and cross-checked against what the server
//! itself says where it says something: the groups of `/users/{id}/preview`, and for your own
//! account the effective permissions of `/users/permissions`. A disagreement is shown, not hidden.

use leptos::prelude::*;

use crate::api::{Group, JsonMap, User, UserPreview};
use crate::components::alert::LoadError;
use crate::components::permissions::explain::{Explanation, explain, group_mismatch, matches};
use crate::latest::use_latest;
use crate::session::use_session;

/// The section. Requests: the default permissions (1), plus your own effective permissions
/// when the page is yours (1); the groups and the preview come from the page.
#[component]
pub fn AccessExplainer(
    /// The user of the page.
    user: User,
    /// The user's groups, direct and inherited (`/users/{id}/groups?include_inherited=true`).
    #[prop(into)]
    groups: Signal<Option<Vec<Group>>>,
    /// The server's access preview (its groups include inherited ones).
    #[prop(into)]
    preview: Signal<Option<UserPreview>>,
) -> impl IntoView {
    let session = use_session();
    let is_self = session.user().is_some_and(|me| me.id == user.id);
    let defaults = use_latest(|| (), |c, _| async move { c.default_permissions().await });
    let own = use_latest(
        move || is_self,
        |c, mine: bool| async move {
            match mine {
                true => c.my_permissions().await.map(Some),
                false => Ok(None::<JsonMap>),
            }
        },
    );
    let rows = Memo::new(move |_| {
        let d = defaults.value.get()?;
        let gs = groups.get()?;
        let server = own.value.get().flatten();
        Some((explain(&d, &gs, server.as_ref()), gs.len()))
    });
    let filter = RwSignal::new(String::new());
    let only = RwSignal::new(None::<bool>);
    let admin = user.role == "admin";
    let name = user.name.clone();
    view! {
        <section class="panel explainer" aria-labelledby="explainer-title">
            <h2 id="explainer-title">"Why can this user do this?"</h2>
            <p class="muted small">
                "Every permission with its value and where it comes from: the default permissions, then each group the user is in and their parent groups. Groups only grant; nothing a group sets can take away what the defaults or another group grant."
            </p>
            {admin.then(|| view! {
                <p class="note">"This user is an administrator: administrators are not limited by most of these permissions. The values are what the permission settings alone give."</p>
            })}
            <LoadError state=defaults.state />
            <LoadError state=own.state />
            <GroupCheck groups=groups preview=preview />
            {move || match rows.get() {
                // Failed: the message and Retry above say so, not "Loading".
                None if defaults.state.error.with(Option::is_some) || own.state.error.with(Option::is_some) => ().into_any(),
                None => view! { <p class="muted">"Loading permissions…"</p> }.into_any(),
                Some((list, n)) => {
                    let name = name.clone();
                    view! { <ExplainerTable list=list group_count=n name=name filter=filter only=only checked=is_self /> }.into_any()
                }
            }}
        </section>
    }
}

/// The server's preview names the user's groups (inherited ones included) independently of the
/// groups route: a difference is shown.
#[component]
fn GroupCheck(
    groups: Signal<Option<Vec<Group>>>,
    preview: Signal<Option<UserPreview>>,
) -> impl IntoView {
    move || {
        let gs = groups.get()?;
        let p = preview.get()?;
        let ids: Vec<String> = p.groups.iter().map(|g| g.id.clone()).collect();
        let (only_groups, only_preview) = group_mismatch(&gs, &ids);
        if only_groups.is_empty() && only_preview.is_empty() {
            return Some(view! {
                <p class="muted small explainer-check">{format!("The server's own access preview lists the same {} group(s).", gs.len())}</p>
            }.into_any());
        }
        let names = |ids: &[String]| {
            ids.iter()
                .map(|id| {
                    p.groups
                        .iter()
                        .find(|g| &g.id == id)
                        .map_or(id.clone(), |g| g.name.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(view! {
            <p class="warning explainer-mismatch" role="status">
                "The server's access preview disagrees about this user's groups. "
                {(!only_groups.is_empty()).then(|| format!("Only in the groups list: {}. ", only_groups.join(", ")))}
                {(!only_preview.is_empty()).then(|| format!("Only in the preview: {}.", names(&only_preview)))}
            </p>
        }.into_any())
    }
}

/// Filter controls and the table.
#[component]
fn ExplainerTable(
    list: Vec<Explanation>,
    group_count: usize,
    name: String,
    filter: RwSignal<String>,
    only: RwSignal<Option<bool>>,
    /// Whether the server's own values were compared (your own page).
    checked: bool,
) -> impl IntoView {
    let total = list.len();
    let on = list.iter().filter(|e| e.on()).count();
    let mismatches = list.iter().filter(|e| e.agrees() == Some(false)).count();
    let list = StoredValue::new(list);
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let o = only.get();
        list.with_value(|l| {
            l.iter()
                .filter(|e| matches(e, &f, o))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let radio = move |label: &'static str, value: Option<bool>| {
        view! {
            <label class="radio">
                <input type="radio" name="explainer-only" prop:checked=move || only.get() == value on:change=move |_| only.set(value) />
                {label}
            </label>
        }
    };
    view! {
        <p class="explainer-summary">{format!("{on} of {total} permissions on, from the defaults and {group_count} group(s).")}</p>
        {checked.then(|| if mismatches == 0 {
            view! { <p class="muted small">"Checked against the server's own answer for your account: it agrees on every key."</p> }.into_any()
        } else {
            view! { <p class="warning" role="status">{format!("The server reports a different value for {mismatches} key(s): marked below.")}</p> }.into_any()
        })}
        <div class="explainer-tools">
            <label class="field-inline">
                "Filter permissions "
                <input type="search" aria-label="Filter permissions" placeholder="name or key, e.g. web_search" prop:value=move || filter.get() on:input:target=move |ev| filter.set(ev.target().value()) />
            </label>
            <fieldset class="radio-group">
                <legend class="sr-only">"Show"</legend>
                {radio("All", None)}
                {radio("Only on", Some(true))}
                {radio("Only off", Some(false))}
            </fieldset>
            <span class="muted small" role="status">{move || format!("Showing {} of {total}", shown.with(Vec::len))}</span>
        </div>
        <div class="table-wrap">
            <table class="table explainer-table">
                <caption class="sr-only">{format!("Permissions of {name} and where they come from")}</caption>
                <thead>
                    <tr><th scope="col">"Permission"</th><th scope="col">"Value"</th><th scope="col">"Where it comes from"</th></tr>
                </thead>
                <tbody>
                    <For each=move || shown.get() key=|e| e.entry.path.clone() let:e>
                        <ExplainerRow e=e group_count=group_count />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// One key.
#[component]
fn ExplainerRow(e: Explanation, group_count: usize) -> impl IntoView {
    let text = e.describe(group_count);
    let (value, origin) = text
        .split_once(" — ")
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((text.clone(), String::new()));
    let on = e.on();
    let server = (e.agrees() == Some(false)).then(|| {
        let said = match e.server.clone().flatten() {
            Some(v) if v.is_boolean() => if v.as_bool() == Some(true) {
                "on"
            } else {
                "off"
            }
            .to_string(),
            Some(v) => v.to_string(),
            None => "not set".to_string(),
        };
        format!("The server says: {said}")
    });
    let mismatch = server.is_some();
    view! {
        <tr data-perm=e.entry.path.clone() data-on=on.to_string() class:explainer-mismatch=mismatch>
            <th scope="row">
                {e.entry.label.clone()}
                " "
                <code class="perm-key">{e.entry.path.clone()}</code>
            </th>
            <td><span class=if on { "badge perm-yes" } else { "badge perm-no" }>{value}</span></td>
            <td>
                <span class="explainer-origin">{origin}</span>
                {server.map(|s| view! { " " <strong class="badge perm-unknown">{s}</strong> })}
            </td>
        </tr>
    }
}
