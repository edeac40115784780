//! The Users screen: a server-paginated, searchable, sortable table whose state lives in the URL,
//! with add/import, edit, delete, bulk actions and CSV export.

pub mod access_explainer;
pub mod add_dialog;
pub mod bulk;
pub mod bulk_bar;
pub mod bulk_confirm;
pub mod bulk_dialog;
pub mod bulk_results;
pub mod bulk_run;
pub mod column_chooser;
pub mod columns;
pub mod csv_export;
pub mod csv_import;
pub mod delete_dialog;
pub mod dialogs;
pub mod edit_dialog;
pub mod export;
pub mod filter;
pub mod filter_summary;
pub mod filtering;
pub mod filters_bar;
pub mod identity_mark;
pub mod import_panel;
pub mod matching;
pub mod pending;
pub mod query;
pub mod table;
pub mod toolbar;
pub mod usage;
pub mod user_groups;
pub mod user_groups_apply;
pub mod user_groups_plan;
pub mod user_page;
pub mod user_suspension;
pub mod validate;
pub mod views;
pub mod views_menu;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{User, UserList, UserListParams};
use crate::components::alert::LoadError;
use crate::components::pagination::Pagination;
use crate::format::count;
use crate::latest::{Latest, use_latest};
use crate::routes::{self, use_go};
use crate::session::use_session;
use bulk_bar::BulkBar;
use column_chooser::{ColumnChooser, use_hidden_columns};
use dialogs::{Open, UsersDialogs};
use export::{ExportButton, ExportStatus, use_export};
use filter_summary::FilterSummary;
use filters_bar::UsersFilters;
use matching::{Shared, list_page, resolve, role_counts};
use pending::{RoleCountsLine, use_approve};
use query::{UsersQuery, page_count};
use table::{RowAction, UsersTable};
use toolbar::UsersToolbar;
use usage::{UsagePeriodSelect, use_usage};
use views_menu::ViewsMenu;

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

/// The users list's state from the URL.
fn use_users_query() -> Memo<UsersQuery> {
    let query_map = use_query_map();
    Memo::new(move |_| {
        query_map.with(|m| {
            UsersQuery::from_pairs(
                query::KEYS
                    .into_iter()
                    .chain(filter::KEYS)
                    .filter_map(|k| m.get_str(k).map(|v| (k, v))),
            )
        })
    })
}

/// The primary admin's id, who must never be deleted or re-roled from here. The default view
/// is already the oldest users first; any other view needs the oldest-first page once (a latch,
/// so paging on makes no further requests for it).
fn use_primary_id(query: Memo<UsersQuery>, list: Latest<UserList>) -> Memo<Option<String>> {
    let needed = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false) || query.with(|q| *q != UsersQuery::default())
    });
    let oldest = use_latest(
        move || needed.get(),
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
    Memo::new(move |_| {
        let first = |l: &UserList| primary_admin_id(&l.users);
        if query.with(|q| *q == UsersQuery::default()) {
            list.value.with(|l| l.as_ref().and_then(first))
        } else {
            oldest.value.with(|o| o.as_ref().flatten().and_then(first))
        }
    })
}

/// The Users screen: toolbar, bulk bar, table, pager and the dialogs, over one list request.
#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let query = use_users_query();
    let go = use_go();
    let show = Callback::new(move |(q, replace): (UsersQuery, bool)| {
        let path = routes::users(&q);
        if replace {
            go.replace(&path)
        } else {
            go.push(&path)
        }
    });
    // The filters are resolved once per search + filters + sort (ranges, or a walk); each page
    // is then served from that. Without filters this makes no request.
    let progress = RwSignal::new((0usize, 0usize));
    let resolved = use_latest(
        move || query.get().first_page(),
        move |client, q: UsersQuery| async move {
            progress.try_set((0, 0));
            resolve(&client, &q, progress, None)
                .await
                .map(|r| Shared(Arc::new(r)))
        },
    );
    let list = use_latest(
        move || (query.get(), resolved.value.get()),
        |client, (q, r): (UsersQuery, Option<Shared>)| async move {
            match r.filter(|r| r.0.query == q.first_page()) {
                Some(r) => list_page(&client, &q, &r.0).await,
                // The filters changed and are being resolved: the old rows stay meanwhile.
                None => futures::future::pending().await,
            }
        },
    );
    // A filtered page waits for the filters' resolution: when that failed (its message and
    // Retry are above the table), the table is not loading until Retry starts it again.
    let list_busy = Signal::derive(move || {
        list.loading() && (resolved.loading() || resolved.state.error.with(Option::is_none))
    });
    let counts = use_latest(|| (), |client, _| async move { role_counts(&client).await });
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
    let primary_id = use_primary_id(query, list);
    let self_id = Memo::new(move |_| session.user().map(|u| u.id).unwrap_or_default());
    let undeletable = Signal::derive(move || {
        [Some(self_id.get()), primary_id.get()]
            .into_iter()
            .flatten()
            .collect::<HashSet<_>>()
    });
    let users = Memo::new(move |_| {
        list.value
            .with(|l| l.as_ref().map(|l| l.users.clone()).unwrap_or_default())
    });

    let selected = RwSignal::new(HashSet::<String>::new());
    let all_matching = RwSignal::new(false);
    // A selection belongs to what is on screen: a new search, sort or page starts afresh.
    Effect::new(move |prev: Option<UsersQuery>| {
        let q = query.get();
        if prev.is_some_and(|p| p != q) {
            selected.set(HashSet::new());
            all_matching.set(false);
        }
        q
    });
    let page_full = Signal::derive(move || {
        users.with(|us| !us.is_empty() && selected.with(|s| us.iter().all(|u| s.contains(&u.id))))
    });
    // Everything matching, while the whole page stays ticked (unticking a row ends it).
    let matching =
        Signal::derive(move || (all_matching.get() && page_full.get()).then(|| query.get()));
    let suspended_group = Signal::derive(move || {
        groups.value.with(|g| {
            g.as_deref()
                .and_then(crate::suspension::find_group)
                .map(|g| g.id.clone())
        })
    });
    let selected_users = Signal::derive(move || {
        selected.with(|ids| {
            users.with(|us| {
                us.iter()
                    .filter(|u| ids.contains(&u.id))
                    .cloned()
                    .collect::<Vec<User>>()
            })
        })
    });
    let total = move || list.value.with(|l| l.as_ref().map(|l| l.total));
    // Deleting the last users of the last page: show the page before.
    Effect::new(move |_| {
        if let Some((0, total)) = list
            .value
            .with(|l| l.as_ref().map(|l| (l.users.len(), l.total)))
            && total > 0
            && query.with_untracked(|q| q.page > 1)
        {
            show.run((query.get_untracked().at_page(page_count(total)), true));
        }
    });

    let search_text = RwSignal::new(query.get_untracked().search);
    // Export what is typed, even within the pause before it reaches the URL.
    let export_query = Signal::derive(move || query.get().searching(&search_text.get()));
    let export = use_export(group_names.into());
    let hidden_columns = use_hidden_columns();
    let (usage, usage_state) = use_usage(
        query,
        hidden_columns,
        Signal::derive(move || resolved.value.get()),
    );
    let open = RwSignal::new(Open::Nothing);
    let on_changed = Callback::new(move |_| {
        resolved.reload();
        groups.reload();
        counts.reload();
    });
    let approve = use_approve(on_changed);
    let pending_queue = Signal::derive(move || query.with(|q| q.filters.is_pending_queue()));
    let all_groups = Signal::derive(move || groups.value.get().unwrap_or_default());
    let on_bulk_done = Callback::new(move |_| {
        selected.set(HashSet::new());
        all_matching.set(false);
        on_changed.run(());
    });
    let empty_text = move || match query.with(|q| (q.search.clone(), q.filters.is_empty())) {
        _ if pending_queue.get() && query.with(|q| q.search.is_empty()) => {
            "Nobody is waiting for approval.".to_string()
        }
        (q, true) if q.is_empty() => "No users yet.".to_string(),
        (q, true) => format!("No users match “{q}”."),
        (q, false) if q.is_empty() => "No users match these filters.".to_string(),
        (q, false) => format!("No users match “{q}” with these filters."),
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Users"</h1>
                <span class="count">{move || total().map(|t| count(t, "user"))}</span>
                <RoleCountsLine counts=Signal::derive(move || counts.value.get()) />
                <div class="actions">
                    <ViewsMenu query=export_query on_open=Callback::new(move |q| show.run((q, false))) />
                    <ColumnChooser hidden=hidden_columns />
                    <ExportButton export=export query=export_query />
                    <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Add)>"Add user"</button>
                </div>
            </div>
            <ExportStatus export=export />
            <UsersToolbar query=query search_text=search_text on_query=show />
            <UsersFilters query=query groups=all_groups on_query=show />
            <FilterSummary
                query=query
                groups=all_groups
                resolved=Signal::derive(move || resolved.value.get())
                resolving=resolved.state.loading.into()
                progress=progress
                on_query=show
            />
            <LoadError state=resolved.state />
            <UsagePeriodSelect query=query hidden=hidden_columns on_query=show usage=usage />
            <LoadError state=usage_state />
            <BulkBar
                selected=selected
                all_matching=all_matching
                page_full=page_full
                total=Signal::derive(total)
                on_action=Callback::new(move |a| open.set(Open::Bulk(a)))
                pending_queue=pending_queue
            />
            <div class="table-wrap" class:loading=move || list_busy.get()>
                <div class="progress" aria-hidden="true"></div>
                <LoadError state=list.state />
                <UsersTable
                    users=users.into()
                    loaded=Signal::derive(move || list.value.with(Option::is_some))
                    busy=list_busy
                    query=query.into()
                    group_names=group_names.into()
                    hidden=hidden_columns
                    on_sort=Callback::new(move |key| show.run((query.get_untracked().sorted_by(key), false)))
                    selected=selected
                    undeletable=undeletable
                    suspended_group=suspended_group
                    on_action=Callback::new(move |a| match a {
                        RowAction::Edit(u) => open.set(Open::Edit(u)),
                        RowAction::Delete(u) => open.set(Open::Delete(u)),
                        RowAction::Reject(u) => open.set(Open::Reject(u)),
                        RowAction::Approve(u) => approve.dispatch(u),
                    })
                    pending_queue=pending_queue
                    usage=usage
                />
                <Show when=move || users.with(Vec::is_empty) && list.value.with(Option::is_some)>
                    <div class="empty">{empty_text}</div>
                </Show>
            </div>
            <Pagination
                page=Signal::derive(move || query.with(|q| q.page))
                pages=Signal::derive(move || page_count(total().unwrap_or(0)))
                on_page=Callback::new(move |p| show.run((query.get_untracked().at_page(p), false)))
            />
        </section>
        <UsersDialogs
            open=open
            self_id=self_id.into()
            primary_id=primary_id.into()
            selected=selected_users
            matching=matching
            groups=all_groups
            on_changed=on_changed
            on_bulk_done=on_bulk_done
        />
    }
}
