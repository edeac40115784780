//! The group tree as a change preview walks it: a group replaced by its edited self, the
//! ancestors of a group, a set of groups with every ancestor.

use std::collections::HashSet;

use crate::api::Group;

/// The groups listed with `changed` in place of the stored one (or added when new).
pub fn with_group(groups: &[Group], changed: &Group) -> Vec<Group> {
    let mut out: Vec<Group> = groups
        .iter()
        .map(|g| {
            if g.id == changed.id {
                changed.clone()
            } else {
                g.clone()
            }
        })
        .collect();
    if !out.iter().any(|g| g.id == changed.id) {
        out.push(changed.clone());
    }
    out
}

fn parent_of<'a>(groups: &'a [Group], id: &str) -> Option<&'a str> {
    groups
        .iter()
        .find(|g| g.id == id)
        .and_then(|g| g.parent_group_id.as_deref())
        .filter(|p| !p.is_empty())
}

/// The ancestors of `id` in `groups`, nearest first (a cycle stops the walk).
pub fn ancestors_of(groups: &[Group], id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut p = parent_of(groups, id);
    while let Some(pid) = p {
        if pid == id || out.iter().any(|o| o == pid) {
            break;
        }
        out.push(pid.to_string());
        p = parent_of(groups, pid);
    }
    out
}

/// `start` with every ancestor of each of its groups.
pub fn upclose(groups: &[Group], start: impl IntoIterator<Item = String>) -> HashSet<String> {
    let mut out = HashSet::new();
    for id in start {
        out.extend(ancestors_of(groups, &id));
        out.insert(id);
    }
    out
}
