//! The settings editor's state, without any view: the settings object as loaded, the object being
//! edited, the JSON text both views share, validation with a position, the diff shown before
//! saving, the request body, and which keys the server dropped.
//!
//! The server (`POST /users/user/settings/update`) merges top-level keys and patches `ui` field by
//! field, where `ui.<key>: null` deletes a key. So the body is the complete object plus `null` for
//! every key the person removed; keys this app does not know travel along untouched.

use std::fmt;

use serde_json::Value;

use super::settings_keys::{KNOWN_KEYS, KeyKind};
use crate::api::JsonMap;

/// Why the JSON text cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based; 0 when the problem is not at a place in the text (e.g. wrong type).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(
                f,
                "Line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

/// Parses settings text: must be a JSON object whose `ui`, if present, is an object.
pub fn parse_settings(text: &str) -> Result<JsonMap, JsonError> {
    let value: Value = serde_json::from_str(text).map_err(|e| JsonError {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let Value::Object(map) = value else {
        return Err(JsonError {
            line: 0,
            column: 0,
            message: "The settings must be a JSON object ({ … }).".into(),
        });
    };
    match map.get("ui") {
        None | Some(Value::Object(_)) => Ok(map),
        Some(_) => Err(JsonError {
            line: 0,
            column: 0,
            message: "“ui” must be an object ({ … }).".into(),
        }),
    }
}

/// serde_json appends " at line X column Y"; the position is shown separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Pretty JSON for the text view (an object always serialises).
pub fn to_text(map: &JsonMap) -> String {
    serde_json::to_string_pretty(map).unwrap_or_else(|_| "{}".into())
}

/// One changed key in the diff (`ui.textScale`, or a top-level key).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The editor: what the server has, what is being edited, the shared text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsEditor {
    pub original: JsonMap,
    pub current: JsonMap,
    pub text: String,
    pub error: Option<JsonError>,
}

impl SettingsEditor {
    /// From `GET /users/user/settings?raw=true` (`null` until the user saved once).
    pub fn new(loaded: Option<JsonMap>) -> Self {
        let original = loaded.unwrap_or_default();
        SettingsEditor {
            text: to_text(&original),
            current: original.clone(),
            original,
            error: None,
        }
    }

    /// The JSON view changed: the object follows the text whenever the text is valid.
    pub fn set_text(&mut self, text: String) {
        match parse_settings(&text) {
            Ok(map) => {
                self.current = map;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.text = text;
    }

    /// A `ui` key's current value.
    pub fn ui(&self, key: &str) -> Option<&Value> {
        self.current.get("ui").and_then(|u| u.get(key))
    }

    /// A structured control changed `ui.<key>` (`None` removes it). Ignored while the text is
    /// invalid (the controls are disabled then), so typed text is never overwritten.
    pub fn set_ui(&mut self, key: &str, value: Option<Value>) {
        if self.error.is_some() {
            return;
        }
        let ui = self
            .current
            .entry("ui")
            .or_insert_with(|| Value::Object(JsonMap::new()));
        if !ui.is_object() {
            *ui = Value::Object(JsonMap::new());
        }
        if let Value::Object(ui) = ui {
            match value {
                Some(v) => {
                    ui.insert(key.to_string(), v);
                }
                None => {
                    ui.shift_remove(key);
                }
            }
        }
        self.text = to_text(&self.current);
    }

    pub fn is_dirty(&self) -> bool {
        self.error.is_some() || self.current != self.original
    }

    pub fn can_save(&self) -> bool {
        self.error.is_none() && self.current != self.original
    }

    /// What changed, key by key (`ui` one level deeper), in a stable order.
    pub fn diff(&self) -> Vec<Change> {
        let mut out = Vec::new();
        let ui = |m: &JsonMap| -> JsonMap {
            m.get("ui")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (old_ui, new_ui) = (ui(&self.original), ui(&self.current));
        diff_maps("ui.", &old_ui, &new_ui, &mut out);
        let strip = |m: &JsonMap| -> JsonMap {
            let mut m = m.clone();
            m.shift_remove("ui");
            m
        };
        diff_maps("", &strip(&self.original), &strip(&self.current), &mut out);
        out
    }

    /// The request body: everything being edited, plus `null` for each removed key.
    pub fn payload(&self) -> JsonMap {
        let mut body = self.current.clone();
        for key in self.original.keys() {
            if key != "ui" && !body.contains_key(key) {
                body.insert(key.clone(), Value::Null);
            }
        }
        if let Some(Value::Object(old_ui)) = self.original.get("ui") {
            let ui = body
                .entry("ui")
                .or_insert_with(|| Value::Object(JsonMap::new()));
            if let Value::Object(ui) = ui {
                for key in old_ui.keys() {
                    if !ui.contains_key(key) {
                        ui.insert(key.clone(), Value::Null);
                    }
                }
            }
        }
        body
    }
}

fn diff_maps(prefix: &str, old: &JsonMap, new: &JsonMap, out: &mut Vec<Change>) {
    for (k, v) in new {
        if old.get(k) != Some(v) {
            out.push(Change {
                path: format!("{prefix}{k}"),
                before: old.get(k).cloned(),
                after: Some(v.clone()),
            });
        }
    }
    for (k, v) in old {
        if !new.contains_key(k) {
            out.push(Change {
                path: format!("{prefix}{k}"),
                before: Some(v.clone()),
                after: None,
            });
        }
    }
}

/// Keys (`ui.<k>` or top-level) sent with a non-null value that the answer does not hold.
pub fn dropped_keys(sent: &JsonMap, returned: &JsonMap) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in sent {
        if v.is_null() {
            continue;
        }
        if k == "ui" {
            let ret_ui = returned.get("ui").and_then(Value::as_object);
            if let Value::Object(ui) = v {
                for (uk, uv) in ui {
                    if !uv.is_null() && !ret_ui.is_some_and(|r| r.contains_key(uk)) {
                        out.push(format!("ui.{uk}"));
                    }
                }
            }
        } else if !returned.contains_key(k) {
            out.push(k.clone());
        }
    }
    out
}

/// Checks a typed number against a known key's range; `Ok(None)` for an empty field (unset).
pub fn parse_number(key: &str, text: &str) -> Result<Option<Value>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let Some(KeyKind::Number {
        min, max, integer, ..
    }) = KNOWN_KEYS.iter().find(|k| k.key == key).map(|k| k.kind)
    else {
        return Err(format!("{key} is not a number setting."));
    };
    let n: f64 = text
        .parse()
        .map_err(|_| format!("“{text}” is not a number."))?;
    if !n.is_finite() || n < min || n > max {
        return Err(format!("Must be between {min} and {max}."));
    }
    if integer {
        if n.fract() != 0.0 {
            return Err("Must be a whole number.".into());
        }
        return Ok(Some(Value::from(n as i64)));
    }
    Ok(serde_json::Number::from_f64(n).map(Value::Number))
}

/// A value for the diff: compact JSON, or "(not set)".
pub fn show(v: &Option<Value>) -> String {
    match v {
        None => "(not set)".into(),
        Some(v) => v.to_string(),
    }
}
