//! Bulk actions on many users, the logic without the views: who an action may touch and who is
//! left out (and why), each user's outcome, and the results as CSV. The dialog is
//! `bulk_dialog.rs`, the calls `bulk_run.rs`, the results view `bulk_results.rs`.

use std::collections::HashSet;

use crate::api::{ApiError, User};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    ChangeRole,
    AddToGroup,
    RemoveFromGroup,
    Suspend,
    Reactivate,
    SignOut,
    Delete,
}

impl BulkAction {
    /// The confirm button's verb (and the bar's button).
    pub fn verb(self) -> &'static str {
        match self {
            BulkAction::ChangeRole => "Change role",
            BulkAction::AddToGroup => "Add to group",
            BulkAction::RemoveFromGroup => "Remove from group",
            BulkAction::Suspend => "Suspend",
            BulkAction::Reactivate => "Reactivate",
            BulkAction::SignOut => "Sign out all devices",
            BulkAction::Delete => "Delete",
        }
    }

    /// The dialog's title for `n` users ("Change role of 3 users").
    pub fn title(self, n: &str) -> String {
        match self {
            BulkAction::ChangeRole => format!("Change role of {n}"),
            BulkAction::AddToGroup => format!("Add {n} to a group"),
            BulkAction::RemoveFromGroup => format!("Remove {n} from a group"),
            BulkAction::SignOut => format!("Sign out {n} on all devices"),
            a => format!("{} {n}", a.verb()),
        }
    }

    /// Group membership changes touch the signed-in and the primary admin too.
    fn guards_admins(self) -> bool {
        !matches!(self, BulkAction::AddToGroup | BulkAction::RemoveFromGroup)
    }
}

/// What protects users from a bulk action.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    pub self_id: String,
    pub primary_id: Option<String>,
    /// Ids of suspended users (members of the suspension group).
    pub suspended: HashSet<String>,
}

/// A selection split for one action.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split {
    /// Who the action touches.
    pub ok: Vec<User>,
    /// Suspend only: admins, touched only when ticked one by one.
    pub admins: Vec<User>,
    /// Who is left out, with why.
    pub skipped: Vec<(User, &'static str)>,
}

/// Splits the selection into who the action may touch, the admins a suspend needs ticked, and
/// who is left out (yourself, the primary admin, already suspended / not suspended).
pub fn eligible(action: BulkAction, users: &[User], guard: &Guard) -> Split {
    let mut split = Split::default();
    for u in users {
        let suspended = guard.suspended.contains(&u.id);
        let reason = match action {
            _ if !action.guards_admins() => None,
            _ if u.id == guard.self_id => Some("your own account"),
            _ if Some(&u.id) == guard.primary_id.as_ref() => Some("the primary admin"),
            BulkAction::Suspend if suspended => Some("already suspended"),
            BulkAction::Reactivate if !suspended => Some("not suspended"),
            _ => None,
        };
        match reason {
            Some(r) => split.skipped.push((u.clone(), r)),
            None if action == BulkAction::Suspend && u.role == "admin" => {
                split.admins.push(u.clone())
            }
            None => split.ok.push(u.clone()),
        }
    }
    split
}

/// "Ada, Bob, Chloé and 12 more".
pub fn names_summary(users: &[User], max: usize) -> String {
    let names: Vec<&str> = users.iter().take(max).map(|u| u.name.as_str()).collect();
    match users.len().saturating_sub(max) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

/// How one user fared.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done,
    Failed(String),
    /// Cancel was pressed before this user's call started.
    NotAttempted,
}

impl Outcome {
    pub fn of(r: &Option<Result<(), ApiError>>) -> Outcome {
        match r {
            Some(Ok(())) => Outcome::Done,
            Some(Err(e)) => Outcome::Failed(e.to_string()),
            None => Outcome::NotAttempted,
        }
    }
    pub fn word(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Failed(_) => "failed",
            Outcome::NotAttempted => "not attempted",
        }
    }
    pub fn reason(&self) -> &str {
        match self {
            Outcome::Failed(r) => r,
            _ => "",
        }
    }
}

/// (done, failed, not attempted).
pub fn tally(rows: &[(User, Outcome)]) -> (usize, usize, usize) {
    rows.iter().fold((0, 0, 0), |(d, f, n), (_, o)| match o {
        Outcome::Done => (d + 1, f, n),
        Outcome::Failed(_) => (d, f + 1, n),
        Outcome::NotAttempted => (d, f, n + 1),
    })
}

/// A retry's outcomes laid over the earlier ones (same users, same order).
pub fn merge(rows: &mut [(User, Outcome)], retried: Vec<(User, Outcome)>) {
    for (u, o) in retried {
        if let Some(row) = rows.iter_mut().find(|(r, _)| r.id == u.id) {
            row.1 = o;
        }
    }
}

/// "Name,Email,Outcome,Reason" per user, for "Download results".
pub fn results_csv(rows: &[(User, Outcome)]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["Name", "Email", "Outcome", "Reason"]);
    for (u, o) in rows {
        let _ = w.write_record([u.name.as_str(), &u.email, o.word(), o.reason()]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
