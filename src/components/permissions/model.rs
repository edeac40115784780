//! The permission editor's logic: which rows to show (every section and key of every source, in
//! the server's order), reading and toggling one key, and the diff between saved and edited.
//! Pure, so the host tests cover it.

use serde_json::Value;

use super::labels::{depends_on, key_label, key_text, section_text};
use crate::api::JsonMap;

/// One permission row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub section: String,
    pub key: String,
    /// `section.key`, the checkbox's `name`.
    pub path: String,
    /// The human label, or the raw key when this app does not know it.
    pub label: String,
    /// False for a key this app has no label for (shown anyway).
    pub known: bool,
    /// The key in the same section this one only works with.
    pub depends_on: Option<String>,
}

/// One section with its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub name: String,
    pub label: String,
    pub entries: Vec<Entry>,
}

/// The union of the sections and keys of `sources`, in order of first appearance (pass the
/// server's defaults first so their order leads; a group's extra keys follow).
pub fn layout(sources: &[&JsonMap]) -> Vec<Section> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for src in sources {
        for (name, v) in src.iter() {
            let idx = match sections.iter().position(|(n, _)| n == name) {
                Some(i) => i,
                None => {
                    sections.push((name.clone(), Vec::new()));
                    sections.len() - 1
                }
            };
            if let Value::Object(keys) = v {
                for k in keys.keys() {
                    if !sections[idx].1.contains(k) {
                        sections[idx].1.push(k.clone());
                    }
                }
            }
        }
    }
    sections
        .into_iter()
        .map(|(name, keys)| (name.clone(), parents_first(&name, keys)))
        .map(|(name, keys)| Section {
            label: section_text(&name),
            entries: keys
                .iter()
                .map(|key| Entry {
                    section: name.clone(),
                    key: key.clone(),
                    path: format!("{name}.{key}"),
                    label: key_text(&name, key),
                    known: key_label(&name, key).is_some(),
                    depends_on: depends_on(&name, key).filter(|d| keys.contains(d)),
                })
                .collect(),
            name,
        })
        .collect()
}

/// Server order, except that a dependent key (e.g. `models_import`) moves right below the key
/// it depends on, so the indentation reads as "belongs to the row above".
fn parents_first(section: &str, keys: Vec<String>) -> Vec<String> {
    let parent = |k: &String| depends_on(section, k).filter(|d| keys.contains(d) && d != k);
    let mut out: Vec<String> = Vec::with_capacity(keys.len());
    for k in keys.iter().filter(|k| parent(k).is_none()) {
        out.push(k.clone());
        out.extend(
            keys.iter()
                .filter(|d| parent(d).as_ref() == Some(k))
                .cloned(),
        );
    }
    out
}

/// The stored value of `section.key`, if any.
pub fn get<'a>(map: &'a JsonMap, section: &str, key: &str) -> Option<&'a Value> {
    map.get(section)?.as_object()?.get(key)
}

/// True only when `section.key` is stored as `true`.
pub fn is_on(map: &JsonMap, section: &str, key: &str) -> bool {
    matches!(get(map, section, key), Some(Value::Bool(true)))
}

/// Sets `section.key`, creating the section when missing; every other key stays as it was.
pub fn set(map: &mut JsonMap, section: &str, key: &str, on: bool) {
    let entry = map
        .entry(section.to_string())
        .or_insert_with(|| Value::Object(JsonMap::new()));
    if !entry.is_object() {
        *entry = Value::Object(JsonMap::new());
    }
    if let Value::Object(s) = entry {
        s.insert(key.to_string(), Value::Bool(on));
    }
}

/// One difference between the saved and the edited object.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub label: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// "Upload files (chat.file_upload): off → on".
    pub fn describe(&self) -> String {
        let show = |v: &Option<Value>| match v {
            None => "not set".to_string(),
            Some(Value::Bool(true)) => "on".into(),
            Some(Value::Bool(false)) => "off".into(),
            Some(other) => other.to_string(),
        };
        format!(
            "{} ({}): {} → {}",
            self.label,
            self.path,
            show(&self.before),
            show(&self.after)
        )
    }
}

/// Every key whose value differs between `before` and `after`, in layout order. A missing key
/// and `false` count as the same (both grant nothing).
pub fn diff(before: &JsonMap, after: &JsonMap) -> Vec<Change> {
    let norm = |v: Option<&Value>| match v {
        Some(Value::Bool(false)) | None => None,
        Some(v) => Some(v.clone()),
    };
    let mut out = Vec::new();
    for section in layout(&[before, after]) {
        for e in section.entries {
            let (b, a) = (
                get(before, &e.section, &e.key),
                get(after, &e.section, &e.key),
            );
            if norm(b) != norm(a) {
                out.push(Change {
                    path: e.path,
                    label: e.label,
                    before: b.cloned(),
                    after: a.cloned(),
                });
            }
        }
    }
    out
}

/// The first source (by name) that grants `section.key`.
pub fn granted_by<'a>(
    sources: &'a [(String, JsonMap)],
    section: &str,
    key: &str,
) -> Option<&'a str> {
    sources
        .iter()
        .find(|(_, m)| is_on(m, section, key))
        .map(|(n, _)| n.as_str())
}
