//! Exact paths for every route the console calls (prefix, trailing slashes, methods).

use owui_admin::api::endpoints::{self as ep, Method, UserListParams};
use owui_admin::api::{Membership, normalize_base_url};

fn get(e: ep::Endpoint) -> String {
    assert_eq!(e.method, Method::Get, "{}", e.path);
    e.path
}
fn post(e: ep::Endpoint) -> String {
    assert_eq!(e.method, Method::Post, "{}", e.path);
    e.path
}
fn delete(e: ep::Endpoint) -> String {
    assert_eq!(e.method, Method::Delete, "{}", e.path);
    e.path
}

#[test]
fn users_routes() {
    let p = UserListParams {
        query: Some("ann lee".into()),
        order_by: Some("name".into()),
        direction: Some("desc".into()),
        page: 2,
    };
    assert_eq!(
        get(ep::users_list(&p)),
        "/api/v1/users/?query=ann%20lee&order_by=name&direction=desc&page=2"
    );
    assert_eq!(
        get(ep::users_list(&UserListParams::default())),
        "/api/v1/users/?page=1",
        "trailing slash, page at least 1"
    );
    assert_eq!(
        get(ep::users_search(&p)),
        "/api/v1/users/search?query=ann%20lee&order_by=name&direction=desc&page=2"
    );
    assert_eq!(get(ep::users_all()), "/api/v1/users/all");
    assert_eq!(
        get(ep::my_groups(true)),
        "/api/v1/users/groups?include_inherited=true"
    );
    assert_eq!(get(ep::my_permissions()), "/api/v1/users/permissions");
    assert_eq!(
        get(ep::default_permissions()),
        "/api/v1/users/default/permissions"
    );
    assert_eq!(
        post(ep::default_permissions_update()),
        "/api/v1/users/default/permissions"
    );
    assert_eq!(
        get(ep::default_permissions_factory()),
        "/api/v1/users/default/permissions/defaults"
    );
    assert_eq!(
        get(ep::my_settings()),
        "/api/v1/users/user/settings?raw=true"
    );
    assert_eq!(
        post(ep::my_settings_update()),
        "/api/v1/users/user/settings/update"
    );
    assert_eq!(get(ep::my_status()), "/api/v1/users/user/status");
    assert_eq!(
        post(ep::my_status_update()),
        "/api/v1/users/user/status/update"
    );
    assert_eq!(get(ep::my_info()), "/api/v1/users/user/info");
    assert_eq!(post(ep::my_info_update()), "/api/v1/users/user/info/update");
    assert_eq!(get(ep::user("u1")), "/api/v1/users/u1");
    assert_eq!(
        get(ep::user_oauth_sessions("u1")),
        "/api/v1/users/u1/oauth/sessions"
    );
    assert_eq!(
        get(ep::user_profile_image("u1")),
        "/api/v1/users/u1/profile/image"
    );
    assert_eq!(
        post(ep::user_sessions_revoke("u1")),
        "/api/v1/users/u1/sessions/revoke"
    );
    assert_eq!(post(ep::user_update("u1")), "/api/v1/users/u1/update");
    assert_eq!(delete(ep::user_delete("u1")), "/api/v1/users/u1");
    assert_eq!(
        get(ep::user_groups("u1", true)),
        "/api/v1/users/u1/groups?include_inherited=true"
    );
    assert_eq!(get(ep::user_preview("u1")), "/api/v1/users/u1/preview");
    assert_eq!(
        get(ep::user("a/b?c")),
        "/api/v1/users/a%2Fb%3Fc",
        "ids cannot escape their segment"
    );
}

#[test]
fn groups_routes() {
    assert_eq!(get(ep::groups_list()), "/api/v1/groups/");
    assert_eq!(post(ep::group_create()), "/api/v1/groups/create");
    assert_eq!(get(ep::group_export("g")), "/api/v1/groups/id/g/export");
    assert_eq!(post(ep::group_update("g")), "/api/v1/groups/id/g/update");
    assert_eq!(
        post(ep::group_users_add("g")),
        "/api/v1/groups/id/g/users/add"
    );
    assert_eq!(
        post(ep::group_users_remove("g")),
        "/api/v1/groups/id/g/users/remove"
    );
    assert_eq!(delete(ep::group_delete("g")), "/api/v1/groups/id/g/delete");
    assert_eq!(
        get(ep::group_members("g", Membership::Inherited, "", 0)),
        "/api/v1/groups/id/g/members?membership=inherited&page=1"
    );
    assert_eq!(
        get(ep::group_members("g", Membership::Direct, "bo b", 3)),
        "/api/v1/groups/id/g/members?membership=direct&query=bo%20b&page=3"
    );
}

#[test]
fn auths_routes() {
    assert_eq!(post(ep::signin()), "/api/v1/auths/signin");
    assert_eq!(post(ep::signout(true)), "/api/v1/auths/signout");
    assert_eq!(get(ep::signout(false)), "/api/v1/auths/signout");
    assert_eq!(get(ep::version()), "/api/version");
    assert_eq!(get(ep::config()), "/api/config");
    assert_eq!(get(ep::session_user()), "/api/v1/auths/");
    assert_eq!(post(ep::add_user()), "/api/v1/auths/add");
}

#[test]
fn server_urls_are_normalised() {
    assert_eq!(
        normalize_base_url(" http://127.0.0.1:8080/ "),
        "http://127.0.0.1:8080"
    );
    assert_eq!(
        normalize_base_url("https://chat.example.com/api/v1"),
        "https://chat.example.com"
    );
    assert_eq!(
        normalize_base_url("https://chat.example.com/auth"),
        "https://chat.example.com"
    );
    assert_eq!(
        normalize_base_url("localhost:8080"),
        "http://localhost:8080"
    );
    assert_eq!(
        normalize_base_url("https://example.com/owui"),
        "https://example.com/owui",
        "sub-path deployments keep their path"
    );
    assert_eq!(normalize_base_url(""), "");
}

#[test]
fn events_and_identity_provider_routes() {
    assert_eq!(get(ep::events_catalog()), "/api/events");
    assert_eq!(get(ep::event_webhooks()), "/api/events/webhooks");
    assert_eq!(post(ep::event_webhook_create()), "/api/events/webhooks");
    let put = ep::event_webhook_update("a b");
    assert_eq!(put.method, ep::Method::Put);
    assert_eq!(put.path, "/api/events/webhooks/a%20b");
    assert_eq!(
        delete(ep::event_webhook_delete("x")),
        "/api/events/webhooks/x"
    );
    assert_eq!(get(ep::oauth_config()), "/api/v1/auths/admin/config/oauth");
    assert_eq!(
        get(ep::ldap_server_config()),
        "/api/v1/auths/admin/config/ldap/server"
    );
}

#[test]
fn usage_analytics_route_is_the_per_user_one_and_never_messages() {
    let e = ep::analytics_users(1_700_000_000, 1_702_592_000, 5000);
    assert_eq!(
        get(e.clone()),
        "/api/v1/analytics/users?start_date=1700000000&end_date=1702592000&limit=5000"
    );
    assert_eq!(e.needs, Some(owui_admin::api::Capability::UserAnalytics));
    assert!(!e.path.contains("/analytics/messages"));
}
