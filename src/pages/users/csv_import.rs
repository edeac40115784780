//! CSV import of users: `Name,Email,Password,Role` (Role optional, default "user"), parsed with a
//! real CSV parser (quotes, commas in names, BOM, CRLF), and every row checked before anything
//! is sent.

use std::collections::{HashMap, HashSet};

use super::validate::{email_error, name_error, password_error, role_error};

/// One data row of the file and what is wrong with it (nothing, when it can be created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: usize,
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: String,
    pub problems: Vec<String>,
}

impl ImportRow {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The problem of a row whose email has an account already.
pub const EXISTS: &str = "A user with this email already exists.";
/// The problem of a row whose email the server could not be asked about (Retry asks again).
pub const COULD_NOT_CHECK: &str = "could not check";

/// The distinct well-formed emails of `rows`, to ask the server about (in file order).
pub fn emails_to_check(rows: &[ImportRow]) -> Vec<String> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|r| r.email.clone())
        .filter(|e| email_error(e).is_none() && seen.insert(e.clone()))
        .collect()
}

/// `rows` (parsed without `existing`) with what the server said per email: `Some(true)` has an
/// account, `Some(false)` is new, `None` (or absent) could not be checked. A row is ready only
/// when its email was confirmed new: a failed lookup is never taken for "new".
pub fn apply_checks(rows: &[ImportRow], checks: &HashMap<String, Option<bool>>) -> Vec<ImportRow> {
    rows.iter()
        .cloned()
        .map(|mut r| {
            if email_error(&r.email).is_none() {
                match checks.get(&r.email).copied().flatten() {
                    Some(true) => r.problems.push(EXISTS.into()),
                    Some(false) => {}
                    None => r.problems.push(COULD_NOT_CHECK.into()),
                }
            }
            r
        })
        .collect()
}

/// Whether a row waits for its email to be checked again.
pub fn unchecked(row: &ImportRow) -> bool {
    row.problems.iter().any(|p| p == COULD_NOT_CHECK)
}

/// Parses the file. `existing` holds the lowercased emails already on the server. A file-level
/// problem (no header, wrong columns) is an `Err` with a message for the person.
pub fn parse(content: &str, existing: &HashSet<String>) -> Result<Vec<ImportRow>, String> {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(format!("The file is not readable as CSV: {e}")),
        None => return Err("The file is empty.".into()),
    };
    let cols: Vec<String> = header.iter().map(|c| c.to_ascii_lowercase()).collect();
    let find = |name: &str| cols.iter().position(|c| c == name);
    let (Some(name_i), Some(email_i), Some(pass_i)) =
        (find("name"), find("email"), find("password"))
    else {
        return Err(
            "The first line must be the header Name,Email,Password,Role (Role is optional).".into(),
        );
    };
    let role_i = find("role");

    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for (idx, record) in records.enumerate() {
        let line = idx + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                rows.push(ImportRow {
                    line,
                    name: String::new(),
                    email: String::new(),
                    password: String::new(),
                    role: String::new(),
                    problems: vec![format!("Unreadable line: {e}")],
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue; // blank line
        }
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let role = role_i
            .map(get)
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "user".into())
            .to_ascii_lowercase();
        let mut row = ImportRow {
            line,
            name: get(name_i),
            email: get(email_i).to_ascii_lowercase(),
            password: get(pass_i),
            role,
            problems: Vec::new(),
        };
        let mut problem = |p: Option<&str>| {
            if let Some(p) = p {
                row.problems.push(p.to_string());
            }
        };
        problem(name_error(&row.name));
        problem(email_error(&row.email));
        problem(password_error(&row.password, true));
        problem(role_error(&row.role));
        if !row.email.is_empty() {
            if existing.contains(&row.email) {
                row.problems.push(EXISTS.into());
            } else if !seen.insert(row.email.clone()) {
                row.problems
                    .push("This email appears earlier in the file.".into());
            }
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err("The file has a header but no users.".into());
    }
    Ok(rows)
}

/// The rows that failed (validation or server), as a CSV to fix and import again, with the
/// reason in an extra column.
pub fn failed_rows_csv(rows: &[(ImportRow, String)]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["Name", "Email", "Password", "Role", "Problem"]);
    for (r, why) in rows {
        let _ = w.write_record([
            r.name.as_str(),
            r.email.as_str(),
            r.password.as_str(),
            r.role.as_str(),
            why.as_str(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
