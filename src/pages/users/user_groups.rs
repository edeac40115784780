//! A user page's group editor: every group with a box (ticked: member), ticks and unticks for
//! several groups at once, a filter for many groups, then one confirm ([`ApplyGroupChanges`])
//! that says what will happen and sends one call per group. Groups the user is in only through
//! a child group have no box ("through {group}"); the suspension group is not offered.

use std::collections::HashMap;

use leptos::prelude::*;

use super::user_groups_apply::ApplyGroupChanges;
use super::user_groups_plan::{GroupRow, Member, filter_rows, rows, steps, summary, ticked};
use crate::api::{ApiError, Group, GroupSync};
use crate::components::alert::LoadError;
use crate::format::count;
use crate::latest::use_latest;
use crate::routes::{self, href};

#[component]
pub fn UserGroups(
    user_id: String,
    /// For the confirm ("… for Ada Lovelace").
    #[prop(into)]
    user_name: Signal<String>,
    /// The user's groups (direct and, where the server lists them, inherited), as the page has them.
    #[prop(into)]
    groups: Signal<Option<Vec<Group>>>,
    /// Something changed on the server: reload the user's groups.
    on_changed: Callback<()>,
) -> impl IntoView {
    let all = use_latest(|| (), |c, _: ()| async move { c.groups().await });
    // What the person ticked or unticked, group id → wanted membership (kept across reloads and
    // a new sign-in; a choice that matches the server is no change).
    let wanted = RwSignal::new(HashMap::<String, bool>::new());
    let query = RwSignal::new(String::new());
    let reviewing = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        all.value.with(|a| {
            groups.with(|g| match (a, g) {
                (Some(a), Some(g)) => Some(rows(a, g)),
                _ => None,
            })
        })
    });
    let pending = Memo::new(move |_| {
        rows.with(|r| {
            r.as_ref()
                .map(|r| wanted.with(|w| steps(r, w)))
                .unwrap_or_default()
        })
    });
    // Whether an identity provider rewrites memberships: read once, when the first change is
    // ticked (2 requests; a server that refuses them means "no", never an error).
    let changed_once = Memo::new(move |prev: Option<&bool>| {
        prev.copied().unwrap_or(false) || !pending.with(Vec::is_empty)
    });
    let sync = use_latest(
        move || changed_once.get(),
        |c, on: bool| async move {
            match on {
                true => Ok::<_, ApiError>(Some(c.group_sync().await)),
                false => Ok(None::<GroupSync>),
            }
        },
    );
    let shown = move || {
        rows.with(|r| {
            r.as_ref()
                .map(|r| query.with(|q| filter_rows(r, q)))
                .unwrap_or_default()
        })
    };
    let total = move || rows.with(|r| r.as_ref().map_or(0, Vec::len));
    let row = move |r: GroupRow| view! { <ChoiceRow row=r wanted=wanted /> };
    view! {
        <section class="panel user-groups" aria-labelledby="user-groups-title">
            <h2 id="user-groups-title">"Join or leave groups"</h2>
            <p class="muted small">"Tick groups to join and untick groups to leave, then review: nothing changes before Apply."</p>
            <div class="toolbar">
                <input type="search" class="search" aria-label="Filter groups" placeholder="Filter groups…"
                    prop:value=move || query.get()
                    on:input:target=move |ev| query.set(ev.target().value()) />
                <button type="button" class="btn btn-primary"
                    disabled=move || pending.with(Vec::is_empty)
                    on:click=move |_| reviewing.set(true)>
                    "Review group changes"
                </button>
                <span class="muted">{move || pending.with(|p| summary(p))}</span>
            </div>
            <LoadError state=all.state />
            {move || rows.with(Option::is_none).then(|| view! { <p class="muted">"Loading groups…"</p> })}
            <Show when=move || rows.with(Option::is_some)>
                <p class="muted small">{move || {
                    let (n, of) = (shown().len(), total());
                    if n == of { count(of as u64, "group") } else { format!("{n} of {}", count(of as u64, "group")) }
                }}</p>
                <ul class="group-choices" aria-label="Groups">
                    {move || shown().into_iter().map(row).collect_view()}
                </ul>
            </Show>
        </section>
        <Show when=move || reviewing.get()>
            <ApplyGroupChanges
                user_id=user_id.clone()
                user_name=user_name
                steps=pending.get_untracked()
                sync=Signal::derive(move || sync.value.get().flatten())
                on_close=Callback::new(move |_| reviewing.set(false))
                on_done=on_changed
            />
        </Show>
    }
}

/// One group: a box for a direct member (untick to leave) or a non-member (tick to join);
/// "through {group}" and no box when the membership comes from a child group.
#[component]
fn ChoiceRow(row: GroupRow, wanted: RwSignal<HashMap<String, bool>>) -> impl IntoView {
    let oauth = row
        .oauth
        .then(|| view! { <span class="badge idp-mark">"Created by OAuth"</span> });
    if let Member::Through(via) = &row.member {
        let via = if via.is_empty() {
            "a child group".to_string()
        } else {
            via.join(", ")
        };
        return view! {
            <li class="group-choice inherited">
                <span class="no-box" aria-hidden="true"></span>
                <a href=href(&routes::group(&row.id, None))>{row.name.clone()}</a>
                <span class="badge">{format!("through {via}")}</span>
                {oauth}
                <span class="muted small">"(leave that group to leave this one)"</span>
            </li>
        }
        .into_any();
    }
    let direct = row.member == Member::Direct;
    let (on, id) = (StoredValue::new(row.clone()), row.id.clone());
    let is_on = move || on.with_value(|on| wanted.with(|w| ticked(on, w)));
    let state = move || match (direct, is_on()) {
        (true, true) => ("badge role-user", "member"),
        (true, false) => ("badge change-leave", "will leave"),
        (false, true) => ("badge change-join", "will join"),
        (false, false) => ("", ""),
    };
    view! {
        <li class="group-choice">
            <label class="check">
                <input type="checkbox" prop:checked=is_on
                    on:change:target=move |ev| {
                        let v = ev.target().checked();
                        wanted.update(|w| { w.insert(id.clone(), v); });
                    } />
                <span>{row.name.clone()}</span>
            </label>
            <span class=move || state().0>{move || state().1}</span>
            {oauth}
        </li>
    }
    .into_any()
}
