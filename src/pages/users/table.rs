//! The users table: sortable headers (with `aria-sort`), one row per user.

use std::collections::HashMap;

use leptos::prelude::*;

use super::query::{SortKey, UsersQuery};
use crate::api::User;
use crate::components::avatar::Avatar;
use crate::format::{is_active, local_date, local_date_time, now_secs, relative_time};
use crate::routes::user_page;

#[component]
pub fn UsersTable(
    /// The rows of the current page.
    users: Signal<Vec<User>>,
    /// False until the first page has arrived (shows a loading row).
    loaded: Signal<bool>,
    /// A request is in flight (the old rows stay visible meanwhile).
    busy: Signal<bool>,
    /// The current sort, for the headers.
    query: Signal<UsersQuery>,
    /// Group id → name, to show names for `group_ids`.
    group_names: Signal<HashMap<String, String>>,
    /// A sortable header was clicked.
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let header = move |key: SortKey, label: &'static str| {
        let sorted = move || query.with(|q| (q.sort == key).then_some(q.dir));
        view! {
            <th scope="col" aria-sort=move || sorted().map(|d| d.aria())>
                // The ▲/▼ mark comes from CSS on aria-sort, so the button's name stays the column's.
                <button class="sort" on:click=move |_| on_sort.run(key)>
                    {label}
                </button>
            </th>
        }
    };
    view! {
        <table class="table users-table" aria-label="Users" aria-busy=move || busy.get().to_string()>
            <thead>
                <tr>
                    {header(SortKey::Name, "Name")}
                    {header(SortKey::Email, "Email")}
                    {header(SortKey::Role, "Role")}
                    {header(SortKey::LastActive, "Last active")}
                    {header(SortKey::Created, "Created")}
                    <th scope="col">"Groups"</th>
                </tr>
            </thead>
            <tbody>
                <Show when=move || !loaded.get()>
                    <tr class="loading-row">
                        <td colspan="6">"Loading users…"</td>
                    </tr>
                </Show>
                <For each=move || users.get() key=|u| (u.id.clone(), u.updated_at) let:user>
                    <UserRow user=user group_names=group_names />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn UserRow(user: User, group_names: Signal<HashMap<String, String>>) -> impl IntoView {
    let now = now_secs();
    let active = is_active(now, user.last_active_at);
    let last_active = user
        .last_active_at
        .map(|t| (relative_time(now, t), local_date_time(t)));
    let created = user.created_at.map(|t| (local_date(t), local_date_time(t)));
    let group_ids = user.group_ids.clone();
    let groups = move || {
        group_names.with(|names| {
            group_ids
                .iter()
                .map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let role_class = format!("badge role-{}", user.role);
    view! {
        <tr>
            <td class="cell-name">
                <Avatar name=user.name.clone() active=active />
                <a href=user_page(&user.id)>{user.name.clone()}</a>
            </td>
            <td class="cell-email">{user.email.clone()}</td>
            <td>
                <span class=role_class>{user.role.clone()}</span>
            </td>
            <td>
                {last_active.map(|(rel, full)| view! { <time title=full>{rel}</time> })}
            </td>
            <td>
                {created.map(|(date, full)| view! { <time title=full>{date}</time> })}
            </td>
            <td class="cell-groups">{groups}</td>
        </tr>
    }
}
