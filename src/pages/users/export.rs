//! Export CSV of every user matching the search: walks all pages ("page X of Y"), with a
//! Cancel that stops at once and exports nothing.
use std::collections::HashMap;

use futures::channel::oneshot;
use futures::future::{Either, select};
use leptos::prelude::*;

use super::csv_export::users_csv;
use super::matching::all_matching;
use super::query::UsersQuery;
use crate::api::{ApiError, User};
use crate::batch::Cancel;
use crate::components::alert::WriteError;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::write::{Write, use_write};

/// The export of the users list: started by [`ExportButton`], shown by [`ExportStatus`].
#[derive(Clone, Copy)]
pub struct Export {
    write: Write<UsersQuery>,
    /// (pages fetched, pages).
    progress: RwSignal<(usize, usize)>,
    /// Cancel pressed for the export under way (or the last one).
    cancel: Cancel,
    /// Wakes the running export when Cancel is pressed, so that it stops at once instead of
    /// after the page requests in flight (dropping them aborts them).
    wake: StoredValue<Option<oneshot::Sender<()>>, LocalStorage>,
}

impl Export {
    fn stop(&self) {
        self.cancel.cancel();
        if let Some(tx) = self.wake.try_update_value(Option::take).flatten() {
            let _ = tx.send(());
        }
    }
}

/// Exports what `query` gives at the moment of the click (the page passes the search as
/// typed, not as it reached the URL), with group names from `group_names`.
pub fn use_export(group_names: Signal<HashMap<String, String>>) -> Export {
    let toasts = use_toasts();
    let progress = RwSignal::new((0usize, 0usize));
    let cancel = Cancel::new();
    let wake = StoredValue::new_local(None::<oneshot::Sender<()>>);
    let write = use_write(
        move |client, q: UsersQuery| async move {
            let (tx, rx) = oneshot::channel();
            wake.set_value(Some(tx));
            let walk = Box::pin(all_matching(&client, &q, progress, cancel));
            // A cancelled export ends as `Aborted`, which the write neither reports nor hands
            // on: no file, no error, whatever pages had arrived are dropped.
            match select(walk, rx).await {
                Either::Left((users, _)) if !cancel.is_cancelled() => users,
                _ => Err(ApiError::Aborted),
            }
        },
        move |result| {
            let Ok(users) = result else { return };
            let names = group_names.get_untracked();
            leptos::task::spawn_local(async move {
                let n = users.len() as u64;
                match save_csv(users, names).await {
                    Ok(()) => toasts.success(format!("Exported {}", count(n, "user"))),
                    Err(e) => toasts.error(e),
                }
            });
        },
    );
    Export {
        write,
        progress,
        cancel,
        wake,
    }
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
                export.cancel.reset();
                export.write.dispatch(query.get_untracked());
            }
        >
            "Export CSV"
        </button>
    }
}

/// The running export's progress and Cancel, that it was cancelled, or why it failed (with
/// Try again).
#[component]
pub fn ExportStatus(export: Export) -> impl IntoView {
    let pending = export.write.pending();
    let progress = export.progress;
    let cancelled = export.cancel.cancelled();
    view! {
        <Show when=move || pending.get()>
            <div class="progress-block export-progress">
                <div class="progress-label" role="status">
                    {move || match progress.get() {
                        (_, 0) => "Exporting: reading the first page…".to_string(),
                        (done, pages) => format!("Exporting: page {done} of {pages}"),
                    }}
                </div>
                <progress
                    aria-label="Exporting pages"
                    max=move || progress.get().1.max(1).to_string()
                    value=move || progress.get().0.to_string()
                ></progress>
                <button type="button" class="btn btn-small" on:click=move |_| export.stop()>"Cancel export"</button>
            </div>
        </Show>
        <Show when=move || cancelled.get() && !pending.get()>
            <p class="notice" role="status">"Export cancelled: nothing was exported."</p>
        </Show>
        <WriteError error=export.write.error on_retry=Callback::new(move |_| export.write.retry()) />
    }
}

/// Writes the CSV and offers it as a download. In a split release build (`split` feature) this
/// is a wasm chunk fetched at the first export: the users table does not need the CSV writer.
async fn save_csv(users: Vec<User>, group_names: HashMap<String, String>) -> Result<(), String> {
    #[cfg(feature = "split")]
    return chunk::save_csv(Box::new((users, group_names)))
        .await
        .unwrap_or_else(|e| Err(e.to_string()));
    #[cfg(not(feature = "split"))]
    write_csv(&users, &group_names)
}

fn write_csv(users: &[User], group_names: &HashMap<String, String>) -> Result<(), String> {
    let csv = users_csv(users, group_names);
    crate::download::save_text("users.csv", "text/csv", &csv)
}

#[cfg(feature = "split")]
mod chunk {
    use std::collections::HashMap;

    use crate::api::{ApiError, User};
    use crate::components::lazy::chunk_fn;

    type Job = (Vec<User>, HashMap<String, String>);
    // In the users chunk, with the dialogs (CSV import shares the csv crate) and a user's page.
    chunk_fn!(
        users_chunk,
        fn save_csv(job: Box<Job>) -> Result<Result<(), String>, ApiError> {
            Ok(super::write_csv(&job.0, &job.1))
        }
    );
}
