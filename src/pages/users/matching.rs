//! Every user matching the list's search and filters, across all pages: what "Select all N
//! matching", the CSV export and the filters share. Never `/users/all`, never a request per user.

use leptos::prelude::*;

use super::query::{UsersQuery, page_count};
use crate::api::{ApiError, Client, User};

/// Fetches every page of `query` in its sort order; `progress` holds (pages done, pages).
/// `cancel` stops the walk between pages (`Err(ApiError::Aborted)`: nothing partial comes back).
pub async fn all_matching(
    client: &Client,
    query: &UsersQuery,
    progress: RwSignal<(usize, usize)>,
    cancel: crate::batch::Cancel,
) -> Result<Vec<User>, ApiError> {
    let first = client.list_users(&query.at_page(1).to_params()).await?;
    let pages = page_count(first.total) as usize;
    progress.try_set((1, pages));
    let mut users = first.users;
    for page in 2..=pages {
        if cancel.is_cancelled() {
            return Err(ApiError::Aborted);
        }
        let next = client
            .list_users(&query.at_page(page as u32).to_params())
            .await?;
        users.extend(next.users);
        progress.try_set((page, pages));
    }
    // Users created or deleted meanwhile can shift pages: keep each user once.
    let mut seen = std::collections::HashSet::new();
    users.retain(|u| seen.insert(u.id.clone()));
    Ok(users)
}
