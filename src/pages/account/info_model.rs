//! The Info editor's rows and the body they become. `POST /users/user/info/update` merges into
//! the stored object and cannot delete, so a removed key is sent as `null`; keys whose value is
//! `null` are treated as absent when shown.

use serde_json::Value;

use crate::api::JsonMap;

/// One key/value row. `json`: the value is edited as JSON (numbers, booleans, objects…), else
/// it is plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoRow {
    pub id: u64,
    pub key: String,
    pub value: String,
    pub json: bool,
}

/// Rows for a stored info object (absent or `null` values skipped).
pub fn rows_from(info: Option<&JsonMap>) -> Vec<InfoRow> {
    info.into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .enumerate()
        .map(|(i, (k, v))| match v {
            Value::String(s) => InfoRow {
                id: i as u64,
                key: k.clone(),
                value: s.clone(),
                json: false,
            },
            other => InfoRow {
                id: i as u64,
                key: k.clone(),
                value: other.to_string(),
                json: true,
            },
        })
        .collect()
}

/// The keys that hold a value (what "present" means on this server).
pub fn present_keys(info: Option<&JsonMap>) -> Vec<String> {
    info.into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.clone())
        .collect()
}

/// A problem with one row (index into the rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// The body for the merge: every row's value, and `null` for each stored key no row holds.
pub fn build_payload(stored_keys: &[String], rows: &[InfoRow]) -> Result<JsonMap, RowError> {
    let mut body = JsonMap::new();
    for (i, row) in rows.iter().enumerate() {
        let key = row.key.trim();
        if key.is_empty() {
            return Err(RowError {
                row: i,
                message: "Every field needs a key.".into(),
            });
        }
        if body.contains_key(key) {
            return Err(RowError {
                row: i,
                message: format!("The key “{key}” is used twice."),
            });
        }
        let value = if row.json {
            serde_json::from_str::<Value>(&row.value).map_err(|e| RowError {
                row: i,
                message: format!("The value of “{key}” is not valid JSON: {e}."),
            })?
        } else {
            Value::String(row.value.clone())
        };
        if value.is_null() {
            return Err(RowError {
                row: i,
                message: format!("“{key}” cannot be null; remove the field instead."),
            });
        }
        body.insert(key.to_string(), value);
    }
    for k in stored_keys {
        if !body.contains_key(k) {
            body.insert(k.clone(), Value::Null);
        }
    }
    Ok(body)
}
