//! Export CSV of every user matching the search: walks all pages, showing progress.
use std::collections::HashMap;

use leptos::prelude::*;

use super::csv_export::users_csv;
use super::matching::all_matching;
use super::query::UsersQuery;
use crate::batch::Cancel;
use crate::components::alert::WriteError;
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::write::{Write, use_write};

/// The export of the users list: started by [`ExportButton`], shown by [`ExportStatus`].
#[derive(Clone, Copy)]
pub struct Export {
    write: Write<UsersQuery>,
    /// (pages fetched, pages).
    progress: RwSignal<(usize, usize)>,
}

/// Exports what `query` gives at the moment of the click (the page passes the search as
/// typed, not as it reached the URL), with group names from `group_names`.
pub fn use_export(group_names: Signal<HashMap<String, String>>) -> Export {
    let toasts = use_toasts();
    let progress = RwSignal::new((0usize, 0usize));
    let cancel = Cancel::new();
    let write = use_write(
        move |client, q: UsersQuery| async move { all_matching(&client, &q, progress, cancel).await },
        move |result| {
            let Ok(users) = result else { return };
            let csv = users_csv(&users, &group_names.get_untracked());
            match crate::download::save_text("users.csv", "text/csv", &csv) {
                Ok(()) => toasts.success(format!("Exported {}", count(users.len() as u64, "user"))),
                Err(e) => toasts.error(e),
            }
        },
    );
    Export { write, progress }
}

/// The Export CSV button: disabled (and its export busy) while an export runs.
#[component]
pub fn ExportButton(
    export: Export,
    /// The users to export (search and sort; the page is ignored), read at the click.
    query: Signal<UsersQuery>,
) -> impl IntoView {
    let pending = export.write.pending();
    view! {
        <button
            type="button"
            class="btn"
            disabled=move || pending.get()
            aria-busy=move || pending.get().to_string()
            on:click=move |_| {
                export.progress.set((0, 0));
                export.write.dispatch(query.get_untracked());
            }
        >
            "Export CSV"
        </button>
    }
}

/// The running export's progress, or why it failed (with Try again).
#[component]
pub fn ExportStatus(export: Export) -> impl IntoView {
    let pending = export.write.pending();
    let progress = export.progress;
    view! {
        <Show when=move || pending.get()>
            <Progress
                label="Exporting pages"
                done=Signal::derive(move || progress.get().0)
                total=Signal::derive(move || progress.get().1)
            />
        </Show>
        <WriteError error=export.write.error on_retry=Callback::new(move |_| export.write.retry()) />
    }
}
