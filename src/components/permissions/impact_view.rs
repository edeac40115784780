//! The one change preview ("Effect of this change"), shown before a group's permissions or
//! parent, the defaults or a group's members are saved: how many users are affected and, per
//! permission, who gains and who loses it. Its reads ([`read_impact`]) never block saving: a
//! failure says "Could not compute the effect: …" with Retry, and Save stays available. On the
//! group and default-permission screens it stands above the form while there are unsaved
//! changes, read again once the ticking pauses; in the member dialogs it is part of the confirm.

use leptos::prelude::*;

use super::impact::{Change, Preview, preview};
use super::impact_read::{MAX_PAGES, read_impact};
use crate::api::PAGE_SIZE;
use crate::components::debounce::{SEARCH_PAUSE, debounced};
use crate::latest::use_latest;

/// The preview of `change`. A new `change` reads again once changes pause (a run of ticks is
/// one read); new `people` only recompute.
#[component]
pub fn ImpactPreview(
    /// What is about to be saved.
    #[prop(into)]
    change: Signal<Change>,
    /// Add and Remove: the users concerned, (id, name). Ignored otherwise.
    #[prop(optional, into)]
    people: Signal<Vec<(String, String)>>,
    /// The heading, when several previews share a screen ("Effect of joining Research");
    /// "Effect of this change" otherwise.
    #[prop(optional, into)]
    title: Option<String>,
) -> impl IntoView {
    let settled = RwSignal::new(change.get_untracked());
    let (settle, _) = debounced(SEARCH_PAUSE, move |c: Change| settled.set(c));
    Effect::new(move |first: Option<()>| {
        let c = change.get();
        if first.is_some() {
            settle(c);
        }
    });
    let read = use_latest(move || settled.get(), read_impact);
    // Computed from the read's own change (a newer one may still be loading).
    let computed = Memo::new(move |_| {
        read.value.with(|r| {
            r.as_ref()
                .map(|r| people.with(|p| preview(&r.change, &r.groups, &r.defaults, p, &r.snap)))
        })
    });
    // Busy until a read of exactly the current change is in (while ticks pause, and while it
    // reads): what is shown may be for an earlier change until then. A failure is not busy.
    let busy = move || {
        let stale = read
            .value
            .with(|r| r.as_ref().is_none_or(|r| change.with(|c| r.change != *c)));
        read.loading() || (stale && read.state.error.with(Option::is_none))
    };
    let id = next_id();
    let label = id.clone();
    view! {
        <section class="impact" aria-labelledby=label aria-busy=move || busy().to_string()>
            <h3 id=id>{title.unwrap_or_else(|| "Effect of this change".into())}</h3>
            <Show when=busy>
                <p class="muted" role="status">"Computing the effect…"</p>
            </Show>
            {move || read.state.error.get().map(|e| {
                let expired = e.is_session_expired();
                view! {
                    <div class="error" role="alert">
                        <span>{format!("Could not compute the effect: {e}")}</span>
                        " You can still save. "
                        <Show when=move || !expired>
                            <button type="button" class="btn btn-small" on:click=move |_| read.reload()>"Retry"</button>
                        </Show>
                    </div>
                }
            })}
            {move || computed.get().map(|p| view! { <ImpactList preview=p /> })}
        </section>
    }
}

/// A page-unique id for the heading (several previews can be on one screen).
fn next_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("impact-title-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// What the preview says: who is affected, the admins' exception, what was not read, the keys.
#[component]
fn ImpactList(preview: Preview) -> impl IntoView {
    let Preview {
        affected,
        keys,
        cut_off,
        requests,
    } = preview;
    let counted = keys.iter().any(|k| k.defaults_turned.is_some());
    let who = if counted {
        format!("Every user is affected ({affected} in all).")
    } else {
        format!(
            "{affected} user{} affected, including members of child groups.",
            if affected == 1 { "" } else { "s" }
        )
    };
    let cut = (!cut_off.is_empty()).then(|| {
        format!(
            "Only the first {} members of {} were read: the lists may be incomplete.",
            MAX_PAGES as u64 * PAGE_SIZE,
            cut_off.join(", ")
        )
    });
    view! {
        <p role="status" class="impact-summary">{who}" "<span class="muted small">{format!("({requests} requests)")}</span></p>
        <p class="muted small">"Admins have every permission whatever their groups or the defaults say."</p>
        {cut.map(|c| view! { <p class="warning small">{c}</p> })}
        {if keys.is_empty() {
            view! { <p>"No permission changes for anyone."</p> }.into_any()
        } else {
            view! {
                <ul class="impact-list" aria-label="Who gains or loses each permission">
                    {keys.into_iter().map(|k| {
                        let text = k.describe();
                        view! {
                            <li data-perm=k.entry.path.clone() data-gain=k.gain_n.to_string() data-lose=k.lose_n.to_string()>
                                <strong>{k.entry.label.clone()}</strong>" "<code class="perm-key">{k.entry.path.clone()}</code>": "{text}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
