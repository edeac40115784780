//! Probes: one filter's binary searches in one server ordering of the list ([`super::boundary`])
//! and how its ranges follow from the boundaries found; and the role counts, which are the role
//! probe's boundaries. The users header needs only these (the role counts); [`super::plan`]
//! builds every filter's probes and decides how to serve the result.

use std::future::Future;
use std::ops::Range;

use super::Role;
use super::boundary::{Page, SortedList};
use crate::api::User;

/// One server ordering of the list: `order_by` and `direction`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Order {
    pub by: String,
    pub desc: bool,
}

impl Order {
    pub fn role() -> Order {
        Order {
            by: "role".into(),
            desc: false,
        }
    }
    pub fn last_active_desc() -> Order {
        Order {
            by: "last_active_at".into(),
            desc: true,
        }
    }
    pub fn created() -> Order {
        Order {
            by: "created_at".into(),
            desc: false,
        }
    }
    /// Members of `group` first (the server's `group_id:<id>`, any direction but "asc").
    pub fn members_first(group: &str) -> Order {
        Order {
            by: format!("group_id:{group}"),
            desc: true,
        }
    }
    pub fn direction(&self) -> &'static str {
        if self.desc { "desc" } else { "asc" }
    }
    /// How a window in this ordering is sorted, for the screen ("by role").
    pub fn describe(&self) -> &'static str {
        match self.by.as_str() {
            "role" => "by role",
            "last_active_at" => "most recently active first",
            "created_at" => "oldest first",
            _ => "by name",
        }
    }
}

/// Role counts from the role boundaries (no per-user work): the whole list's composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoleCounts {
    pub admin: u64,
    pub pending: u64,
    pub user: u64,
}

/// One binary search in a probe's list: the first position where `holds` is true, searched
/// from the previous search's result on (a probe's searches go along the list).
pub(super) struct Search {
    holds: Box<dyn Fn(&User) -> bool>,
    hint: Option<u64>,
}

/// The searches one filter makes in one ordering, and how its ranges follow from the
/// boundaries found (`boundaries`, `total`).
pub(super) struct Probe {
    pub(super) order: Order,
    pub(super) searches: Vec<Search>,
    pub(super) ranges: Ranges,
}

/// A filter's ranges from its boundaries and the list's total.
pub(super) type Ranges = Box<dyn Fn(&[u64], u64) -> Vec<Range<u64>>>;

pub(super) fn search(hint: Option<u64>, holds: impl Fn(&User) -> bool + 'static) -> Search {
    Search {
        holds: Box::new(holds),
        hint,
    }
}

/// The role probe: (first role after "admin", first "user"). A role the console never sets
/// (the server stores any string) sorts between them by its spelling; such users count with
/// "pending" here, but the role filter checks each user's role itself, so they never show under
/// a role they do not have.
pub(super) fn role_probe(roles: Vec<Role>) -> Probe {
    Probe {
        order: Order::role(),
        searches: vec![
            search(None, |u| u.role.as_str() > "admin"),
            search(None, |u| u.role.as_str() >= "user"),
        ],
        ranges: Box::new(move |b, total| {
            let all = [
                (Role::Admin, 0..b[0]),
                (Role::Pending, b[0]..b[1]),
                (Role::User, b[1]..total),
            ];
            let mut out: Vec<Range<u64>> = Vec::new();
            for (role, range) in all {
                if !roles.contains(&role) || range.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => out.push(range),
                }
            }
            out
        }),
    }
}

/// The boundaries of `probe` and the list's total, adding its requests to `requests`.
pub(super) async fn run_probe<F, Fut, E>(
    probe: &Probe,
    fetch: &F,
    requests: &mut usize,
) -> Result<(Vec<u64>, u64), E>
where
    F: Fn(&Order, u32) -> Fut,
    Fut: Future<Output = Result<Page<User>, E>>,
{
    let mut list = SortedList::new(|p| fetch(&probe.order, p));
    // With a hint, its page is the first read (it also tells the total).
    let first = probe
        .searches
        .first()
        .and_then(|s| s.hint)
        .map_or(1, |h| super::pages::page_of(h.saturating_sub(1)));
    list.page(first).await?;
    let total = list.total().await?;
    let mut bounds = Vec::new();
    let mut lo = 0;
    for s in &probe.searches {
        let b = list
            .first_where(lo, total, s.hint.map(|h| h.min(total)), &*s.holds)
            .await?;
        bounds.push(b);
        lo = b;
    }
    *requests += list.requests();
    Ok((bounds, total))
}

/// How many users have each role (with the search text `fetch` carries): about
/// 1 + 2·log2(pages) requests. Also returns the request count.
pub async fn role_counts<F, Fut, E>(fetch: F) -> Result<(RoleCounts, usize), E>
where
    F: Fn(&Order, u32) -> Fut,
    Fut: Future<Output = Result<Page<User>, E>>,
{
    let mut requests = 0;
    let (b, total) = run_probe(&role_probe(Vec::new()), &fetch, &mut requests).await?;
    let counts = RoleCounts {
        admin: b[0],
        pending: b[1] - b[0],
        user: total - b[1],
    };
    Ok((counts, requests))
}
