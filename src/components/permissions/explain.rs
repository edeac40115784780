//! "Why can this user do X?": every permission key with its effective value and where it comes
//! from, computed the way Open WebUI 0.12.4 does (utils/access_control `get_permissions`): the
//! stored defaults, then a logical OR with the permissions of every group the user is in,
//! ancestors of their groups included. Groups only grant; nothing revokes a default. Also the
//! effect of one group on its members (who gets a key only through it). Pure: no Leptos, no HTTP.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::model::{Entry, get, layout};
use crate::api::{Group, JsonMap};

/// Truthiness as Python's `or` sees it: what the server's `combine_permissions` uses.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Where a granted key comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The default permissions (every user).
    Defaults,
    /// A group: its name, and the user's own group it is reached through followed by the
    /// parents in between (empty when the user is a direct member of it).
    Group {
        id: String,
        name: String,
        via: Vec<String>,
    },
}

impl Source {
    /// "defaults", "group Research", "group Research Vision ← parent Research".
    pub fn describe(&self) -> String {
        match self {
            Source::Defaults => "defaults".into(),
            Source::Group { name, via, .. } if via.is_empty() => format!("group {name}"),
            Source::Group { name, via, .. } => {
                let mut out = format!("group {}", via[0]);
                for p in &via[1..] {
                    out.push_str(&format!(" ← parent {p}"));
                }
                out.push_str(&format!(" ← parent {name}"));
                out
            }
        }
    }
}

/// One key explained.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub entry: Entry,
    /// The effective value as the server computes it (`None`: no source has the key).
    pub value: Option<Value>,
    /// Every source that grants it (truthy), defaults first.
    pub sources: Vec<Source>,
    /// What the server itself reports for the key, when it was asked.
    pub server: Option<Option<Value>>,
}

impl Explanation {
    pub fn on(&self) -> bool {
        self.value.as_ref().is_some_and(truthy)
    }

    /// `Some(false)` when the server reports something else than computed here.
    pub fn agrees(&self) -> Option<bool> {
        self.server.as_ref().map(|s| {
            s.as_ref().is_some_and(truthy) == self.on()
                && (s.as_ref().is_none_or(Value::is_boolean) || *s == self.value)
        })
    }

    /// "on — group Research Vision ← parent Research", "off — not granted by defaults or any
    /// of 3 groups".
    pub fn describe(&self, group_count: usize) -> String {
        let value = match &self.value {
            Some(Value::Bool(_)) | None => if self.on() { "on" } else { "off" }.to_string(),
            Some(other) => other.to_string(),
        };
        if self.sources.is_empty() {
            let groups = match group_count {
                0 => "defaults (the user is in no group)".to_string(),
                1 => "defaults or the user's 1 group".to_string(),
                n => format!("defaults or any of {n} groups"),
            };
            return format!("{value} — not granted by {groups}");
        }
        let list: Vec<String> = self.sources.iter().map(Source::describe).collect();
        format!("{value} — {}", list.join("; "))
    }
}

/// For each group of the user (direct and inherited, as `/users/{id}/groups?include_inherited`
/// gives them), the chain of names from the user's own group up to the one below it: empty for
/// a direct group, `[Research Vision]` for its parent Research. The shortest chain wins.
pub fn chains(groups: &[Group]) -> HashMap<String, Vec<String>> {
    let by_id: HashMap<&str, &Group> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for direct in groups
        .iter()
        .filter(|g| g.membership_type.as_deref() != Some("inherited"))
    {
        out.insert(direct.id.clone(), Vec::new());
    }
    for direct in groups
        .iter()
        .filter(|g| g.membership_type.as_deref() != Some("inherited"))
    {
        let mut path = vec![direct.name.clone()];
        let mut seen = vec![direct.id.as_str()];
        let mut parent = direct.parent_group_id.as_deref();
        while let Some(pid) = parent {
            if seen.contains(&pid) {
                break; // a cycle the server should never have
            }
            seen.push(pid);
            let better = out.get(pid).is_none_or(|p| p.len() > path.len());
            if better {
                out.insert(pid.to_string(), path.clone());
            }
            let Some(g) = by_id.get(pid) else { break };
            path.push(g.name.clone());
            parent = g.parent_group_id.as_deref();
        }
    }
    out
}

/// Every key of the defaults, the groups and the server's answer (in the server's order), with
/// its effective value and sources. `server`: the server's own effective permissions for this
/// user, when known (only for the signed-in user, or a test signed in as them).
pub fn explain(defaults: &JsonMap, groups: &[Group], server: Option<&JsonMap>) -> Vec<Explanation> {
    let empty = JsonMap::new();
    let perms: Vec<&JsonMap> = groups
        .iter()
        .map(|g| g.permissions.as_ref().unwrap_or(&empty))
        .collect();
    let mut sources: Vec<&JsonMap> = vec![defaults];
    sources.extend(perms.iter().copied());
    sources.extend(server);
    let chain = chains(groups);
    let mut out = Vec::new();
    for section in layout(&sources) {
        for entry in section.entries {
            let (s, k) = (entry.section.as_str(), entry.key.as_str());
            let mut value = get(defaults, s, k).cloned();
            let mut granted = Vec::new();
            if value.as_ref().is_some_and(truthy) {
                granted.push(Source::Defaults);
            }
            for (g, p) in groups.iter().zip(&perms) {
                if let Some(v) = get(p, s, k) {
                    if truthy(v) {
                        granted.push(Source::Group {
                            id: g.id.clone(),
                            name: g.name.clone(),
                            via: chain.get(&g.id).cloned().unwrap_or_default(),
                        });
                    }
                    // Python's `a or b`: keep a truthy value, else take the group's.
                    if !value.as_ref().is_some_and(truthy) {
                        value = Some(v.clone());
                    }
                }
            }
            out.push(Explanation {
                server: server.map(|m| get(m, s, k).cloned()),
                entry,
                value,
                sources: granted,
            });
        }
    }
    out
}

/// Which rows to show: `filter` matches the label or the dotted key (case-insensitive);
/// `only`: `Some(true)` only the keys that are on, `Some(false)` only those off.
pub fn matches(e: &Explanation, filter: &str, only: Option<bool>) -> bool {
    let f = filter.trim().to_lowercase();
    let text = f.is_empty()
        || e.entry.label.to_lowercase().contains(&f)
        || e.entry.path.to_lowercase().contains(&f);
    text && only.is_none_or(|on| e.on() == on)
}

/// Group ids whose `/users/{id}/groups?include_inherited=true` and `/users/{id}/preview`
/// answers differ: (only in the groups list, only in the preview).
pub fn group_mismatch(groups: &[Group], preview: &[String]) -> (Vec<String>, Vec<String>) {
    let a: HashSet<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let b: HashSet<&str> = preview.iter().map(String::as_str).collect();
    let only_groups = groups
        .iter()
        .filter(|g| !b.contains(g.id.as_str()))
        .map(|g| g.name.clone())
        .collect();
    let only_preview = preview
        .iter()
        .filter(|id| !a.contains(id.as_str()))
        .cloned()
        .collect();
    (only_groups, only_preview)
}

/// What one group does for its members, per key it grants.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEffect {
    pub entry: Entry,
    /// Members who have the key only through this group (they would lose it without it).
    pub only_here: Vec<String>,
    /// Members who also get it from the defaults or another group.
    pub also_elsewhere: usize,
    /// True when the defaults grant it (then this group changes nothing for anyone).
    pub by_defaults: bool,
}

/// The group's ancestors and descendants among `all` (ids), excluding itself.
pub fn relatives(all: &[Group], id: &str) -> (Vec<String>, Vec<String>) {
    let by_id: HashMap<&str, &Group> = all.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut up = Vec::new();
    let mut p = by_id.get(id).and_then(|g| g.parent_group_id.as_deref());
    while let Some(pid) = p {
        if pid == id || up.iter().any(|u: &String| u == pid) {
            break;
        }
        up.push(pid.to_string());
        p = by_id.get(pid).and_then(|g| g.parent_group_id.as_deref());
    }
    let mut down: Vec<String> = Vec::new();
    let mut frontier = vec![id.to_string()];
    while let Some(cur) = frontier.pop() {
        for g in all
            .iter()
            .filter(|g| g.parent_group_id.as_deref() == Some(cur.as_str()))
        {
            if g.id != id && !down.contains(&g.id) {
                down.push(g.id.clone());
                frontier.push(g.id.clone());
            }
        }
    }
    (up, down)
}

/// The other groups that grant at least one key `group` grants: the ones whose effective
/// members must be known to tell "only through this group" from "also elsewhere". Ancestors are
/// included (every member of this group is an effective member of its ancestors).
pub fn competing_groups<'a>(all: &'a [Group], group: &Group) -> Vec<&'a Group> {
    let empty = JsonMap::new();
    let own = group.permissions.as_ref().unwrap_or(&empty);
    let keys: Vec<(String, String)> = layout(&[own])
        .into_iter()
        .flat_map(|s| s.entries)
        .filter(|e| get(own, &e.section, &e.key).is_some_and(truthy))
        .map(|e| (e.section, e.key))
        .collect();
    all.iter()
        .filter(|g| g.id != group.id)
        .filter(|g| {
            let p = g.permissions.as_ref().unwrap_or(&empty);
            keys.iter().any(|(s, k)| get(p, s, k).is_some_and(truthy))
        })
        .collect()
}

/// Per key `group` grants: which of `members` (id, name: its effective members) get it only
/// through this group. `elsewhere`: for each competing group (see [`competing_groups`]), the ids
/// of its effective members.
pub fn group_effect(
    defaults: &JsonMap,
    group: &Group,
    all: &[Group],
    members: &[(String, String)],
    elsewhere: &HashMap<String, HashSet<String>>,
) -> Vec<KeyEffect> {
    let empty = JsonMap::new();
    let own = group.permissions.as_ref().unwrap_or(&empty);
    let mut out = Vec::new();
    for section in layout(&[defaults, own]) {
        for entry in section.entries {
            let (s, k) = (entry.section.as_str(), entry.key.as_str());
            if !get(own, s, k).is_some_and(truthy) {
                continue;
            }
            let by_defaults = get(defaults, s, k).is_some_and(truthy);
            let granting: Vec<&HashSet<String>> = all
                .iter()
                .filter(|g| g.id != group.id)
                .filter(|g| get(g.permissions.as_ref().unwrap_or(&empty), s, k).is_some_and(truthy))
                .filter_map(|g| elsewhere.get(&g.id))
                .collect();
            let mut only_here = Vec::new();
            let mut also = 0;
            for (id, name) in members {
                if by_defaults || granting.iter().any(|set| set.contains(id)) {
                    also += 1;
                } else {
                    only_here.push(name.clone());
                }
            }
            out.push(KeyEffect {
                entry,
                only_here,
                also_elsewhere: also,
                by_defaults,
            });
        }
    }
    out
}
