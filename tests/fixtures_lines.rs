//! The fixture sets recorded from real older Open WebUI lines (`scripts/record-fixtures`, one
//! set per line in tests/fixtures/<version>/; the newest line's set is tests/fixtures.rs's): what
//! decodes as on 0.12.4, how what a line lacks is recognised (a missing route, a 401 that means
//! "not found", a 422 for a partial user update), and that the adapters send what each line
//! takes. Every test runs over every older line; what differs is asked of the line's
//! [`ServerInfo`], as the app does.

use std::path::PathBuf;

use owui_admin::api::*;
use serde_json::{Value, json};

/// The older supported lines with a recorded set (scripts/env.sh OWUI_LINES minus the newest).
const LINES: [&str; 2] = ["0.11.4", "0.6.43"];

struct Fixture {
    status: u16,
    content_type: String,
    text: String,
}

fn dir(line: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(line)
}

fn fixture(line: &str, name: &str) -> Fixture {
    let path = dir(line).join(format!("{name}.json"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run scripts/record-fixtures {line})",
            path.display()
        )
    });
    let doc: Value = serde_json::from_str(&raw).unwrap();
    let text = match (&doc["body_kind"], &doc["body"]) {
        (Value::String(k), Value::String(s)) if k == "text" => s.clone(),
        (_, body) => body.to_string(),
    };
    Fixture {
        status: doc["status"].as_u64().unwrap() as u16,
        content_type: doc["content_type"].as_str().unwrap().to_string(),
        text,
    }
}

fn ok<T: serde::de::DeserializeOwned>(line: &str, name: &str) -> T {
    let f = fixture(line, name);
    decode::<T>(f.status, &f.content_type, &f.text, name)
        .unwrap_or_else(|e| panic!("{line} {name}: {e:?}"))
}

fn err(line: &str, name: &str) -> ApiError {
    let f = fixture(line, name);
    decode::<Value>(f.status, &f.content_type, &f.text, "http://srv/x")
        .expect_err(&format!("{line} {name}"))
}

/// What the signed-in client makes of the answer to `endpoint`: a route the line lacks, or `None`.
fn missing(line: &str, name: &str, endpoint: &endpoints::Endpoint) -> Option<ApiError> {
    let f = fixture(line, name);
    ApiError::missing_feature(f.status, &f.content_type, endpoint, Some(line))
}

/// The line as sign-in reads it (its recorded `/api/version` and `/api/config`).
fn server(line: &str) -> ServerInfo {
    let v: Value = ok(line, "version");
    ServerInfo {
        version: v["version"].as_str().map(str::to_string),
        config: ok(line, "config"),
    }
}

#[test]
fn each_server_says_its_version_and_features() {
    for line in LINES {
        let server = server(line);
        assert_eq!(server.parsed(), Version::parse(line));
        assert!(server.check_supported().is_ok());
        assert_eq!(server.label(), Some(format!("Open WebUI {line}")));
        assert!(server.feature("auth").is_some() || server.feature("enable_signup").is_some());
        assert!(!server.has(Capability::GroupMembersPage));
    }
    assert!(!server("0.6.43").has(Capability::PartialUserUpdate));
    assert!(server("0.11.4").has(Capability::PartialUserUpdate));
}

#[test]
fn shared_routes_decode_as_on_the_current_line() {
    for l in LINES {
        let page: UserList = ok(l, "users_list");
        assert_eq!((page.users.len(), page.total), (30, 41), "{l}");
        assert!(page.users.iter().any(|u| !u.group_ids.is_empty()));
        let searched: UserList = ok(l, "users_list_search_sorted");
        assert!(searched.total > 30);
        let all: UserInfoList = ok(l, "users_all");
        assert_eq!(all.users.len() as u64, all.total);
        let _: UserInfoList = ok(l, "users_search");
        let u: User = ok(l, "user_by_id");
        assert!(!u.id.is_empty());
        assert!(ok::<Value>(l, "user_active")["active"].is_boolean());
        let me: SessionUser = ok(l, "auths_session");
        assert!(me.is_admin());
        let _: Vec<Group> = ok(l, "users_self_groups");
        let _: JsonMap = ok(l, "users_self_permissions");
        let _: UserStatus = ok(l, "user_status");
        let _: Value = ok(l, "user_status_update");
        let _: Option<JsonMap> = ok(l, "user_settings_raw");
        let saved: JsonMap = ok(l, "user_settings_update");
        assert_eq!(saved["ui"]["futureKey"], json!({"nested": [1, 2]}));
        let _: Option<JsonMap> = ok(l, "user_info");
        let _: Option<JsonMap> = ok(l, "user_info_update");
        let added: AddedUser = ok(l, "auths_add");
        assert_eq!(added.role, "user");
        assert_eq!(ok::<Value>(l, "user_delete"), json!(true));
    }
    // Sign-out: GET before 0.9.3 (what the client sends there), POST after (GET is the web UI).
    assert_eq!(
        ok::<Value>("0.6.43", "signout_get"),
        json!({"status": true})
    );
    assert!(!server("0.6.43").has(Capability::PostSignout));
    assert!(matches!(
        err("0.11.4", "signout_get"),
        ApiError::NotJson { .. }
    ));
    assert!(server("0.11.4").has(Capability::PostSignout));
}

#[test]
fn removed_settings_ui_keys_need_the_adapter_before_0_11() {
    for l in LINES {
        let back: JsonMap = ok(l, "user_settings_ui_null");
        let ui = back["ui"].as_object().unwrap();
        if server(l).has(Capability::SettingsUiPatch) {
            assert!(
                !ui.contains_key("textScale"),
                "{l}: ui.textScale: null deletes"
            );
        } else {
            // Stored as null: so the adapter sends `ui` whole without the key instead.
            assert_eq!(ui.get("textScale"), Some(&Value::Null), "{l}");
            let sent: JsonMap =
                serde_json::from_value(json!({"ui": {"textScale": null, "k": 1}})).unwrap();
            assert_eq!(
                Value::Object(server(l).settings_body(&sent)),
                json!({"ui": {"k": 1}})
            );
        }
    }
}

#[test]
fn groups_decode_without_parent_group_id() {
    for l in LINES {
        let groups: Vec<Group> = ok(l, "groups_list");
        assert_eq!(groups.len(), 3);
        let raw: Value = ok(l, "groups_list");
        assert!(
            raw.as_array()
                .unwrap()
                .iter()
                .all(|g| g.get("parent_group_id").is_none()),
            "{l} has no nested groups"
        );
        for name in [
            "group_by_id",
            "group_export",
            "group_create",
            "group_update",
            "group_users_add",
            "group_users_remove",
            "err_cycle",
        ] {
            let g: Group = ok(l, name);
            // Sent with a parent: ignored (so the client never sends one there).
            assert_eq!(g.parent_group_id, None, "{l} {name}");
        }
        assert!(!server(l).has(Capability::ParentGroup));
        // The direct members, unpaginated: what the members tab pages here.
        let direct: Vec<UserInfo> = ok(l, "group_users");
        assert!(!direct.is_empty());
        let n = direct.len() as u64;
        let page = adapters::members_page(direct, Membership::Effective, "", 1);
        assert_eq!(
            (page.total, page.counts.direct, page.counts.inherited),
            (n, n, 0)
        );
        let direct: Vec<Group> = ok(l, "user_groups_inherited");
        assert!(!direct.is_empty());
        assert_eq!(ok::<Value>(l, "group_delete"), json!(true));
    }
    // 0.6 only knows share true/false; the seeded groups there have no data at all.
    let raw: Value = ok("0.11.4", "group_create");
    assert_eq!(raw["data"]["config"]["share"], "members");
    assert!(!server("0.6.43").has(Capability::ShareMembers));
}

#[test]
fn default_permission_sections_as_the_line_has_them() {
    for (l, want) in [
        ("0.6.43", &["chat", "features", "sharing", "workspace"][..]),
        (
            "0.11.4",
            &[
                "chat",
                "features",
                "settings",
                "sharing",
                "workspace",
                "access_grants",
            ][..],
        ),
    ] {
        let perms: JsonMap = ok(l, "default_permissions");
        let mut keys: Vec<_> = perms.keys().map(String::as_str).collect();
        keys.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(keys, want, "{l}");
        // Sent back as given: the server keeps exactly those sections.
        let saved: JsonMap = ok(l, "default_permissions_update");
        assert_eq!(saved.len(), want.len(), "{l}");
        if server(l).has(Capability::FactoryDefaultPermissions) {
            let factory: JsonMap = ok(l, "default_permissions_factory");
            assert_eq!(factory.len(), want.len(), "{l}");
        }
    }
}

#[test]
fn routes_a_line_lacks_are_recognised() {
    for l in LINES {
        let s = server(l);
        let routes = [
            (
                "group_members_effective",
                endpoints::group_members("g", Membership::Effective, "", 1),
                Capability::GroupMembersPage,
            ),
            (
                "group_members_inherited",
                endpoints::group_members("g", Membership::Inherited, "", 1),
                Capability::GroupMembersPage,
            ),
            (
                "user_preview",
                endpoints::user_preview("u"),
                Capability::UserPreview,
            ),
            (
                "default_permissions_factory",
                endpoints::default_permissions_factory(),
                Capability::FactoryDefaultPermissions,
            ),
            (
                "sessions_revoke",
                endpoints::user_sessions_revoke("u"),
                Capability::SessionsRevoke,
            ),
        ];
        for (name, endpoint, cap) in routes {
            let found = missing(l, name, &endpoint);
            if s.has(cap) {
                assert_eq!(found, None, "{l} {name}");
            } else {
                let e = found.unwrap_or_else(|| panic!("{l} {name} not recognised as missing"));
                assert!(
                    e.to_string().contains(&format!("version {l}")),
                    "{name}: {e}"
                );
            }
        }
        // A path without its trailing slash: a web page where data belongs, not a missing feature.
        assert!(matches!(
            err(l, "err_missing_trailing_slash"),
            ApiError::NotJson { status: 200, .. }
        ));
        assert_eq!(
            missing(l, "users_list", &endpoints::users_list(&Default::default())),
            None
        );
        assert_eq!(
            missing(l, "user_update", &endpoints::user_update("u")),
            None
        );
    }
    // Routes the console does not call, absent on 0.6.43 (the web UI's page), there on 0.11.4.
    for name in ["group_info", "user_info_by_id"] {
        assert!(
            matches!(err("0.6.43", name), ApiError::NotJson { status: 200, .. }),
            "{name}"
        );
        let _: Value = ok("0.11.4", name);
    }
}

#[test]
fn errors_map_as_on_the_current_line_or_better() {
    for l in LINES {
        // Groups answer "not found" with 401 before 0.12: not a reason to sign the admin out.
        let e = err(l, "err_group_not_found");
        assert!(matches!(e, ApiError::NotFound(_)), "{l} {e:?}");
        assert!(err(l, "err_no_token").is_session_expired());
        assert!(err(l, "err_bad_token").is_session_expired());
        assert!(matches!(err(l, "err_not_admin"), ApiError::Forbidden(_)));
        assert!(matches!(
            err(l, "err_user_not_found"),
            ApiError::NotFound(_)
        ));
        assert!(matches!(
            err(l, "user_oauth_sessions_empty"),
            ApiError::NotFound(_)
        ));
        for name in [
            "err_validation_page",
            "err_validation_group_form",
            "err_auths_validation",
            "err_validation_profile_image",
            "err_bad_credentials",
        ] {
            assert!(
                matches!(err(l, name), ApiError::Invalid { .. }),
                "{l} {name}"
            );
        }
    }
    assert!(matches!(
        err("0.6.43", "err_delete_primary_admin"),
        ApiError::Server { status: 500, .. }
    ));
    assert!(matches!(
        err("0.11.4", "err_delete_primary_admin"),
        ApiError::Forbidden(_)
    ));
    // The email-taken message reaches its field from 0.9.0 (0.6.43: the adapter's full body).
    assert_eq!(
        err("0.11.4", "err_email_taken")
            .field_error("email")
            .map(|m| m.contains("already registered")),
        Some(true)
    );
}

#[test]
fn a_partial_user_update_is_refused_before_0_9_and_the_full_one_the_adapter_sends_is_taken() {
    // What 0.12.4 takes (only the changed fields) is a 422 "Field required" on 0.6.43 …
    let e = err("0.6.43", "user_update");
    assert!(
        e.field_errors()
            .iter()
            .any(|f| f.message == "Field required"),
        "{e:?}"
    );
    assert!(
        err("0.6.43", "err_email_taken")
            .field_errors()
            .iter()
            .any(|f| f.field == "role")
    );
    // … taken as it is on 0.11.4 …
    let u: User = ok("0.11.4", "user_update");
    assert_eq!(
        (u.name.as_str(), u.role.as_str()),
        ("Fixture Person Renamed", "pending")
    );
    // … and the body with every required field (what `user_update_body` makes) saves on both.
    for l in LINES {
        let saved: User = ok(l, "user_update_full");
        assert_eq!(
            (saved.name.as_str(), saved.role.as_str()),
            ("Fixture Person Full", "user")
        );
    }
}

#[test]
fn a_data_uri_profile_image_is_served_as_an_image() {
    for l in LINES {
        let path = dir(l).join(format!("{}.meta.json", "profile_image_data_uri"));
        let meta: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            (meta["status"].as_u64(), meta["content_type"].as_str()),
            (Some(200), Some("image/png"))
        );
        assert_eq!(meta["png_signature"], "iVBORw0KGgo=");
    }
}

#[test]
fn every_fixture_of_every_set_is_used_by_a_test() {
    let me = include_str!("fixtures_lines.rs");
    for l in LINES {
        for entry in std::fs::read_dir(dir(l)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let stem = name.trim_end_matches(".json").trim_end_matches(".meta");
            assert!(
                me.contains(&format!("\"{stem}\"")),
                "{l}: fixture {name} is not checked by any test"
            );
        }
    }
}

/// Usage (admin analytics) came in 0.8.0: 0.11.4 answers as 0.12.4 does (one list for every
/// user with messages), 0.6.43 answers with its web UI's page, which the client never asks for
/// there (the capability) and reads as "not there" anyway. A route not mounted (analytics
/// switched off) looks the same on every line.
#[test]
fn usage_analytics_as_each_line_has_it() {
    use owui_admin::pages::users::filter::usage::{Period, UsageMap};
    let route = endpoints::analytics_users(0, 1, 10);
    for l in LINES {
        let has = server(l).has(Capability::UserAnalytics);
        assert_eq!(has, l != "0.6.43", "{l}");
        if has {
            let list = UserUsageList::from_json(ok(l, "analytics_users")).unwrap();
            let map = UsageMap::new(Period::default(), &list, 100_000);
            assert_eq!(map.active_users(), 2, "{l}");
            assert!(list.users.iter().all(|u| u.count > 0 && u.tokens() > 0));
        } else {
            assert!(
                matches!(
                    missing(l, "analytics_users", &route),
                    Some(ApiError::Unsupported { .. })
                ),
                "{l}"
            );
        }
        assert!(
            matches!(
                missing(l, "err_analytics_route_missing", &route),
                Some(ApiError::Unsupported { .. })
            ),
            "{l}"
        );
    }
}
