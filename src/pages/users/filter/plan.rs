//! How to serve the filtered list without `/users/all` and without a request per user.
//!
//! Each filter is a set of *segments*: ranges of positions in one server ordering of the list
//! (with the same search text), found by binary search over pages ([`super::boundary`]):
//!
//! - **role**: `order_by=role` ascending sorts "admin" < "pending" < "user", so each role is one
//!   contiguous range between two boundaries (first role after "admin", first "user").
//! - **last active**: in `last_active_at` descending order, "active since t" is a prefix and
//!   "inactive since t" the rest: one boundary.
//! - **created**: in `created_at` ascending order, `from ≤ created < to` is the range between
//!   two boundaries.
//! - **group / suspended**: `order_by=group_id:<id>` puts the group's direct members first (then
//!   by name), so the members are a prefix: one boundary, hinted by the group's member count
//!   (usually one request). Several groups, or a group with its child groups, are one prefix
//!   per group, in different orderings (they may overlap).
//! - **never active**: no ordering puts these together (`last_active_at == created_at` can be
//!   any date): it is checked on each user of another filter's segments, or of the whole list.
//!   So is **no messages in the usage period** (the ids with messages come from one analytics
//!   call, [`super::usage`]).
//!
//! Then the [`Plan`]: with exactly one filter whose segments are disjoint, the segments *are*
//! the result: a display page is a window of positions in them, 1–3 server pages, shown in that
//! ordering ([`Plan::Window`]). Otherwise the segments with the fewest pages are the candidates:
//! all their pages are read (a few at a time) and every user is checked against every filter
//! ([`Plan::Walk`]); the result is then sorted and paged here, in the list's own sort.
//!
//! Every fetched user is checked against all the filters again in both plans, so a boundary
//! that moved because users were added or deleted meanwhile can leave someone out at an edge
//! until the next load, but never shows anyone who does not match. A walk keeps each user once
//! (by id), in case a change shifted a user from one page to the next.

// A filter's ranges are a list that often holds one range.
#![allow(clippy::single_range_in_vec_init)]

use std::collections::HashSet;
use std::future::Future;
use std::ops::Range;

use super::boundary::Page;
use super::criteria::{Activity, Criteria};
use super::pages::{pages_covering, slice_of_page, total_len, window};
use super::probe::{Probe, role_probe, run_probe, search};
// Where they were before the probes had their own file.
pub use super::probe::{Order, RoleCounts, role_counts};
use crate::api::User;

/// Positions `range` of the list in `order`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub order: Order,
    pub range: Range<u64>,
}

/// How the filtered list is served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// No filter: the server's own pages.
    Server,
    /// Exactly the users in these segments (in this order, disjoint), a window at a time.
    Window { segments: Vec<Segment> },
    /// Candidates: every page covering these segments is read and checked here.
    Walk { segments: Vec<Segment> },
}

impl Plan {
    /// The matching count when the plan knows it without a walk.
    pub fn window_total(&self) -> Option<u64> {
        match self {
            Plan::Window { segments } => Some(total_len(&ranges(segments))),
            _ => None,
        }
    }
    /// The server pages a walk reads.
    pub fn walk_pages(&self) -> Vec<(Order, u32)> {
        match self {
            Plan::Walk { segments } => pages_of(segments),
            _ => Vec::new(),
        }
    }
}

fn ranges(segments: &[Segment]) -> Vec<Range<u64>> {
    segments.iter().map(|s| s.range.clone()).collect()
}

/// Every (ordering, page) that holds a position of `segments`, each once.
pub fn pages_of(segments: &[Segment]) -> Vec<(Order, u32)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for s in segments {
        for p in pages_covering(&s.range) {
            if seen.insert((s.order.clone(), p)) {
                out.push((s.order.clone(), p));
            }
        }
    }
    out
}

/// Each filter's probes (a group filter has one per group; "never active" none).
fn probes(c: &Criteria) -> Vec<Vec<Probe>> {
    let mut out = Vec::new();
    if !c.roles.is_empty() {
        out.push(vec![role_probe(c.roles.clone())]);
    }
    match c.activity {
        Some(Activity::Since(t)) => out.push(vec![Probe {
            order: Order::last_active_desc(),
            searches: vec![search(None, move |u| u.last_active_at.unwrap_or(0) < t)],
            ranges: Box::new(|b, _| vec![0..b[0]]),
        }]),
        Some(Activity::Before(t)) => out.push(vec![Probe {
            order: Order::last_active_desc(),
            searches: vec![search(None, move |u| u.last_active_at.unwrap_or(0) < t)],
            ranges: Box::new(|b, total| vec![b[0]..total]),
        }]),
        Some(Activity::Never) => out.push(Vec::new()),
        None => {}
    }
    // "No messages in the period": like "never active", no ordering gathers these users.
    if c.with_messages.is_some() {
        out.push(Vec::new());
    }
    if c.created_from.is_some() || c.created_to.is_some() {
        let created = |u: &User| u.created_at.unwrap_or(0);
        let (from, to) = (c.created_from, c.created_to);
        let searches = [from, to]
            .into_iter()
            .flatten()
            .map(|t| search(None, move |u| created(u) >= t))
            .collect();
        out.push(vec![Probe {
            order: Order::created(),
            searches,
            ranges: Box::new(move |b, total| match (from, to) {
                (Some(_), Some(_)) => vec![b[0]..b[1].max(b[0])],
                (Some(_), None) => vec![b[0]..total],
                _ => vec![0..b[0]],
            }),
        }]);
    }
    for set in [&c.groups, &c.suspended].into_iter().flatten() {
        let group_probes = set
            .ids
            .iter()
            .zip(&set.hints)
            .map(|(id, hint)| {
                let gid = id.clone();
                Probe {
                    order: Order::members_first(id),
                    // The hint (direct members, without the search) is where the prefix ends
                    // when no search text narrows it.
                    searches: vec![search(hint.filter(|h| *h > 0), move |u| {
                        !u.group_ids.contains(&gid)
                    })],
                    ranges: Box::new(|b, _| vec![0..b[0]]),
                }
            })
            .collect();
        out.push(group_probes);
    }
    out
}

/// Decides how to serve `criteria`, reading pages through `fetch(order, page)` (which carries
/// the search text). Returns the plan and the requests it took.
pub async fn resolve<F, Fut, E>(criteria: &Criteria, fetch: F) -> Result<(Plan, usize), E>
where
    F: Fn(&Order, u32) -> Fut,
    Fut: Future<Output = Result<Page<User>, E>>,
{
    if criteria.is_empty() {
        return Ok((Plan::Server, 0));
    }
    let mut requests = 0;
    let filters = probes(criteria);
    let conditions = filters.len();
    // Each filter's segments, and whether they are disjoint; "never active" has none to offer.
    let mut best: Option<(Vec<Segment>, bool)> = None;
    for probes in filters.iter().filter(|p| !p.is_empty()) {
        let mut segments = Vec::new();
        for probe in probes {
            let (b, total) = run_probe(probe, &fetch, &mut requests).await?;
            segments.extend(
                (probe.ranges)(&b, total)
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .map(|range| Segment {
                        order: probe.order.clone(),
                        range,
                    }),
            );
        }
        let cost = pages_of(&segments).len();
        if best.as_ref().is_none_or(|(s, _)| cost < pages_of(s).len()) {
            best = Some((segments, probes.len() <= 1));
        }
    }
    let plan = match best {
        Some((segments, _)) if segments.is_empty() => Plan::Window { segments },
        Some((segments, true)) if conditions == 1 => Plan::Window { segments },
        Some((segments, _)) => Plan::Walk { segments },
        // Only "never active": the whole list.
        None => {
            let whole = Probe {
                order: Order::created(),
                searches: Vec::new(),
                ranges: Box::new(|_, total| vec![0..total]),
            };
            let (_, total) = run_probe(&whole, &fetch, &mut requests).await?;
            Plan::Walk {
                segments: vec![Segment {
                    order: whole.order,
                    range: 0..total,
                }],
            }
        }
    };
    Ok((plan, requests))
}

/// Display page `page` of a window plan: the 1–3 server pages behind it, cut to the window and
/// checked against `criteria`. Also returns the request count.
pub async fn window_page<F, Fut, E>(
    segments: &[Segment],
    page: u32,
    criteria: &Criteria,
    fetch: F,
) -> Result<(Vec<User>, usize), E>
where
    F: Fn(&Order, u32) -> Fut,
    Fut: Future<Output = Result<Page<User>, E>>,
{
    let mut users = Vec::new();
    let mut requests = 0;
    for piece in window(&ranges(segments), page) {
        let order = &segments[piece.segment].order;
        for p in pages_covering(&piece.range) {
            let got = fetch(order, p).await?;
            requests += 1;
            let cut = slice_of_page(p, &piece.range);
            let cut = cut.start.min(got.items.len())..cut.end.min(got.items.len());
            users.extend(
                got.items[cut]
                    .iter()
                    .filter(|u| criteria.matches(u))
                    .cloned(),
            );
        }
    }
    Ok((users, requests))
}
