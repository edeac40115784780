//! "Effect on members" under a group's Permissions: for each key the saved group grants, which
//! of its members (direct and through child groups) have it only because of this group, i.e.
//! would lose it without it, and how many also get it from the defaults or another group.
//! Computed on request from a few calls, never one per member: this group's effective members
//! and those of each other group that grants one of the same keys, at most `MAX_PAGES` pages
//! (30 each) per group. Big groups are said to be cut off, with how many members were considered.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::api::{ApiError, Client, Group, JsonMap, Membership, PAGE_SIZE};
use crate::components::alert::LoadError;
use crate::components::permissions::explain::{KeyEffect, competing_groups, group_effect};
use crate::components::permissions::impact_read::{MAX_PAGES, members_of};
use crate::latest::use_latest;

/// What was read: every group's effective member ids (up to the limit) and whether cut off.
#[derive(Debug, Clone, PartialEq)]
struct Read {
    members: Vec<(String, String)>,
    total: u64,
    others: HashMap<String, HashSet<String>>,
    cut_off: Vec<String>,
    requests: u32,
}

async fn read(c: Client, group: Group, all: Vec<Group>) -> Result<Read, ApiError> {
    let mut requests = 0;
    let (members, total) = members_of(&c, &group.id, Membership::Effective, &mut requests).await?;
    let mut others = HashMap::new();
    let mut cut_off = Vec::new();
    for g in competing_groups(&all, &group) {
        let (m, t) = members_of(&c, &g.id, Membership::Effective, &mut requests).await?;
        if (m.len() as u64) < t {
            cut_off.push(g.name.clone());
        }
        others.insert(g.id.clone(), m.into_iter().map(|(id, _)| id).collect());
    }
    Ok(Read {
        members,
        total,
        others,
        cut_off,
        requests,
    })
}

/// The section (shown for a saved group).
#[component]
pub fn GroupEffect(
    /// The group as saved (its permissions are what the members have now).
    #[prop(into)]
    group: Signal<Group>,
    /// Every group (their permissions and parents).
    groups: Vec<Group>,
    defaults: JsonMap,
) -> impl IntoView {
    let asked = RwSignal::new(0u32);
    let all = StoredValue::new(groups);
    let result = use_latest(
        move || (asked.get(), group.get()),
        move |c, (n, g): (u32, Group)| {
            let all = all.get_value();
            async move {
                if n == 0 {
                    return Ok(None);
                }
                // This group as saved now, the others as listed.
                let all: Vec<Group> = all
                    .into_iter()
                    .map(|o| if o.id == g.id { g.clone() } else { o })
                    .collect();
                read(c, g, all).await.map(Some)
            }
        },
    );
    let defaults = StoredValue::new(defaults);
    view! {
        <section class="group-effect" aria-labelledby="effect-title">
            <h2 id="effect-title">"Effect on members"</h2>
            <p class="muted small">"Which members have a permission only because of this group (as saved): they would lose it if they left the group or it stopped granting it."</p>
            <button type="button" class="btn" disabled=move || result.loading() on:click=move |_| asked.update(|n| *n += 1)>
                {move || if asked.get() == 0 { "Show the effect on members" } else { "Compute again" }}
            </button>
            <LoadError state=result.state />
            {move || result.value.get().flatten().map(|r| {
                let g = group.get();
                let list = all.with_value(|a| defaults.with_value(|d| group_effect(d, &g, a, &r.members, &r.others)));
                view! { <EffectList read=r effects=list /> }
            })}
        </section>
    }
}

#[component]
fn EffectList(read: Read, effects: Vec<KeyEffect>) -> impl IntoView {
    let considered = read.members.len();
    let note = if (considered as u64) < read.total {
        format!(
            "Considered the first {considered} of {} members (the rest were not read).",
            read.total
        )
    } else {
        format!("Considered all {considered} member(s), direct and through child groups.")
    };
    let cut = (!read.cut_off.is_empty()).then(|| {
        format!(
            "Only the first {} members of {} were read: someone counted as “only through this group” may also be in one of them.",
            MAX_PAGES as u64 * PAGE_SIZE,
            read.cut_off.join(", ")
        )
    });
    view! {
        <p class="small" role="status">{note}{format!(" {} request(s).", read.requests)}</p>
        {cut.map(|c| view! { <p class="warning small">{c}</p> })}
        {if effects.is_empty() {
            view! { <p class="muted">"This group grants nothing: it changes no member's permissions."</p> }.into_any()
        } else {
            view! {
                <ul class="effect-list" aria-label="Effect per permission">
                    {effects.into_iter().map(|e| {
                        let text = if e.by_defaults {
                            "on by default for everyone: this group changes nothing".to_string()
                        } else if e.only_here.is_empty() {
                            format!("nobody depends on this group for it ({} also get it elsewhere)", e.also_elsewhere)
                        } else {
                            let names: Vec<&str> = e.only_here.iter().take(10).map(String::as_str).collect();
                            let more = e.only_here.len().saturating_sub(10);
                            format!(
                                "{} gain it only through this group: {}{}; {} also get it elsewhere",
                                e.only_here.len(),
                                names.join(", "),
                                if more > 0 { format!(" and {more} more") } else { String::new() },
                                e.also_elsewhere
                            )
                        };
                        view! {
                            <li data-perm=e.entry.path.clone() data-only-here=e.only_here.len().to_string()>
                                <strong>{e.entry.label.clone()}</strong>" "<code class="perm-key">{e.entry.path.clone()}</code>": "{text}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
