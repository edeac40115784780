//! The groups tree (built from `parent_group_id`), search that keeps ancestors, sorting, the
//! parent picker's exclusions, the group form body and CSV email parsing.

use std::collections::HashSet;

use owui_admin::api::{Group, JsonMap, UserInfo};
use owui_admin::pages::groups::csv::{parse_emails, resolve};
use owui_admin::pages::groups::form::{
    GeneralInput, GroupTab, Share, build_form, delete_warning, file_slug,
};
use owui_admin::pages::groups::tree::{
    GroupSort, ancestors, build_rows, descendants, grants_beyond, parent_choices, path,
};
use serde_json::json;

fn g(id: &str, name: &str, parent: Option<&str>, members: u64) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        description: format!("about {name}"),
        parent_group_id: parent.map(str::to_string),
        member_count: Some(members),
        ..Default::default()
    }
}

/// Engineering ⊃ Platform ⊃ SRE, Engineering ⊃ Apps, Support, and an orphan whose parent is gone.
fn sample() -> Vec<Group> {
    vec![
        g("sup", "Support", None, 10),
        g("sre", "SRE", Some("plat"), 2),
        g("eng", "Engineering", None, 6),
        g("plat", "Platform", Some("eng"), 4),
        g("apps", "apps", Some("eng"), 9),
        g("orph", "Orphan", Some("deleted-parent"), 1),
    ]
}

fn names(rows: &[owui_admin::pages::groups::tree::TreeRow]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{}{}", "  ".repeat(r.depth), r.name))
        .collect()
}

#[test]
fn tree_is_depth_first_with_paths_and_case_insensitive_name_order() {
    let rows = build_rows(&sample(), "", GroupSort::Name, &HashSet::new(), None);
    assert_eq!(
        names(&rows),
        [
            "Engineering",
            "  apps",
            "  Platform",
            "    SRE",
            "Orphan",
            "Support"
        ]
    );
    let sre = rows.iter().find(|r| r.id == "sre").unwrap();
    assert_eq!(sre.path, "Engineering / Platform / SRE");
    assert!(rows.iter().find(|r| r.id == "eng").unwrap().has_children);
    assert!(!sre.has_children);
    assert_eq!(path(&sample(), "sre"), "Engineering / Platform / SRE");
}

#[test]
fn collapsing_hides_the_whole_subtree_only() {
    let collapsed = HashSet::from(["eng".to_string()]);
    let rows = build_rows(&sample(), "", GroupSort::Name, &collapsed, None);
    assert_eq!(names(&rows), ["Engineering", "Orphan", "Support"]);
    assert!(!rows[0].expanded);
}

#[test]
fn sorting_by_members_orders_siblings_by_direct_member_count() {
    let rows = build_rows(&sample(), "", GroupSort::Members, &HashSet::new(), None);
    assert_eq!(
        names(&rows),
        [
            "Support",
            "Engineering",
            "  apps",
            "  Platform",
            "    SRE",
            "Orphan"
        ]
    );
}

#[test]
fn search_matches_names_and_descriptions_and_keeps_ancestors_even_when_collapsed() {
    let collapsed = HashSet::from(["eng".to_string(), "plat".to_string()]);
    let rows = build_rows(&sample(), "sr", GroupSort::Name, &collapsed, None);
    assert_eq!(names(&rows), ["Engineering", "  Platform", "    SRE"]);
    assert_eq!(
        rows.iter().map(|r| r.matched).collect::<Vec<_>>(),
        [false, false, true]
    );
    // Descriptions count, case-insensitively.
    let rows = build_rows(
        &sample(),
        "ABOUT SUPP",
        GroupSort::Name,
        &HashSet::new(),
        None,
    );
    assert_eq!(names(&rows), ["Support"]);
    assert!(
        build_rows(
            &sample(),
            "nothing like it",
            GroupSort::Name,
            &HashSet::new(),
            None
        )
        .is_empty()
    );
}

#[test]
fn parent_picker_excludes_the_group_and_its_descendants() {
    let groups = sample();
    assert_eq!(
        descendants(&groups, "eng"),
        HashSet::from(["plat".to_string(), "sre".to_string(), "apps".to_string()])
    );
    let ids: Vec<String> = parent_choices(&groups, Some("eng"))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["orph", "sup"]);
    let for_platform: Vec<String> = parent_choices(&groups, Some("plat"))
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    assert_eq!(
        for_platform,
        ["Engineering", "Engineering / apps", "Orphan", "Support"]
    );
    assert_eq!(parent_choices(&groups, None).len(), groups.len());
    let chain: Vec<&str> = ancestors(&groups, "sre")
        .iter()
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(chain, ["plat", "eng"]);
}

#[test]
fn a_cycle_in_stored_data_does_not_hang() {
    let groups = vec![g("a", "A", Some("b"), 0), g("b", "B", Some("a"), 0)];
    assert_eq!(ancestors(&groups, "a").len(), 1);
    let _ = build_rows(&groups, "", GroupSort::Name, &HashSet::new(), None);
    let _ = build_rows(&groups, "a", GroupSort::Name, &HashSet::new(), None);
}

#[test]
fn custom_permissions_means_granting_more_than_the_defaults() {
    let perms = |v: serde_json::Value| serde_json::from_value::<JsonMap>(v).unwrap();
    let defaults = perms(json!({"chat": {"share": true}, "workspace": {"models": false}}));
    assert!(!grants_beyond(None, Some(&defaults)));
    assert!(!grants_beyond(Some(&perms(json!({}))), Some(&defaults)));
    assert!(!grants_beyond(
        Some(&perms(json!({"chat": {"share": false}}))),
        None
    ));
    // A copy of the defaults (how a new group starts) grants nothing extra.
    assert!(!grants_beyond(Some(&defaults), Some(&defaults)));
    assert!(grants_beyond(Some(&defaults), None));
    assert!(grants_beyond(
        Some(&perms(json!({"workspace": {"models": true}}))),
        Some(&defaults)
    ));
    assert!(grants_beyond(
        Some(&perms(json!({"labs": {"x": true}}))),
        Some(&defaults)
    ));
    let rows = build_rows(
        &[Group {
            permissions: Some(defaults.clone()),
            ..g("a", "A", None, 0)
        }],
        "",
        GroupSort::Name,
        &HashSet::new(),
        Some(&defaults),
    );
    assert!(!rows[0].custom_permissions);
    // The list re-renders a row when its marker changes (defaults arriving after the groups).
    let before = build_rows(
        &[Group {
            permissions: Some(defaults.clone()),
            ..g("a", "A", None, 0)
        }],
        "",
        GroupSort::Name,
        &HashSet::new(),
        None,
    );
    assert!(before[0].custom_permissions);
    assert_ne!(before[0].render_key(), rows[0].render_key());
}

#[test]
fn form_keeps_every_data_key_and_writes_share_only_when_changed() {
    let mut group = g("x", "Old", Some("eng"), 0);
    group.data = Some(
        serde_json::from_value(
            json!({"config": {"share": "members", "default_models": ["m1"]}, "future": 1}),
        )
        .unwrap(),
    );
    let mut input = GeneralInput::of(&group);
    input.name = "  New name ".into();
    input.parent_group_id = None;
    let perms: JsonMap = serde_json::from_value(json!({"chat": {"x_unknown": true}})).unwrap();
    let body = serde_json::to_value(build_form(&group, &input, perms.clone())).unwrap();
    assert_eq!(body["name"], "New name");
    assert_eq!(
        body["parent_group_id"],
        serde_json::Value::Null,
        "null un-nests"
    );
    assert_eq!(body["data"], serde_json::to_value(&group.data).unwrap());
    assert_eq!(body["permissions"], serde_json::to_value(&perms).unwrap());
    input.share = Share::NoOne;
    let body = serde_json::to_value(build_form(&group, &input, perms)).unwrap();
    assert_eq!(body["data"]["config"]["share"], false);
    assert_eq!(body["data"]["config"]["default_models"], json!(["m1"]));
    assert_eq!(body["data"]["future"], 1);
    assert_eq!(Share::from_data(group.data.as_ref()), Share::Members);
}

#[test]
fn csv_emails_are_found_deduplicated_and_resolved() {
    let text = "Name,Email\nAda,\"ADA@example.com\"\nBob; bob@example.com\nnot an email\nada@example.com\nx@y@z\n";
    let emails = parse_emails(text);
    assert_eq!(emails, ["ada@example.com", "bob@example.com"]);
    let users = vec![UserInfo {
        id: "u1".into(),
        name: "Ada".into(),
        email: "Ada@Example.com".into(),
        ..Default::default()
    }];
    let (found, unknown) = resolve(&emails, &users);
    assert_eq!(
        found.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["u1"]
    );
    assert_eq!(unknown, ["bob@example.com"]);
}

#[test]
fn delete_warning_names_children_and_where_they_go() {
    let groups = sample();
    let plat = groups.iter().find(|g| g.id == "plat").unwrap();
    let text = delete_warning(&groups, plat);
    assert!(
        text.contains("its 4 direct membership(s) will be removed"),
        "{text}"
    );
    assert!(
        text.contains("child groups “SRE” move up to “Engineering”"),
        "{text}"
    );
    let eng = groups.iter().find(|g| g.id == "eng").unwrap();
    assert!(
        delete_warning(&groups, eng).contains("“apps”, “Platform” move up to the top level")
            || delete_warning(&groups, eng).contains("“Platform”, “apps” move up to the top level")
    );
    let sup = groups.iter().find(|g| g.id == "sup").unwrap();
    assert!(!delete_warning(&groups, sup).contains("child groups"));
}

#[test]
fn tabs_and_file_names_round_trip() {
    for t in GroupTab::ALL {
        assert_eq!(GroupTab::from_param(t.param()), t);
    }
    assert_eq!(GroupTab::from_param("nonsense"), GroupTab::General);
    assert_eq!(
        file_slug("Engineering / Platform"),
        "engineering---platform"
    );
    assert_eq!(file_slug("///"), "group");
}

#[test]
fn a_group_form_is_seeded_once_per_group() {
    use leptos::prelude::*;
    use owui_admin::pages::groups::group::seed_once;
    let owner = Owner::new();
    owner.set();
    let id = RwSignal::new("a".to_string());
    let key = Memo::new(move |_| id.get());
    let loaded = RwSignal::new(None::<u32>);
    let seed = seed_once(key, move |_| loaded.get());
    assert_eq!(
        seed.get_untracked(),
        None,
        "nothing before the data is there"
    );
    loaded.set(Some(1));
    assert_eq!(seed.get_untracked(), Some(("a".to_string(), 1)));
    // A refetch (e.g. after signing in again) must not replace what the form started from.
    loaded.set(Some(2));
    assert_eq!(seed.get_untracked(), Some(("a".to_string(), 1)));
    // Another group starts over.
    id.set("b".to_string());
    assert_eq!(seed.get_untracked(), Some(("b".to_string(), 2)));
}
