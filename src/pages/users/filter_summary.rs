//! What the active filters are, in words, how many users match, whether the result needed a
//! walk over pages ("checked 3 of 12 pages"), and "Clear filters".

use std::collections::HashMap;

use leptos::prelude::*;

use super::filter::{Filters, Role};
use super::matching::Shared;
use super::query::UsersQuery;
use crate::api::Group;
use crate::format::count;

/// The active filters in words, e.g. ["role: pending", "group: Engineering (with child groups)"].
pub fn describe(f: &Filters, group_names: &HashMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    if !f.roles.is_empty() {
        let roles: Vec<&str> = f.roles.iter().map(|r: &Role| r.as_str()).collect();
        out.push(format!("role: {}", roles.join(" or ")));
    }
    if !f.groups.is_empty() {
        let names: Vec<String> = f
            .groups
            .iter()
            .map(|g| {
                group_names
                    .get(g)
                    .cloned()
                    .unwrap_or_else(|| format!("unknown group {g}"))
            })
            .collect();
        let children = if f.include_children {
            " (with child groups)"
        } else {
            ""
        };
        out.push(format!("group: {}{children}", names.join(" or ")));
    }
    if let Some(l) = f.last_active {
        out.push(l.describe());
    }
    match (&f.created_from, &f.created_to) {
        (Some(a), Some(b)) => out.push(format!("created {a} to {b}")),
        (Some(a), None) => out.push(format!("created on or after {a}")),
        (None, Some(b)) => out.push(format!("created on or before {b}")),
        (None, None) => {}
    }
    if f.suspended {
        out.push("suspended".into());
    }
    out.extend(f.usage.describe());
    out
}

/// What the summary gets from the users page: `Copy` handles, so they cross into the chunk as is.
#[derive(Clone, Copy)]
struct Host {
    query: Memo<UsersQuery>,
    groups: Signal<Vec<Group>>,
    resolved: Signal<Option<Shared>>,
    resolving: Signal<bool>,
    progress: RwSignal<(usize, usize)>,
    on_query: Callback<(UsersQuery, bool)>,
}

/// The summary while a filter is on. In a split release build it is in the users filters'
/// chunk, fetched when a filter is first on.
#[component]
pub fn FilterSummary(
    query: Memo<UsersQuery>,
    groups: Signal<Vec<Group>>,
    /// The resolution of the current filters (absent while it runs).
    resolved: Signal<Option<Shared>>,
    /// True while the filters are being resolved.
    resolving: Signal<bool>,
    /// Pages checked, of pages, while a walk runs.
    progress: RwSignal<(usize, usize)>,
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    let host = Host {
        query,
        groups,
        resolved,
        resolving,
        progress,
        on_query,
    };
    #[cfg(feature = "split")]
    return crate::components::lazy::when_first_wanted(
        move || !query.with(|q| q.filters.is_empty()),
        move || chunk::filter_summary(Box::new(host)),
    );
    #[cfg(not(feature = "split"))]
    summary(host)
}

#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::Host;
    use crate::api::ApiError;
    use crate::components::lazy::chunk_fn;

    chunk_fn!(
        users_filters,
        fn filter_summary(host: Box<Host>) -> Result<AnyView, ApiError> {
            Ok(super::summary(*host))
        }
    );
}

/// The summary itself.
fn summary(host: Host) -> AnyView {
    let Host {
        query,
        groups,
        resolved,
        resolving,
        progress,
        on_query,
    } = host;
    let names = Memo::new(move |_| {
        groups.with(|gs| {
            gs.iter()
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let words = move || query.with(|q| describe(&q.filters, &names.get()).join(" · "));
    let current = move || {
        resolved
            .get()
            .map(|r| r.0)
            .filter(|r| query.with(|q| r.query == q.first_page()))
    };
    let status = move || {
        if resolving.get() {
            let (done, of) = progress.get();
            return if of > 0 {
                format!("Checking pages: {done} of {of}…")
            } else {
                "Finding matching users…".to_string()
            };
        }
        let Some(r) = current() else {
            return String::new();
        };
        let mut parts = vec![format!(
            "{} matching",
            count(r.total().unwrap_or(0), "user")
        )];
        if let Some(w) = &r.walked {
            parts.push(format!("checked {} of {} pages", w.checked, w.pages));
        }
        if let Some(note) = r.order_note() {
            parts.push(format!("shown {note}"));
        }
        parts.join(" · ")
    };
    view! {
        <Show when=move || !query.with(|q| q.filters.is_empty())>
            <div class="filter-summary">
                <p role="status">
                    <strong>"Filtered: "</strong>
                    {words}
                    " — "
                    <span class="muted">{status}</span>
                </p>
                <button
                    type="button"
                    class="btn btn-small"
                    on:click=move |_| {
                        // The usage period is a view setting (the usage columns): it stays.
                        let q = query.get_untracked();
                        let mut cleared = Filters::default();
                        cleared.usage.period = q.filters.usage.period;
                        on_query.run((q.filtered(cleared), false))
                    }
                >
                    "Clear filters"
                </button>
            </div>
        </Show>
    }
    .into_any()
}
