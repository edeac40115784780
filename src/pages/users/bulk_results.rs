//! The end of a bulk run: how many were done, failed or not attempted (after Cancel), each
//! user's outcome, "Retry failed" (only the failed ones) and "Download results" as CSV.

use leptos::prelude::*;

use super::bulk::{Outcome, results_csv, tally};
use crate::api::User;
use crate::components::toast::use_toasts;
use crate::download::save_text;

#[component]
pub fn BulkResults(
    /// Each user's outcome.
    rows: RwSignal<Vec<(User, Outcome)>>,
    /// Runs the action again for the failed users only.
    on_retry: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let toasts = use_toasts();
    let counts = move || rows.with(|r| tally(r));
    let download = move |_| {
        let csv = rows.with_untracked(|r| results_csv(r));
        if let Err(e) = save_text("bulk-results.csv", "text/csv;charset=utf-8", &csv) {
            toasts.error(e);
        }
    };
    view! {
        <div class="dialog-body">
            <p role="status">
                {move || {
                    let (done, failed, skipped) = counts();
                    let mut s = format!("{done} done, {failed} failed");
                    if skipped > 0 {
                        s.push_str(&format!(", {skipped} not attempted (cancelled)"));
                    }
                    s
                }}
            </p>
            <ul class="results" aria-label="Results">
                {move || rows.get().into_iter().map(|(u, o)| {
                    let class = match o { Outcome::Done => "", Outcome::Failed(_) => "row-bad", Outcome::NotAttempted => "muted" };
                    let text = match &o { Outcome::Failed(r) => format!("failed: {r}"), o => o.word().to_string() };
                    view! {
                        <li class=class data-outcome=o.word()>
                            <strong>{u.name}</strong>
                            " ("{u.email}"): "
                            {text}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
        <div class="dialog-actions">
            <Show when=move || { counts().1 > 0 }>
                <button class="btn" on:click=move |_| on_retry.run(())>"Retry failed"</button>
            </Show>
            <button class="btn" on:click=download>"Download results"</button>
            <button class="btn btn-primary" on:click=move |_| on_close.run(())>"Close"</button>
        </div>
    }
}
