//! Bulk actions on the selected users: change role, add to a group (one call for all), delete.
//! Each confirms with the count and the names, runs with a progress bar, and reports per user.
//! The signed-in admin and the primary admin are never bulk-deleted or bulk-re-roled.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, Group, User, UserUpdate};
use crate::batch::run_batch;
use crate::components::dialog::Dialog;
use crate::components::field::role_options;
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::session::use_session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    ChangeRole,
    AddToGroup,
    Delete,
}

/// Splits the selection into who the action may touch and who is left out, with why.
pub fn eligible(
    action: BulkAction,
    users: &[User],
    self_id: &str,
    primary_id: Option<&str>,
) -> (Vec<User>, Vec<(User, &'static str)>) {
    let mut ok = Vec::new();
    let mut skipped = Vec::new();
    for u in users {
        let reason = match action {
            BulkAction::AddToGroup => None,
            _ if u.id == self_id => Some("your own account"),
            _ if Some(u.id.as_str()) == primary_id => Some("the primary admin"),
            _ => None,
        };
        match reason {
            Some(r) => skipped.push((u.clone(), r)),
            None => ok.push(u.clone()),
        }
    }
    (ok, skipped)
}

/// "Ada, Bob, Chloé and 12 more".
pub fn names_summary(users: &[User], max: usize) -> String {
    let names: Vec<&str> = users.iter().take(max).map(|u| u.name.as_str()).collect();
    match users.len().saturating_sub(max) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

#[derive(Clone, PartialEq)]
enum Stage {
    Confirm,
    Running(usize),
    Done(Vec<(User, Result<(), ApiError>)>),
}

#[component]
pub fn BulkDialog(
    action: BulkAction,
    selected: Vec<User>,
    self_id: String,
    primary_id: Option<String>,
    groups: Vec<Group>,
    on_close: Callback<()>,
    /// Something changed on the server: reload, clear the selection.
    on_done: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let (targets, skipped) = eligible(action, &selected, &self_id, primary_id.as_deref());
    let stage = RwSignal::new(Stage::Confirm);
    let done = RwSignal::new(0usize);
    let role = RwSignal::new("user".to_string());
    let group = RwSignal::new(groups.first().map(|g| g.id.clone()).unwrap_or_default());
    let n = targets.len();
    let title = match action {
        BulkAction::ChangeRole => format!("Change role of {}", count(n as u64, "user")),
        BulkAction::AddToGroup => format!("Add {} to a group", count(n as u64, "user")),
        BulkAction::Delete => format!("Delete {}", count(n as u64, "user")),
    };
    let targets = StoredValue::new(targets);

    let run = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let users = targets.get_value();
        stage.set(Stage::Running(users.len()));
        let (new_role, gid) = (role.get_untracked(), group.get_untracked());
        spawn_local(async move {
            let results = match action {
                BulkAction::AddToGroup => {
                    // One call for everyone: the server takes a list.
                    let ids = users.iter().map(|u| u.id.clone()).collect();
                    let r = client.add_group_users(&gid, ids).await.map(|_| ());
                    done.try_set(users.len());
                    users.into_iter().map(|u| (u, r.clone())).collect()
                }
                BulkAction::ChangeRole => {
                    run_batch(users, done, |u: User| {
                        let (client, role) = (client.clone(), new_role.clone());
                        async move {
                            let update = UserUpdate {
                                role: Some(role),
                                ..Default::default()
                            };
                            client.update_user(&u, &update).await.map(|_| ())
                        }
                    })
                    .await
                }
                BulkAction::Delete => {
                    run_batch(users, done, |u: User| {
                        let client = client.clone();
                        async move { client.delete_user(&u.id).await.map(|_| ()) }
                    })
                    .await
                }
            };
            // An expired session opens Sign in over the screen (once); each user keeps its reason.
            if let Some(e) = results
                .iter()
                .find_map(|(_, r)| r.as_ref().err().filter(|e| e.is_session_expired()))
            {
                session.handle(e);
            }
            let ok = results.iter().filter(|(_, r)| r.is_ok()).count();
            let failed = results.len() - ok;
            if failed == 0 {
                toasts.success(format!("Done for {}", count(ok as u64, "user")));
            } else {
                toasts.error(format!(
                    "{failed} of {} failed; see the list for the reasons",
                    results.len()
                ));
            }
            on_done.run(());
            stage.try_set(Stage::Done(results));
        });
    };

    let group_options: Vec<(String, String)> = groups
        .iter()
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    let no_groups = group_options.is_empty();
    view! {
        // Not closed while it runs: the person sees how each user fared.
        <Dialog title=title on_close=Callback::new(move |_| if !matches!(stage.get_untracked(), Stage::Running(_)) { on_close.run(()) })>
            {move || match stage.get() {
                Stage::Confirm => {
                    let names = names_summary(&targets.get_value(), 12);
                    view! {
                        <div class="dialog-body">
                            <p>{if n == 0 { "None of the selected users can be changed this way.".to_string() } else { format!("{names}.") }}</p>
                            {(action == BulkAction::Delete && n > 0)
                                .then(|| view! { <p><strong>"Their chats are deleted too."</strong>" This cannot be undone."</p> })}
                            {(!skipped.is_empty()).then(|| view! {
                                <p class="muted">
                                    "Left out: "
                                    {skipped.iter().map(|(u, why)| format!("{} ({why})", u.name)).collect::<Vec<_>>().join(", ")}
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
                            {(action == BulkAction::AddToGroup).then(|| {
                                let opts = group_options.clone();
                                view! {
                                    <div class="field">
                                        <label for="bulk-group">"Group"</label>
                                        <select id="bulk-group" name="group" bind:value=group>
                                            {opts.into_iter().map(|(v, t)| view! { <option value=v>{t}</option> }).collect_view()}
                                        </select>
                                        {no_groups.then(|| view! { <p class="muted small">"There are no groups yet."</p> })}
                                    </div>
                                }
                            })}
                        </div>
                        <div class="dialog-actions">
                            <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                            <button
                                class=if action == BulkAction::Delete { "btn btn-danger" } else { "btn btn-primary" }
                                disabled=n == 0 || (action == BulkAction::AddToGroup && no_groups)
                                on:click=run
                            >
                                {match action {
                                    BulkAction::ChangeRole => "Change role".to_string(),
                                    BulkAction::AddToGroup => "Add to group".to_string(),
                                    BulkAction::Delete => format!("Delete {}", count(n as u64, "user")),
                                }}
                            </button>
                        </div>
                    }
                    .into_any()
                }
                Stage::Running(total) => view! { <Progress label="Working" done=done total=Signal::derive(move || total) /> }.into_any(),
                Stage::Done(results) => view! {
                    <ul class="results" aria-label="Results">
                        {results.into_iter().map(|(u, r)| {
                            let ok = r.is_ok();
                            view! {
                                <li class:row-bad=!ok>
                                    <strong>{u.name}</strong>
                                    ": "
                                    {match r { Ok(()) => "done".to_string(), Err(e) => e.to_string() }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <div class="dialog-actions">
                        <button class="btn btn-primary" on:click=move |_| on_close.run(())>"Close"</button>
                    </div>
                }
                .into_any(),
            }}
        </Dialog>
    }
}
