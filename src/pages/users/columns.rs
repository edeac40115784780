//! Which optional columns the users table shows (Name and the row's controls always do), kept
//! per browser in localStorage. Pure data here (host tested); `column_chooser` is the UI.
//!
//! Stored as the list of hidden columns, so a column added in a later version shows until
//! someone hides it, and an unknown name in storage is ignored.

use serde_json::Value;

/// The localStorage key (per browser, the same for every server: it is about this screen).
pub const STORAGE_KEY: &str = "owui-admin.users-columns";

/// A column the person may hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Email,
    Role,
    LastActive,
    Created,
    Groups,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Email,
        Column::Role,
        Column::LastActive,
        Column::Created,
        Column::Groups,
    ];

    /// Its header and checkbox label.
    pub fn label(self) -> &'static str {
        match self {
            Column::Email => "Email",
            Column::Role => "Role",
            Column::LastActive => "Last active",
            Column::Created => "Created",
            Column::Groups => "Groups",
        }
    }

    /// Its name in storage and in the table's CSS classes (`col-x-role`, `hide-role`).
    pub fn key(self) -> &'static str {
        match self {
            Column::Email => "email",
            Column::Role => "role",
            Column::LastActive => "last-active",
            Column::Created => "created",
            Column::Groups => "groups",
        }
    }
}

/// The hidden columns, from what localStorage held (anything unreadable: none hidden).
pub fn decode(raw: Option<&str>) -> Vec<Column> {
    let Some(Value::Object(o)) = raw.and_then(|r| serde_json::from_str::<Value>(r).ok()) else {
        return Vec::new();
    };
    let Some(Value::Array(hidden)) = o.get("hidden") else {
        return Vec::new();
    };
    Column::ALL
        .into_iter()
        .filter(|c| hidden.iter().any(|h| h.as_str() == Some(c.key())))
        .collect()
}

pub fn encode(hidden: &[Column]) -> String {
    let keys: Vec<&str> = hidden.iter().map(|c| c.key()).collect();
    serde_json::json!({ "hidden": keys }).to_string()
}

/// `hidden` with `col` shown (`show`) or hidden, in the table's order.
pub fn toggled(hidden: &[Column], col: Column, show: bool) -> Vec<Column> {
    Column::ALL
        .into_iter()
        .filter(|c| if *c == col { !show } else { hidden.contains(c) })
        .collect()
}

/// The table's classes that hide columns: `"hide-role hide-groups"`.
pub fn table_classes(hidden: &[Column]) -> String {
    hidden
        .iter()
        .map(|c| format!("hide-{}", c.key()))
        .collect::<Vec<_>>()
        .join(" ")
}
