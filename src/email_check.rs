//! Which of a file's email addresses already have an account, without loading every user
//! (`/users/all` is 2.9 MB at 10,000 users): one search per distinct address.
//!
//! Why it is correct: Open WebUI's users search is `name ILIKE %q% OR email ILIKE %q%`
//! (models/users.py), so the account whose email *is* `q` is always among the matches (a
//! string contains itself; `_` and `%` in `q` match themselves too). The matches can include
//! others (`ann@x.io` also finds `joann@x.io`), so only an exact, case-insensitive email
//! counts; when there are more matches than one page holds and the first page has no exact
//! one, the next pages are read until it appears or the matches end.
//!
//! What it costs: one request per distinct address in the file (more only for an address that
//! is part of more than 30 others), `batch::CONCURRENCY` at a time, nothing per table row.
//! A failed lookup stays failed (`None`): the caller shows "could not check", never "new".

use std::collections::HashMap;

use futures::StreamExt;
use leptos::prelude::*;

use crate::api::{ApiError, Client, User, UserListParams};

/// The user in `users` whose email is exactly `email` (ignoring case).
pub fn exact_match<'a>(users: &'a [User], email: &str) -> Option<&'a User> {
    let email = email.trim().to_lowercase();
    users
        .iter()
        .find(|u| u.email.trim().to_lowercase() == email)
}

/// The account with this email, if there is one.
pub async fn find_by_email(client: &Client, email: &str) -> Result<Option<User>, ApiError> {
    let mut page = 1;
    loop {
        let params = UserListParams {
            query: Some(email.trim().to_string()),
            order_by: Some("email".into()),
            direction: Some("asc".into()),
            page,
        };
        let list = client.list_users(&params).await?;
        if let Some(u) = exact_match(&list.users, email) {
            return Ok(Some(u.clone()));
        }
        if list.users.is_empty() || u64::from(page) * crate::api::PAGE_SIZE >= list.total {
            return Ok(None);
        }
        page += 1;
    }
}

/// What the server said about each address: `Ok(Some(user))` has an account, `Ok(None)` is
/// new, `Err` could not be checked. `done` counts addresses checked.
pub async fn check_emails(
    client: &Client,
    emails: Vec<String>,
    done: RwSignal<usize>,
) -> HashMap<String, Result<Option<User>, ApiError>> {
    done.try_set(0);
    futures::stream::iter(emails)
        .map(|email| async move {
            let r = find_by_email(client, &email).await;
            done.try_update(|n| *n += 1);
            (email, r)
        })
        .buffer_unordered(crate::batch::CONCURRENCY)
        .collect()
        .await
}
