//! Usage in a period (issue 14): the "Usage period" the Messages and Tokens columns show
//! (`usage=7|30|90` in the URL, 30 when absent) and the "No messages in the usage period"
//! filter (`messages=none`).
//!
//! Both come from one call to Open WebUI's admin analytics, which lists every user *with*
//! messages in the period (asked with a limit far above any user count). "No messages" is then
//! "not in that list", checked on each user the other filters' pages bring ([`super::plan`]:
//! like "never active", no server ordering puts these users together, so alone it reads every
//! page of the list once — about total / 30 requests — and with another filter only that
//! filter's pages). Plain Rust, tested on the host (tests/users_usage.rs).

use std::collections::{HashMap, HashSet};

use crate::api::UserUsageList;

const DAY: i64 = 86_400;

/// How many users one analytics call may list. Far above any user count this console is meant
/// for (it is tested at 10,000 users); a list that fills it is not trusted as complete.
pub const LIMIT: u32 = 100_000;

/// The usage period, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(u32);

impl Period {
    /// The periods offered.
    pub const ALL: [Period; 3] = [Period(7), Period(30), Period(90)];

    pub fn days(self) -> u32 {
        self.0
    }
    /// Only the offered periods: anything else in a URL is ignored.
    pub fn parse(s: &str) -> Option<Period> {
        let d = s.trim().parse::<u32>().ok()?;
        Period::ALL.into_iter().find(|p| p.0 == d)
    }
    /// "Last 30 days".
    pub fn label(self) -> String {
        format!("Last {} days", self.0)
    }
    /// The period ending at `now` (epoch seconds): `(start, end)`.
    pub fn range(self, now: i64) -> (i64, i64) {
        (now - i64::from(self.0) * DAY, now)
    }
}

impl Default for Period {
    fn default() -> Self {
        Period(30)
    }
}

/// The usage part of the list's URL state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UsageFilter {
    pub period: Period,
    /// Only users without a message in the period.
    pub no_messages: bool,
}

impl UsageFilter {
    /// The URL keys it reads.
    pub const KEYS: [&str; 2] = ["usage", "messages"];

    /// Reads one URL pair; false for a key that is not its own.
    pub fn read_pair(&mut self, k: &str, v: &str) -> bool {
        match k {
            "usage" => self.period = Period::parse(v).unwrap_or_default(),
            "messages" => self.no_messages = v == "none",
            _ => return false,
        }
        true
    }

    /// Its URL pairs (nothing for the defaults).
    pub fn to_pairs(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.period != Period::default() {
            out.push(format!("usage={}", self.period.days()));
        }
        if self.no_messages {
            out.push("messages=none".into());
        }
        out
    }

    /// "no messages in the last 30 days", for the summary.
    pub fn describe(&self) -> Option<String> {
        self.no_messages
            .then(|| format!("no messages in the last {} days", self.period.days()))
    }
}

/// One user's usage in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub messages: u64,
    pub tokens: u64,
}

/// Usage per user id, from one analytics answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsageMap {
    pub period: Period,
    by_user: HashMap<String, Counts>,
    /// False when the answer filled the limit: users missing from it may have messages.
    pub complete: bool,
}

impl UsageMap {
    pub fn new(period: Period, list: &UserUsageList, limit: u32) -> UsageMap {
        let by_user = list
            .users
            .iter()
            .filter(|u| !u.user_id.is_empty())
            .map(|u| {
                (
                    u.user_id.clone(),
                    Counts {
                        messages: u.count,
                        tokens: u.tokens(),
                    },
                )
            })
            .collect();
        UsageMap {
            period,
            by_user,
            complete: list.users.len() < limit as usize,
        }
    }

    /// A user's usage: the listed numbers, 0 for a user the (complete) list leaves out, `None`
    /// when the list was cut off and leaves them out (unknown).
    pub fn of(&self, user_id: &str) -> Option<Counts> {
        match self.by_user.get(user_id) {
            Some(c) => Some(*c),
            None if self.complete => Some(Counts::default()),
            None => None,
        }
    }

    /// The ids of users with at least one message in the period.
    pub fn with_messages(&self) -> HashSet<String> {
        self.by_user
            .iter()
            .filter(|(_, c)| c.messages > 0)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// How many users have messages.
    pub fn active_users(&self) -> usize {
        self.by_user.values().filter(|c| c.messages > 0).count()
    }
}

/// `12345678` → "12,345,678".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
