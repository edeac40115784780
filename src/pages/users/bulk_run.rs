//! The calls of a bulk action: one per user, at most `batch::CONCURRENCY` at once, for role
//! changes, sign-outs and deletes; one call for all (in chunks) for group membership; suspend and
//! reactivate through `suspension`. Every runner stops cleanly on Cancel: no new call starts,
//! the calls under way finish, and each user comes back done, failed or not attempted (`None`).

use leptos::prelude::*;

use super::bulk::BulkAction;
use crate::api::{ApiError, Client, User, UserUpdate};
use crate::batch::{Cancel, run_cancellable};
use crate::suspension::{self, Actor};

/// What the confirm chose.
#[derive(Debug, Clone, Default)]
pub struct BulkParams {
    pub role: String,
    pub group_id: String,
    pub by: Actor,
    pub now: i64,
}

pub async fn execute(
    action: BulkAction,
    client: Client,
    users: Vec<User>,
    params: BulkParams,
    done: RwSignal<usize>,
    cancel: Cancel,
) -> Vec<(User, Option<Result<(), ApiError>>)> {
    let client = &client;
    let cancel = Some(cancel);
    match action {
        BulkAction::AddToGroup | BulkAction::RemoveFromGroup => {
            let add = action == BulkAction::AddToGroup;
            suspension::change_members(client, &params.group_id, users, add, Some(done), cancel)
                .await
        }
        BulkAction::Suspend => {
            suspension::suspend(client, users, params.by, params.now, done, cancel).await
        }
        BulkAction::Reactivate => suspension::reactivate(client, users, done, cancel).await,
        BulkAction::ChangeRole => {
            let role = &params.role;
            run_cancellable(users, done, cancel, |u: User| async move {
                let update = UserUpdate {
                    role: Some(role.clone()),
                    ..Default::default()
                };
                client.update_user(&u, &update).await.map(|_| ())
            })
            .await
        }
        BulkAction::SignOut => {
            run_cancellable(users, done, cancel, |u: User| async move {
                client.revoke_user_sessions(&u.id).await.map(|_| ())
            })
            .await
        }
        BulkAction::Delete => {
            run_cancellable(users, done, cancel, |u: User| async move {
                client.delete_user(&u.id).await.map(|_| ())
            })
            .await
        }
    }
}
