//! The bar shown while users are selected: how many, and what can be done to all of them.

use std::collections::HashSet;

use leptos::prelude::*;

use super::bulk::BulkAction;

/// "3 selected" with Change role, Add to group, Delete selected and Clear selection.
#[component]
pub fn BulkBar(
    /// The selected user ids (the bar shows while there are any).
    selected: RwSignal<HashSet<String>>,
    /// A bulk action was chosen.
    on_action: Callback<BulkAction>,
    /// The pending queue is shown: Approve selected (role → user) and Reject selected (delete).
    #[prop(optional, into)]
    pending_queue: Signal<bool>,
) -> impl IntoView {
    let pick = move |a: BulkAction| move |_| on_action.run(a);
    view! {
        <Show when=move || !selected.with(HashSet::is_empty)>
            <div class="bulkbar" role="region" aria-label="Selected users">
                <span>{move || format!("{} selected", selected.with(HashSet::len))}</span>
                <Show when=move || pending_queue.get()>
                    <button type="button" class="btn btn-small btn-primary" on:click=pick(BulkAction::ChangeRole)>
                        "Approve selected"
                    </button>
                    <button type="button" class="btn btn-small btn-danger" on:click=pick(BulkAction::Delete)>
                        "Reject selected"
                    </button>
                </Show>
                <button type="button" class="btn btn-small" on:click=pick(BulkAction::ChangeRole)>
                    "Change role"
                </button>
                <button type="button" class="btn btn-small" on:click=pick(BulkAction::AddToGroup)>
                    "Add to group"
                </button>
                <button type="button" class="btn btn-small btn-danger" on:click=pick(BulkAction::Delete)>
                    "Delete selected"
                </button>
                <button type="button" class="btn btn-small btn-ghost" on:click=move |_| selected.set(HashSet::new())>
                    "Clear selection"
                </button>
            </div>
        </Show>
    }
}
