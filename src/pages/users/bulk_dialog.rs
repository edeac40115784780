//! The bulk dialog: collects "everything matching" when asked to (with progress), confirms with
//! the count, a sample of names and who is left out (and why; admins ticked one by one for a
//! suspend), runs with a progress bar and Cancel, and ends with each user's outcome.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bulk::{BulkAction, Guard, Outcome, eligible, merge, tally};
use super::bulk_confirm::ConfirmBody;
use super::bulk_results::BulkResults;
use super::bulk_run::{BulkParams, execute};
use super::matching::all_matching;
use super::query::UsersQuery;
use crate::api::{ApiError, Group, User};
use crate::batch::Cancel;
use crate::components::dialog::Dialog;
use crate::components::progress::{Progress, RunningStage};
use crate::components::toast::use_toasts;
use crate::format::{count, now_secs};
use crate::session::use_session;
use crate::suspension::{self, Actor};

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Confirm,
    Running(usize),
    Done,
}

/// Ids of `users` in the suspension group (`gid`), from list rows or a single user's groups.
pub fn suspended_ids(users: &[User], gid: Option<&str>) -> HashSet<String> {
    let Some(gid) = gid else {
        return HashSet::new();
    };
    users
        .iter()
        .filter(|u| u.group_ids.iter().any(|g| g == gid) || u.groups.iter().any(|g| g.id == gid))
        .map(|u| u.id.clone())
        .collect()
}

#[component]
pub fn BulkDialog(
    action: BulkAction,
    /// The chosen users (ignored when `matching` is given).
    selected: Vec<User>,
    /// "Select all N matching": every user matching this query, collected when the dialog opens.
    matching: Option<UsersQuery>,
    /// The signed-in admin and the primary admin (`suspended` is filled in here).
    guard: Guard,
    /// Every group (the suspension group marks who is suspended; the others are choices).
    groups: Vec<Group>,
    on_close: Callback<()>,
    /// Something changed on the server: reload (the selection is cleared).
    on_done: Callback<()>,
    /// "Suspend instead" (Delete only): the same users, another action.
    #[prop(optional)]
    on_switch: Option<Callback<(BulkAction, Vec<User>)>>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let users = RwSignal::new(matching.is_none().then_some(selected));
    let collect_error = RwSignal::new(None::<ApiError>);
    let pages = RwSignal::new((0usize, 0usize));
    // Closing the dialog (Cancel, Escape) stops the walk: its flag goes with the dialog.
    let collecting = Cancel::new();
    let matching = StoredValue::new(matching);
    // Collects (again, for Retry after a failure).
    let collect = move || {
        let (Some(q), Some(client)) = (matching.get_value(), session.client_untracked()) else {
            return;
        };
        collect_error.set(None);
        pages.set((0, 0));
        spawn_local(async move {
            match all_matching(&client, &q, pages, collecting).await {
                Ok(all) => {
                    users.try_set(Some(all));
                }
                Err(e) => {
                    session.handle(&e);
                    collect_error.try_set(Some(e));
                }
            }
        });
    };
    collect();
    let sgroup = suspension::find_group(&groups).map(|g| g.id.clone());
    let split = Memo::new(move |_| {
        users.with(|us| {
            us.as_ref().map(|us| {
                let guard = Guard {
                    suspended: suspended_ids(us, sgroup.as_deref()),
                    ..guard.clone()
                };
                eligible(action, us, &guard)
            })
        })
    });
    let ticked = RwSignal::new(HashSet::<String>::new());
    let targets = move || {
        split.with(|s| {
            s.as_ref()
                .map(|s| {
                    let mut t = s.ok.clone();
                    ticked
                        .with(|k| t.extend(s.admins.iter().filter(|a| k.contains(&a.id)).cloned()));
                    t
                })
                .unwrap_or_default()
        })
    };
    let choices: Vec<(String, String)> = groups
        .iter()
        .filter(|g| !suspension::is_suspension_group(g))
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    let role = RwSignal::new("user".to_string());
    let group = RwSignal::new(choices.first().map(|c| c.0.clone()).unwrap_or_default());
    let stage = RwSignal::new(Stage::Confirm);
    let done = RwSignal::new(0usize);
    let cancel = Cancel::new();
    let rows = RwSignal::new(Vec::<(User, Outcome)>::new());

    let start = move |list: Vec<User>, retry: bool| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let me = session.user();
        let params = BulkParams {
            role: role.get_untracked(),
            group_id: group.get_untracked(),
            by: Actor {
                id: me.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
                name: me.map(|m| m.name).unwrap_or_default(),
            },
            now: now_secs(),
        };
        cancel.reset();
        stage.set(Stage::Running(list.len()));
        spawn_local(async move {
            let results = execute(action, client, list, params, done, cancel).await;
            // An expired session opens Sign in over the screen (once); each user keeps its reason.
            if let Some(e) = crate::batch::first_expired(&results) {
                session.handle(e);
            }
            let new: Vec<(User, Outcome)> = results
                .iter()
                .map(|(u, r)| (u.clone(), Outcome::of(r)))
                .collect();
            if retry {
                rows.try_update(|rs| merge(rs, new));
            } else {
                rows.try_set(new);
            }
            let (ok, failed, skipped) = rows.try_with(|r| tally(r)).unwrap_or_default();
            match (failed, skipped) {
                (0, 0) => toasts.success(format!("Done for {}", count(ok as u64, "user"))),
                (0, n) => toasts.success(format!("Cancelled: {ok} done, {n} not attempted")),
                (f, _) => toasts.error(format!(
                    "{f} of {} failed; see the list for the reasons",
                    ok + f + skipped
                )),
            }
            on_done.run(());
            stage.try_set(Stage::Done);
        });
    };
    let retry = Callback::new(move |_| {
        let failed: Vec<User> = rows.with_untracked(|r| {
            r.iter()
                .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
                .map(|(u, _)| u.clone())
                .collect()
        });
        start(failed, true);
    });
    let title = Signal::derive(move || match users.with(Option::is_some) {
        true => action.title(&count(targets().len() as u64, "user")),
        false => action.title("all matching users"),
    });
    let close = move || {
        if !matches!(stage.get_untracked(), Stage::Running(_)) {
            on_close.run(())
        }
    };
    view! {
        // Not closed while it runs (Cancel stops it): the person sees how each user fared.
        <Dialog title=title on_close=Callback::new(move |_| close())>
            {move || match (stage.get(), split.get()) {
                (Stage::Confirm, None) => view! {
                    <div class="dialog-body">
                        // A failed collection is not shown as still running: its message, and Retry.
                        <Show when=move || collect_error.with(Option::is_none)>
                            <Progress label="Collecting matching users" done=Signal::derive(move || pages.get().0) total=Signal::derive(move || pages.get().1) />
                        </Show>
                        {move || collect_error.get().map(|e| view! {
                            <div class="error" role="alert">
                                <span>{format!("Could not collect the matching users: {e}")}</span>
                                " "
                                <button type="button" class="btn btn-small" on:click=move |_| collect()>"Retry"</button>
                            </div>
                        })}
                    </div>
                    <div class="dialog-actions">
                        <button class="btn" on:click=move |_| { collecting.cancel(); on_close.run(()) }>"Cancel"</button>
                    </div>
                }
                .into_any(),
                (Stage::Confirm, Some(s)) => view! {
                    <ConfirmBody action=action split=s ticked=ticked role=role group=group choices=choices.clone() on_switch=on_switch />
                    <div class="dialog-actions">
                        <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button
                            class=if matches!(action, BulkAction::Delete | BulkAction::Suspend) { "btn btn-danger" } else { "btn btn-primary" }
                            disabled=move || targets().is_empty() || (matches!(action, BulkAction::AddToGroup | BulkAction::RemoveFromGroup) && group.with(String::is_empty))
                            on:click=move |_| start(targets(), false)
                        >
                            {move || match action {
                                BulkAction::Delete => format!("Delete {}", count(targets().len() as u64, "user")),
                                a => a.verb().to_string(),
                            }}
                        </button>
                    </div>
                }
                .into_any(),
                (Stage::Running(total), _) => view! { <RunningStage label="Working" done=done total=total cancel=cancel /> }.into_any(),
                (Stage::Done, _) => view! { <BulkResults rows=rows on_retry=retry on_close=on_close /> }.into_any(),
            }}
        </Dialog>
    }
}
