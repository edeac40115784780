//! The users list's toolbar: the search box (typed text, then after a pause the URL) and the
//! sort controls.

use leptos::prelude::*;

use super::query::{Dir, SortKey, UsersQuery};
use crate::components::debounce::{SEARCH_PAUSE, debounced};

/// Search and sort for the users list. What is typed lives in `search_text` (the page's export
/// uses it too); `on_query` gets the next state of the list (`replace`: true while typing).
#[component]
pub fn UsersToolbar(
    /// The list's state from the URL.
    query: Memo<UsersQuery>,
    /// The search box's text, which runs ahead of the URL while typing.
    search_text: RwSignal<String>,
    /// The list should show this; `true` to replace the history entry (typing).
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    let (search_later, typing) = debounced(SEARCH_PAUSE, move |text: String| {
        on_query.run((query.get_untracked().searching(&text), true));
    });
    // Back/forward changed the search: show it, unless the person is mid-typing.
    Effect::new(move |_| {
        let from_url = query.with(|q| q.search.clone());
        if !typing.get_untracked() && search_text.get_untracked() != from_url {
            search_text.set(from_url);
        }
    });
    let sort_options = [
        (SortKey::Name, "Name"),
        (SortKey::Email, "Email"),
        (SortKey::Role, "Role"),
        (SortKey::LastActive, "Last active"),
        (SortKey::Created, "Created"),
        (SortKey::Updated, "Updated"),
    ];
    let set_sort = move |value: String| {
        if let Some(sort) = SortKey::from_param(&value) {
            let q = query.get_untracked();
            on_query.run((UsersQuery { sort, page: 1, ..q }, false));
        }
    };
    let flip = move |_| {
        let q = query.get_untracked();
        let dir = if q.dir == Dir::Asc {
            Dir::Desc
        } else {
            Dir::Asc
        };
        on_query.run((UsersQuery { dir, page: 1, ..q }, false));
    };
    view! {
        <div class="toolbar">
            <input
                type="search"
                class="search"
                aria-label="Search users"
                placeholder="Search users by name or email…"
                prop:value=move || search_text.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    search_text.set(text.clone());
                    search_later(text);
                }
            />
            <label class="inline-label" for="users-sort">"Sort by"</label>
            <select
                id="users-sort"
                prop:value=move || query.with(|q| q.sort.param())
                on:change:target=move |ev| set_sort(ev.target().value())
            >
                {sort_options
                    .into_iter()
                    .map(|(k, l)| view! { <option value=k.param()>{l}</option> })
                    .collect_view()}
            </select>
            // Named "Sort direction: Ascending": the visible word is part of the name.
            <button type="button" class="btn" on:click=flip>
                <span class="sr-only">"Sort direction: "</span>
                {move || if query.with(|q| q.dir == Dir::Asc) { "Ascending" } else { "Descending" }}
            </button>
        </div>
    }
}
