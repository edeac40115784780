//! The Users screen: a server-paginated, searchable, sortable table whose state lives in the URL.

pub mod query;
pub mod table;

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::latest::use_latest;
use crate::routes::href;
use query::{UsersQuery, page_count};
use table::UsersTable;

/// How long typing pauses before the search runs.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn UsersPage() -> impl IntoView {
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
    let navigate = use_navigate();
    let go = StoredValue::new(move |q: UsersQuery, replace: bool| {
        navigate(
            &href(&format!("/users{}", q.to_query_string())),
            NavigateOptions {
                replace,
                ..Default::default()
            },
        );
    });

    let list = use_latest(
        move || query.get(),
        |client, q: UsersQuery, abort| async move {
            client.list_users(&q.to_params(), Some(&abort)).await
        },
    );
    // One call for all group names, instead of one per row.
    let groups = use_latest(|| (), |client, _, _| async move { client.groups().await });
    let group_names = Memo::new(move |_| {
        groups.value.with(|g| {
            g.iter()
                .flatten()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect::<HashMap<_, _>>()
        })
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

    let total = move || list.value.with(|l| l.as_ref().map(|l| l.total));
    let pages = move || page_count(total().unwrap_or(0));
    let page = move || query.with(|q| q.page);
    let at_first = move || page() <= 1;
    let at_last = move || page() >= pages();
    let to_page = move |p: u32| go.with_value(|go| go(query.get_untracked().at_page(p), false));

    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Users"</h1>
                <span class="count">
                    {move || total().map(|t| format!("{t} {}", if t == 1 { "user" } else { "users" }))}
                </span>
            </div>
            <div class="toolbar">
                <input
                    type="search"
                    class="search"
                    aria-label="Search users"
                    placeholder="Search users by name or email…"
                    prop:value=move || search_text.get()
                    on:input:target=move |ev| on_search(ev.target().value())
                />
            </div>
            <div class="table-wrap" class:loading=move || list.loading.get()>
                <div class="progress" aria-hidden="true"></div>
                {move || list.error.get().map(|e| view! {
                    <div class="error" role="alert">
                        {e}
                        " "
                        <button class="btn btn-small" on:click=move |_| list.reload()>"Retry"</button>
                    </div>
                })}
                <UsersTable
                    users=Signal::derive(move || list.value.with(|l| l.as_ref().map(|l| l.users.clone()).unwrap_or_default()))
                    loaded=Signal::derive(move || list.value.with(Option::is_some))
                    busy=list.loading.into()
                    query=query.into()
                    group_names=group_names.into()
                    on_sort=Callback::new(move |key| go.with_value(|go| go(query.get_untracked().sorted_by(key), false)))
                />
                <Show when=move || list.value.with(|l| l.as_ref().is_some_and(|l| l.users.is_empty()))>
                    <div class="empty">
                        {move || {
                            let q = query.with(|q| q.search.clone());
                            if q.is_empty() {
                                "No users yet.".to_string()
                            } else {
                                format!("No users match “{q}”.")
                            }
                        }}
                    </div>
                </Show>
            </div>
            <nav class="pagination" aria-label="Pagination">
                <button class="btn" disabled=at_first on:click=move |_| to_page(page() - 1)>
                    "Previous page"
                </button>
                <span class="page-of">{move || format!("Page {} of {}", page(), pages())}</span>
                <button class="btn" disabled=at_last on:click=move |_| to_page(page() + 1)>
                    "Next page"
                </button>
            </nav>
        </section>
    }
}
