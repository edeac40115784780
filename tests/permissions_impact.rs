//! "What will this change do?" (components::permissions::impact): who gains and who loses each
//! key when a group's permissions or parent, the defaults or a group's members change, from the
//! few group-level reads the preview makes.

use std::collections::HashMap;

use owui_admin::api::{Group, JsonMap};
use owui_admin::components::permissions::impact::{
    Change, KeyImpact, Need, Preview, Snapshot, needs, preview,
};
use serde_json::{Value, json};

fn map(v: Value) -> JsonMap {
    serde_json::from_value(v).unwrap()
}

fn group(id: &str, name: &str, parent: Option<&str>, perms: Value) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        parent_group_id: parent.map(str::to_string),
        permissions: Some(map(perms)),
        ..Default::default()
    }
}

fn defaults() -> JsonMap {
    map(json!({
        "workspace": {"models": false},
        "chat": {"file_upload": true},
        "features": {"web_search": false},
    }))
}

/// Research (web_search) ← Research Vision (models); Support (web_search), Plain (nothing).
fn groups() -> Vec<Group> {
    vec![
        group(
            "r",
            "Research",
            None,
            json!({"features": {"web_search": true}}),
        ),
        group(
            "v",
            "Research Vision",
            Some("r"),
            json!({"workspace": {"models": true}}),
        ),
        group(
            "s",
            "Support",
            None,
            json!({"features": {"web_search": true}}),
        ),
        group("p", "Plain", None, json!({})),
    ]
}

fn users(ids: &[&str]) -> Vec<(String, String)> {
    ids.iter()
        .map(|i| (i.to_string(), i.to_uppercase()))
        .collect()
}

/// Ada in Vision, Bob in Research, Cy in Support and Vision, Dee in Plain only.
fn snapshot() -> Snapshot {
    let mut effective = HashMap::new();
    effective.insert("r".to_string(), users(&["a", "b", "c"]));
    effective.insert("v".to_string(), users(&["a", "c"]));
    effective.insert("s".to_string(), users(&["c"]));
    effective.insert("p".to_string(), users(&["d"]));
    let mut direct = HashMap::new();
    direct.insert("r".to_string(), ["b".to_string()].into_iter().collect());
    direct.insert(
        "v".to_string(),
        ["a".to_string(), "c".to_string()].into_iter().collect(),
    );
    Snapshot {
        effective,
        direct,
        requests: 5,
        total_users: Some(10),
        ..Snapshot::default()
    }
}

fn key<'a>(p: &'a Preview, path: &str) -> &'a KeyImpact {
    p.keys
        .iter()
        .find(|k| k.entry.path == path)
        .unwrap_or_else(|| panic!("no row for {path}: {p:?}"))
}

#[test]
fn a_group_turning_a_key_off_takes_it_only_from_members_without_another_source() {
    let mut after = groups()[0].clone();
    after.permissions = Some(map(json!({"features": {"web_search": false}})));
    let change = Change::Group(Box::new(after));
    // Its own members, and every group granting the changed key; no direct lists.
    assert_eq!(
        needs(&change, &groups(), &defaults()),
        Need {
            effective: vec!["r".into(), "s".into()],
            ..Need::default()
        }
    );
    let p = preview(&change, &groups(), &defaults(), &[], &snapshot());
    assert_eq!(p.affected, 3);
    assert_eq!(p.keys.len(), 1, "only the changed key: {p:?}");
    let k = key(&p, "features.web_search");
    assert_eq!(k.lose, ["A", "B"], "Cy keeps it through Support");
    assert!(k.gain.is_empty());
    assert_eq!(k.keep_n, 1);
    assert_eq!(k.describe(), "2 users lose it (A, B)");
}

#[test]
fn a_group_turning_a_key_on_gives_it_to_members_of_child_groups_too() {
    let mut after = groups()[0].clone();
    after.permissions = Some(map(
        json!({"features": {"web_search": true}, "workspace": {"models": true}}),
    ));
    let p = preview(
        &Change::Group(Box::new(after)),
        &groups(),
        &defaults(),
        &[],
        &snapshot(),
    );
    let k = key(&p, "workspace.models");
    // Ada and Cy already have it through Vision; Bob gains it.
    assert_eq!(k.gain, ["B"]);
    assert_eq!(k.keep_n, 2);
}

#[test]
fn adding_users_gives_them_the_keys_of_the_group_and_its_ancestors_they_lacked() {
    let change = Change::Add("v".into());
    let need = needs(&change, &groups(), &defaults());
    assert_eq!(need.effective, ["v", "r", "s"]);
    assert!(need.direct.is_empty() && !need.total_users);
    let people = users(&["d", "c"]);
    let p = preview(&change, &groups(), &defaults(), &people, &snapshot());
    assert_eq!(p.affected, 2);
    assert_eq!(
        key(&p, "workspace.models").gain,
        ["D"],
        "Cy is in Vision already"
    );
    assert_eq!(key(&p, "features.web_search").gain, ["D"]);
    assert_eq!(key(&p, "features.web_search").keep_n, 1);
    assert!(p.keys.iter().all(|k| k.lose.is_empty()));
}

#[test]
fn adding_someone_who_has_everything_already_changes_nothing_and_says_so() {
    let p = preview(
        &Change::Add("r".into()),
        &groups(),
        &defaults(),
        &users(&["c"]),
        &snapshot(),
    );
    let k = key(&p, "features.web_search");
    assert_eq!((k.gain_n, k.lose_n, k.keep_n), (0, 0, 1));
    assert_eq!(k.describe(), "nobody gains or loses it (1 keep it)");
}

#[test]
fn removing_a_direct_member_takes_the_chain_keys_unless_another_path_keeps_them() {
    let change = Change::Remove("v".into());
    let need = needs(&change, &groups(), &defaults());
    // Direct members of the ancestors (not of the group itself: they are being removed).
    assert_eq!(need.direct, ["r"]);
    let p = preview(
        &change,
        &groups(),
        &defaults(),
        &users(&["a", "c"]),
        &snapshot(),
    );
    assert_eq!(key(&p, "workspace.models").lose, ["A", "C"]);
    // Cy keeps web_search through Support.
    assert_eq!(key(&p, "features.web_search").lose, ["A"]);
    // Bob, a direct member of Research, removed from Vision (where he is not) loses nothing.
    let p = preview(&change, &groups(), &defaults(), &users(&["b"]), &snapshot());
    assert!(p.keys.iter().all(|k| k.lose.is_empty()), "{p:?}");
}

#[test]
fn a_member_direct_in_the_parent_too_keeps_its_keys_when_removed_from_the_child() {
    let mut snap = snapshot();
    snap.direct.get_mut("r").unwrap().insert("a".into());
    let p = preview(
        &Change::Remove("v".into()),
        &groups(),
        &defaults(),
        &users(&["a"]),
        &snap,
    );
    assert_eq!(key(&p, "workspace.models").lose, ["A"]);
    assert!(key(&p, "features.web_search").lose.is_empty());
}

#[test]
fn a_parent_change_moves_the_group_members_from_the_old_ancestors_keys_to_the_new() {
    // Vision moves from Research (web_search) to Plain, here granting chat.temporary.
    let mut gs = groups();
    gs[3].permissions = Some(map(json!({"chat": {"temporary": true}})));
    let mut after = gs[1].clone();
    after.parent_group_id = Some("p".into());
    let change = Change::Group(Box::new(after));
    let need = needs(&change, &gs, &defaults());
    assert_eq!(need.direct, ["r"], "direct members of the old parent");
    assert!(need.effective.contains(&"v".to_string()) && need.effective.contains(&"s".to_string()));
    let p = preview(&change, &gs, &defaults(), &[], &snapshot());
    assert_eq!(p.affected, 2);
    assert_eq!(
        key(&p, "features.web_search").lose,
        ["A"],
        "Cy keeps it through Support"
    );
    assert_eq!(key(&p, "chat.temporary").gain, ["A", "C"]);
    // A member directly in Research as well keeps Research's keys.
    let mut snap = snapshot();
    snap.direct.get_mut("r").unwrap().insert("a".into());
    let p = preview(&change, &gs, &defaults(), &[], &snap);
    assert!(key(&p, "features.web_search").lose.is_empty());
}

#[test]
fn a_parent_change_keeps_the_old_parent_for_members_of_a_sibling_group() {
    let mut gs = groups();
    gs.push(group("x", "Research Sibling", Some("r"), json!({})));
    let mut snap = snapshot();
    snap.effective.insert("x".into(), users(&["a"]));
    let mut after = gs[1].clone();
    after.parent_group_id = None;
    let change = Change::Group(Box::new(after));
    assert!(
        needs(&change, &gs, &defaults())
            .effective
            .contains(&"x".to_string())
    );
    let p = preview(&change, &gs, &defaults(), &[], &snap);
    assert!(key(&p, "features.web_search").lose.is_empty(), "{p:?}");
}

#[test]
fn a_defaults_change_is_counted_from_the_total_and_the_granting_groups_members() {
    let mut after = defaults();
    after["features"]["web_search"] = json!(true);
    after["chat"]["file_upload"] = json!(false);
    let change = Change::Defaults(after);
    let need = needs(&change, &groups(), &defaults());
    assert!(need.total_users);
    assert_eq!(
        need.effective,
        ["r", "s"],
        "only groups granting a changed key"
    );
    let p = preview(&change, &groups(), &defaults(), &[], &snapshot());
    assert_eq!(p.affected, 10);
    let k = key(&p, "features.web_search");
    // Ada, Bob, Cy have it through Research or Support: 7 others gain it.
    assert_eq!((k.gain_n, k.keep_n), (7, 3));
    assert_eq!(
        k.describe(),
        "turned on in the defaults — 7 users gain it; 3 already have it through Research (3 members), Support (1 member)"
    );
    let k = key(&p, "chat.file_upload");
    assert_eq!(
        k.describe(),
        "turned off in the defaults — 10 users lose it"
    );
}

#[test]
fn a_defaults_change_names_who_keeps_it() {
    let mut before = defaults();
    before["features"]["web_search"] = json!(true);
    let mut after = before.clone();
    after["features"]["web_search"] = json!(false);
    let p = preview(
        &Change::Defaults(after),
        &groups(),
        &before,
        &[],
        &snapshot(),
    );
    assert_eq!(
        key(&p, "features.web_search").describe(),
        "turned off in the defaults — 7 users lose it; 3 keep it through Research (3 members), Support (1 member)"
    );
}

#[test]
fn cut_off_groups_are_named() {
    let mut snap = snapshot();
    snap.cut_off.push("s".into());
    let p = preview(
        &Change::Add("v".into()),
        &groups(),
        &defaults(),
        &users(&["d"]),
        &snap,
    );
    assert_eq!(p.cut_off, ["Support"]);
    assert_eq!(p.requests, 5);
}
