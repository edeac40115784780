//! Every response recorded from the real Open WebUI (scripts/record-fixtures) decodes into its
//! model; every recorded error maps to the right error; objects written back keep every key.

use std::path::PathBuf;

use owui_admin::api::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

struct Fixture {
    status: u16,
    content_type: String,
    /// The body exactly as text, as the app would receive it.
    text: String,
    json: Value,
}

fn fixture(name: &str) -> Fixture {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/record-fixtures)", path.display()));
    let doc: Value = serde_json::from_str(&raw).unwrap();
    let json = doc["body"].clone();
    let text = match (&doc["body_kind"], &json) {
        (Value::String(k), Value::String(s)) if k == "text" => s.clone(),
        _ => json.to_string(),
    };
    Fixture {
        status: doc["status"].as_u64().unwrap() as u16,
        content_type: doc["content_type"].as_str().unwrap().to_string(),
        text,
        json,
    }
}

fn decode_ok<T: DeserializeOwned>(name: &str) -> T {
    let f = fixture(name);
    decode::<T>(f.status, &f.content_type, &f.text, name)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn decode_err(name: &str) -> ApiError {
    let f = fixture(name);
    match decode::<Value>(f.status, &f.content_type, &f.text, "http://srv/x") {
        Ok(v) => panic!("{name} decoded as success: {v}"),
        Err(e) => e,
    }
}

#[test]
fn every_recorded_fixture_is_used_by_a_test() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let me = include_str!("fixtures.rs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            continue; // another line's set (tests/fixtures/<version>/), checked by its own test
        }
        let name = entry.file_name().into_string().unwrap();
        let stem = name.trim_end_matches(".json").trim_end_matches(".meta");
        assert!(
            me.contains(&format!("\"{stem}\"")),
            "fixture {name} is not checked by any test"
        );
    }
}

#[test]
fn user_lists_decode_with_totals() {
    let page: UserList = decode_ok("users_list");
    assert_eq!(page.users.len(), 30);
    assert_eq!(page.total, 41);
    assert_eq!(page.users[0].name, "Ada Admin");
    assert!(
        page.users
            .iter()
            .all(|u| !u.id.is_empty() && !u.email.is_empty() && ROLES.contains(&u.role.as_str()))
    );
    assert!(
        page.users.iter().any(|u| !u.group_ids.is_empty()),
        "seeded memberships show as group_ids"
    );
    let searched: UserList = decode_ok("users_list_search_sorted");
    assert!(searched.total > 30 && searched.users.len() == (searched.total - 30) as usize);
    let all: UserInfoList = decode_ok("users_all");
    assert_eq!(all.users.len() as u64, all.total);
    let search: UserInfoList = decode_ok("users_search");
    assert!(search.total > 0);
}

#[test]
fn single_user_routes_decode() {
    let u: User = decode_ok("user_by_id");
    assert!(!u.groups.is_empty() && u.is_active.is_some() && u.created_at.is_some());
    let info: UserInfo = decode_ok("user_info_by_id");
    assert_eq!(info.id, u.id);
    assert!(decode_ok::<Value>("user_active")["active"].is_boolean());
    let groups: Vec<Group> = decode_ok("user_groups_inherited");
    assert!(groups.iter().all(|g| g.membership_type.is_some()));
    let preview: UserPreview = decode_ok("user_preview");
    assert_eq!(preview.user.map(|u| u.id), Some(u.id.clone()));
    let updated: User = decode_ok("user_update");
    assert_eq!(
        (updated.name.as_str(), updated.role.as_str()),
        ("Fixture Person Renamed", "pending")
    );
    assert_eq!(decode_ok::<Value>("user_delete"), json!(true));
    assert_eq!(decode_ok::<Value>("sessions_revoke"), json!(true));
    // No OAuth sessions: the server answers 400 "not found" instead of an empty list.
    assert!(matches!(
        decode_err("user_oauth_sessions_empty"),
        ApiError::NotFound(_)
    ));
}

#[test]
fn self_service_routes_decode() {
    // A user who never saved settings gets `null`, not `{}`.
    let settings: Option<JsonMap> = decode_ok("user_settings_raw");
    assert_eq!(settings, None);
    let status: UserStatus = decode_ok("user_status");
    let _ = status;
    let _info: Option<JsonMap> = decode_ok("user_info");
    let mine: Vec<Group> = decode_ok("users_self_groups");
    let _ = mine;
    let perms: JsonMap = decode_ok("users_self_permissions");
    assert!(perms.contains_key("chat"));
    let me: SessionUser = decode_ok("auths_session");
    assert!(me.is_admin() && me.token.is_some());
    let added: AddedUser = decode_ok("auths_add");
    assert_eq!(added.role, "user");
    let saved: JsonMap = decode_ok("user_settings_update");
    assert_eq!(
        saved["ui"]["futureKey"],
        json!({"nested": [1, 2]}),
        "unknown settings keys come back"
    );
    let status: Value = decode_ok("user_status_update");
    assert_eq!(status["status_message"], "On leave");
    let info: Option<JsonMap> = decode_ok("user_info_update");
    assert_eq!(info.unwrap()["team"], "admins");
}

#[test]
fn permissions_have_the_six_sections_in_server_order() {
    let defaults: JsonMap = decode_ok("default_permissions");
    let keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "workspace",
            "sharing",
            "access_grants",
            "chat",
            "features",
            "settings"
        ]
    );
    let factory: JsonMap = decode_ok("default_permissions_factory");
    assert_eq!(
        factory.keys().collect::<Vec<_>>(),
        defaults.keys().collect::<Vec<_>>()
    );
    assert!(
        factory["chat"].as_object().unwrap().contains_key("import"),
        "alias `import`, not `import_`"
    );
    let saved: JsonMap = decode_ok("default_permissions_update");
    assert_eq!(saved, defaults);
}

#[test]
fn group_routes_decode() {
    let groups: Vec<Group> = decode_ok("groups_list");
    assert_eq!(groups.len(), 3);
    assert!(groups.iter().any(|g| g.parent_group_id.is_some()));
    assert!(groups.iter().all(|g| g.member_count.is_some()));
    let g: Group = decode_ok("group_by_id");
    assert!(g.parent_group_id.is_some());
    let _: Group = decode_ok("group_info");
    let export: Group = decode_ok("group_export");
    assert_eq!(
        export.user_ids.as_ref().map(Vec::len),
        Some(g.member_count.unwrap() as usize)
    );
    let users: Vec<UserInfo> = decode_ok("group_users");
    assert_eq!(users.len(), g.member_count.unwrap() as usize);
    let eff: GroupMembers = decode_ok("group_members_effective");
    assert_eq!(
        eff.counts.effective,
        eff.counts.direct + eff.counts.inherited
    );
    let inh: GroupMembers = decode_ok("group_members_inherited");
    assert!(
        inh.total > 0
            && inh
                .items
                .iter()
                .all(|m| m.membership_type.as_deref() == Some("inherited")
                    && !m.via_group_ids.is_empty())
    );
    let created: Group = decode_ok("group_create");
    assert_eq!(created.data.as_ref().unwrap()["config"]["share"], "members");
    let updated: Group = decode_ok("group_update");
    assert_eq!(updated.name, "Fixture group 2");
    let added: Group = decode_ok("group_users_add");
    assert_eq!(
        added.member_count,
        Some(1),
        "unknown ids are dropped silently"
    );
    let removed: Group = decode_ok("group_users_remove");
    assert_eq!(removed.member_count, Some(0));
    assert_eq!(decode_ok::<Value>("group_delete"), json!(true));
}

#[test]
fn errors_map_to_what_a_person_must_do() {
    assert!(decode_err("err_no_token").is_session_expired());
    let bad = decode_err("err_bad_token");
    assert!(
        bad.is_session_expired() && bad.to_string().contains("sign in again"),
        "{bad}"
    );
    // Open WebUI answers 401 to a non-admin: that is "not allowed", not "sign in again".
    assert!(
        matches!(decode_err("err_not_admin"), ApiError::Forbidden(m) if m.contains("permission"))
    );
    assert!(
        matches!(decode_err("err_user_not_found"), ApiError::NotFound(_)),
        "users: 400 means not found"
    );
    assert!(
        matches!(decode_err("err_group_not_found"), ApiError::NotFound(_)),
        "groups: 404"
    );
    let page = decode_err("err_validation_page");
    assert!(page.field_error("page").is_some(), "{page:?}");
    let form = decode_err("err_validation_group_form");
    assert!(form.field_error("name").is_some(), "{form:?}");
    let image = decode_err("err_validation_profile_image");
    assert!(
        image.field_error("profile_image_url").is_some(),
        "{image:?}"
    );
    // /auths/ answers 422 with a plain string.
    let auths = decode_err("err_auths_validation");
    assert!(
        matches!(&auths, ApiError::Invalid { message, .. } if message.contains("Invalid authentication request"))
    );
    let taken = decode_err("err_email_taken");
    assert!(
        taken
            .field_error("email")
            .is_some_and(|m| m.contains("already registered")),
        "{taken:?}"
    );
    let cred = decode_err("err_bad_credentials");
    assert!(cred.to_string().contains("incorrect"), "{cred}");
    let cycle = decode_err("err_cycle");
    assert!(
        cycle
            .field_error("parent_group_id")
            .is_some_and(|m| m.contains("descendant")),
        "{cycle:?}"
    );
    assert!(matches!(
        decode_err("err_delete_primary_admin"),
        ApiError::Forbidden(_)
    ));
    // Without the trailing slash the server answers its web page with 200.
    assert!(matches!(
        decode_err("err_missing_trailing_slash"),
        ApiError::NotJson { status: 200, .. }
    ));
}

#[test]
fn synthetic_transport_failures_have_messages() {
    assert!(matches!(
        decode::<Value>(200, "application/json", "{not json", "u"),
        Err(ApiError::Decode(_))
    ));
    // A proxy's or gateway's page is "unavailable, try again", never "is this the address?".
    for (status, ctype, body) in [
        (502, "text/plain", ""),
        (
            502,
            "text/html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        (
            503,
            "text/html; charset=utf-8",
            "<h1>Service Unavailable</h1>",
        ),
        (504, "text/html", "<html>Gateway Time-out</html>"),
    ] {
        let e = decode::<Value>(status, ctype, body, "u").unwrap_err();
        assert_eq!(e, ApiError::Unavailable { status }, "{status} {ctype}");
        assert!(e.to_string().contains("unavailable"), "{e}");
        assert!(e.is_transient());
    }
    // Open WebUI's own 500 with a JSON detail keeps its detail.
    assert!(matches!(
        decode::<Value>(500, "application/json", r#"{"detail":"boom"}"#, "u"),
        Err(ApiError::Server { status: 500, .. })
    ));
    assert!(matches!(
        decode::<Value>(
            429,
            "application/json",
            r#"{"detail":"API rate limit exceeded"}"#,
            "u"
        ),
        Err(ApiError::RateLimited(_))
    ));
    // Only a real CORS refusal names CORS; a broken connection says the change may be lost.
    assert!(
        !ApiError::Network("http://x".into())
            .to_string()
            .contains("CORS")
    );
    assert!(
        ApiError::Cors {
            server: "http://x".into(),
            origin: "http://y".into()
        }
        .to_string()
        .contains("CORS_ALLOW_ORIGIN")
    );
    let dropped = ApiError::Interrupted { write: true }.to_string();
    assert!(dropped.contains("interrupted") && dropped.contains("may not have been saved"));
    assert!(!dropped.contains("CORS"));
    let hung = ApiError::Timeout {
        secs: 30,
        write: false,
    }
    .to_string();
    assert!(hung.contains("30 seconds"), "{hung}");
}

#[test]
fn field_errors_come_in_an_admins_words_with_the_servers_text_kept() {
    let taken = decode_err("err_email_taken");
    let fields = taken.field_errors_for(&["email", "name"]);
    let msg = fields.get("email").expect("email error");
    assert!(
        msg.starts_with("Another account already uses this email"),
        "{msg}"
    );
    assert!(
        msg.contains("already registered"),
        "server text kept: {msg}"
    );
    assert!(!fields.contains_key("name"));
    // A form without that field gets nothing for it.
    assert!(taken.field_errors_for(&["name"]).is_empty());
}

#[test]
fn profile_image_of_a_data_uri_user_is_the_image_itself() {
    // "profile_image_data_uri": the endpoint streams the decoded data URI, not a redirect.
    let raw = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/profile_image_data_uri.meta.json"),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["status"], 200);
    assert_eq!(v["content_type"], "image/png");
}

#[test]
fn writing_back_keeps_every_key() {
    // Settings: an open map, round-trips whole (unknown nested keys included).
    let raw = fixture("user_settings_update").json;
    let settings: JsonMap = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(serde_json::to_value(&settings).unwrap(), raw);
    // Permissions, with a key this app has never heard of.
    let mut perms: JsonMap = decode_ok("default_permissions");
    perms["chat"]
        .as_object_mut()
        .unwrap()
        .insert("future_toggle".into(), json!(true));
    let again: JsonMap = serde_json::from_value(serde_json::to_value(&perms).unwrap()).unwrap();
    assert_eq!(again, perms);
    // A group's data/meta/permissions survive to_form, including unknown keys.
    let mut g: Group = decode_ok("group_create");
    g.data
        .as_mut()
        .unwrap()
        .insert("future".into(), json!({"x": 1}));
    let form = serde_json::to_value(g.to_form()).unwrap();
    assert_eq!(form["data"]["future"], json!({"x": 1}));
    assert_eq!(form["data"]["config"]["share"], "members");
    assert_eq!(
        form["permissions"],
        serde_json::to_value(&g.permissions).unwrap()
    );
    // parent_group_id is always sent (null un-nests), name and description always present.
    assert!(
        form.as_object().unwrap().contains_key("parent_group_id")
            && form["description"].is_string()
    );
    // Users keep fields this app does not model.
    let mut u: User = decode_ok("user_by_id");
    u.extra.insert("brand_new_field".into(), json!("kept"));
    let back: User = serde_json::from_value(serde_json::to_value(&u).unwrap()).unwrap();
    assert_eq!(back.extra["brand_new_field"], "kept");
}

#[test]
fn the_server_says_its_version_and_features() {
    let v: Value = decode_ok("version");
    let server = ServerInfo {
        version: v["version"].as_str().map(str::to_string),
        config: decode_ok("config"),
    };
    assert_eq!(server.parsed(), Some(Version::new(0, 12, 4)));
    assert_eq!(server.label().as_deref(), Some("Open WebUI 0.12.4"));
    assert!(server.feature("auth").is_some());
    assert!(Capability::ALL.iter().all(|c| server.has(*c)));
    // Signing out is POST-only here: a GET gets the web UI's page, i.e. "no such route".
    let f = fixture("signout_get");
    assert!(
        ApiError::missing_feature(
            f.status,
            &f.content_type,
            &owui_admin::api::endpoints::signout(false),
            None
        )
        .is_some()
    );
    // The full body older lines need is accepted here too.
    let saved: User = decode_ok("user_update_full");
    assert_eq!(
        (saved.name.as_str(), saved.role.as_str()),
        ("Fixture Person Full", "user")
    );
}

#[test]
fn a_removed_settings_ui_key_sent_as_null_is_deleted() {
    let back: JsonMap = decode_ok("user_settings_ui_null");
    let ui = back["ui"].as_object().unwrap();
    assert!(!ui.contains_key("textScale"), "{ui:?}");
    assert_eq!(ui["futureKey"], serde_json::json!({"nested": [1, 2]}));
}

#[test]
fn event_webhooks_decode_and_write_back_every_key() {
    let catalog: EventCatalog = decode_ok("events_catalog");
    assert!(catalog.events.len() > 100);
    for prefix in ["user.", "group.", "auth."] {
        assert!(catalog.events.iter().any(|e| e.event.starts_with(prefix)));
    }
    assert!(catalog.events.iter().all(|e| !e.description.is_empty()));
    let created: Webhook = decode_ok("events_webhook_create");
    assert_eq!(created.events, ["user.*", "group.*", "auth.*"]);
    assert!(!created.enabled && !created.id.is_empty());
    let list: Vec<Webhook> = decode_ok("events_webhooks_list");
    assert_eq!(list, std::slice::from_ref(&created));
    // The PUT body the console sends is the whole object: same keys as the server gave.
    let sent = serde_json::to_value(&created).unwrap();
    let given = fixture("events_webhook_create").json;
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let (mut a, mut b) = (keys(&sent), keys(&given));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    let updated: Webhook = decode_ok("events_webhook_update");
    assert_eq!(
        (updated.name.as_str(), updated.enabled),
        ("Fixture audit 2", true)
    );
    let deleted: Value = decode_ok("events_webhook_delete");
    assert_eq!(deleted, json!({"status": true}));
    // A new webhook has no id to send.
    let fresh = serde_json::to_value(Webhook::default()).unwrap();
    assert!(fresh.get("id").is_none());
    let bad = decode_err("err_events_webhook_bad_url");
    assert!(
        bad.to_string().contains("URL you provided is invalid"),
        "{bad}"
    );
    // The webhook form shows it at its URL field.
    assert!(
        bad.field_errors_for(&["name", "url"])
            .get("url")
            .is_some_and(|m| m.contains("URL you provided is invalid")),
        "{bad:?}"
    );
}

#[test]
fn identity_provider_group_sync_reads_softly() {
    let oauth: JsonMap = decode_ok("auths_oauth_config");
    let ldap: JsonMap = decode_ok("auths_ldap_server");
    let sync = GroupSync::from_configs(Some(&oauth), Some(&ldap));
    assert_eq!(
        sync,
        GroupSync::default(),
        "the test server manages no groups"
    );
    assert!(!GroupSync::from_configs(None, None).active());
    let mut on = oauth.clone();
    on.insert("ENABLE_OAUTH_GROUP_MANAGEMENT".into(), json!(true));
    on.insert(
        "OAUTH_BLOCKED_GROUPS".into(),
        json!("[\"admins\",\"ops-*\"]"),
    );
    let sync = GroupSync::from_configs(Some(&on), None);
    assert!(sync.active() && sync.oauth && !sync.ldap);
    assert_eq!(sync.blocked, ["admins", "ops-*"]);
    on.insert("OAUTH_BLOCKED_GROUPS".into(), json!("a, b"));
    assert_eq!(GroupSync::from_configs(Some(&on), None).blocked, ["a", "b"]);
    let mut l = ldap.clone();
    l.insert("enable_group_management".into(), json!(true));
    assert!(GroupSync::from_configs(None, Some(&l)).ldap);
    let g = Group {
        description: "Group 'eng' created automatically via OAuth.".into(),
        ..Default::default()
    };
    assert!(created_by_oauth(&g));
    assert!(!created_by_oauth(&Group::default()));
    let u = User {
        oauth: Some(serde_json::from_value(json!({"oidc": {"sub": "x"}})).unwrap()),
        scim: Some(serde_json::from_value(json!({"externalId": "1"})).unwrap()),
        ..Default::default()
    };
    assert_eq!(managed_by(&u), ["OAuth (oidc)", "SCIM"]);
    assert!(managed_by(&User::default()).is_empty());
}

#[test]
fn webhook_event_choices_offer_every_area_and_keep_unknown_events() {
    use owui_admin::pages::webhooks::events::{AUDIT_TRAIL, choices, summary};
    let catalog: EventCatalog = decode_ok("events_catalog");
    let current = vec!["user.*".to_string(), "chat.created".to_string()];
    let list = choices(&catalog, &current);
    assert_eq!(list[0].value, "*");
    assert_eq!(
        list[0].text,
        format!("Every event ({})", catalog.events.len())
    );
    for p in AUDIT_TRAIL {
        assert!(list.iter().any(|c| c.value == p), "{p} offered");
    }
    let user = list.iter().find(|c| c.value == "user.*").unwrap();
    assert!(
        user.text.starts_with("All user events (8): user.created"),
        "{}",
        user.text
    );
    // A single event the webhook already has stays offered (and checked), last.
    assert_eq!(list.last().unwrap().value, "chat.created");
    assert_eq!(list.iter().filter(|c| c.value == "user.*").count(), 1);
    assert_eq!(summary(&[]), "every event");
    assert_eq!(summary(&["*".into()]), "every event");
    assert_eq!(summary(&current), "user.*, chat.created");
}

/// Usage from admin analytics: every user with messages in the period, numbers as the server
/// counted them (two users' seeded chats), one answer for the whole table.
#[test]
fn analytics_users_decode_into_the_usage_map() {
    use owui_admin::pages::users::filter::usage::{Period, UsageMap};
    let list = UserUsageList::from_json(decode_ok("analytics_users")).unwrap();
    assert_eq!(list.users.len(), 2);
    let mut counts: Vec<(u64, u64)> = list.users.iter().map(|u| (u.count, u.tokens())).collect();
    counts.sort();
    assert_eq!(
        counts,
        [(2, 84), (3, 126)],
        "2 and 3 replies, 12 + 30 tokens each"
    );
    assert!(
        list.users.iter().all(|u| {
            !u.user_id.is_empty() && u.total_tokens == u.input_tokens + u.output_tokens
        })
    );
    let map = UsageMap::new(Period::default(), &list, 100_000);
    assert!(map.complete);
    assert_eq!(map.with_messages().len(), 2);
    assert_eq!(map.of("someone-else").map(|c| c.messages), Some(0));
    // While analytics is off the route is not mounted: the web UI's page answers, which the
    // client reads as "this server does not have it" (then: "Usage needs admin analytics").
    let off = fixture("err_analytics_route_missing");
    assert_eq!((off.status, off.content_type.as_str()), (200, "text/html"));
    let e = ApiError::missing_feature(
        off.status,
        &off.content_type,
        &endpoints::analytics_users(0, 1, 10),
        Some("0.12.4"),
    );
    assert!(matches!(e, Some(ApiError::Unsupported { .. })), "{e:?}");
}
