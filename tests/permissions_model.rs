//! The permission editor's logic against the recorded server objects: layout in server order
//! with unknown keys kept, toggling one key, and the diff.

use owui_admin::api::JsonMap;
use owui_admin::components::permissions::model::{diff, granted_by, is_on, layout, set};
use serde_json::{Value, json};

fn fixture(name: &str) -> JsonMap {
    let raw = std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&raw).unwrap();
    serde_json::from_value(doc["body"].clone()).unwrap()
}

fn map(v: Value) -> JsonMap {
    serde_json::from_value(v).unwrap()
}

#[test]
fn layout_follows_server_order_and_appends_unknown_keys_and_sections() {
    let defaults = fixture("default_permissions");
    let group = map(
        json!({"chat": {"brand_new": true}, "workspace": {"models": true}, "labs": {"x": true}}),
    );
    let sections = layout(&[&defaults, &group]);
    let names: Vec<&str> = sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "workspace",
            "sharing",
            "access_grants",
            "chat",
            "features",
            "settings",
            "labs"
        ]
    );
    let chat = &sections[3];
    assert_eq!(chat.entries.first().unwrap().path, "chat.controls");
    let last = chat.entries.last().unwrap();
    assert_eq!(
        (last.path.as_str(), last.label.as_str(), last.known),
        ("chat.brand_new", "brand_new", false)
    );
    // Every default key is there, with a human label.
    let total: usize = sections.iter().map(|s| s.entries.len()).sum();
    let default_total: usize = defaults
        .values()
        .map(|s| s.as_object().unwrap().len())
        .sum();
    assert_eq!(total, default_total + 2);
    assert!(
        layout(&[&defaults])
            .iter()
            .flat_map(|s| &s.entries)
            .all(|e| e.known),
        "0.12.4 keys all have labels"
    );
    assert_eq!(sections[0].label, "Workspace");
    assert_eq!(sections[6].label, "labs");
}

#[test]
fn dependent_toggles_follow_their_parent_otherwise_server_order() {
    let sections = layout(&[&fixture("default_permissions")]);
    let workspace: Vec<&str> = sections[0].entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        workspace,
        [
            "models",
            "models_import",
            "models_export",
            "models_hidden",
            "knowledge",
            "prompts",
            "prompts_import",
            "prompts_export",
            "tools",
            "tools_import",
            "tools_export",
            "skills",
            "skills_import",
            "skills_export"
        ]
    );
    let sharing: Vec<&str> = sections[1].entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        &sharing[..4],
        ["models", "public_models", "knowledge", "public_knowledge"]
    );
}

#[test]
fn dependent_toggles_point_at_their_parent_key() {
    let sections = layout(&[&fixture("default_permissions")]);
    let find = |p: &str| {
        sections
            .iter()
            .flat_map(|s| &s.entries)
            .find(|e| e.path == p)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find("sharing.public_models").depends_on.as_deref(),
        Some("models")
    );
    assert_eq!(
        find("workspace.models_import").depends_on.as_deref(),
        Some("models")
    );
    assert_eq!(
        find("chat.temporary_enforced").depends_on.as_deref(),
        Some("temporary")
    );
    assert_eq!(
        find("sharing.public_chats").depends_on,
        None,
        "no sharing.chats key"
    );
    assert_eq!(find("sharing.models").depends_on, None);
}

#[test]
fn set_changes_one_key_and_keeps_everything_else_in_order() {
    let mut group = map(json!({"workspace": {"models": true, "mystery": 3}, "zeta": "raw"}));
    set(&mut group, "workspace", "knowledge", true);
    set(&mut group, "chat", "share", true);
    set(&mut group, "workspace", "models", false);
    assert_eq!(
        Value::Object(group.clone()),
        json!({"workspace": {"models": false, "mystery": 3, "knowledge": true}, "zeta": "raw", "chat": {"share": true}})
    );
    assert_eq!(
        group.keys().collect::<Vec<_>>(),
        ["workspace", "zeta", "chat"]
    );
    assert!(is_on(&group, "chat", "share") && !is_on(&group, "workspace", "mystery"));
}

#[test]
fn diff_lists_changed_keys_treating_missing_as_off() {
    let saved = map(json!({"workspace": {"models": true}, "chat": {"x": 1}}));
    let mut edited = saved.clone();
    assert!(diff(&saved, &edited).is_empty());
    set(&mut edited, "sharing", "models", false); // missing → false: no change
    assert!(diff(&saved, &edited).is_empty());
    set(&mut edited, "workspace", "models", false);
    set(&mut edited, "features", "web_search", true);
    let changes = diff(&saved, &edited);
    let described: Vec<String> = changes.iter().map(|c| c.describe()).collect();
    assert_eq!(
        described,
        [
            "Models access (workspace.models): on → off",
            "Web search (features.web_search): not set → on"
        ]
    );
    // Reset to factory defaults: the diff names exactly what differs.
    let stored = fixture("default_permissions");
    let mut factory = fixture("default_permissions_factory");
    assert!(diff(&stored, &factory).is_empty());
    set(&mut factory, "chat", "share", false);
    assert_eq!(diff(&stored, &factory).len(), 1);
}

#[test]
fn grants_from_parents_are_attributed_to_the_nearest() {
    let chain = vec![
        (
            "Platform".to_string(),
            map(json!({"features": {"direct_tool_servers": true}})),
        ),
        (
            "Engineering".to_string(),
            map(json!({"workspace": {"models": true}, "features": {"direct_tool_servers": true}})),
        ),
    ];
    assert_eq!(
        granted_by(&chain, "features", "direct_tool_servers"),
        Some("Platform")
    );
    assert_eq!(
        granted_by(&chain, "workspace", "models"),
        Some("Engineering")
    );
    assert_eq!(granted_by(&chain, "chat", "share"), None);
}

// --- "Why can this user do X?" (components::permissions::explain) ---------------------------

use owui_admin::api::Group;
use owui_admin::components::permissions::explain::{
    Source, chains, competing_groups, explain, group_effect, group_mismatch, matches,
};
use std::collections::{HashMap, HashSet};

fn group(id: &str, name: &str, parent: Option<&str>, kind: &str, perms: Value) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        parent_group_id: parent.map(str::to_string),
        permissions: Some(map(perms)),
        membership_type: Some(kind.into()),
        ..Default::default()
    }
}

/// Research (grants web_search) ← Research Vision (grants models), the user directly in Vision.
fn nested() -> Vec<Group> {
    vec![
        group(
            "v",
            "Research Vision",
            Some("r"),
            "direct",
            json!({"workspace": {"models": true}}),
        ),
        group(
            "r",
            "Research",
            None,
            "inherited",
            json!({"features": {"web_search": true, "labs_only": false}}),
        ),
    ]
}

#[test]
fn explain_names_the_group_and_the_parent_chain_it_comes_through() {
    let defaults = map(
        json!({"workspace": {"models": false}, "features": {"web_search": false, "notes": true}}),
    );
    let rows = explain(&defaults, &nested(), None);
    let find = |p: &str| rows.iter().find(|r| r.entry.path == p).unwrap();
    let ws = find("features.web_search");
    assert!(ws.on());
    assert_eq!(
        ws.describe(2),
        "on — group Research Vision ← parent Research"
    );
    assert_eq!(
        find("workspace.models").describe(2),
        "on — group Research Vision"
    );
    assert_eq!(find("features.notes").sources, vec![Source::Defaults]);
    // A key only a group has, set to false: shown, off, not granted.
    let labs = find("features.labs_only");
    assert!(!labs.on());
    assert_eq!(
        labs.describe(2),
        "off — not granted by defaults or any of 2 groups"
    );
    assert!(!labs.entry.known);
}

#[test]
fn explain_is_an_or_groups_never_revoke_a_default() {
    let defaults = map(json!({"chat": {"delete": true}}));
    let g = vec![group(
        "a",
        "A",
        None,
        "direct",
        json!({"chat": {"delete": false}}),
    )];
    let rows = explain(&defaults, &g, None);
    assert!(rows[0].on());
    assert_eq!(rows[0].sources, vec![Source::Defaults]);
    assert_eq!(rows[0].describe(1), "on — defaults");
}

#[test]
fn explain_reports_disagreement_with_the_server_instead_of_hiding_it() {
    let defaults = map(json!({"features": {"web_search": false, "notes": true}}));
    let server = map(json!({"features": {"web_search": false, "notes": true, "new": true}}));
    let rows = explain(&defaults, &nested(), Some(&server));
    let find = |p: &str| rows.iter().find(|r| r.entry.path == p).unwrap();
    assert_eq!(find("features.web_search").agrees(), Some(false));
    assert_eq!(find("features.notes").agrees(), Some(true));
    // A key only the server knows is listed, off here, on there.
    assert_eq!(find("features.new").agrees(), Some(false));
    assert_eq!(explain(&defaults, &nested(), None)[0].agrees(), None);
}

#[test]
fn explain_filters_by_text_and_state() {
    let defaults = map(json!({"features": {"web_search": false, "notes": true}}));
    let rows = explain(&defaults, &[], None);
    let shown = |f: &str, only| {
        rows.iter()
            .filter(|r| matches(r, f, only))
            .map(|r| r.entry.path.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown("web", None), ["features.web_search"]);
    assert_eq!(shown("NOTES", None), ["features.notes"]);
    assert_eq!(shown("", Some(true)), ["features.notes"]);
    assert_eq!(shown("", Some(false)), ["features.web_search"]);
    assert_eq!(
        rows[0].describe(0),
        "off — not granted by defaults (the user is in no group)"
    );
}

#[test]
fn chains_prefer_the_shortest_way_up_and_survive_a_cycle() {
    let mut gs = nested();
    gs.push(group("x", "Research", None, "direct", json!({})));
    gs[1].id = "r".into();
    let c = chains(&gs);
    assert_eq!(c["v"], Vec::<String>::new());
    assert_eq!(c["r"], vec!["Research Vision".to_string()]);
    let cyc = vec![
        group("a", "A", Some("b"), "direct", json!({})),
        group("b", "B", Some("a"), "inherited", json!({})),
    ];
    assert_eq!(chains(&cyc)["b"], vec!["A".to_string()]);
}

#[test]
fn group_mismatch_lists_both_sides() {
    let (a, b) = group_mismatch(&nested(), &["v".to_string(), "zz".to_string()]);
    assert_eq!(a, ["Research"]);
    assert_eq!(b, ["zz"]);
}

#[test]
fn group_effect_counts_who_has_a_key_only_through_the_group() {
    let defaults = map(json!({"features": {"web_search": false, "notes": true}}));
    let all = vec![
        group(
            "r",
            "Research",
            None,
            "direct",
            json!({"features": {"web_search": true, "notes": true}}),
        ),
        group(
            "o",
            "Other",
            None,
            "direct",
            json!({"features": {"web_search": true}}),
        ),
        group("n", "Nothing", None, "direct", json!({})),
    ];
    let comp: Vec<&str> = competing_groups(&all, &all[0])
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(comp, ["o"]);
    let members = vec![
        ("u1".to_string(), "Ann".to_string()),
        ("u2".to_string(), "Bob".to_string()),
    ];
    let elsewhere = HashMap::from([("o".to_string(), HashSet::from(["u2".to_string()]))]);
    let fx = group_effect(&defaults, &all[0], &all, &members, &elsewhere);
    assert_eq!(fx.len(), 2);
    let ws = fx
        .iter()
        .find(|f| f.entry.path == "features.web_search")
        .unwrap();
    assert_eq!(ws.only_here, ["Ann"]);
    assert_eq!(ws.also_elsewhere, 1);
    let notes = fx
        .iter()
        .find(|f| f.entry.path == "features.notes")
        .unwrap();
    assert!(notes.by_defaults && notes.only_here.is_empty());
}
