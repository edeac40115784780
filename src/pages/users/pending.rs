//! The pending queue (users waiting for approval, `?role=pending`): the header's role counts
//! with a "N pending" link, Approve (role → user) and Reject (delete, after a confirm) per row.

use leptos::prelude::*;

use super::filter::Filters;
use super::filter::plan::RoleCounts;
use super::query::UsersQuery;
use crate::api::{ApiError, Client, User, UserUpdate};
use crate::components::alert::WriteError;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::routes::{self, href};
use crate::write::{Write, use_write};

/// "2 admins · 40 users · 3 pending", the last a link to the pending queue.
#[component]
pub fn RoleCountsLine(counts: Signal<Option<RoleCounts>>) -> impl IntoView {
    let queue = href(&routes::users(
        &UsersQuery::default().filtered(Filters::pending_queue()),
    ));
    move || {
        counts.get().map(|c| {
            view! {
                <span class="role-counts">
                    // "In all": next to a filtered or searched total, these are everyone's.
                    {format!("In all: {} · {} · ", count(c.admin, "admin"), count(c.user, "user"))}
                    <a href=queue.clone() class:has-pending=(c.pending > 0)>
                        {format!("{} pending", c.pending)}
                    </a>
                </span>
            }
        })
    }
}

/// Approving a pending user: role → user, in one call. `on_done` after a success.
pub fn use_approve(on_done: Callback<()>) -> Write<User> {
    let toasts = use_toasts();
    use_write(
        |client, u: User| async move {
            #[cfg(feature = "split")]
            return chunk::approve(Box::new((client, u))).await;
            #[cfg(not(feature = "split"))]
            approve(&client, u).await
        },
        move |r| {
            if let Ok(name) = r {
                toasts.success(format!("Approved {name}"));
                on_done.run(());
            }
        },
    )
}

/// Role → user; the approved user's name. In a split release build this is in the users
/// filters' chunk, which the pending queue (a role filter) has already fetched.
async fn approve(client: &Client, u: User) -> Result<String, ApiError> {
    let update = UserUpdate {
        role: Some("user".into()),
        ..Default::default()
    };
    client.update_user(&u, &update).await.map(|_| u.name)
}

#[cfg(feature = "split")]
mod chunk {
    use crate::api::{ApiError, Client, User};
    use crate::components::lazy::chunk_fn;

    chunk_fn!(
        users_filters,
        async fn approve(job: Box<(Client, User)>) -> Result<String, ApiError> {
            let (client, u) = *job;
            super::approve(&client, u).await
        }
    );
}

/// Rejecting a pending user: deletes the account after a confirm that says what goes with it
/// (their chats), and offers nothing else.
#[component]
pub fn RejectDialog(user: User, on_close: Callback<()>, on_done: Callback<()>) -> impl IntoView {
    let toasts = use_toasts();
    let name = user.name.clone();
    let reject = use_write(
        |client, id: String| async move { client.delete_user(&id).await.map(|_| ()) },
        move |r| {
            if r.is_ok() {
                toasts.success(format!("Rejected {name}"));
                on_done.run(());
            }
        },
    );
    let busy = reject.pending();
    let id = user.id.clone();
    view! {
        <ConfirmDialog
            title=format!("Reject {}", user.name)
            confirm_label="Reject"
            danger=true
            busy=busy
            on_confirm=Callback::new(move |_| reject.dispatch(id.clone()))
            on_cancel=Callback::new(move |_| if !busy.get_untracked() { on_close.run(()) })
        >
            <p>
                "Reject "<strong>{user.name.clone()}</strong>" ("{user.email.clone()}")? "
                "Their account is deleted, with their chats. This cannot be undone."
            </p>
            <WriteError error=reject.error on_retry=Callback::new(move |_| reject.retry()) />
        </ConfirmDialog>
    }
}
