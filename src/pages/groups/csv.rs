//! CSV import of members by email: pull the email addresses out of whatever was pasted or
//! uploaded (Open WebUI's `Name,Email` template, one email a line, `;` or tab separated), then
//! split them into known users and unknown addresses.

use std::collections::{HashMap, HashSet};

use crate::api::UserInfo;

/// Every distinct email address in `text`, lowercased, in order of first appearance. Cells
/// without an `@` (headers, names) are ignored; surrounding quotes and spaces are dropped.
pub fn parse_emails(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.lines()
        .flat_map(|line| line.split([',', ';', '\t']))
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
