//! The bulk confirm's body: a sample of names, what the action does (and, for Delete, what is
//! lost and "Suspend instead"), the admins a suspend takes only when ticked, who is left out and
//! why, and the action's own choice (new role, group).

use std::collections::HashSet;

use leptos::prelude::*;

use super::bulk::{BulkAction, Split, names_summary};
use crate::api::User;
use crate::components::field::role_options;
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;

/// The confirm's body: who, what happens, who is left out, and the action's own choice.
#[component]
pub fn ConfirmBody(
    action: BulkAction,
    split: Split,
    ticked: RwSignal<HashSet<String>>,
    role: RwSignal<String>,
    group: RwSignal<String>,
    choices: Vec<(String, String)>,
    on_switch: Option<Callback<(BulkAction, Vec<User>)>>,
) -> impl IntoView {
    let n = split.ok.len() + split.admins.len();
    let names = names_summary(&split.ok, 12);
    let warning = match action {
        BulkAction::Delete => {
            "Their chats are deleted too, and their group memberships removed (files they uploaded stay). This cannot be undone."
        }
        BulkAction::Suspend => {
            "Their sessions are signed out, their role becomes pending, and they cannot sign in until reactivated. API keys keep working: Open WebUI does not revoke them."
        }
        BulkAction::Reactivate => {
            "Each gets back the role they had before the suspend (admin or user)."
        }
        BulkAction::SignOut => {
            "Every session of theirs ends now. API keys keep working: Open WebUI does not revoke them."
        }
        _ => "",
    };
    let everyone = [split.ok.clone(), split.admins.clone()].concat();
    let people: Vec<(String, String)> = everyone
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let no_groups = choices.is_empty();
    view! {
        <div class="dialog-body">
            <p>{if n == 0 { "None of the selected users can be changed this way.".to_string() } else if names.is_empty() { String::new() } else { format!("{names}.") }}</p>
            {(!warning.is_empty() && n > 0).then(|| view! { <p><strong>{warning}</strong></p> })}
            {(action == BulkAction::Delete && n > 0).then(|| on_switch.map(|sw| view! {
                <p>
                    "To keep their chats and memberships, suspend them instead. "
                    <button type="button" class="btn btn-small" on:click=move |_| sw.run((BulkAction::Suspend, everyone.clone()))>"Suspend instead"</button>
                </p>
            }))}
            {(!split.admins.is_empty()).then(|| view! {
                <fieldset class="admins">
                    <legend>"Admins can be suspended only on purpose: tick each one to include"</legend>
                    {split.admins.iter().map(|a| {
                        let (id, id2) = (a.id.clone(), a.id.clone());
                        view! {
                            <label class="check">
                                <input type="checkbox"
                                    prop:checked=move || ticked.with(|t| t.contains(&id))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        ticked.update(|t| { if on { t.insert(id2.clone()); } else { t.remove(&id2); } });
                                    } />
                                {format!("Also suspend {} (admin)", a.name)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(!split.skipped.is_empty()).then(|| view! {
                <p class="muted">
                    "Left out: "
                    {split.skipped.iter().map(|(u, why)| format!("{} ({why})", u.name)).collect::<Vec<_>>().join(", ")}
                </p>
            })}
            {(action == BulkAction::ChangeRole).then(|| view! {
                <div class="field">
                    <label for="bulk-role">"New role"</label>
                    <select id="bulk-role" name="role" bind:value=role>
                        {role_options().into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                    </select>
                </div>
            })}
            {matches!(action, BulkAction::AddToGroup | BulkAction::RemoveFromGroup).then(|| view! {
                <div class="field">
                    <label for="bulk-group">"Group"</label>
                    <select id="bulk-group" name="group" bind:value=group>
                        {choices.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                    </select>
                    {no_groups.then(|| view! { <p class="muted small">"There are no groups yet."</p> })}
                </div>
                <Show when=move || !group.with(String::is_empty)>
                    <ImpactPreview change=Signal::derive(move || group_change(action, group.get())) people=people.clone() />
                </Show>
            })}
        </div>
    }
}

/// The membership change a group action makes, for its preview.
fn group_change(action: BulkAction, group: String) -> Change {
    match action {
        BulkAction::RemoveFromGroup => Change::Remove(group),
        _ => Change::Add(group),
    }
}
