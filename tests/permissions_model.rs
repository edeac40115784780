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
