//! The Users screen: a server-paginated, searchable, sortable table whose state lives in the URL,
//! with add/import, edit, delete, bulk actions and CSV export.

pub mod add_dialog;
pub mod bulk;
pub mod csv_export;
pub mod csv_import;
pub mod delete_dialog;
pub mod edit_dialog;
pub mod export;
pub mod import_panel;
pub mod query;
pub mod table;
pub mod user_page;
pub mod validate;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::api::{User, UserListParams};
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::routes::{self, use_go};
use crate::session::use_session;
use add_dialog::AddUserDialog;
use bulk::{BulkAction, BulkDialog};
use delete_dialog::DeleteUserDialog;
use edit_dialog::EditUserDialog;
use query::{Dir, SortKey, UsersQuery, page_count};
use table::{RowAction, UsersTable};

/// How long typing pauses before the search runs.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// The primary admin (Open WebUI's first user: earliest `created_at`, an admin winning ties),
/// from the first page of users sorted by creation.
pub fn primary_admin_id(oldest_first: &[User]) -> Option<String> {
    let min = oldest_first.iter().filter_map(|u| u.created_at).min()?;
    let earliest: Vec<&User> = oldest_first
        .iter()
        .filter(|u| u.created_at == Some(min))
        .collect();
    earliest
        .iter()
        .find(|u| u.role == "admin")
        .or(earliest.first())
        .map(|u| u.id.clone())
}

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Add,
    Edit(User),
    Delete(User),
    Bulk(BulkAction),
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            UsersQuery::from_pairs(
                ["q", "sort", "dir", "page"]
                    .into_iter()
                    .filter_map(|k| m.get_str(k).map(|v| (k, v))),
            )
        })
    });
    let nav = use_go();
    let go = StoredValue::new(move |q: UsersQuery, replace: bool| {
        let path = routes::users(&q);
        if replace {
            nav.replace(&path)
        } else {
            nav.push(&path)
        }
    });

    let list = use_latest(
        move || query.get(),
        |client, q: UsersQuery| async move { client.list_users(&q.to_params()).await },
    );
    // One call for all group names, instead of one per row.
    let groups = use_latest(|| (), |client, _| async move { client.groups().await });
    let group_names = Memo::new(move |_| {
        groups.value.with(|g| {
            g.iter()
                .flatten()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    // Who must never be deleted from here: the primary admin and oneself. The default view is
    // already the oldest users first, so only other views need the extra call.
    let oldest = use_latest(
        move || query.with(|q| *q != UsersQuery::default()),
        |client, needed: bool| async move {
            if !needed {
                return Ok(None);
            }
            let p = UserListParams {
                order_by: Some("created_at".into()),
                direction: Some("asc".into()),
                page: 1,
                query: None,
            };
            client.list_users(&p).await.map(Some)
        },
    );
    let primary_id = Memo::new(move |_| {
        let from =
            |l: &Option<crate::api::UserList>| l.as_ref().and_then(|l| primary_admin_id(&l.users));
        if query.with(|q| *q == UsersQuery::default()) {
            list.value.with(from)
        } else {
            oldest.value.with(|o| from(&o.clone().flatten()))
        }
    });
    let self_id = Memo::new(move |_| session.user().map(|u| u.id).unwrap_or_default());
    let undeletable = Signal::derive(move || {
        [Some(self_id.get()), primary_id.get()]
            .into_iter()
            .flatten()
            .collect::<HashSet<_>>()
    });

    let selected = RwSignal::new(HashSet::<String>::new());
    // A selection belongs to what is on screen: a new search, sort or page starts afresh.
    Effect::new(move |prev: Option<UsersQuery>| {
        let q = query.get();
        if prev.is_some_and(|p| p != q) {
            selected.set(HashSet::new());
        }
        q
    });
    let selected_users = move || {
        let ids = selected.get();
        list.value.with(|l| {
            l.iter()
                .flat_map(|l| l.users.iter())
                .filter(|u| ids.contains(&u.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // Deleting the last users of the last page: show the page before.
    Effect::new(move |_| {
        if let Some((0, total)) = list
            .value
            .with(|l| l.as_ref().map(|l| (l.users.len(), l.total)))
            && total > 0
            && query.with_untracked(|q| q.page > 1)
        {
            let last = page_count(total);
            go.with_value(|go| go(query.get_untracked().at_page(last), true));
        }
    });

    // The search box: typed text, then (after a pause) the URL.
    let search_text = RwSignal::new(query.get_untracked().search);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let from_url = query.with(|q| q.search.clone());
        // Back/forward changed the search: show it, unless the person is mid-typing.
        if pending.get_value().is_none() && search_text.get_untracked() != from_url {
            search_text.set(from_url);
        }
    });
    let on_search = move |text: String| {
        search_text.set(text.clone());
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                let next = query.get_untracked().searching(&text);
                go.with_value(|go| go(next, true));
            },
            SEARCH_DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    };

    let open = RwSignal::new(Open::Nothing);
    let close = Callback::new(move |_| open.set(Open::Nothing));
    let changed = Callback::new(move |_| {
        list.reload();
        groups.reload();
    });

    let exporting = RwSignal::new(None::<(usize, usize)>);
    let export_progress = RwSignal::new((0usize, 0usize));
    let export = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let q = query.get_untracked();
        exporting.set(Some((0, 0)));
        export_progress.set((0, 0));
        spawn_local(async move {
            match export::all_matching(&client, &q, export_progress).await {
                Ok(users) => {
                    let csv = csv_export::users_csv(&users, &group_names.get_untracked());
                    match crate::download::save_text("users.csv", "text/csv", &csv) {
                        Ok(()) => toasts.success(format!("Exported {} users", users.len())),
                        Err(e) => toasts.error(e),
                    }
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
            exporting.set(None);
        });
    };

    let total = move || list.value.with(|l| l.as_ref().map(|l| l.total));
    let pages = move || page_count(total().unwrap_or(0));
    let page = move || query.with(|q| q.page);
    let at_first = move || page() <= 1;
    let at_last = move || page() >= pages();
    let to_page = move |p: u32| go.with_value(|go| go(query.get_untracked().at_page(p), false));
    let sort_by =
        move |key: SortKey| go.with_value(|go| go(query.get_untracked().sorted_by(key), false));
    let sort_options: Vec<(String, &str)> = [
        (SortKey::Name, "Name"),
        (SortKey::Email, "Email"),
        (SortKey::Role, "Role"),
        (SortKey::LastActive, "Last active"),
        (SortKey::Created, "Created"),
        (SortKey::Updated, "Updated"),
    ]
    .into_iter()
    .map(|(k, l)| (k.param().to_string(), l))
    .collect();

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Users"</h1>
                <span class="count">{move || total().map(|t| format!("{t} {}", if t == 1 { "user" } else { "users" }))}</span>
                <div class="actions">
                    <button class="btn" disabled=move || exporting.get().is_some() on:click=export>"Export CSV"</button>
                    <button class="btn btn-primary" on:click=move |_| open.set(Open::Add)>"Add user"</button>
                </div>
            </div>
            <Show when=move || exporting.get().is_some()>
                <Progress
                    label="Exporting pages"
                    done=Signal::derive(move || export_progress.get().0)
                    total=Signal::derive(move || export_progress.get().1)
                />
            </Show>
            <div class="toolbar">
                <input
                    type="search"
                    class="search"
                    aria-label="Search users"
                    placeholder="Search users by name or email…"
                    prop:value=move || search_text.get()
                    on:input:target=move |ev| on_search(ev.target().value())
                />
                <label class="inline-label" for="users-sort">"Sort by"</label>
                <select
                    id="users-sort"
                    prop:value=move || query.with(|q| q.sort.param().to_string())
                    on:change:target=move |ev| {
                        if let Some(k) = SortKey::from_param(&ev.target().value()) {
                            go.with_value(|go| go(UsersQuery { sort: k, page: 1, ..query.get_untracked() }, false));
                        }
                    }
                >
                    {sort_options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
                <button
                    class="btn"
                    aria-label="Sort direction"
                    on:click=move |_| {
                        let q = query.get_untracked();
                        let dir = if q.dir == Dir::Asc { Dir::Desc } else { Dir::Asc };
                        go.with_value(|go| go(UsersQuery { dir, page: 1, ..q }, false));
                    }
                >
                    {move || if query.with(|q| q.dir == Dir::Asc) { "Ascending" } else { "Descending" }}
                </button>
            </div>
            <Show when=move || !selected.with(HashSet::is_empty)>
                <div class="bulkbar" role="region" aria-label="Selected users">
                    <span>{move || format!("{} selected", selected.with(HashSet::len))}</span>
                    <button class="btn btn-small" on:click=move |_| open.set(Open::Bulk(BulkAction::ChangeRole))>"Change role"</button>
                    <button class="btn btn-small" on:click=move |_| open.set(Open::Bulk(BulkAction::AddToGroup))>"Add to group"</button>
                    <button class="btn btn-small btn-danger" on:click=move |_| open.set(Open::Bulk(BulkAction::Delete))>"Delete selected"</button>
                    <button class="btn btn-small btn-ghost" on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
                </div>
            </Show>
            <div class="table-wrap" class:loading=move || list.loading()>
                <div class="progress" aria-hidden="true"></div>
                <LoadError state=list.state />
                <UsersTable
                    users=Signal::derive(move || list.value.with(|l| l.as_ref().map(|l| l.users.clone()).unwrap_or_default()))
                    loaded=Signal::derive(move || list.value.with(Option::is_some))
                    busy=list.state.loading.into()
                    query=query.into()
                    group_names=group_names.into()
                    on_sort=Callback::new(sort_by)
                    selected=selected
                    undeletable=undeletable
                    on_action=Callback::new(move |a| open.set(match a {
                        RowAction::Edit(u) => Open::Edit(u),
                        RowAction::Delete(u) => Open::Delete(u),
                    }))
                />
                <Show when=move || list.value.with(|l| l.as_ref().is_some_and(|l| l.users.is_empty()))>
                    <div class="empty">
                        {move || {
                            let q = query.with(|q| q.search.clone());
                            if q.is_empty() { "No users yet.".to_string() } else { format!("No users match “{q}”.") }
                        }}
                    </div>
                </Show>
            </div>
            <nav class="pagination" aria-label="Pagination">
                <button class="btn" disabled=at_first on:click=move |_| to_page(page() - 1)>"Previous page"</button>
                <span class="page-of">{move || format!("Page {} of {}", page(), pages())}</span>
                <button class="btn" disabled=at_last on:click=move |_| to_page(page() + 1)>"Next page"</button>
            </nav>
        </section>
        {move || match open.get() {
            Open::Nothing => ().into_any(),
            Open::Add => view! { <AddUserDialog on_close=close on_created=changed /> }.into_any(),
            Open::Edit(u) => {
                let (is_self, is_primary) = (u.id == self_id.get_untracked(), Some(u.id.clone()) == primary_id.get_untracked());
                view! {
                    <EditUserDialog
                        user=u
                        is_self=is_self
                        is_primary=is_primary
                        on_close=close
                        on_saved=Callback::new(move |_| {
                            open.set(Open::Nothing);
                            changed.run(());
                        })
                    />
                }
                .into_any()
            }
            Open::Delete(u) => view! {
                <DeleteUserDialog
                    user=u
                    on_close=close
                    on_deleted=Callback::new(move |_| {
                        open.set(Open::Nothing);
                        changed.run(());
                    })
                />
            }
            .into_any(),
            Open::Bulk(action) => view! {
                <BulkDialog
                    action=action
                    selected=untrack(selected_users)
                    self_id=self_id.get_untracked()
                    primary_id=primary_id.get_untracked()
                    groups=groups.value.get_untracked().unwrap_or_default()
                    on_close=close
                    on_done=Callback::new(move |_| {
                        selected.set(HashSet::new());
                        changed.run(());
                    })
                />
            }
            .into_any(),
        }}
    }
}
