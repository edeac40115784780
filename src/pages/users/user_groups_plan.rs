//! The user page's group editor as plain data (no Leptos, no HTTP; host-tested in
//! `tests/membership.rs`): which groups can be joined or left, which come through another group,
//! and what a set of ticks and unticks amounts to.

use std::collections::HashMap;

use super::user_page::inherited_via;
use crate::api::{Group, GroupSync, created_by_oauth};
use crate::suspension::is_suspension_group;

/// How the user belongs to one group.
#[derive(Debug, Clone, PartialEq)]
pub enum Member {
    /// A direct member: can leave.
    Direct,
    /// Only through membership of these (child) groups, by name: cannot leave here.
    Through(Vec<String>),
    /// Not a member: can join.
    No,
}

/// One group the editor lists.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub member: Member,
    /// Created by OAuth (marked as on the group screen).
    pub oauth: bool,
}

/// Every group (`all`) with the user's membership of it (`mine`: the user's groups, inherited
/// ones included where the server lists them), by name. The console's suspension group is left
/// out: Suspend and Reactivate own it. A group of `mine` missing from `all` is listed too.
pub fn rows(all: &[Group], mine: &[Group]) -> Vec<GroupRow> {
    let via = inherited_via(mine);
    let member_of = |g: &Group| -> Member {
        match mine.iter().find(|m| m.id == g.id) {
            Some(m) if m.membership_type.as_deref() == Some("inherited") => {
                Member::Through(via.get(&m.id).cloned().unwrap_or_default())
            }
            Some(_) => Member::Direct,
            None => Member::No,
        }
    };
    let extra = mine.iter().filter(|m| !all.iter().any(|g| g.id == m.id));
    let mut out: Vec<GroupRow> = all
        .iter()
        .chain(extra)
        .filter(|g| !is_suspension_group(g))
        .map(|g| GroupRow {
            id: g.id.clone(),
            name: g.name.clone(),
            member: member_of(g),
            oauth: created_by_oauth(g),
        })
        .collect();
    out.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
    out
}

/// The rows whose name contains `query` (ignoring case); all of them for an empty query.
pub fn filter_rows(rows: &[GroupRow], query: &str) -> Vec<GroupRow> {
    let q = query.trim().to_lowercase();
    rows.iter()
        .filter(|r| q.is_empty() || r.name.to_lowercase().contains(&q))
        .cloned()
        .collect()
}

/// Whether the box of `row` is ticked: what the person chose (`wanted`), else the membership.
pub fn ticked(row: &GroupRow, wanted: &HashMap<String, bool>) -> bool {
    wanted
        .get(&row.id)
        .copied()
        .unwrap_or(row.member == Member::Direct)
}

/// One call of a change: join or leave one group.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub group_id: String,
    pub group_name: String,
    pub join: bool,
}

impl Step {
    /// "Join Engineering" / "Leave Support".
    pub fn label(&self) -> String {
        format!(
            "{} {}",
            if self.join { "Join" } else { "Leave" },
            self.group_name
        )
    }
}

/// What the ticks amount to: the groups to join and to leave, in the rows' order. A tick on a
/// group the user is in only through another group is no change (there is no box for it).
pub fn steps(rows: &[GroupRow], wanted: &HashMap<String, bool>) -> Vec<Step> {
    let step = |r: &GroupRow, join: bool| Step {
        group_id: r.id.clone(),
        group_name: r.name.clone(),
        join,
    };
    let joins = rows
        .iter()
        .filter(|r| r.member == Member::No && ticked(r, wanted))
        .map(|r| step(r, true));
    let leaves = rows
        .iter()
        .filter(|r| r.member == Member::Direct && !ticked(r, wanted))
        .map(|r| step(r, false));
    joins.chain(leaves).collect()
}

/// "Join: A, B · Leave: C" (empty for no change).
pub fn summary(steps: &[Step]) -> String {
    let names = |join: bool| {
        steps
            .iter()
            .filter(|s| s.join == join)
            .map(|s| s.group_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    [("Join", names(true)), ("Leave", names(false))]
        .into_iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(w, n)| format!("{w}: {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The groups among `steps` whose change the identity provider undoes at the user's next
/// sign-in (group management on, the group not in `OAUTH_BLOCKED_GROUPS`), by name.
pub fn undone_by_sync(steps: &[Step], sync: &GroupSync) -> Vec<String> {
    if !sync.active() {
        return Vec::new();
    }
    steps
        .iter()
        .filter(|s| !sync.blocked.contains(&s.group_name))
        .map(|s| s.group_name.clone())
        .collect()
}
