//! "What will this change do?": before a group's permissions or parent, the defaults, or a
//! group's members change, who gains and who loses each permission. Effective permissions are
//! computed as in [`super::explain`] (the defaults OR every group a user is an effective member
//! of; effective membership reaches every ancestor). Pure: no Leptos, no HTTP. The reader in
//! `impact_read` asks the server only for what [`needs`] lists (a few pages per group, never
//! one request per member) and [`preview`] turns that [`Snapshot`] into the lists.

use std::collections::{HashMap, HashSet};

mod text;
mod tree;

pub use tree::{ancestors_of, upclose, with_group};

use super::explain::truthy;
use super::model::{Entry, diff, get, layout};
use crate::api::{Group, JsonMap};

/// The change to preview. Users are `(id, name)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A group saved from its screen: its permissions and/or parent as edited.
    Group(Box<Group>),
    /// The default permissions as edited.
    Defaults(JsonMap),
    /// Users added to the group (id).
    Add(String),
    /// Direct members removed from the group (id).
    Remove(String),
}

impl Change {
    /// The group changed, if any.
    pub fn group_id(&self) -> Option<&str> {
        match self {
            Change::Group(g) => Some(&g.id),
            Change::Add(id) | Change::Remove(id) => Some(id),
            Change::Defaults(_) => None,
        }
    }
}

/// What must be read to preview a change (group ids, in order, no repeats).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Need {
    /// Groups whose effective members (direct and through child groups) are needed.
    pub effective: Vec<String>,
    /// Groups whose direct members are needed.
    pub direct: Vec<String>,
    /// Whether the number of all users is needed (a defaults change affects everyone).
    pub total_users: bool,
}

/// What was read: group id → members (effective, direct), which groups were cut off.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub effective: HashMap<String, Vec<(String, String)>>,
    pub direct: HashMap<String, HashSet<String>>,
    /// Groups whose members were not all read (ids, in reading order).
    pub cut_off: Vec<String>,
    /// The number of all users (`GET /users/`'s `total`), when needed.
    pub total_users: Option<u64>,
    /// Requests it took (groups and defaults included).
    pub requests: u32,
}

/// One key's effect.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyImpact {
    pub entry: Entry,
    /// Names of the users who gain / lose it (empty when only counted, for a defaults change).
    pub gain: Vec<String>,
    pub lose: Vec<String>,
    pub gain_n: u64,
    pub lose_n: u64,
    /// Users who have it before and after.
    pub keep_n: u64,
    /// Defaults change only: `Some(true)` turned on, `Some(false)` turned off in the defaults;
    /// and the groups through which users keep (or already have) it, with their member counts.
    pub defaults_turned: Option<bool>,
    pub through: Vec<(String, u64)>,
}

/// The whole preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Users considered (for a defaults change: every user).
    pub affected: u64,
    pub keys: Vec<KeyImpact>,
    /// Names of the groups whose members were not all read.
    pub cut_off: Vec<String>,
    pub requests: u32,
}

fn perms(g: &Group) -> Option<&JsonMap> {
    g.permissions.as_ref()
}

fn grants(g: &Group, s: &str, k: &str) -> bool {
    perms(g).and_then(|p| get(p, s, k)).is_some_and(truthy)
}

/// Every `(section, key)` some group in `ids` grants.
fn keys_granted_by(groups: &[Group], ids: &[String]) -> Vec<(String, String)> {
    let maps: Vec<&JsonMap> = groups
        .iter()
        .filter(|g| ids.contains(&g.id))
        .filter_map(perms)
        .collect();
    layout(&maps)
        .into_iter()
        .flat_map(|s| s.entries)
        .filter(|e| {
            maps.iter()
                .any(|m| get(m, &e.section, &e.key).is_some_and(truthy))
        })
        .map(|e| (e.section, e.key))
        .collect()
}

/// The groups (before, after), the defaults (before, after), the group chain whose links are
/// cut (see [`person_after`]) and the keys that may change for someone.
struct Plan {
    groups_before: Vec<Group>,
    groups_after: Vec<Group>,
    defaults_before: JsonMap,
    defaults_after: JsonMap,
    cut: Vec<String>,
    keys: Vec<(String, String)>,
}

fn plan(change: &Change, groups: &[Group], defaults: &JsonMap) -> Plan {
    let mut p = Plan {
        groups_before: groups.to_vec(),
        groups_after: groups.to_vec(),
        defaults_before: defaults.clone(),
        defaults_after: defaults.clone(),
        cut: Vec::new(),
        keys: Vec::new(),
    };
    match change {
        Change::Group(after) => {
            p.groups_after = with_group(groups, after);
            let empty = JsonMap::new();
            let before = groups
                .iter()
                .find(|g| g.id == after.id)
                .and_then(perms)
                .unwrap_or(&empty);
            let now = perms(after).unwrap_or(&empty);
            let mut keys: Vec<(String, String)> = diff(before, now)
                .into_iter()
                .filter_map(|c| {
                    let (s, k) = c.path.split_once('.')?;
                    Some((s.to_string(), k.to_string()))
                })
                .collect();
            let old_up = ancestors_of(groups, &after.id);
            let new_up = ancestors_of(&p.groups_after, &after.id);
            if old_up != new_up {
                p.cut = old_up.clone();
                let both: Vec<String> = old_up.into_iter().chain(new_up).collect();
                for k in keys_granted_by(&p.groups_after, &both) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            p.keys = keys;
        }
        Change::Defaults(after) => {
            p.defaults_after = after.clone();
            p.keys = diff(defaults, after)
                .into_iter()
                .filter_map(|c| {
                    let (s, k) = c.path.split_once('.')?;
                    Some((s.to_string(), k.to_string()))
                })
                .collect();
        }
        Change::Add(id) | Change::Remove(id) => {
            let mut chain = vec![id.clone()];
            chain.extend(ancestors_of(groups, id));
            p.keys = keys_granted_by(groups, &chain);
            if matches!(change, Change::Remove(_)) {
                p.cut = chain;
            }
        }
    }
    p
}

fn push(out: &mut Vec<String>, id: &str) {
    if !out.iter().any(|o| o == id) {
        out.push(id.to_string());
    }
}

/// What to read to preview `change`, given every group and the stored defaults.
pub fn needs(change: &Change, groups: &[Group], defaults: &JsonMap) -> Need {
    let p = plan(change, groups, defaults);
    let mut need = Need {
        total_users: matches!(change, Change::Defaults(_)),
        ..Need::default()
    };
    if let Some(id) = change.group_id() {
        push(&mut need.effective, id);
    }
    // Every group that grants a key that may change, before or after.
    for (s, k) in &p.keys {
        for g in p.groups_before.iter().chain(&p.groups_after) {
            if grants(g, s, k) {
                push(&mut need.effective, &g.id);
            }
        }
    }
    // A cut link: whether a member stays in a group of the chain for another reason (a direct
    // membership there, or another child group they are in).
    for a in &p.cut {
        if Some(a.as_str()) != change.group_id() || !matches!(change, Change::Remove(_)) {
            push(&mut need.direct, a);
        }
        for c in groups
            .iter()
            .filter(|g| g.parent_group_id.as_deref() == Some(a.as_str()))
        {
            push(&mut need.effective, &c.id);
        }
    }
    need
}

/// User id → the groups `snap` read them in (effective membership), built once per preview so
/// a bulk change over thousands of users stays linear.
fn memberships(snap: &Snapshot) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (g, members) in &snap.effective {
        for (id, _) in members {
            out.entry(id.clone()).or_default().push(g.clone());
        }
    }
    out
}

/// The groups `user` is an effective member of after `change`: every group they stay in for a
/// reason the change does not touch, `added` when added, ancestors in the new tree.
fn person_after(
    change: &Change,
    p: &Plan,
    snap: &Snapshot,
    before: &HashSet<String>,
    user: &str,
) -> HashSet<String> {
    let removed = match change {
        Change::Remove(id) => Some(id.as_str()),
        _ => None,
    };
    let mut base: Vec<String> = before
        .iter()
        .filter(|g| !p.cut.contains(g))
        .cloned()
        .collect();
    for a in &p.cut {
        let direct = snap.direct.get(a).is_some_and(|d| d.contains(user));
        if direct && Some(a.as_str()) != removed {
            base.push(a.clone());
        }
    }
    if let Change::Add(id) = change {
        base.push(id.clone());
    }
    upclose(&p.groups_after, base)
}

fn has(
    defaults: &JsonMap,
    groups: &[Group],
    member_of: &HashSet<String>,
    s: &str,
    k: &str,
) -> bool {
    get(defaults, s, k).is_some_and(truthy)
        || groups
            .iter()
            .any(|g| member_of.contains(&g.id) && grants(g, s, k))
}

fn entries(p: &Plan) -> Vec<Entry> {
    let maps: Vec<&JsonMap> = [&p.defaults_before, &p.defaults_after]
        .into_iter()
        .chain(
            p.groups_before
                .iter()
                .chain(&p.groups_after)
                .filter_map(perms),
        )
        .collect();
    layout(&maps)
        .into_iter()
        .flat_map(|s| s.entries)
        .filter(|e| p.keys.iter().any(|(s, k)| *s == e.section && *k == e.key))
        .collect()
}

/// The preview of `change` for `people` (Add and Remove: the users added or removed; Group: the
/// group's effective members are read and `people` is ignored; Defaults: everyone, counted).
pub fn preview(
    change: &Change,
    groups: &[Group],
    defaults: &JsonMap,
    people: &[(String, String)],
    snap: &Snapshot,
) -> Preview {
    let p = plan(change, groups, defaults);
    let name_of = |id: &String| {
        groups
            .iter()
            .find(|g| &g.id == id)
            .map(|g| g.name.clone())
            .unwrap_or_else(|| id.clone())
    };
    let cut_off: Vec<String> = snap.cut_off.iter().map(name_of).collect();
    if let Change::Defaults(_) = change {
        return defaults_preview(&p, snap, cut_off);
    }
    let people: Vec<(String, String)> = match change {
        Change::Group(g) => snap.effective.get(&g.id).cloned().unwrap_or_default(),
        _ => people.to_vec(),
    };
    let index = memberships(snap);
    let sets: Vec<(HashSet<String>, HashSet<String>)> = people
        .iter()
        .map(|(id, _)| {
            let known = index.get(id).cloned().unwrap_or_default();
            // As far as the reads know, ancestors included.
            let before = upclose(&p.groups_before, known);
            let after = person_after(change, &p, snap, &before, id);
            (before, after)
        })
        .collect();
    let keys = entries(&p)
        .into_iter()
        .map(|entry| {
            let (s, k) = (entry.section.clone(), entry.key.clone());
            let (mut gain, mut lose, mut keep) = (Vec::new(), Vec::new(), 0);
            for ((_, name), (b, a)) in people.iter().zip(&sets) {
                let was = has(&p.defaults_before, &p.groups_before, b, &s, &k);
                let now = has(&p.defaults_after, &p.groups_after, a, &s, &k);
                match (was, now) {
                    (false, true) => gain.push(name.clone()),
                    (true, false) => lose.push(name.clone()),
                    (true, true) => keep += 1,
                    (false, false) => {}
                }
            }
            KeyImpact {
                entry,
                gain_n: gain.len() as u64,
                lose_n: lose.len() as u64,
                gain,
                lose,
                keep_n: keep,
                defaults_turned: None,
                through: Vec::new(),
            }
        })
        .collect();
    Preview {
        affected: people.len() as u64,
        keys,
        cut_off,
        requests: snap.requests,
    }
}

/// A defaults change: every user is affected; per key, those in a group granting it keep it
/// (or already have it); everyone else, counted from the total, loses (or gains) it.
fn defaults_preview(p: &Plan, snap: &Snapshot, cut_off: Vec<String>) -> Preview {
    let total = snap.total_users.unwrap_or(0);
    let keys = entries(p)
        .into_iter()
        .map(|entry| {
            let (s, k) = (entry.section.as_str(), entry.key.as_str());
            let was = get(&p.defaults_before, s, k).is_some_and(truthy);
            let now = get(&p.defaults_after, s, k).is_some_and(truthy);
            let mut covered: HashSet<&str> = HashSet::new();
            let mut through = Vec::new();
            for g in p.groups_before.iter().filter(|g| grants(g, s, k)) {
                let members = snap.effective.get(&g.id).map(Vec::as_slice).unwrap_or(&[]);
                covered.extend(members.iter().map(|(id, _)| id.as_str()));
                through.push((g.name.clone(), members.len() as u64));
            }
            let rest = total.saturating_sub(covered.len() as u64);
            let (gain_n, lose_n, keep_n) = match (was, now) {
                (true, false) => (0, rest, covered.len() as u64),
                (false, true) => (rest, 0, covered.len() as u64),
                (true, true) => (0, 0, total),
                (false, false) => (0, 0, covered.len() as u64),
            };
            KeyImpact {
                entry,
                gain: Vec::new(),
                lose: Vec::new(),
                gain_n,
                lose_n,
                keep_n,
                defaults_turned: (was != now).then_some(now),
                through,
            }
        })
        .collect();
    Preview {
        affected: total,
        keys,
        cut_off,
        requests: snap.requests,
    }
}
