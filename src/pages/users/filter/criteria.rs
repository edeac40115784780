//! The filters made concrete for one moment and one set of groups: what a user must satisfy,
//! checkable on one user from the list (`role`, `group_ids`, `last_active_at`, `created_at`).

use std::collections::{HashMap, HashSet};

use super::{Filters, LastActive, Role};
use crate::api::{Group, User};

const DAY: i64 = 86_400;

/// The activity condition, with its cut-off in epoch seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// `last_active_at >= since`.
    Since(i64),
    /// `last_active_at < before`.
    Before(i64),
    /// `last_active_at <= created_at` (never active after creation).
    Never,
}

/// One group condition: a member of any of `ids` (direct membership, which is what a list row's
/// `group_ids` holds), with each id's direct member count as a hint for the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSet {
    pub ids: Vec<String>,
    pub hints: Vec<Option<u64>>,
}

/// Everything a user must satisfy. `None` / empty: no condition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Criteria {
    pub roles: Vec<Role>,
    /// A member of any of these groups (the chosen groups, with their child groups when asked).
    pub groups: Option<GroupSet>,
    /// A member of the suspension group.
    pub suspended: Option<GroupSet>,
    pub activity: Option<Activity>,
    /// `created_at >= from`.
    pub created_from: Option<i64>,
    /// `created_at < to` (the day after the chosen "to" date, at local midnight).
    pub created_to: Option<i64>,
    /// "No messages in the usage period": the ids of the users *with* messages, whom it leaves
    /// out ([`super::usage`]; filled from the analytics answer after [`Criteria::new`]).
    pub with_messages: Option<HashSet<String>>,
}

impl Criteria {
    /// The filters at time `now`, for the server's `groups`. `midnight` turns a `YYYY-MM-DD`
    /// date into the epoch seconds of its local midnight (the browser's time zone). A group filter naming only groups that no longer exist matches
    /// nobody, and so does "Suspended only" while no suspension group exists.
    pub fn new(
        f: &Filters,
        now: i64,
        groups: &[Group],
        suspension_group: Option<&Group>,
        midnight: impl Fn(&str) -> Option<i64>,
    ) -> Criteria {
        let hint: HashMap<&str, Option<u64>> = groups
            .iter()
            .map(|g| (g.id.as_str(), g.member_count))
            .collect();
        let set = |ids: Vec<String>| GroupSet {
            hints: ids
                .iter()
                .map(|i| hint.get(i.as_str()).copied().flatten())
                .collect(),
            ids,
        };
        let chosen: Vec<String> = f
            .groups
            .iter()
            .filter(|g| hint.contains_key(g.as_str()))
            .cloned()
            .collect();
        let group_ids = if f.include_children {
            with_descendants(&chosen, groups)
        } else {
            chosen
        };
        Criteria {
            roles: f.roles.clone(),
            groups: (!f.groups.is_empty()).then(|| set(group_ids)),
            suspended: f.suspended.then(|| {
                set(suspension_group
                    .map(|g| vec![g.id.clone()])
                    .unwrap_or_default())
            }),
            activity: f.last_active.map(|l| match l {
                LastActive::Within(d) => Activity::Since(now - i64::from(d) * DAY),
                LastActive::InactiveFor(d) => Activity::Before(now - i64::from(d) * DAY),
                LastActive::Never => Activity::Never,
            }),
            created_from: f.created_from.as_deref().and_then(&midnight),
            // The whole "to" day: up to the next day's local midnight (not +24 h, which a
            // daylight-saving change day would miss by an hour).
            created_to: f
                .created_to
                .as_deref()
                .and_then(next_date)
                .and_then(|d| midnight(&d)),
            with_messages: f.usage.no_messages.then(HashSet::new),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Criteria::default()
    }

    /// Whether `u` satisfies every condition.
    pub fn matches(&self, u: &User) -> bool {
        let in_any = |set: &GroupSet| u.group_ids.iter().any(|g| set.ids.contains(g));
        let last = u.last_active_at.unwrap_or(0);
        let created = u.created_at.unwrap_or(0);
        (self.roles.is_empty() || self.roles.iter().any(|r| r.as_str() == u.role))
            && self.groups.as_ref().is_none_or(in_any)
            && self.suspended.as_ref().is_none_or(in_any)
            && self.activity.is_none_or(|a| match a {
                Activity::Since(t) => last >= t,
                Activity::Before(t) => last < t,
                Activity::Never => last <= created,
            })
            && self.created_from.is_none_or(|t| created >= t)
            && self.created_to.is_none_or(|t| created < t)
            && self
                .with_messages
                .as_ref()
                .is_none_or(|ids| !ids.contains(&u.id))
    }
}

/// `ids` and every group below them (children, grandchildren…), each once; a cycle in the
/// parents (which the server refuses, but data can be edited by hand) cannot loop.
pub fn with_descendants(ids: &[String], groups: &[Group]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut todo: Vec<String> = ids.to_vec();
    while let Some(id) = todo.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        out.push(id.clone());
        for g in groups {
            if g.parent_group_id.as_deref() == Some(id.as_str()) {
                todo.push(g.id.clone());
            }
        }
    }
    out
}

/// The calendar day after `YYYY-MM-DD` (proleptic Gregorian), or `None` for a malformed date.
pub fn next_date(date: &str) -> Option<String> {
    let mut it = date.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    let (y, m, d) = match (m, d) {
        (_, d) if d == 0 || d > days => return None,
        (12, 31) => (y + 1, 1, 1),
        (m, d) if d == days => (y, m + 1, 1),
        (m, d) => (y, m, d + 1),
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}
