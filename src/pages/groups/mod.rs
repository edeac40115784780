//! Groups: the tree of groups (this file), one group's screen (`group.rs`: general, permissions,
//! members), and the New group form (the same screen at `/groups/new`).

pub mod add_members;
pub mod csv;
pub mod form;
pub mod group;
pub mod members;
pub mod tree;

use std::collections::HashSet;

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::endpoints::encode;
use crate::latest::use_latest;
use crate::routes::href;
pub use group::GroupPage;
use tree::{GroupSort, TreeRow, build_rows, member_label};

/// The link to one group's screen.
pub fn group_href(id: &str) -> String {
    href(&crate::routes::group(id, None))
}

/// `/groups`: the groups tree with search (`?q=`) and sort (`?sort=members`) in the URL.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let query_map = use_query_map();
    let initial = query_map.with_untracked(|m| {
        (
            m.get_str("q").unwrap_or_default().to_string(),
            GroupSort::from_param(m.get_str("sort").unwrap_or_default()),
        )
    });
    let search = RwSignal::new(initial.0);
    let sort = RwSignal::new(initial.1);
    let collapsed = RwSignal::new(HashSet::<String>::new());
    let navigate = use_navigate();
    let sync_url = move || {
        let mut parts = Vec::new();
        let q = search.get_untracked();
        if !q.is_empty() {
            parts.push(format!("q={}", encode(&q)));
        }
        if sort.get_untracked() != GroupSort::Name {
            parts.push(format!("sort={}", sort.get_untracked().param()));
        }
        let qs = if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        };
        navigate(
            &format!("{}{qs}", crate::routes::GROUPS),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };
    let sync_url = StoredValue::new(sync_url);

    let list = use_latest(|| (), |client, _| async move { client.groups().await });
    // For the "custom permissions" marker: what a group grants beyond the defaults. If this
    // call fails the marker falls back to "grants anything".
    let defaults = use_latest(
        || (),
        |client, _| async move { client.default_permissions().await },
    );
    let rows = Memo::new(move |_| {
        list.value.with(|g| {
            g.as_ref().map(|g| {
                defaults.value.with(|d| {
                    collapsed.with(|c| search.with(|s| build_rows(g, s, sort.get(), c, d.as_ref())))
                })
            })
        })
    });
    let total = move || list.value.with(|g| g.as_ref().map(Vec::len));
    let new_group = {
        let navigate = use_navigate();
        move |_| navigate(crate::routes::NEW_GROUP, NavigateOptions::default())
    };
    let toggle = Callback::new(move |id: String| {
        collapsed.update(|c| {
            if !c.remove(&id) {
                c.insert(id);
            }
        })
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Groups"</h1>
                <span class="count">
                    {move || total().map(|t| format!("{t} {}", if t == 1 { "group" } else { "groups" }))}
                </span>
                <div class="actions">
                    <a class="btn" href=href("/permissions")>"Default permissions"</a>
                    <button class="btn btn-primary" on:click=new_group.clone()>"New group"</button>
                </div>
            </div>
            <div class="toolbar groups-toolbar">
                <input
                    type="search"
                    class="search"
                    aria-label="Search groups"
                    placeholder="Search groups by name or description…"
                    prop:value=move || search.get()
                    on:input:target=move |ev| {
                        search.set(ev.target().value());
                        sync_url.with_value(|f| f());
                    }
                />
                <label for="group-sort" class="muted">"Sort by"</label>
                <select
                    id="group-sort"
                    on:change:target=move |ev| {
                        sort.set(GroupSort::from_param(&ev.target().value()));
                        sync_url.with_value(|f| f());
                    }
                >
                    <option value="name" selected=move || sort.get() == GroupSort::Name>"Name"</option>
                    <option value="members" selected=move || sort.get() == GroupSort::Members>"Member count"</option>
                </select>
            </div>
            <div class="table-wrap" class:loading=move || list.loading()>
                <div class="progress" aria-hidden="true"></div>
                <LoadError state=list.state />
                <table class="table groups-table" aria-label="Groups">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Members"</th>
                            <th scope="col">"Permissions"</th>
                            <th scope="col">"Description"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <Show when=move || rows.with(Option::is_none) && list.state.error.with(Option::is_none)>
                            <tr class="loading-row"><td colspan="4">"Loading groups…"</td></tr>
                        </Show>
                        <For
                            each=move || rows.get().unwrap_or_default()
                            key=TreeRow::render_key
                            let:row
                        >
                            <GroupRow row=row on_toggle=toggle />
                        </For>
                    </tbody>
                </table>
                {move || {
                    let n_rows = rows.with(|r| r.as_ref().map(Vec::len));
                    match (total(), n_rows) {
                        (Some(0), _) => Some(view! {
                            <div class="empty">
                                <p>"No groups yet. Groups bundle users and grant them permissions."</p>
                                <button class="btn btn-primary" on:click=new_group.clone()>"New group"</button>
                            </div>
                        }.into_any()),
                        (Some(_), Some(0)) => Some(view! {
                            <div class="empty">{format!("No groups match “{}”.", search.get())}</div>
                        }.into_any()),
                        _ => None,
                    }
                }}
            </div>
        </section>
    }
}

/// One line of the tree: expand/collapse, name (a link) with its path, counts, markers.
#[component]
fn GroupRow(row: TreeRow, on_toggle: Callback<String>) -> impl IntoView {
    let id = row.id.clone();
    let toggle = row.has_children.then(|| {
        let label = format!(
            "{} {}",
            if row.expanded { "Collapse" } else { "Expand" },
            row.name
        );
        view! {
            <button
                class="tree-toggle"
                aria-expanded=row.expanded.to_string()
                aria-label=label
                on:click=move |_| on_toggle.run(id.clone())
            >
                {if row.expanded { "▾" } else { "▸" }}
            </button>
        }
        .into_any()
    });
    let marker = if row.custom_permissions {
        view! { <span class="badge perm-custom">"Custom permissions"</span> }.into_any()
    } else {
        view! { <span class="badge perm-defaults">"Uses defaults"</span> }.into_any()
    };
    view! {
        <tr class:tree-match=row.matched>
            <td class=format!("tree-name depth-{}", row.depth.min(6))>
                <div class="tree-cell">
                    {toggle.unwrap_or_else(|| view! { <span class="tree-leaf" aria-hidden="true"></span> }.into_any())}
                    <div>
                        <a href=group_href(&row.id)>{row.name.clone()}</a>
                        {(row.depth > 0).then(|| view! { <div class="tree-path muted">{row.path.clone()}</div> })}
                    </div>
                </div>
            </td>
            <td class="tree-members">{member_label(row.member_count)}</td>
            <td>{marker}</td>
            <td class="muted">
                {if row.description.is_empty() { "No description".to_string() } else { row.description.clone() }}
            </td>
        </tr>
    }
}
