//! Rules of the users screens that decide what people may do and what gets sent.

use owui_admin::api::{Group, User};
use owui_admin::components::profile_images::{ImageSource, image_source};
use owui_admin::pages::users::bulk::{
    BulkAction, Guard, Outcome, eligible, merge, names_summary, results_csv, tally,
};
use owui_admin::pages::users::edit_dialog::{EditForm, remote_changes};
use owui_admin::pages::users::primary_admin_id;
use owui_admin::pages::users::user_page::inherited_via;

fn user(id: &str, name: &str, role: &str, created: i64) -> User {
    User {
        id: id.into(),
        name: name.into(),
        email: format!("{id}@example.com"),
        role: role.into(),
        created_at: Some(created),
        updated_at: Some(created),
        ..Default::default()
    }
}

#[test]
fn primary_admin_is_the_earliest_with_admins_winning_ties() {
    assert_eq!(
        primary_admin_id(&[user("b", "B", "user", 5), user("a", "A", "admin", 7)]),
        Some("b".into())
    );
    assert_eq!(
        primary_admin_id(&[user("u", "U", "user", 5), user("a", "A", "admin", 5)]),
        Some("a".into())
    );
    assert_eq!(primary_admin_id(&[]), None);
}

#[test]
fn edit_sends_only_what_changed() {
    let u = user("u1", "Ada", "user", 1);
    let mut f = EditForm::of(&u);
    assert_eq!(
        f.changes(&u, true),
        Default::default(),
        "nothing changed, nothing sent"
    );
    f.name = " Ada L ".into();
    f.email = "ADA@Example.com".into();
    f.role = "admin".into();
    let c = f.changes(&u, true);
    assert_eq!(c.name.as_deref(), Some("Ada L"));
    assert_eq!(c.email.as_deref(), Some("ada@example.com"));
    assert_eq!(c.role.as_deref(), Some("admin"));
    assert_eq!(c.password, None, "an empty password keeps the old one");
    assert_eq!(
        f.changes(&u, false).role,
        None,
        "a locked role is never sent"
    );
    f.password = "new secret".into();
    assert_eq!(f.changes(&u, true).password.as_deref(), Some("new secret"));
}

#[test]
fn edit_checks_fields_before_sending() {
    let u = user("u1", "Ada", "user", 1);
    let mut f = EditForm::of(&u);
    assert!(f.problems(true).is_empty());
    f.email = "nope".into();
    f.role = "superuser".into();
    f.image = "javascript:alert(1)".into();
    f.name = "".into();
    let p = f.problems(true);
    for field in ["email", "role", "profile_image_url", "name"] {
        assert!(p.contains_key(field), "{field} not flagged: {p:?}");
    }
    assert!(
        !f.problems(false).contains_key("role"),
        "a locked role is not checked"
    );
}

#[test]
fn conflicts_list_what_someone_else_changed() {
    let before = user("u1", "Ada", "user", 1);
    let mut now = before.clone();
    now.role = "admin".into();
    now.updated_at = Some(9);
    assert_eq!(
        remote_changes(&before, &now),
        vec![("Role", "user".to_string(), "admin".to_string())]
    );
}

#[test]
fn bulk_never_touches_self_or_primary_admin_except_group_adds() {
    let users = vec![
        user("me", "Me", "admin", 3),
        user("p", "Primary", "admin", 1),
        user("x", "X", "user", 4),
    ];
    let guard = Guard {
        self_id: "me".into(),
        primary_id: Some("p".into()),
        ..Default::default()
    };
    let split = eligible(BulkAction::Delete, &users, &guard);
    assert_eq!(
        split.ok.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["x"]
    );
    assert_eq!(
        split
            .skipped
            .iter()
            .map(|(u, why)| (u.id.as_str(), *why))
            .collect::<Vec<_>>(),
        [("me", "your own account"), ("p", "the primary admin")]
    );
    for a in [BulkAction::ChangeRole, BulkAction::SignOut] {
        assert_eq!(eligible(a, &users, &guard).ok.len(), 1);
    }
    for a in [BulkAction::AddToGroup, BulkAction::RemoveFromGroup] {
        assert_eq!(eligible(a, &users, &guard).ok.len(), 3);
    }
    assert_eq!(names_summary(&users, 2), "Me, Primary and 1 more");
    assert_eq!(names_summary(&users, 5), "Me, Primary, X");
}

#[test]
fn inherited_groups_say_through_which_group() {
    let g = |id: &str, name: &str, parent: Option<&str>, kind: &str| Group {
        id: id.into(),
        name: name.into(),
        parent_group_id: parent.map(Into::into),
        membership_type: Some(kind.into()),
        ..Default::default()
    };
    let groups = vec![
        g("plat", "Platform", Some("eng"), "direct"),
        g("eng", "Engineering", Some("org"), "inherited"),
        g("org", "Company", None, "inherited"),
    ];
    let via = inherited_via(&groups);
    assert_eq!(via["eng"], ["Platform"]);
    assert_eq!(via["org"], ["Platform"]);
    assert!(!via.contains_key("plat"));
    // A cycle in bad data ends instead of looping.
    let cyclic = vec![
        g("a", "A", Some("b"), "direct"),
        g("b", "B", Some("a"), "inherited"),
    ];
    assert_eq!(inherited_via(&cyclic)["b"], ["A"]);
}

#[test]
fn where_pictures_come_from() {
    assert_eq!(image_source(None), ImageSource::Initials);
    assert_eq!(image_source(Some("/user.png")), ImageSource::Initials);
    assert_eq!(image_source(Some("")), ImageSource::Initials);
    let png = "data:image/png;base64,iVBORw0KGgo=";
    assert_eq!(image_source(Some(png)), ImageSource::Direct(png.into()));
    assert_eq!(
        image_source(Some("https://cdn.example.com/a.png")),
        ImageSource::Direct("https://cdn.example.com/a.png".into())
    );
    assert_eq!(
        image_source(Some("/api/v1/users/u1/profile/image")),
        ImageSource::Fetch
    );
    assert_eq!(
        image_source(Some("data:image/svg+xml;base64,PHN2Zz4=")),
        ImageSource::Fetch,
        "never inline an SVG; let the server decide"
    );
}

/// A suspend never takes an admin silently: admins are set apart to be ticked one by one; the
/// suspended are left out of a suspend and only they are reactivated.
#[test]
fn suspend_sets_admins_apart_and_reactivate_takes_only_the_suspended() {
    let users = vec![
        user("me", "Me", "admin", 3),
        user("a", "Other Admin", "admin", 4),
        user("x", "X", "user", 5),
        user("s", "S", "pending", 6),
    ];
    let guard = Guard {
        self_id: "me".into(),
        primary_id: Some("p".into()),
        suspended: ["s".to_string()].into_iter().collect(),
    };
    let split = eligible(BulkAction::Suspend, &users, &guard);
    let ids = |v: &[User]| v.iter().map(|u| u.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&split.ok), ["x"]);
    assert_eq!(ids(&split.admins), ["a"]);
    assert_eq!(
        split
            .skipped
            .iter()
            .map(|(u, why)| (u.id.as_str(), *why))
            .collect::<Vec<_>>(),
        [("me", "your own account"), ("s", "already suspended")]
    );
    let back = eligible(BulkAction::Reactivate, &users, &guard);
    assert_eq!(ids(&back.ok), ["s"]);
    assert!(back.admins.is_empty());
    assert_eq!(back.skipped.len(), 3);
}

#[test]
fn results_say_who_was_done_failed_or_not_attempted_and_retries_merge() {
    let mut rows = vec![
        (user("a", "Ann, Jr.", "user", 1), Outcome::Done),
        (
            user("b", "Bob", "user", 2),
            Outcome::Failed("Server said \"no\"".into()),
        ),
        (user("c", "Cy", "user", 3), Outcome::NotAttempted),
    ];
    assert_eq!(tally(&rows), (1, 1, 1));
    assert_eq!(
        results_csv(&rows),
        "Name,Email,Outcome,Reason\n\"Ann, Jr.\",a@example.com,done,\nBob,b@example.com,failed,\"Server said \"\"no\"\"\"\nCy,c@example.com,not attempted,\n"
    );
    merge(
        &mut rows,
        vec![(user("b", "Bob", "user", 2), Outcome::Done)],
    );
    assert_eq!(tally(&rows), (2, 0, 1));
}
