//! Members by email (the CSV import and pasted lists): pull the email addresses out of whatever
//! was pasted or uploaded (Open WebUI's `Name,Email` template, one email a line, separated by
//! commas, semicolons, tabs or spaces, `Name <a@b>`), ask the server about each, and split them
//! into known users, unknown addresses and the ones that could not be checked.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::api::{ApiError, Client, User, UserInfo};
use crate::email_check::check_emails;

/// Every distinct email address in `text`, lowercased, in order of first appearance. Cells
/// without an `@` (headers, names) are ignored; surrounding quotes and the angle brackets of
/// `Name <a@b>` are dropped.
pub fn parse_emails(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split(|c: char| matches!(c, ',' | ';' | '<' | '>') || c.is_whitespace())
        .map(|cell| cell.trim().trim_matches(['"', '\'']).trim().to_lowercase())
        .filter(|cell| {
            let mut parts = cell.split('@');
            matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty() && !cell.contains(' '))
        })
        .filter(|e| seen.insert(e.clone()))
        .collect()
}

/// The users behind `emails` (in the same order) and the addresses no user has.
pub fn resolve(emails: &[String], users: &[UserInfo]) -> (Vec<UserInfo>, Vec<String>) {
    let by_email: HashMap<String, &UserInfo> =
        users.iter().map(|u| (u.email.to_lowercase(), u)).collect();
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for e in emails {
        match by_email.get(e) {
            Some(u) => found.push((*u).clone()),
            None => unknown.push(e.clone()),
        }
    }
    (found, unknown)
}

/// What the server said about a list of emails: the users found (in the list's order), the
/// addresses no account has, and the ones that could not be checked (never taken for unknown).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lookup {
    pub found: Vec<User>,
    pub unknown: Vec<String>,
    pub failed: Vec<String>,
}

/// Sorts `emails` by the answers of [`check_emails`].
pub fn sort_out(
    emails: &[String],
    checked: &HashMap<String, Result<Option<User>, ApiError>>,
) -> Lookup {
    let mut out = Lookup::default();
    for e in emails {
        match checked.get(e) {
            Some(Ok(Some(u))) => out.found.push(u.clone()),
            Some(Ok(None)) => out.unknown.push(e.clone()),
            _ => out.failed.push(e.clone()),
        }
    }
    out
}

/// Asks the server about each of `emails` (one exact search per address, a few at a time;
/// `done` counts them). An expired session is the error (Sign in, then send again); any other
/// failed lookup is listed in `failed`.
pub async fn look_up(
    client: &Client,
    emails: Vec<String>,
    done: RwSignal<usize>,
) -> Result<Lookup, ApiError> {
    let checked = check_emails(client, emails.clone(), done).await;
    if let Some(e) = checked
        .values()
        .find_map(|r| r.as_ref().err().filter(|e| e.is_session_expired()))
    {
        return Err(e.clone());
    }
    Ok(sort_out(&emails, &checked))
}
