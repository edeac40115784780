//! Saved views and the column chooser: what localStorage holds and how it is read back.

use owui_admin::pages::users::columns::{self, Column};
use owui_admin::pages::users::query::{Dir, SortKey, UsersQuery};
use owui_admin::pages::users::views::{
    SavedView, decode, delete, encode, name_problem, parse_query_string, rename, save, storage_key,
};

fn q(search: &str, sort: SortKey, dir: Dir, page: u32) -> UsersQuery {
    // Field by field, so fields the list gains later (filters) keep their defaults.
    let mut q = UsersQuery::default().searching(search).at_page(page);
    q.sort = sort;
    q.dir = dir;
    q
}

#[test]
fn a_view_keeps_search_and_sort_but_not_the_page() {
    let shown = q("Chloé & co", SortKey::LastActive, Dir::Desc, 4);
    let v = SavedView::of("  Recent  ", &shown);
    assert_eq!(v.name, "Recent");
    assert!(!v.query.contains("page"), "{}", v.query);
    assert_eq!(v.users_query(), shown.at_page(1));
}

#[test]
fn views_round_trip_through_storage() {
    let mut views = Vec::new();
    save(
        &mut views,
        SavedView::of("Admins", &q("admin", SortKey::Role, Dir::Asc, 1)),
    );
    save(&mut views, SavedView::of("All", &UsersQuery::default()));
    let back = decode(Some(&encode(&views)));
    assert_eq!(back, views);
    assert_eq!(back[1].query, "");
    assert_eq!(back[1].users_query(), UsersQuery::default());
}

#[test]
fn saving_under_a_taken_name_replaces_in_place() {
    let mut views = Vec::new();
    save(
        &mut views,
        SavedView::of("A", &q("one", SortKey::Name, Dir::Asc, 1)),
    );
    save(
        &mut views,
        SavedView::of("B", &q("two", SortKey::Name, Dir::Asc, 1)),
    );
    save(
        &mut views,
        SavedView::of("A", &q("three", SortKey::Name, Dir::Asc, 1)),
    );
    assert_eq!(views.len(), 2);
    assert_eq!(views[0].name, "A");
    assert_eq!(views[0].users_query().search, "three");
}

#[test]
fn rename_refuses_taken_or_empty_names() {
    let mut views = vec![
        SavedView::of("A", &UsersQuery::default()),
        SavedView::of("B", &UsersQuery::default()),
    ];
    assert!(!rename(&mut views, "A", "B"));
    assert!(!rename(&mut views, "A", "   "));
    assert!(!rename(&mut views, "gone", "C"));
    assert!(rename(&mut views, "A", " A2 "));
    assert!(rename(&mut views, "B", "B"), "keeping its own name is fine");
    assert_eq!(views[0].name, "A2");
    assert!(name_problem(&views, "A2", None).is_some());
    assert!(name_problem(&views, &"x".repeat(81), None).is_some());
    delete(&mut views, "A2");
    assert_eq!(views.len(), 1);
}

/// Guards against a panic or a lost list when storage holds something this version did not
/// write: another version's format, hand edits, a truncated write.
#[test]
fn unknown_or_old_entries_decode_leniently() {
    for raw in [
        None,
        Some(""),
        Some("not json"),
        Some("{}"),
        Some("42"),
        Some("[1,"),
    ] {
        assert!(decode(raw).is_empty(), "{raw:?}");
    }
    let raw = r#"[
        {"name": "Old", "query": "?q=ann&page=3&legacy=1&sort=nope"},
        {"name": "", "query": "?q=x"},
        {"query": "?q=no-name"},
        {"name": "Numbers", "query": 17, "extra": true},
        {"name": "Old", "query": "?q=duplicate"},
        "a string",
        {"name": "Escapes", "query": "q=a%2Bb+c%ZZ%e2%82%ac"}
    ]"#;
    let views = decode(Some(raw));
    let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Old", "Numbers", "Escapes"]);
    assert_eq!(views[0].query, "?q=ann", "page and unknown keys dropped");
    assert_eq!(views[1].users_query(), UsersQuery::default());
    assert_eq!(views[2].users_query().search, "a+b c%ZZ€");
}

#[test]
fn query_strings_are_decoded_like_a_browser() {
    assert_eq!(
        parse_query_string("?q=a%20b&sort=name&flag"),
        [
            ("q".to_string(), "a b".to_string()),
            ("sort".to_string(), "name".to_string()),
            ("flag".to_string(), String::new())
        ]
    );
    assert_eq!(parse_query_string("q=%+1%")[0].1, "% 1%");
}

#[test]
fn views_are_kept_per_server() {
    assert_eq!(
        storage_key("https://chat.example.com/"),
        storage_key("https://chat.example.com")
    );
    assert_ne!(
        storage_key("https://a.example.com"),
        storage_key("https://b.example.com")
    );
}

#[test]
fn hidden_columns_round_trip_and_ignore_unknown_names() {
    let defaults = columns::decode(None);
    assert_eq!(defaults, [Column::Messages, Column::Tokens]);
    let hidden = columns::toggled(&defaults, Column::Groups, false);
    let hidden = columns::toggled(&hidden, Column::Role, false);
    assert_eq!(
        hidden,
        [
            Column::Role,
            Column::Groups,
            Column::Messages,
            Column::Tokens
        ],
        "in the table's order"
    );
    assert_eq!(columns::decode(Some(&columns::encode(&hidden))), hidden);
    assert_eq!(
        columns::table_classes(&hidden),
        "hide-role hide-groups hide-messages hide-tokens"
    );
    let shown_again = columns::toggled(&hidden, Column::Role, true);
    assert_eq!(
        shown_again,
        [Column::Groups, Column::Messages, Column::Tokens]
    );
    for raw in [None, Some("x"), Some("[]"), Some(r#"{"hidden": "role"}"#)] {
        assert_eq!(columns::decode(raw), defaults, "{raw:?}");
    }
    assert_eq!(
        columns::decode(Some(
            r#"{"hidden": ["name", "created", 3, "future-column"]}"#
        )),
        [Column::Created, Column::Messages, Column::Tokens],
        "Name can never be hidden; unknown names are ignored"
    );
}

/// The usage columns cost an analytics call: hidden until shown, and a choice stored before
/// they existed (only `hidden`) leaves them hidden, while showing one is kept.
#[test]
fn usage_columns_are_hidden_by_default_and_a_shown_one_is_kept() {
    assert!(Column::Messages.hidden_by_default() && Column::Tokens.hidden_by_default());
    assert!(
        Column::ALL
            .iter()
            .filter(|c| !matches!(c, Column::Messages | Column::Tokens))
            .all(|c| !c.hidden_by_default())
    );
    let old = r#"{"hidden": ["groups"]}"#;
    assert_eq!(
        columns::decode(Some(old)),
        [Column::Groups, Column::Messages, Column::Tokens]
    );
    let shown = columns::toggled(&columns::decode(None), Column::Messages, true);
    assert_eq!(shown, [Column::Tokens]);
    let stored = columns::encode(&shown);
    assert_eq!(stored, r#"{"hidden":[],"shown":["messages"]}"#);
    assert_eq!(columns::decode(Some(&stored)), [Column::Tokens]);
    // Everything shown, everything hidden.
    let none: Vec<Column> = Vec::new();
    assert_eq!(columns::decode(Some(&columns::encode(&none))), none);
    assert_eq!(
        columns::decode(Some(&columns::encode(&Column::ALL))),
        Column::ALL
    );
}
