//! Identity-provider awareness on the group screen: a mark for groups OAuth created, and, when
//! OAuth or LDAP group management is on, a warning before changing members by hand that the
//! next sign-in of the user undoes it (with `OAUTH_BLOCKED_GROUPS`, which the sync leaves alone).
//! The two config reads fail softly: an older server or a 403 means no warning, never an error.

use leptos::prelude::*;

use crate::api::{Group, GroupSync, created_by_oauth};
use crate::latest::use_latest;

/// "Created by OAuth" after the group's title.
#[component]
pub fn OAuthGroupMark(#[prop(into)] group: Signal<Group>) -> impl IntoView {
    move || {
        group.with(created_by_oauth).then(|| {
            view! { <span class="badge idp-mark" title="This group was created automatically when someone signed in with OAuth">"Created by OAuth"</span> }
        })
    }
}

/// Given to the membership controls inside [`GroupSyncWarning`]: true when a manual change of
/// this group's members is undone at the user's next sign-in.
#[derive(Clone, Copy)]
pub struct SyncUndoes(pub Signal<bool>);

/// One line right where a membership change is made (the remove confirm, Add selected), when
/// the identity provider will undo it.
#[component]
pub fn SyncReminder() -> impl IntoView {
    let undoes = use_context::<SyncUndoes>();
    move || {
        undoes.is_some_and(|u| u.0.get()).then(|| {
            view! { <p class="warning small">"Identity-provider group management is on: this change is undone at the user's next sign-in."</p> }
        })
    }
}

/// The warning on the Members tab, above `children` (the membership controls, which get
/// [`SyncUndoes`]). Reads the OAuth and LDAP settings (2 requests) the first time `visible` is
/// true.
#[component]
pub fn GroupSyncWarning(
    #[prop(into)] group: Signal<Group>,
    /// Whether the Members tab is shown (nothing is read before).
    #[prop(into)]
    visible: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let opened =
        Memo::new(move |prev: Option<&bool>| prev.copied().unwrap_or(false) || visible.get());
    let sync = use_latest(
        move || opened.get(),
        |c, open: bool| async move {
            match open {
                true => Ok(Some(c.group_sync().await)),
                false => Ok(None::<GroupSync>),
            }
        },
    );
    let undoes = Signal::derive(move || {
        let name = group.with(|g| g.name.clone());
        sync.value
            .get()
            .flatten()
            .is_some_and(|s| s.active() && !s.blocked.contains(&name))
    });
    provide_context(SyncUndoes(undoes));
    let banner = move || {
        let read = sync.value.get().flatten()?;
        if !read.active() {
            // Read, and nothing to warn about (also what the tests wait for).
            return Some(view! { <span hidden data-group-sync="off"></span> }.into_any());
        }
        let s = read;
        let name = group.with(|g| g.name.clone());
        let blocked = s.blocked.iter().any(|b| b == &name);
        let by = match (s.oauth, s.ldap) {
            (true, true) => "OAuth and LDAP group management are",
            (true, false) => "OAuth group management is",
            _ => "LDAP group management is",
        };
        let list = if s.blocked.is_empty() {
            "No groups are excluded (OAUTH_BLOCKED_GROUPS is empty).".to_string()
        } else {
            format!(
                "Excluded from the sync (OAUTH_BLOCKED_GROUPS): {}.",
                s.blocked.join(", ")
            )
        };
        Some(view! {
            <div class="warning group-sync-warning" role="note" aria-label="Identity provider manages memberships">
                <p>
                    {format!("{by} on: at each sign-in, a user's memberships are replaced by the groups the identity provider sends. ")}
                    {if blocked {
                        "This group is excluded from the sync, so changes made here stay.".to_string()
                    } else {
                        "Adding or removing members here is undone at that user's next sign-in.".to_string()
                    }}
                </p>
                <p class="small">{list}</p>
            </div>
        }.into_any())
    };
    view! { {banner} {children()} }
}
