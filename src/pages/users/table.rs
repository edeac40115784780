//! The users table: selection checkboxes, sortable headers (with `aria-sort`), one row per user
//! with its actions.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::columns::{Column, table_classes};
use super::query::{Dir, SortKey, UsersQuery};
use super::usage::{Usage, usage_cells};
use crate::api::User;
use crate::components::profile_images::avatar_of;
use crate::format::{is_active, local_date, local_date_time, now_secs, relative_time};
use crate::routes::{self, href};

/// What a row asks the page to do.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    Edit(User),
    Delete(User),
    /// The pending queue: role → user.
    Approve(User),
    /// The pending queue: delete, after a confirm.
    Reject(User),
}

#[component]
pub fn UsersTable(
    /// The rows of the current page.
    users: Signal<Vec<User>>,
    /// False until the first page has arrived (a loading row while `busy`).
    loaded: Signal<bool>,
    /// A request is in flight (the old rows stay visible meanwhile).
    busy: Signal<bool>,
    /// The current sort, for the headers.
    query: Signal<UsersQuery>,
    /// Group id → name, to show names for `group_ids`.
    group_names: Signal<HashMap<String, String>>,
    /// A sortable header was clicked.
    on_sort: Callback<SortKey>,
    /// Selected user ids (absent: no selection column).
    #[prop(optional)]
    selected: Option<RwSignal<HashSet<String>>>,
    /// Ids that get no Delete button (the signed-in admin, the primary admin).
    #[prop(optional, into)]
    undeletable: Signal<HashSet<String>>,
    /// The suspension group's id: its members get a "Suspended" mark by their role.
    #[prop(optional, into)]
    suspended_group: Signal<Option<String>>,
    /// Edit/Delete clicked (absent: no actions column).
    #[prop(optional)]
    on_action: Option<Callback<RowAction>>,
    /// The pending queue is shown: rows get Approve and Reject.
    #[prop(optional, into)]
    pending_queue: Signal<bool>,
    /// Optional columns the person hid (the column chooser); hidden by CSS classes on the
    /// table (`hide-x` on the table hides every `col-x-x` cell), so rows never read it.
    #[prop(optional, into)]
    hidden: Signal<Vec<Column>>,
    /// Messages and tokens in the usage period, for the usage columns (one answer per view).
    #[prop(optional, into)]
    usage: Signal<Usage>,
) -> impl IntoView {
    // `class`: "col-opt" for the columns a phone leaves out, "col-email" for the one it folds
    // under the name.
    let header = move |key: SortKey, label: &'static str, class: &'static str| {
        let sorted = move || query.with(|q| (q.sort == key).then_some(q.dir));
        view! {
            <th scope="col" class=class aria-sort=move || sorted().map(|d| d.aria())>
                // The ▲/▼ mark is hidden from assistive technology: the button's accessible name
                // stays the column's ("Name", never "Name ▲"); `aria-sort` says the direction.
                <button type="button" class="sort" aria-label=label on:click=move |_| on_sort.run(key)>
                    {label}
                    <span class="sort-mark" aria-hidden="true">
                        {move || sorted().map(|d| if d == Dir::Asc { " ▲" } else { " ▼" })}
                    </span>
                </button>
            </th>
        }
    };
    let row_ids =
        Memo::new(move |_| users.with(|u| u.iter().map(|u| u.id.clone()).collect::<Vec<_>>()));
    let page_ids = move || row_ids.get();
    let all_checked = move || {
        selected.is_some_and(|s| {
            s.with(|s| {
                let ids = page_ids();
                !ids.is_empty() && ids.iter().all(|i| s.contains(i))
            })
        })
    };
    let some_checked =
        move || selected.is_some_and(|s| s.with(|s| page_ids().iter().any(|i| s.contains(i))));
    let toggle_all = move |on: bool| {
        if let Some(s) = selected {
            s.update(|s| {
                for id in row_ids.get_untracked() {
                    if on {
                        s.insert(id);
                    } else {
                        s.remove(&id);
                    }
                }
            });
        }
    };
    let cols = 8 + usize::from(selected.is_some()) + usize::from(on_action.is_some());
    view! {
        <table class=move || format!("table users-table {}", hidden.with(|h| table_classes(h))) aria-label="Users" aria-busy=move || busy.get().to_string()>
            <thead>
                <tr>
                    {selected.map(|_| view! {
                        <th scope="col" class="cell-check">
                            <input
                                type="checkbox"
                                aria-label="Select all on this page"
                                prop:checked=all_checked
                                prop:indeterminate=move || some_checked() && !all_checked()
                                on:change:target=move |ev| toggle_all(ev.target().checked())
                            />
                        </th>
                    })}
                    {header(SortKey::Name, "Name", "")}
                    {header(SortKey::Email, "Email", "col-email col-x-email")}
                    {header(SortKey::Role, "Role", "col-x-role")}
                    {header(SortKey::LastActive, "Last active", "col-opt col-x-last-active")}
                    {header(SortKey::Created, "Created", "col-opt col-x-created")}
                    <th scope="col" class="col-opt col-x-groups">"Groups"</th>
                    // Not sortable: the server cannot order the list by usage.
                    <th scope="col" class="col-opt col-num col-x-messages">"Messages"</th>
                    <th scope="col" class="col-opt col-num col-x-tokens">"Tokens"</th>
                    {on_action.map(|_| view! { <th scope="col"><span class="sr-only">"Actions"</span></th> })}
                </tr>
            </thead>
            <tbody>
                <Show when=move || !loaded.get() && busy.get()>
                    <tr class="loading-row">
                        <td colspan=cols>"Loading users…"</td>
                    </tr>
                </Show>
                {move || {
                    // Rebuilt for every new set of users (another page, search or sort), and when
                    // group names or who may be deleted change. Rows never read the table's
                    // long-lived signals: a signal keeps every effect that ever read it in its
                    // subscriber list (reactive_graph 0.2 prunes an effect only when the effect
                    // runs again, never when it is dropped), so 30 row effects reading `selected`
                    // or the group names would stay, with their memory, after every page turn.
                    // Rows get plain values and read the selection through a memo that lives and
                    // dies with this page (one subscriber a page instead of one a row). `For`
                    // registers each row's owner with the owner around it, which keeps a record of
                    // every child ever made: here they go with each page too.
                    row_ids.track();
                    let names = group_names.get();
                    let keep = undeletable.get();
                    let sgroup = suspended_group.get();
                    let queue = pending_queue.get();
                    let usage = usage.get();
                    let checked = selected.map(|s| Memo::new(move |_| s.get()));
                    view! {
                        <For each=move || users.get() key=row_key let:user>
                            {
                                let groups = group_text(&user.group_ids, &names);
                                let can_delete = !keep.contains(&user.id);
                                let pending = queue && user.role == "pending";
                                let suspended = sgroup.as_ref().is_some_and(|g| user.group_ids.contains(g));
                                let used = usage_cells(&usage, &user.id);
                                view! { <UserRow user=user groups=groups can_delete=can_delete suspended=suspended pending=pending selected=selected checked=checked on_action=on_action used=used /> }
                            }
                        </For>
                    }
                }}
            </tbody>
        </table>
    }
}

/// What a row shows: a row is rebuilt when any of it changes. (Not `updated_at`: Open WebUI
/// 0.12.4 leaves it alone when an admin edits a user, and the table kept the old name.)
fn row_key(u: &User) -> (String, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&u.name, &u.email, &u.role, &u.profile_image_url).hash(&mut h);
    (u.last_active_at, u.created_at, u.updated_at, &u.group_ids).hash(&mut h);
    (u.id.clone(), h.finish())
}

/// "Engineering, Support" for a user's group ids (an unknown id shows as itself).
fn group_text(ids: &[String], names: &HashMap<String, String>) -> String {
    ids.iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn UserRow(
    user: User,
    /// The user's group names, as text.
    groups: String,
    /// False for the signed-in admin and the primary admin.
    can_delete: bool,
    /// In the suspension group.
    suspended: bool,
    /// A pending user in the pending queue: Approve and Reject.
    pending: bool,
    /// Where a change of the row's checkbox goes.
    selected: Option<RwSignal<HashSet<String>>>,
    /// The selection as this page reads it (see the table).
    checked: Option<Memo<HashSet<String>>>,
    on_action: Option<Callback<RowAction>>,
    /// The Messages and Tokens cells' text.
    used: (String, String),
) -> impl IntoView {
    let now = now_secs();
    let active = is_active(now, user.last_active_at);
    let last_active = user
        .last_active_at
        .map(|t| (relative_time(now, t), local_date_time(t)));
    let created = user.created_at.map(|t| (local_date(t), local_date_time(t)));
    let role_class = format!("badge role-{}", user.role);
    let id = user.id.clone();
    let check = selected.zip(checked).map(|(s, checked)| {
        let (id, id2) = (id.clone(), id.clone());
        view! {
            <td class="cell-check">
                <input
                    type="checkbox"
                    aria-label=format!("Select {}", user.name)
                    prop:checked=move || checked.with(|c| c.contains(&id))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        s.update(|s| { if on { s.insert(id2.clone()); } else { s.remove(&id2); } });
                    }
                />
            </td>
        }
    });
    let actions = on_action.map(|act| {
        let (u1, u2) = (user.clone(), user.clone());
        let (u3, u4) = (user.clone(), user.clone());
        view! {
            <td class="cell-actions">
                {pending.then(|| view! {
                    <button class="btn btn-small btn-primary" aria-label=format!("Approve {}", u3.name) on:click=move |_| act.run(RowAction::Approve(u3.clone()))>
                        "Approve"
                    </button>
                    <button class="btn btn-small btn-ghost danger-text" aria-label=format!("Reject {}", u4.name) on:click=move |_| act.run(RowAction::Reject(u4.clone()))>
                        "Reject"
                    </button>
                })}
                <button class="btn btn-small" aria-label=format!("Edit {}", user.name) data-focus-key=format!("edit-{}", user.id) on:click=move |_| act.run(RowAction::Edit(u1.clone()))>
                    "Edit"
                </button>
                {can_delete.then(|| view! {
                    <button
                        class="btn btn-small btn-ghost danger-text"
                        aria-label=format!("Delete {}", u2.name)
                        on:click=move |_| act.run(RowAction::Delete(u2.clone()))
                    >
                        "Delete"
                    </button>
                })}
            </td>
        }
    });
    view! {
        <tr>
            {check}
            <td class="cell-name">
                <div class="name-wrap">
                    {avatar_of(&user, active)}
                    <div class="name-lines">
                        <a href=href(&routes::user(&user.id))>{user.name.clone()}</a>
                        // Shown instead of the Email column on a phone (hidden, and so not read
                        // twice, everywhere else).
                        <span class="name-email">{user.email.clone()}</span>
                    </div>
                </div>
            </td>
            <td class="cell-email col-email col-x-email">{user.email.clone()}</td>
            <td class="col-x-role">
                <span class=role_class>{user.role.clone()}</span>
                {suspended.then(|| view! { " " <span class="badge suspended">"Suspended"</span> })}
            </td>
            <td class="col-opt col-x-last-active">{last_active.map(|(rel, full)| view! { <time title=full>{rel}</time> })}</td>
            <td class="col-opt col-x-created">{created.map(|(date, full)| view! { <time title=full>{date}</time> })}</td>
            <td class="cell-groups col-opt col-x-groups">{groups}</td>
            <td class="col-opt col-num col-x-messages">{used.0}</td>
            <td class="col-opt col-num col-x-tokens">{used.1}</td>
            {actions}
        </tr>
    }
}
