//! Saved views of the users list: a name for a search + filters + sort (the list's query string
//! without its page), kept in the browser's localStorage per server. Pure data here (host
//! tested); `views_menu` is the UI and the storage calls.
//!
//! A view holds the string `UsersQuery::to_query_string` printed, and is read back through
//! `UsersQuery::from_pairs`: fields the list gains later (filters) are saved and restored
//! without changes here, and a key an older or newer console wrote that this one does not know
//! is dropped by `from_pairs` instead of reaching the URL.

use serde_json::{Value, json};

use super::query::UsersQuery;

/// The localStorage key for the views of the server at `base_url` (views of one server make no
/// sense on another: other groups, other people).
pub fn storage_key(base_url: &str) -> String {
    format!("owui-admin.views.{}", base_url.trim_end_matches('/'))
}

/// One saved view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    /// `?q=…&sort=…` (never a page; empty for the default list).
    pub query: String,
}

impl SavedView {
    /// A view of `q` named `name` (trimmed), without the page.
    pub fn of(name: &str, q: &UsersQuery) -> SavedView {
        SavedView {
            name: name.trim().to_string(),
            query: q.at_page(1).to_query_string(),
        }
    }

    /// The list state this view opens (page 1).
    pub fn users_query(&self) -> UsersQuery {
        let pairs = parse_query_string(&self.query);
        UsersQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).at_page(1)
    }
}

/// The saved views from what localStorage held. Lenient: a missing or unreadable value is no
/// views, an entry without a name is skipped, a query that is not a string counts as the
/// default list, and every query is read through `from_pairs` again (old keys drop out).
pub fn decode(raw: Option<&str>) -> Vec<SavedView> {
    let Some(Value::Array(items)) = raw.and_then(|r| serde_json::from_str::<Value>(r).ok()) else {
        return Vec::new();
    };
    let mut out: Vec<SavedView> = Vec::new();
    for item in items {
        let Some(name) = item.get("name").and_then(Value::as_str).map(str::trim) else {
            continue;
        };
        if name.is_empty() || out.iter().any(|v| v.name == name) {
            continue;
        }
        let stored = SavedView {
            name: name.to_string(),
            query: item
                .get("query")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
        };
        out.push(SavedView::of(name, &stored.users_query()));
    }
    out
}

/// What goes into localStorage.
pub fn encode(views: &[SavedView]) -> String {
    Value::Array(
        views
            .iter()
            .map(|v| json!({"name": v.name, "query": v.query}))
            .collect(),
    )
    .to_string()
}

/// Why a name cannot be used, or `None`.
pub fn name_problem(views: &[SavedView], name: &str, except: Option<&str>) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("Give the view a name.".into());
    }
    if name.chars().count() > 80 {
        return Some("Keep the name under 80 characters.".into());
    }
    views
        .iter()
        .any(|v| v.name == name && Some(v.name.as_str()) != except)
        .then(|| format!("A view named “{name}” already exists."))
}

/// Saves `view`, replacing one of the same name in its place, otherwise at the end.
pub fn save(views: &mut Vec<SavedView>, view: SavedView) {
    match views.iter_mut().find(|v| v.name == view.name) {
        Some(v) => *v = view,
        None => views.push(view),
    }
}

/// Renames `from` to `to` (trimmed); false when `from` is gone or `to` is taken or empty.
pub fn rename(views: &mut [SavedView], from: &str, to: &str) -> bool {
    if name_problem(views, to, Some(from)).is_some() {
        return false;
    }
    match views.iter_mut().find(|v| v.name == from) {
        Some(v) => {
            v.name = to.trim().to_string();
            true
        }
        None => false,
    }
}

pub fn delete(views: &mut Vec<SavedView>, name: &str) {
    views.retain(|v| v.name != name);
}

/// `?a=1&b=x%20y` → `[("a","1"), ("b","x y")]` (`+` is a space, bad escapes stay as typed).
pub fn parse_query_string(qs: &str) -> Vec<(String, String)> {
    qs.trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
