//! Filters on the users list (issue 13): role, group (optionally with child groups), last
//! active, created range and suspended, combined with the text search, all kept in the URL.
//!
//! Open WebUI's users route takes only `query`, `order_by`, `direction` and `page` (30 a page,
//! with the total). Nothing here loads `/users/all` or asks once per user: every filter is turned
//! into *ranges of positions in one of the server's orderings* ([`pages`]), found by binary
//! search over pages ([`boundary`]), and [`plan`] decides how to serve a page of the result from
//! them. This module and its children are plain Rust (no Leptos, no HTTP) and are tested on the
//! host (tests/users_filters.rs).

pub mod boundary;
pub mod criteria;
pub mod pages;
pub mod plan;
pub mod probe;
pub mod usage;
pub mod walk;

use crate::api::endpoints::encode;

/// A role the filter can ask for, in the order the server sorts them (`order_by=role`, asc:
/// "admin" < "pending" < "user").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Admin,
    Pending,
    User,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Pending, Role::User];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Pending => "pending",
            Role::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The "Last active" filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastActive {
    /// Active in the last N days.
    Within(u32),
    /// Not active for N days or more.
    InactiveFor(u32),
    /// Never active since the account was created (Open WebUI sets `last_active_at` to
    /// `created_at` on creation and moves it on every request the user makes).
    Never,
}

impl LastActive {
    fn param(self) -> String {
        match self {
            LastActive::Within(d) => format!("active-{d}"),
            LastActive::InactiveFor(d) => format!("inactive-{d}"),
            LastActive::Never => "never".into(),
        }
    }
    fn parse(s: &str) -> Option<LastActive> {
        if s == "never" {
            return Some(LastActive::Never);
        }
        let days = |d: &str| d.parse::<u32>().ok().filter(|d| (1..=36_500).contains(d));
        if let Some(d) = s.strip_prefix("active-") {
            return days(d).map(LastActive::Within);
        }
        s.strip_prefix("inactive-")
            .and_then(days)
            .map(LastActive::InactiveFor)
    }
    /// "active in the last 7 days" for the summary.
    pub fn describe(self) -> String {
        match self {
            LastActive::Within(d) => format!("active in the last {d} {}", days_word(d)),
            LastActive::InactiveFor(d) => format!("inactive for {d} {}", days_word(d)),
            LastActive::Never => "never active".into(),
        }
    }
}

fn days_word(d: u32) -> &'static str {
    if d == 1 { "day" } else { "days" }
}

/// Every filter of the users list. The default (nothing chosen) filters nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Any of these roles (empty: any role). Kept sorted and without repeats.
    pub roles: Vec<Role>,
    /// Members of any of these groups (ids; empty: no group filter). Kept in the order chosen.
    pub groups: Vec<String>,
    /// Also members of the chosen groups' child groups (at any depth).
    pub include_children: bool,
    pub last_active: Option<LastActive>,
    /// Created on or after this local date (`YYYY-MM-DD`).
    pub created_from: Option<String>,
    /// Created on or before this local date (`YYYY-MM-DD`, the whole day included).
    pub created_to: Option<String>,
    /// Only users in the console's suspension group.
    pub suspended: bool,
    /// The usage period and "no messages in it" ([`usage`]).
    pub usage: usage::UsageFilter,
}

/// The URL keys the filters use (besides the list's own `q`, `sort`, `dir`, `page`).
pub const KEYS: [&str; 9] = [
    "role",
    "group",
    "children",
    "last",
    "from",
    "to",
    "suspended",
    usage::UsageFilter::KEYS[0],
    usage::UsageFilter::KEYS[1],
];

/// `YYYY-MM-DD` with plausible numbers (what `<input type=date>` gives).
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.split('-').all(|p| p.bytes().all(|c| c.is_ascii_digit()))
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u8>(), Ok(1..=31))
}

impl Filters {
    /// No filter chosen (a group list with "include children" alone filters nothing).
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
            && self.groups.is_empty()
            && self.last_active.is_none()
            && self.created_from.is_none()
            && self.created_to.is_none()
            && !self.suspended
            && !self.usage.no_messages
    }

    /// Reads one URL pair; returns false for a key that is not a filter's.
    pub fn read_pair(&mut self, k: &str, v: &str) -> bool {
        match k {
            "role" => {
                let mut roles: Vec<Role> = v.split(',').filter_map(Role::parse).collect();
                roles.sort();
                roles.dedup();
                // All three roles is no filter at all.
                self.roles = if roles.len() == Role::ALL.len() {
                    Vec::new()
                } else {
                    roles
                };
            }
            "group" => {
                let mut groups: Vec<String> = Vec::new();
                for g in v.split(',').filter(|g| !g.is_empty()) {
                    if !groups.iter().any(|x| x == g) {
                        groups.push(g.to_string());
                    }
                }
                self.groups = groups;
            }
            "children" => self.include_children = v == "1",
            "last" => self.last_active = LastActive::parse(v),
            "from" => self.created_from = Some(v.to_string()).filter(|d| valid_date(d)),
            "to" => self.created_to = Some(v.to_string()).filter(|d| valid_date(d)),
            "suspended" => self.suspended = v == "1",
            _ => return self.usage.read_pair(k, v),
        }
        true
    }

    /// The URL pairs of the chosen filters (nothing for the defaults), already encoded.
    pub fn to_pairs(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if !self.roles.is_empty() {
            let roles: Vec<&str> = self.roles.iter().map(|r| r.as_str()).collect();
            parts.push(format!("role={}", roles.join(",")));
        }
        if !self.groups.is_empty() {
            let groups: Vec<String> = self.groups.iter().map(|g| encode(g)).collect();
            parts.push(format!("group={}", groups.join(",")));
        }
        if self.include_children {
            parts.push("children=1".into());
        }
        if let Some(l) = self.last_active {
            parts.push(format!("last={}", l.param()));
        }
        if let Some(d) = &self.created_from {
            parts.push(format!("from={d}"));
        }
        if let Some(d) = &self.created_to {
            parts.push(format!("to={d}"));
        }
        if self.suspended {
            parts.push("suspended=1".into());
        }
        parts.extend(self.usage.to_pairs());
        parts
    }

    /// Only the pending role: the pending queue.
    pub fn is_pending_queue(&self) -> bool {
        self.roles == [Role::Pending]
    }

    /// The pending queue's filters (nothing else chosen).
    pub fn pending_queue() -> Filters {
        Filters {
            roles: vec![Role::Pending],
            ..Default::default()
        }
    }
}
