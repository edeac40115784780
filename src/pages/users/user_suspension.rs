//! A user page's suspension: the "Suspended" badge with who suspended and when, and the
//! Suspend / Reactivate button (both run through the bulk dialog, for one user).

use leptos::prelude::*;

use crate::api::{Capability, Group};
use crate::format::local_date_time;
use crate::suspension::{find_group, record_of};

/// What the page knows of a user's suspension, from the user's own groups.
#[derive(Debug, Clone, PartialEq)]
pub enum Suspension {
    Active,
    /// Suspended: "by Ada Admin on 2 Dec 2026, 07:10", when recorded.
    Suspended(Option<String>),
}

pub fn suspension_of(user_id: &str, groups: &[Group]) -> Suspension {
    let Some(g) = find_group(groups).filter(|g| g.membership_type.as_deref() != Some("inherited"))
    else {
        return Suspension::Active;
    };
    Suspension::Suspended(record_of(g, user_id).map(|r| {
        let by = if r.by_name.is_empty() {
            "an admin".to_string()
        } else {
            r.by_name
        };
        format!("by {by} on {}", local_date_time(r.at))
    }))
}

#[component]
pub fn SuspensionStatus(
    #[prop(into)] state: Signal<Option<Suspension>>,
    /// False for yourself and the primary admin (no button).
    can_change: bool,
    /// Suspend (`true`) or Reactivate (`false`) was clicked.
    on_change: Callback<bool>,
) -> impl IntoView {
    let session = crate::session::use_session();
    move || {
        state.get().map(|s| match s {
            Suspension::Suspended(how) => view! {
                <p class="suspension">
                    <span class="badge suspended">"Suspended"</span>
                    " "
                    {how}
                    " "
                    {can_change.then(|| view! { <button class="btn btn-small" on:click=move |_| on_change.run(false)>"Reactivate"</button> })}
                </p>
            }
            .into_any(),
            // Suspending signs the user out, which servers before 0.12 cannot do.
            Suspension::Active if !session.has(Capability::SessionsRevoke) => can_change
                .then(|| view! {
                    <p class="suspension">
                        <button class="btn btn-small" disabled aria-describedby="suspend-needs">"Suspend"</button>
                        " "
                        <span class="muted small" id="suspend-needs">{Capability::SessionsRevoke.needs_text()}</span>
                    </p>
                })
                .into_any(),
            Suspension::Active => can_change
                .then(|| view! { <p class="suspension"><button class="btn btn-small" on:click=move |_| on_change.run(true)>"Suspend"</button></p> })
                .into_any(),
        })
    }
}
