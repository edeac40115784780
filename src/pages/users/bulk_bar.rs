//! The bar shown while users are selected: how many, "Select all N matching" once the whole
//! page is ticked and more users match, and what can be done to all of them.

use std::collections::HashSet;

use leptos::prelude::*;

use super::bulk::BulkAction;
use crate::api::Capability;
use crate::session::use_session;

/// "3 selected" (or "All 120 matching selected") with the bulk actions and Clear selection.
#[component]
pub fn BulkBar(
    /// The selected user ids (the bar shows while there are any).
    selected: RwSignal<HashSet<String>>,
    /// "Select all N matching" was chosen (it holds while the whole page stays ticked).
    all_matching: RwSignal<bool>,
    /// Every row of this page is ticked.
    #[prop(into)]
    page_full: Signal<bool>,
    /// How many users match the current search (all pages), once known.
    #[prop(into)]
    total: Signal<Option<u64>>,
    /// A bulk action was chosen.
    on_action: Callback<BulkAction>,
    /// The pending queue is shown: Approve selected (role → user) and Reject selected (delete).
    #[prop(optional, into)]
    pending_queue: Signal<bool>,
) -> impl IntoView {
    let session = use_session();
    let pick = move |a: BulkAction| move |_| on_action.run(a);
    // Signing out and suspending revoke sessions, which servers before 0.12 cannot do: the
    // buttons say so instead of failing for every user.
    let lacks_revoke = move || !session.has(Capability::SessionsRevoke);
    let matching = move || all_matching.get() && page_full.get();
    let more = move || {
        total
            .get()
            .filter(|t| page_full.get() && *t > selected.with(HashSet::len) as u64)
    };
    let action = move |a: BulkAction, class: &'static str, label: &'static str| {
        view! { <button type="button" class=class on:click=pick(a)>{label}</button> }
    };
    view! {
        <Show when=move || !selected.with(HashSet::is_empty)>
            <div class="bulkbar" role="region" aria-label="Selected users">
                <span>
                    {move || match (matching(), total.get()) {
                        (true, Some(t)) => format!("All {t} matching selected"),
                        _ => format!("{} selected", selected.with(HashSet::len)),
                    }}
                </span>
                {move || (!matching()).then(|| more().map(|t| view! {
                    <button type="button" class="btn btn-small btn-ghost" on:click=move |_| all_matching.set(true)>
                        {format!("Select all {t} matching")}
                    </button>
                }))}
                <Show when=move || pending_queue.get()>
                    <button type="button" class="btn btn-small btn-primary" on:click=pick(BulkAction::ChangeRole)>
                        "Approve selected"
                    </button>
                    <button type="button" class="btn btn-small btn-danger" on:click=pick(BulkAction::Delete)>
                        "Reject selected"
                    </button>
                </Show>
                {action(BulkAction::ChangeRole, "btn btn-small", "Change role")}
                {action(BulkAction::AddToGroup, "btn btn-small", "Add to group")}
                {action(BulkAction::RemoveFromGroup, "btn btn-small", "Remove from group")}
                {[(BulkAction::SignOut, "Sign out all devices"), (BulkAction::Suspend, "Suspend")].map(|(a, label)| view! {
                    <button
                        type="button"
                        class="btn btn-small"
                        disabled=lacks_revoke
                        aria-describedby=move || lacks_revoke().then_some("bulk-needs")
                        on:click=pick(a)
                    >
                        {label}
                    </button>
                })}
                {action(BulkAction::Reactivate, "btn btn-small", "Reactivate")}
                {action(BulkAction::Delete, "btn btn-small btn-danger", "Delete selected")}
                <button type="button" class="btn btn-small btn-ghost" on:click=move |_| { all_matching.set(false); selected.set(HashSet::new()); }>
                    "Clear selection"
                </button>
                <Show when=lacks_revoke>
                    <span class="muted small" id="bulk-needs">
                        {format!("Sign out and Suspend: {}", Capability::SessionsRevoke.needs_text().replacen("Needs", "needs", 1))}
                    </span>
                </Show>
            </div>
        </Show>
    }
}
