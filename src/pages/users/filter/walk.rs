//! Walking candidate pages: read them a few at a time, keep the users that match every filter
//! (each once), stop cleanly on Cancel; then sort and page the result here, like the list.

use std::cmp::Ordering;
use std::collections::HashSet;
use std::future::Future;

use futures::StreamExt;

use super::boundary::Page;
use super::criteria::Criteria;
use super::pages::PAGE;
use super::plan::Order;
use crate::api::User;
use crate::pages::users::query::{Dir, SortKey};

/// What a walk found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Walked {
    /// The matching users, each once, in the order the pages gave them.
    pub users: Vec<User>,
    /// Pages read, and pages to read.
    pub checked: usize,
    pub pages: usize,
    /// False when it was cancelled before the end.
    pub complete: bool,
}

/// Reads `pages` (`concurrency` at a time), keeps the users matching `criteria` (each once),
/// reports (done, of) to `progress` after each page, and stops starting new pages once
/// `cancelled()` says so (the pages already under way finish or are dropped; what was read is
/// kept and `complete` is false).
pub async fn walk<F, Fut, E>(
    pages: Vec<(Order, u32)>,
    criteria: &Criteria,
    concurrency: usize,
    fetch: F,
    cancelled: impl Fn() -> bool,
    mut progress: impl FnMut(usize, usize),
) -> Result<Walked, E>
where
    F: Fn(&Order, u32) -> Fut,
    Fut: Future<Output = Result<Page<User>, E>>,
{
    let total = pages.len();
    let fetch = &fetch;
    let cancelled = &cancelled;
    let mut stream = futures::stream::iter(pages)
        .map(|(order, p)| async move {
            if cancelled() {
                return None;
            }
            Some(fetch(&order, p).await)
        })
        .buffered(concurrency.max(1));
    let mut seen = HashSet::new();
    let mut out = Walked {
        pages: total,
        complete: true,
        ..Default::default()
    };
    progress(0, total);
    while let Some(next) = stream.next().await {
        let Some(page) = next else {
            out.complete = false;
            break;
        };
        let page = page?;
        out.checked += 1;
        for u in page.items {
            if criteria.matches(&u) && seen.insert(u.id.clone()) {
                out.users.push(u);
            }
        }
        progress(out.checked, total);
        if cancelled() && out.checked < total {
            out.complete = false;
            break;
        }
    }
    Ok(out)
}

/// Sorts walked users like the list (`sort`, `dir`); equal values by id (unique), so paging is
/// stable.
pub fn sort_users(users: &mut [User], sort: SortKey, dir: Dir) {
    users.sort_unstable_by(|a, b| {
        let o = match sort {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::Email => a.email.cmp(&b.email),
            SortKey::Role => a.role.cmp(&b.role),
            SortKey::LastActive => a.last_active_at.cmp(&b.last_active_at),
            SortKey::Created => a.created_at.cmp(&b.created_at),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        };
        let o = if dir == Dir::Desc { o.reverse() } else { o };
        if o == Ordering::Equal {
            a.id.cmp(&b.id)
        } else {
            o
        }
    });
}

/// Display page `page` of walked (sorted) users.
pub fn local_page(users: &[User], page: u32) -> &[User] {
    let start = (super::pages::page_start(page) as usize).min(users.len());
    let end = (start + PAGE as usize).min(users.len());
    &users[start..end]
}
