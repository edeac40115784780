//! Which optional columns the users table shows (Name and the row's controls always do), kept
//! per browser in localStorage. Pure data here (host tested); `column_chooser` is the UI.
//!
//! Stored as the columns hidden against their default and the hidden-by-default ones shown
//! (`{"hidden":[…],"shown":[…]}`), so a column added in a later version takes its own default
//! until someone changes it, and an unknown name in storage is ignored. Messages and Tokens
//! (usage, one analytics call) are hidden by default; the others shown.

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
    /// Messages in the usage period (admin analytics).
    Messages,
    /// Tokens in the usage period (admin analytics).
    Tokens,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Email,
        Column::Role,
        Column::LastActive,
        Column::Created,
        Column::Groups,
        Column::Messages,
        Column::Tokens,
    ];

    /// Hidden until the person shows it (the usage columns cost a request).
    pub fn hidden_by_default(self) -> bool {
        matches!(self, Column::Messages | Column::Tokens)
    }

    /// Its header and checkbox label.
    pub fn label(self) -> &'static str {
        match self {
            Column::Email => "Email",
            Column::Role => "Role",
            Column::LastActive => "Last active",
            Column::Created => "Created",
            Column::Groups => "Groups",
            Column::Messages => "Messages",
            Column::Tokens => "Tokens",
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
            Column::Messages => "messages",
            Column::Tokens => "tokens",
        }
    }
}

/// The columns hidden when nothing is stored.
pub fn default_hidden() -> Vec<Column> {
    Column::ALL
        .into_iter()
        .filter(|c| c.hidden_by_default())
        .collect()
}

/// The hidden columns, from what localStorage held (anything unreadable: the defaults).
pub fn decode(raw: Option<&str>) -> Vec<Column> {
    let Some(Value::Object(o)) = raw.and_then(|r| serde_json::from_str::<Value>(r).ok()) else {
        return default_hidden();
    };
    let listed = |key: &str, c: Column| {
        o.get(key)
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|h| h.as_str() == Some(c.key())))
    };
    Column::ALL
        .into_iter()
        .filter(|c| {
            if c.hidden_by_default() {
                !listed("shown", *c)
            } else {
                listed("hidden", *c)
            }
        })
        .collect()
}

pub fn encode(hidden: &[Column]) -> String {
    let keys = |pick: &dyn Fn(&Column) -> bool| -> Vec<&str> {
        Column::ALL
            .iter()
            .filter(|c| pick(c))
            .map(|c| c.key())
            .collect()
    };
    let off = keys(&|c| !c.hidden_by_default() && hidden.contains(c));
    let on = keys(&|c| c.hidden_by_default() && !hidden.contains(c));
    serde_json::json!({ "hidden": off, "shown": on }).to_string()
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
