//! Groups: the tree of groups (this file), one group's screen (`group.rs` loads it, `editor.rs`
//! is the form with its tabs), and the New group form (the same editor at `/groups/new`).

pub mod actions;
pub mod add_members;
pub mod csv;
pub mod editor;
pub mod effect;
pub mod form;
pub mod general;
pub mod group;
pub mod identity;
pub mod members;
pub mod paste_emails;
pub mod tabs;
pub mod tree;

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::alert::LoadError;
use crate::format::count;
use crate::latest::use_latest;
use crate::routes::{self, href, use_go};
pub use group::{GroupPage, NewGroupPage};
use tree::{GroupSort, TreeRow, build_rows};

/// The link to one group's screen.
pub fn group_href(id: &str) -> String {
    href(&routes::group(id, None))
}

/// `/groups`: the groups tree with search (`?q=`) and sort (`?sort=members`) in the URL.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let query_map = use_query_map();
    let go = use_go();
    // What is typed; the URL follows it (replacing the entry), the box is not reset from it.
    let search =
        RwSignal::new(query_map.with_untracked(|m| m.get_str("q").unwrap_or_default().to_string()));
    let sort = Memo::new(move |_| {
        query_map.with(|m| GroupSort::from_param(m.get_str("sort").unwrap_or_default()))
    });
    let collapsed = RwSignal::new(HashSet::<String>::new());
    let url =
        move |q: &str, s: GroupSort| routes::groups(q, (s != GroupSort::Name).then_some(s.param()));
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
    let new_group = move |_| go.push(routes::NEW_GROUP);
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
                    {move || total().map(|t| count(t as u64, "group"))}
                </span>
                <div class="actions">
                    <a class="btn" href=href(routes::PERMISSIONS)>"Default permissions"</a>
                    <button type="button" class="btn btn-primary" on:click=new_group>"New group"</button>
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
                        let q = ev.target().value();
                        go.replace(&url(&q, sort.get_untracked()));
                        search.set(q);
                    }
                />
                <label for="group-sort" class="muted">"Sort by"</label>
                <select
                    id="group-sort"
                    on:change:target=move |ev| {
                        let s = GroupSort::from_param(&ev.target().value());
                        go.push(&url(&search.get_untracked(), s));
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
                                <button type="button" class="btn btn-primary" on:click=new_group>"New group"</button>
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
            <td class="tree-members">{count(row.member_count, "member")}</td>
            <td>{marker}</td>
            <td class="muted">
                {if row.description.is_empty() { "No description".to_string() } else { row.description.clone() }}
            </td>
        </tr>
    }
}
