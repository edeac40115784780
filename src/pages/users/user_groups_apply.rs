//! The one confirm of a user's group changes ("Join: A, B · Leave: C", and which of them the
//! identity provider undoes at the next sign-in), then one `users/add` or `users/remove` call
//! per group, `batch::CONCURRENCY` at a time, with progress, Cancel, each group's outcome and
//! "Retry failed".

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::bulk::Outcome;
use super::user_groups_plan::{Step, summary, undone_by_sync};
use crate::api::GroupSync;
use crate::batch::{Cancel, run_cancellable};
use crate::components::dialog::Dialog;
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;
use crate::components::progress::RunningStage;
use crate::components::toast::use_toasts;
use crate::session::use_session;

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Confirm,
    Running(usize),
    Done,
}

#[component]
pub fn ApplyGroupChanges(
    user_id: String,
    user_name: Signal<String>,
    /// The changes, as reviewed.
    steps: Vec<Step>,
    /// Whether an identity provider manages memberships (`None` until read: Apply waits for it,
    /// so the warning is never skipped by a quick click).
    #[prop(into)]
    sync: Signal<Option<GroupSync>>,
    on_close: Callback<()>,
    /// Something may have changed on the server (after each run).
    on_done: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let stage = RwSignal::new(Stage::Confirm);
    let done = RwSignal::new(0usize);
    let cancel = Cancel::new();
    let results = RwSignal::new(Vec::<(Step, Outcome)>::new());
    let what = summary(&steps);
    let all = StoredValue::new(steps);
    let undone = move || {
        sync.with(|s| {
            s.as_ref()
                .map(|s| all.with_value(|steps| undone_by_sync(steps, s)))
        })
    };
    let uid = StoredValue::new(user_id);

    let start = move |list: Vec<Step>, retry: bool| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        cancel.reset();
        stage.set(Stage::Running(list.len()));
        let uid = uid.get_value();
        spawn_local(async move {
            let out = run_cancellable(list, done, Some(cancel), |s: Step| {
                let (c, ids) = (client.clone(), vec![uid.clone()]);
                async move {
                    let r = match s.join {
                        true => c.add_group_users(&s.group_id, ids).await,
                        false => c.remove_group_users(&s.group_id, ids).await,
                    };
                    r.map(|_| ())
                }
            })
            .await;
            // An expired session opens Sign in over the screen (once); each group keeps its reason.
            if let Some(e) = crate::batch::first_expired(&out) {
                session.handle(e);
            }
            let new: Vec<(Step, Outcome)> = out
                .iter()
                .map(|(s, r)| (s.clone(), Outcome::of(r)))
                .collect();
            results.try_update(|rs| {
                if retry {
                    for (s, o) in new {
                        match rs.iter_mut().find(|(r, _)| r.group_id == s.group_id) {
                            Some(slot) => slot.1 = o,
                            None => rs.push((s, o)),
                        }
                    }
                } else {
                    *rs = new;
                }
            });
            let tally = results.try_with(|r| {
                let n = |f: fn(&Outcome) -> bool| r.iter().filter(|(_, o)| f(o)).count();
                (
                    n(|o| matches!(o, Outcome::Failed(_))),
                    n(|o| matches!(o, Outcome::NotAttempted)),
                )
            });
            match tally {
                Some((0, 0)) => toasts.success("Group changes applied."),
                Some((0, n)) => {
                    toasts.success(format!("Cancelled: {n} group change(s) not attempted"))
                }
                Some((n, _)) => toasts.error(format!(
                    "{n} group change(s) failed; see the list for the reasons"
                )),
                None => {}
            }
            on_done.run(());
            stage.try_set(Stage::Done);
        });
    };
    let failed_steps = move || -> Vec<Step> {
        results.with(|r| {
            r.iter()
                .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
                .map(|(s, _)| s.clone())
                .collect()
        })
    };
    let title = Signal::derive(move || format!("Change groups of {}?", user_name.get()));
    let close = move || {
        if !matches!(stage.get_untracked(), Stage::Running(_)) {
            on_close.run(())
        }
    };
    view! {
        <Dialog title=title on_close=Callback::new(move |_| close())>
            {move || match stage.get() {
                Stage::Confirm => view! {
                    <div class="dialog-body">
                        <p class="change-summary">{what.clone()}</p>
                        <p class="muted small">"One change per group is sent; each group's outcome is listed after."</p>
                        {move || match undone() {
                            None => Some(view! { <p class="muted small">"Checking whether an identity provider manages these groups…"</p> }.into_any()),
                            Some(u) if !u.is_empty() => Some(view! {
                                <p class="warning small">{format!(
                                    "Identity-provider group management is on: the change to {} is undone at the user's next sign-in.",
                                    u.join(", ")
                                )}</p>
                            }.into_any()),
                            Some(_) => None,
                        }}
                        // Per group: the permissions this user gains or loses by it (a few
                        // group-level reads each, never Save-blocking).
                        {all.get_value().into_iter().map(|s| {
                            let (change, title) = if s.join {
                                (Change::Add(s.group_id.clone()), format!("Effect of joining {}", s.group_name))
                            } else {
                                (Change::Remove(s.group_id.clone()), format!("Effect of leaving {}", s.group_name))
                            };
                            let people = vec![(uid.get_value(), user_name.get_untracked())];
                            view! { <ImpactPreview change=change people=people title=title /> }
                        }).collect_view()}
                    </div>
                    <div class="dialog-actions">
                        <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button class="btn btn-primary" disabled=move || sync.with(Option::is_none)
                            on:click=move |_| start(all.get_value(), false)>"Apply"</button>
                    </div>
                }
                .into_any(),
                Stage::Running(total) => view! { <RunningStage label="Changing groups" done=done total=total cancel=cancel /> }.into_any(),
                Stage::Done => view! {
                    <div class="dialog-body">
                        <ul class="results" aria-label="Results">
                            {move || results.get().into_iter().map(|(s, o)| {
                                let class = match o { Outcome::Done => "", Outcome::Failed(_) => "row-bad", Outcome::NotAttempted => "muted" };
                                let text = match &o { Outcome::Failed(r) => format!("failed: {r}"), o => o.word().to_string() };
                                view! { <li class=class data-outcome=o.word()><strong>{s.label()}</strong>": "{text}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                    <div class="dialog-actions">
                        <Show when=move || !failed_steps().is_empty()>
                            <button class="btn" disabled=move || session.is_expired()
                                on:click=move |_| start(failed_steps(), true)>"Retry failed"</button>
                        </Show>
                        <button class="btn btn-primary" on:click=move |_| on_close.run(())>"Close"</button>
                    </div>
                }
                .into_any(),
            }}
        </Dialog>
    }
}
