//! User-centric membership (issue 14): the pasted-emails parser and the sorting of lookups, and
//! the user page's group editor as plain data (rows, ticks → joins and leaves, the summary, the
//! identity-provider warning).

use std::collections::HashMap;

use owui_admin::api::{ApiError, Group, GroupSync, User};
use owui_admin::pages::groups::csv::{parse_emails, sort_out};
use owui_admin::pages::users::user_groups_plan::{
    Member, filter_rows, rows, steps, summary, ticked, undone_by_sync,
};
use serde_json::json;

fn g(id: &str, name: &str, parent: Option<&str>, membership: Option<&str>) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        parent_group_id: parent.map(str::to_string),
        membership_type: membership.map(str::to_string),
        ..Default::default()
    }
}

#[test]
fn pasted_emails_any_separator_names_and_case() {
    let text = "Ada Lovelace <ADA@example.com>, bob@example.com;carol@example.com\n\
                dave@example.com eve@example.com\tbob@EXAMPLE.com\n\"Frank\" <frank@example.com>\n\
                not-an-email, x@y@z";
    assert_eq!(
        parse_emails(text),
        [
            "ada@example.com",
            "bob@example.com",
            "carol@example.com",
            "dave@example.com",
            "eve@example.com",
            "frank@example.com"
        ]
    );
}

#[test]
fn a_failed_lookup_is_never_unknown() {
    let emails: Vec<String> = ["a@x.io", "b@x.io", "c@x.io"].map(String::from).into();
    let ada = User {
        id: "u1".into(),
        email: "A@x.io".into(),
        ..Default::default()
    };
    let checked = HashMap::from([
        ("a@x.io".to_string(), Ok(Some(ada))),
        ("b@x.io".to_string(), Ok(None)),
        (
            "c@x.io".to_string(),
            Err(ApiError::Interrupted { write: false }),
        ),
    ]);
    let l = sort_out(&emails, &checked);
    assert_eq!(l.found.len(), 1);
    assert_eq!(l.unknown, ["b@x.io"]);
    assert_eq!(l.failed, ["c@x.io"]);
}

fn sample() -> (Vec<Group>, Vec<Group>) {
    let mut suspended = g("s", "Suspended", None, None);
    suspended.data = json!({"owui_admin_suspended_group": true})
        .as_object()
        .cloned();
    let all = vec![
        g("eng", "Engineering", None, None),
        g("plat", "Platform", Some("eng"), None),
        g("sup", "Support", None, None),
        g("res", "research", None, None),
        suspended.clone(),
    ];
    let mine = vec![
        g("plat", "Platform", Some("eng"), Some("direct")),
        g("eng", "Engineering", None, Some("inherited")),
        g("sup", "Support", None, Some("direct")),
        suspended,
    ];
    (all, mine)
}

#[test]
fn rows_leave_out_the_suspension_group_and_say_through_which_group() {
    let (all, mine) = sample();
    let r = rows(&all, &mine);
    let names: Vec<&str> = r.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Engineering", "Platform", "research", "Support"]);
    assert_eq!(r[0].member, Member::Through(vec!["Platform".into()]));
    assert_eq!(r[1].member, Member::Direct);
    assert_eq!(r[2].member, Member::No);
    assert_eq!(filter_rows(&r, "PORT").len(), 1);
    assert_eq!(filter_rows(&r, "  ").len(), 4);
}

#[test]
fn ticks_become_joins_and_leaves_with_one_summary() {
    let (mut all, mine) = sample();
    all.push(g("ops", "Ops", None, None));
    let r = rows(&all, &mine);
    let none = HashMap::new();
    assert!(steps(&r, &none).is_empty());
    let by = |id: &str| {
        r.iter()
            .find(|r| r.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert!(
        ticked(&by("plat"), &none),
        "a direct membership starts ticked"
    );
    assert!(!ticked(&by("ops"), &none));
    let wanted = HashMap::from([
        ("res".to_string(), true),
        ("ops".to_string(), true),
        ("sup".to_string(), false),
        ("plat".to_string(), true), // unchanged: no step
        ("eng".to_string(), false), // inherited: no box, no step
    ]);
    let s = steps(&r, &wanted);
    assert_eq!(summary(&s), "Join: Ops, research · Leave: Support");
    assert_eq!(s.len(), 3);
    assert_eq!(s[2].label(), "Leave Support");
    let sync = GroupSync {
        oauth: true,
        ldap: false,
        blocked: vec!["Ops".into()],
    };
    assert_eq!(undone_by_sync(&s, &sync), ["research", "Support"]);
    assert!(undone_by_sync(&s, &GroupSync::default()).is_empty());
}
