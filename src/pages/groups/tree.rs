//! The groups tree, built from `parent_group_id`: rows in display order with depth and path,
//! search across names and descriptions that keeps the ancestors of matches visible, sorting by
//! name or member count, and the parent picker's choices (never the group itself or below it).
//! Pure, so the host tests cover it.

use std::collections::{HashMap, HashSet};

use crate::api::{Group, JsonMap};
use serde_json::Value;

/// How siblings are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupSort {
    #[default]
    Name,
    /// Most direct members first.
    Members,
}

impl GroupSort {
    pub fn param(self) -> &'static str {
        match self {
            GroupSort::Name => "name",
            GroupSort::Members => "members",
        }
    }
    pub fn from_param(s: &str) -> GroupSort {
        if s == "members" {
            GroupSort::Members
        } else {
            GroupSort::Name
        }
    }
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TreeRow {
    pub id: String,
    pub name: String,
    pub description: String,
    /// 0 for top-level groups.
    pub depth: usize,
    /// "Engineering / Platform".
    pub path: String,
    pub has_children: bool,
    /// False when collapsed (its children are hidden).
    pub expanded: bool,
    /// Direct members.
    pub member_count: u64,
    /// The group grants more than the defaults (otherwise it "uses defaults").
    pub custom_permissions: bool,
    /// Matches the search itself (false for ancestors kept for context, and when not searching).
    pub matched: bool,
}

impl TreeRow {
    /// The key for keyed lists: the row itself, which changes whenever anything shown changes
    /// (e.g. the marker once the defaults arrive), so the row is rendered again. Not its Debug
    /// text: that would tie the list to formatting machinery (and break under -Zfmt-debug=none).
    pub fn render_key(&self) -> Self {
        self.clone()
    }
}

/// True when the group grants something beyond `defaults` (what every user has anyway); with
/// no defaults known, when it grants anything at all. A group created from the defaults (as
/// new groups are) therefore still "uses defaults" until it grants more.
pub fn grants_beyond(permissions: Option<&JsonMap>, defaults: Option<&JsonMap>) -> bool {
    fn walk(v: &Value) -> bool {
        match v {
            Value::Bool(b) => *b,
            Value::Object(m) => m.values().any(walk),
            _ => false,
        }
    }
    let default_on = |section: &str, key: &str| {
        defaults
            .and_then(|d| d.get(section))
            .and_then(|s| s.get(key))
            .is_some_and(|v| v == &Value::Bool(true))
    };
    permissions.is_some_and(|m| {
        m.iter().any(|(section, keys)| match keys {
            Value::Object(keys) => keys
                .iter()
                .any(|(k, v)| walk(v) && !(v.is_boolean() && default_on(section, k))),
            other => walk(other),
        })
    })
}

fn by_id(groups: &[Group]) -> HashMap<&str, &Group> {
    groups.iter().map(|g| (g.id.as_str(), g)).collect()
}

/// The parent's id when that parent exists in `groups` (an unknown parent makes a top-level group).
fn parent_of<'a>(map: &HashMap<&str, &'a Group>, g: &Group) -> Option<&'a Group> {
    g.parent_group_id
        .as_deref()
        .filter(|p| *p != g.id)
        .and_then(|p| map.get(p).copied())
}

/// The ancestors of `id`, nearest first (stops on a cycle).
pub fn ancestors<'a>(groups: &'a [Group], id: &str) -> Vec<&'a Group> {
    let map = by_id(groups);
    let mut out: Vec<&Group> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::from([id]);
    let mut cur = map.get(id).and_then(|g| parent_of(&map, g));
    while let Some(p) = cur {
        if !seen.insert(p.id.as_str()) {
            break;
        }
        out.push(p);
        cur = parent_of(&map, p);
    }
    out
}

/// "Root / Child / id's name".
pub fn path(groups: &[Group], id: &str) -> String {
    let Some(g) = groups.iter().find(|g| g.id == id) else {
        return String::new();
    };
    let mut names: Vec<&str> = ancestors(groups, id)
        .iter()
        .rev()
        .map(|g| g.name.as_str())
        .collect();
    names.push(g.name.as_str());
    names.join(" / ")
}

/// Every group below `id` (children, grandchildren, …).
pub fn descendants(groups: &[Group], id: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut frontier = vec![id.to_string()];
    while let Some(cur) = frontier.pop() {
        for g in groups {
            if g.parent_group_id.as_deref() == Some(cur.as_str())
                && g.id != id
                && out.insert(g.id.clone())
            {
                frontier.push(g.id.clone());
            }
        }
    }
    out
}

/// The direct children of `id`.
pub fn children<'a>(groups: &'a [Group], id: &str) -> Vec<&'a Group> {
    groups
        .iter()
        .filter(|g| g.parent_group_id.as_deref() == Some(id) && g.id != id)
        .collect()
}

/// What the parent picker offers for group `id` (`None` for a new group): `(id, path)` of every
/// group except `id` itself and its descendants, sorted by path.
pub fn parent_choices(groups: &[Group], id: Option<&str>) -> Vec<(String, String)> {
    let excluded = id.map(|id| descendants(groups, id)).unwrap_or_default();
    let mut out: Vec<(String, String)> = groups
        .iter()
        .filter(|g| Some(g.id.as_str()) != id && !excluded.contains(&g.id))
        .map(|g| (g.id.clone(), path(groups, &g.id)))
        .collect();
    out.sort_by_key(|(_, p)| p.to_lowercase());
    out
}

fn matches(g: &Group, needle: &str) -> bool {
    g.name.to_lowercase().contains(needle) || g.description.to_lowercase().contains(needle)
}

/// The visible rows, in display order. While searching, every match and all its ancestors are
/// shown (collapsing is ignored); otherwise the children of `collapsed` groups are hidden.
pub fn build_rows(
    groups: &[Group],
    search: &str,
    sort: GroupSort,
    collapsed: &HashSet<String>,
    defaults: Option<&JsonMap>,
) -> Vec<TreeRow> {
    let map = by_id(groups);
    let needle = search.trim().to_lowercase();
    let searching = !needle.is_empty();
    let matched: HashSet<&str> = groups
        .iter()
        .filter(|g| searching && matches(g, &needle))
        .map(|g| g.id.as_str())
        .collect();
    let mut visible: HashSet<&str> = HashSet::new();
    if searching {
        for id in &matched {
            visible.insert(id);
            for a in ancestors(groups, id) {
                visible.insert(a.id.as_str());
            }
        }
    }
    let mut kids: HashMap<Option<&str>, Vec<&Group>> = HashMap::new();
    for g in groups {
        let parent = parent_of(&map, g).map(|p| p.id.as_str());
        kids.entry(parent).or_default().push(g);
    }
    for list in kids.values_mut() {
        list.sort_by(|a, b| {
            let by_name = a
                .name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id));
            match sort {
                GroupSort::Name => by_name,
                GroupSort::Members => b.member_count.cmp(&a.member_count).then(by_name),
            }
        });
    }
    let mut rows = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // Depth-first, pre-order; (group, depth, path of the parent).
    let mut stack: Vec<(&Group, usize, String)> = kids
        .get(&None)
        .map(|l| l.iter().rev().map(|g| (*g, 0, String::new())).collect())
        .unwrap_or_default();
    while let Some((g, depth, parent_path)) = stack.pop() {
        if !seen.insert(g.id.as_str()) || (searching && !visible.contains(g.id.as_str())) {
            continue;
        }
        let path = if parent_path.is_empty() {
            g.name.clone()
        } else {
            format!("{parent_path} / {}", g.name)
        };
        let own_kids = kids.get(&Some(g.id.as_str()));
        let has_children = own_kids.is_some_and(|k| !k.is_empty());
        let expanded = searching || !collapsed.contains(&g.id);
        rows.push(TreeRow {
            id: g.id.clone(),
            name: g.name.clone(),
            description: g.description.clone(),
            depth,
            path: path.clone(),
            has_children,
            expanded,
            member_count: g.member_count.unwrap_or(0),
            custom_permissions: grants_beyond(g.permissions.as_ref(), defaults),
            matched: matched.contains(g.id.as_str()),
        });
        if expanded && let Some(list) = own_kids {
            for k in list.iter().rev() {
                stack.push((*k, depth + 1, path.clone()));
            }
        }
    }
    rows
}
