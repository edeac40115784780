//! Marks a user whose account an identity provider manages (their `oauth` / `scim` fields):
//! a small badge for the header, and a note saying what the provider may overwrite.

use leptos::prelude::*;

use crate::api::{User, managed_by};

/// "OAuth (oidc)" / "SCIM" badges after the user's name; nothing for a local account.
#[component]
pub fn IdentityBadges(user: User) -> impl IntoView {
    managed_by(&user)
        .into_iter()
        .map(|m| {
            view! {
                <span class="badge idp-mark" title="Managed by an identity provider">{format!("Managed by {m}")}</span>
            }
        })
        .collect_view()
}

/// What an identity provider may change for this user, or nothing for a local account.
#[component]
pub fn IdentityNote(user: User) -> impl IntoView {
    let by = managed_by(&user);
    (!by.is_empty()).then(|| {
        view! {
            <p class="note idp-note">
                {format!(
                    "This account is managed by {}: the identity provider can change its name, email, role and group memberships when the user signs in or is provisioned, which may undo changes made here.",
                    by.join(" and ")
                )}
            </p>
        }
    })
}
