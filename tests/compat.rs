//! The server-version table: parsing what `/api/version` says, which capability each line has,
//! and the adapters that shape requests for older lines.

use owui_admin::api::compat::{OLDEST_SUPPORTED, SUPPORTED_TEXT};
use owui_admin::api::*;
use serde_json::json;

fn server(version: &str) -> ServerInfo {
    ServerInfo {
        version: Some(version.into()),
        config: None,
    }
}

#[test]
fn versions_parse_with_and_without_suffixes() {
    assert_eq!(Version::parse("0.12.4"), Some(Version::new(0, 12, 4)));
    assert_eq!(Version::parse("0.6.43"), Some(Version::new(0, 6, 43)));
    assert_eq!(Version::parse(" v0.9.0 "), Some(Version::new(0, 9, 0)));
    assert_eq!(Version::parse("0.6.5-dev"), Some(Version::new(0, 6, 5)));
    assert_eq!(Version::parse("0.12.0rc1"), Some(Version::new(0, 12, 0)));
    assert_eq!(Version::parse("0.7"), Some(Version::new(0, 7, 0)));
    assert_eq!(Version::parse("0.7-dev"), Some(Version::new(0, 7, 0)));
    assert_eq!(Version::parse("1.0.0.1"), Some(Version::new(1, 0, 0)));
    for bad in ["", "dev", "0", "x.1.2", "0.x.1", "0..1"] {
        assert_eq!(Version::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn versions_compare_by_number_not_text() {
    let v = |s| Version::parse(s).unwrap();
    assert!(v("0.12.0") > v("0.9.6"));
    assert!(v("0.10.0") > v("0.9.99"));
    assert!(v("0.6.43") > v("0.6.5"));
    assert!(v("1.0.0") > v("0.12.4"));
    // A development build counts as the version it is built towards.
    assert_eq!(v("0.12.0-dev"), v("0.12.0"));
    assert_eq!(v("0.12.4").to_string(), "0.12.4");
}

#[test]
fn capability_table_as_in_issue_11() {
    use Capability::*;
    let expect = [
        (GroupMembersPage, "0.12.0"),
        (ParentGroup, "0.12.0"),
        (SessionsRevoke, "0.12.0"),
        (InheritedUserGroups, "0.12.0"),
        (GroupNotFound404, "0.12.0"),
        (FactoryDefaultPermissions, "0.10.0"),
        (UserPreview, "0.9.6"),
        (PostSignout, "0.9.3"),
        (PartialUserUpdate, "0.9.0"),
        (SixPermissionSections, "0.7.0"),
        (ShareMembers, "0.7.0"),
        (SettingsUiPatch, "0.11.0"),
        (EventWebhooks, "0.10.0"),
        (UserAnalytics, "0.8.0"),
    ];
    assert_eq!(expect.len(), Capability::ALL.len());
    for (cap, since) in expect {
        assert_eq!(cap.since().to_string(), since, "{cap:?}");
        let since = Version::parse(since).unwrap();
        // Present from its version on, absent in the release before.
        assert!(server(&since.to_string()).has(cap), "{cap:?}");
        let before = if since.patch > 0 {
            Version::new(since.major, since.minor, since.patch - 1)
        } else {
            Version::new(since.major, since.minor - 1, 99)
        };
        assert!(
            !server(&before.to_string()).has(cap),
            "{cap:?} before {since}"
        );
    }
    assert_eq!(
        SessionsRevoke.needs_text(),
        "Needs Open WebUI 0.12 or newer"
    );
    assert_eq!(UserPreview.needs_text(), "Needs Open WebUI 0.9.6 or newer");
}

#[test]
fn each_tested_line_has_what_the_issue_measured() {
    let current = server("0.12.4");
    assert!(Capability::ALL.iter().all(|c| current.has(*c)));
    let l11 = server("0.11.4");
    assert!(!l11.has(Capability::SessionsRevoke) && !l11.has(Capability::ParentGroup));
    assert!(
        l11.has(Capability::FactoryDefaultPermissions)
            && l11.has(Capability::PartialUserUpdate)
            && l11.has(Capability::SettingsUiPatch)
    );
    let l8 = server("0.8.12");
    assert!(!l8.has(Capability::PartialUserUpdate) && !l8.has(Capability::PostSignout));
    assert!(l8.has(Capability::ShareMembers) && l8.has(Capability::UserAnalytics));
    assert!(!server("0.7.9").has(Capability::UserAnalytics));
    let l6 = server("0.6.43");
    assert!(
        Capability::ALL.iter().all(|c| !l6.has(*c)),
        "0.6.43 lacks every listed capability"
    );
}

#[test]
fn unknown_server_is_treated_as_current() {
    for s in [ServerInfo::default(), server("nightly")] {
        assert!(Capability::ALL.iter().all(|c| s.has(*c)));
        assert!(s.check_supported().is_ok());
    }
}

#[test]
fn below_the_oldest_line_sign_in_says_which_versions_work() {
    assert_eq!(OLDEST_SUPPORTED.to_string(), "0.6.43");
    for ok in ["0.6.43", "0.8.12", "0.12.4", "0.13.0"] {
        assert!(server(ok).check_supported().is_ok(), "{ok}");
    }
    for old in ["0.6.42", "0.5.20", "0.6.5-dev"] {
        let msg = server(old).check_supported().unwrap_err();
        assert!(msg.contains(old), "{msg}");
        assert!(msg.contains(SUPPORTED_TEXT), "{msg}");
    }
}

#[test]
fn frame_label_and_features() {
    let s = ServerInfo {
        version: Some("0.12.4".into()),
        config: serde_json::from_value(json!({"features": {"enable_signup": false}})).ok(),
    };
    assert_eq!(s.label().as_deref(), Some("Open WebUI 0.12.4"));
    assert_eq!(s.feature("enable_signup"), Some(false));
    assert_eq!(s.feature("nope"), None);
    assert_eq!(ServerInfo::default().label(), None);
}

fn loaded_user() -> User {
    serde_json::from_value(json!({
        "id": "u1", "name": "Ada", "email": "ada@example.com", "role": "user",
        "profile_image_url": "/user.png"
    }))
    .unwrap()
}

#[test]
fn user_update_sends_only_changes_from_0_9_and_every_required_field_before() {
    let role_only = UserUpdate {
        role: Some("admin".into()),
        ..Default::default()
    };
    // 0.12.4 (and any 0.9+): exactly what changed.
    let body = server("0.12.4").user_update_body(&loaded_user(), &role_only);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"role": "admin"})
    );
    assert_eq!(
        server("0.9.0").user_update_body(&loaded_user(), &role_only),
        role_only
    );
    // Before 0.9.0: role, name, email and profile_image_url all present, unchanged ones as loaded.
    let body = server("0.8.12").user_update_body(&loaded_user(), &role_only);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"role": "admin", "name": "Ada", "email": "ada@example.com", "profile_image_url": "/user.png"})
    );
    let rename = UserUpdate {
        name: Some("Ada L.".into()),
        password: Some("s3cret!".into()),
        ..Default::default()
    };
    let body = server("0.6.43").user_update_body(&loaded_user(), &rename);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"role": "user", "name": "Ada L.", "email": "ada@example.com",
               "profile_image_url": "/user.png", "password": "s3cret!"})
    );
}

#[test]
fn a_missing_route_after_sign_in_says_the_server_lacks_the_feature() {
    use owui_admin::api::endpoints as ep;
    let revoke = ep::user_sessions_revoke("u1");
    assert_eq!(revoke.needs, Some(Capability::SessionsRevoke));
    let e = ApiError::missing_feature(405, "application/json", &revoke, Some("0.11.4"));
    assert_eq!(
        e,
        Some(ApiError::Unsupported {
            version: Some("0.11.4".into())
        })
    );
    let msg = e.unwrap().to_string();
    assert!(
        msg.contains("This Open WebUI (version 0.11.4) does not have this feature"),
        "{msg}"
    );
    assert!(!msg.contains("address"), "{msg}");
    // The web UI's page where JSON was expected, on each route some supported line lacks.
    for optional in [
        ep::user_preview("u1"),
        ep::default_permissions_factory(),
        ep::group_members("g", Membership::Effective, "", 1),
        ep::signout(true),
        ep::signout(false),
    ] {
        assert!(
            ApiError::missing_feature(200, "text/html; charset=utf-8", &optional, None).is_some(),
            "{optional:?}"
        );
    }
    // A web page on a route every line has is a proxy's page or a wrong address, told as
    // such; a 405 there still means the server does not take that call.
    let list = ep::users_list(&Default::default());
    assert_eq!(list.needs, None);
    assert_eq!(
        ApiError::missing_feature(200, "text/html", &list, None),
        None
    );
    assert!(ApiError::missing_feature(405, "application/json", &list, None).is_some());
    // Not outside the API, not for JSON, not for other statuses.
    assert_eq!(
        ApiError::missing_feature(405, "application/json", &ep::version(), None),
        None
    );
    assert_eq!(
        ApiError::missing_feature(200, "application/json", &revoke, None),
        None
    );
    assert_eq!(
        ApiError::missing_feature(404, "text/html", &revoke, None),
        None
    );
    assert!(!ApiError::Unsupported { version: None }.is_session_expired());
}

#[test]
fn a_group_not_found_answered_with_401_keeps_the_session() {
    let e = ApiError::from_response(
        401,
        "application/json",
        r#"{"detail":"We could not find what you're looking for :/"}"#,
        "http://srv/api/v1/groups/id/x",
    );
    assert!(matches!(e, ApiError::NotFound(_)), "{e:?}");
    assert!(!e.is_session_expired());
    // A real 401 still ends the session.
    let e = ApiError::from_response(
        401,
        "application/json",
        r#"{"detail":"Not authenticated"}"#,
        "u",
    );
    assert!(e.is_session_expired());
}

#[test]
fn a_session_stored_before_server_info_still_loads() {
    use owui_admin::session::Session;
    let old = json!({
        "base_url": "http://srv", "token": "t", "remember": true, "borrowed": false,
        "user": {"id": "u", "name": "Ada", "email": "a@x", "role": "admin"}
    });
    let s: Session = serde_json::from_value(old).unwrap();
    assert_eq!(s.server, None);
    let mut s2 = s.clone();
    s2.server = Some(server("0.6.43"));
    let back: Session = serde_json::from_str(&serde_json::to_string(&s2).unwrap()).unwrap();
    assert_eq!(back.server.unwrap().version.as_deref(), Some("0.6.43"));
}

fn member(id: &str, name: &str, email: &str) -> UserInfo {
    UserInfo {
        id: id.into(),
        name: name.into(),
        email: email.into(),
        role: "user".into(),
        ..Default::default()
    }
}

#[test]
fn members_of_an_old_server_are_filtered_sorted_and_paged_here() {
    use owui_admin::api::adapters::members_page;
    // 65 direct members, as `POST /groups/id/{id}/users` lists them (in no particular order).
    let direct: Vec<UserInfo> = (0..65)
        .rev()
        .map(|i| {
            member(
                &format!("u{i}"),
                &format!("User {i:02}"),
                &format!("u{i}@example.com"),
            )
        })
        .collect();
    let p1 = members_page(direct.clone(), Membership::Direct, "", 1);
    assert_eq!((p1.total, p1.items.len()), (65, 30));
    assert_eq!(
        (p1.counts.direct, p1.counts.inherited, p1.counts.effective),
        (65, 0, 65)
    );
    assert_eq!(p1.items[0].name, "User 00");
    assert!(
        p1.items
            .iter()
            .all(|u| u.membership_type.as_deref() == Some("direct"))
    );
    let p3 = members_page(direct.clone(), Membership::Effective, "", 3);
    assert_eq!((p3.total, p3.items.len()), (65, 5));
    assert_eq!(p3.items[4].name, "User 64");
    // Past the last page: empty, the total still right.
    let p9 = members_page(direct.clone(), Membership::Direct, "", 9);
    assert_eq!((p9.total, p9.items.len()), (65, 0));
    // Name or email, any case; the counts stay those of the whole group.
    let q = members_page(direct.clone(), Membership::Direct, " USER 1", 1);
    assert_eq!(q.total, 10, "User 10 .. User 19");
    assert_eq!(q.counts.direct, 65);
    let q = members_page(direct.clone(), Membership::Direct, "u42@", 1);
    assert_eq!(
        q.items.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["u42"]
    );
    // No nesting before 0.12: nobody is inherited.
    let inh = members_page(direct, Membership::Inherited, "", 1);
    assert_eq!((inh.total, inh.items.len(), inh.counts.direct), (0, 0, 65));
}

fn group_form(parent: Option<&str>, share: serde_json::Value) -> GroupForm {
    GroupForm {
        name: "Team".into(),
        description: "d".into(),
        parent_group_id: parent.map(str::to_string),
        permissions: None,
        data: serde_json::from_value(json!({"config": {"share": share}, "x": 1})).ok(),
    }
}

#[test]
fn group_bodies_never_carry_what_the_line_ignores_or_misreads() {
    let form = group_form(Some("p1"), json!("members"));
    let now = server("0.12.4").group_form_body(&form);
    assert_eq!(now["parent_group_id"], "p1");
    assert_eq!(now["data"]["config"]["share"], "members");
    // Un-nesting is an explicit null on 0.12.
    let top = server("0.12.4").group_form_body(&group_form(None, json!(true)));
    assert!(top.as_object().unwrap().contains_key("parent_group_id"));
    // 0.11: no parent_group_id at all (it would be ignored); "members" is understood.
    let l11 = server("0.11.4").group_form_body(&form);
    assert!(
        !l11.as_object().unwrap().contains_key("parent_group_id"),
        "{l11}"
    );
    assert_eq!(l11["data"]["config"]["share"], "members");
    // 0.6: true/false only; other data keys stay.
    let l6 = server("0.6.43").group_form_body(&form);
    assert!(!l6.as_object().unwrap().contains_key("parent_group_id"));
    assert_eq!(l6["data"], json!({"config": {}, "x": 1}));
    for b in [true, false] {
        let l6 = server("0.6.43").group_form_body(&group_form(None, json!(b)));
        assert_eq!(l6["data"]["config"]["share"], b);
    }
}

#[test]
fn a_removed_settings_ui_key_is_null_from_0_11_and_left_out_before() {
    let body: JsonMap = serde_json::from_value(json!({
        "ui": {"keep": 1, "gone": null}, "top": null, "other": {"a": 1}
    }))
    .unwrap();
    let now = server("0.12.4").settings_body(&body);
    assert_eq!(now, body);
    assert_eq!(server("0.11.4").settings_body(&body), body);
    let l6 = serde_json::Value::Object(server("0.6.43").settings_body(&body));
    assert_eq!(
        l6,
        json!({"ui": {"keep": 1}, "top": null, "other": {"a": 1}})
    );
}
