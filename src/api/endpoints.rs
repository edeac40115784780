//! Every Open WebUI route this console calls, as exact paths (with the `/api/v1` prefix and the
//! trailing slashes the server insists on). Pure: no HTTP here, so host tests can check each path.

use std::fmt::Write;

use super::compat::Capability;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// One call: a method and a path relative to the server's base URL, query string included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: String,
    /// A route not every supported Open WebUI line has: a 405 or the web UI's page in answer
    /// then means "this server does not have it" (a route every line has: something else).
    pub needs: Option<Capability>,
}

impl Endpoint {
    fn needs(mut self, cap: Capability) -> Self {
        self.needs = Some(cap);
        self
    }
    fn get(path: impl Into<String>) -> Self {
        Endpoint {
            method: Method::Get,
            path: path.into(),
            needs: None,
        }
    }
    fn post(path: impl Into<String>) -> Self {
        Endpoint {
            method: Method::Post,
            path: path.into(),
            needs: None,
        }
    }
    fn put(path: impl Into<String>) -> Self {
        Endpoint {
            method: Method::Put,
            path: path.into(),
            needs: None,
        }
    }
    fn delete(path: impl Into<String>) -> Self {
        Endpoint {
            method: Method::Delete,
            path: path.into(),
            needs: None,
        }
    }
}

/// Percent-encodes a query value or path segment (RFC 3986 unreserved characters pass).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn with_query(path: &str, params: &[(&str, Option<String>)]) -> String {
    let mut out = path.to_string();
    let mut sep = '?';
    for (k, v) in params {
        if let Some(v) = v {
            out.push(sep);
            out.push_str(k);
            out.push('=');
            out.push_str(&encode(v));
            sep = '&';
        }
    }
    out
}

/// Query of the paginated user lists (`/users/` and `/users/search`): 30 users a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserListParams {
    pub query: Option<String>,
    pub order_by: Option<String>,
    /// `asc`, or anything else for descending (the server's rule).
    pub direction: Option<String>,
    pub page: u32,
}

impl UserListParams {
    fn pairs(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("query", self.query.clone().filter(|q| !q.is_empty())),
            ("order_by", self.order_by.clone()),
            ("direction", self.direction.clone()),
            ("page", Some(self.page.max(1).to_string())),
        ]
    }
}

const USERS: &str = "/api/v1/users";
const GROUPS: &str = "/api/v1/groups";
const AUTHS: &str = "/api/v1/auths";

// --- users ---------------------------------------------------------------------------------------
pub fn users_list(p: &UserListParams) -> Endpoint {
    Endpoint::get(with_query(&format!("{USERS}/"), &p.pairs()))
}
pub fn users_all() -> Endpoint {
    Endpoint::get(format!("{USERS}/all"))
}
pub fn users_search(p: &UserListParams) -> Endpoint {
    Endpoint::get(with_query(&format!("{USERS}/search"), &p.pairs()))
}
pub fn my_groups(include_inherited: bool) -> Endpoint {
    Endpoint::get(format!(
        "{USERS}/groups?include_inherited={include_inherited}"
    ))
}
pub fn my_permissions() -> Endpoint {
    Endpoint::get(format!("{USERS}/permissions"))
}
pub fn default_permissions() -> Endpoint {
    Endpoint::get(format!("{USERS}/default/permissions"))
}
pub fn default_permissions_update() -> Endpoint {
    Endpoint::post(format!("{USERS}/default/permissions"))
}
pub fn default_permissions_factory() -> Endpoint {
    Endpoint::get(format!("{USERS}/default/permissions/defaults"))
        .needs(Capability::FactoryDefaultPermissions)
}
/// `raw=true`: the user's own settings only, without the instance defaults mixed in.
pub fn my_settings() -> Endpoint {
    Endpoint::get(format!("{USERS}/user/settings?raw=true"))
}
pub fn my_settings_update() -> Endpoint {
    Endpoint::post(format!("{USERS}/user/settings/update"))
}
pub fn my_status() -> Endpoint {
    Endpoint::get(format!("{USERS}/user/status"))
}
pub fn my_status_update() -> Endpoint {
    Endpoint::post(format!("{USERS}/user/status/update"))
}
pub fn my_info() -> Endpoint {
    Endpoint::get(format!("{USERS}/user/info"))
}
pub fn my_info_update() -> Endpoint {
    Endpoint::post(format!("{USERS}/user/info/update"))
}
pub fn user(id: &str) -> Endpoint {
    Endpoint::get(format!("{USERS}/{}", encode(id)))
}
pub fn user_oauth_sessions(id: &str) -> Endpoint {
    Endpoint::get(format!("{USERS}/{}/oauth/sessions", encode(id)))
}
pub fn user_profile_image(id: &str) -> Endpoint {
    Endpoint::get(format!("{USERS}/{}/profile/image", encode(id)))
}
pub fn user_sessions_revoke(id: &str) -> Endpoint {
    Endpoint::post(format!("{USERS}/{}/sessions/revoke", encode(id)))
        .needs(Capability::SessionsRevoke)
}
pub fn user_update(id: &str) -> Endpoint {
    Endpoint::post(format!("{USERS}/{}/update", encode(id)))
}
pub fn user_delete(id: &str) -> Endpoint {
    Endpoint::delete(format!("{USERS}/{}", encode(id)))
}
pub fn user_groups(id: &str, include_inherited: bool) -> Endpoint {
    Endpoint::get(format!(
        "{USERS}/{}/groups?include_inherited={include_inherited}",
        encode(id)
    ))
}
pub fn user_preview(id: &str) -> Endpoint {
    Endpoint::get(format!("{USERS}/{}/preview", encode(id))).needs(Capability::UserPreview)
}

// --- groups --------------------------------------------------------------------------------------
pub fn groups_list() -> Endpoint {
    Endpoint::get(format!("{GROUPS}/"))
}
pub fn group_create() -> Endpoint {
    Endpoint::post(format!("{GROUPS}/create"))
}
pub fn group(id: &str) -> Endpoint {
    Endpoint::get(format!("{GROUPS}/id/{}", encode(id)))
}
pub fn group_export(id: &str) -> Endpoint {
    Endpoint::get(format!("{GROUPS}/id/{}/export", encode(id)))
}
pub fn group_update(id: &str) -> Endpoint {
    Endpoint::post(format!("{GROUPS}/id/{}/update", encode(id)))
}
/// The direct members, unpaginated: what servers before 0.12 have instead of
/// [`group_members`].
pub fn group_users(id: &str) -> Endpoint {
    Endpoint::post(format!("{GROUPS}/id/{}/users", encode(id)))
}
pub fn group_users_add(id: &str) -> Endpoint {
    Endpoint::post(format!("{GROUPS}/id/{}/users/add", encode(id)))
}
pub fn group_users_remove(id: &str) -> Endpoint {
    Endpoint::post(format!("{GROUPS}/id/{}/users/remove", encode(id)))
}
pub fn group_delete(id: &str) -> Endpoint {
    Endpoint::delete(format!("{GROUPS}/id/{}/delete", encode(id)))
}

/// Which members `/groups/id/{id}/members` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Membership {
    Direct,
    Inherited,
    #[default]
    Effective,
}

impl Membership {
    pub fn as_str(self) -> &'static str {
        match self {
            Membership::Direct => "direct",
            Membership::Inherited => "inherited",
            Membership::Effective => "effective",
        }
    }
}

pub fn group_members(id: &str, membership: Membership, query: &str, page: u32) -> Endpoint {
    Endpoint::get(with_query(
        &format!("{GROUPS}/id/{}/members", encode(id)),
        &[
            ("membership", Some(membership.as_str().to_string())),
            ("query", Some(query.to_string()).filter(|q| !q.is_empty())),
            ("page", Some(page.max(1).to_string())),
        ],
    ))
    .needs(Capability::GroupMembersPage)
}

// --- auths ---------------------------------------------------------------------------------------
pub fn signin() -> Endpoint {
    Endpoint::post(format!("{AUTHS}/signin"))
}
/// `POST` from Open WebUI 0.9.3; older servers only have `GET`.
pub fn signout(post: bool) -> Endpoint {
    let path = format!("{AUTHS}/signout");
    let endpoint = if post {
        Endpoint::post(path)
    } else {
        Endpoint::get(path)
    };
    endpoint.needs(Capability::PostSignout)
}
/// The server's version, public: `{"version": "0.12.4", ...}`.
pub fn version() -> Endpoint {
    Endpoint::get("/api/version")
}
/// The server's public configuration and feature flags.
pub fn config() -> Endpoint {
    Endpoint::get("/api/config")
}
/// The signed-in user, for a session (JWT) token. API keys get 403 here.
pub fn session_user() -> Endpoint {
    Endpoint::get(format!("{AUTHS}/"))
}
pub fn add_user() -> Endpoint {
    Endpoint::post(format!("{AUTHS}/add"))
}

/// Open WebUI's group-management settings for OAuth (admin; the whole OAuth config).
pub fn oauth_config() -> Endpoint {
    Endpoint::get(format!("{AUTHS}/admin/config/oauth"))
}
/// The LDAP server settings (admin), with `enable_group_management`.
pub fn ldap_server_config() -> Endpoint {
    Endpoint::get(format!("{AUTHS}/admin/config/ldap/server"))
}

// --- events (outside /api/v1) ---------------------------------------------------------------------
const EVENTS: &str = "/api/events";

/// The catalog of every event the server can send (`{schema, events:[{event, description}]}`).
pub fn events_catalog() -> Endpoint {
    Endpoint::get(EVENTS)
}
pub fn event_webhooks() -> Endpoint {
    Endpoint::get(format!("{EVENTS}/webhooks"))
}
pub fn event_webhook_create() -> Endpoint {
    Endpoint::post(format!("{EVENTS}/webhooks"))
}
pub fn event_webhook_update(id: &str) -> Endpoint {
    Endpoint::put(format!("{EVENTS}/webhooks/{}", encode(id)))
}
pub fn event_webhook_delete(id: &str) -> Endpoint {
    Endpoint::delete(format!("{EVENTS}/webhooks/{}", encode(id)))
}

// --- analytics (admin; mounted only while ENABLE_ADMIN_ANALYTICS is on) ------------------------
/// Messages (assistant replies) and tokens per user between two epoch seconds, busiest first,
/// at most `limit` users; only users with messages in the period are listed. Never
/// `/analytics/messages`: that one returns message contents.
pub fn analytics_users(start: i64, end: i64, limit: u32) -> Endpoint {
    Endpoint::get(with_query(
        "/api/v1/analytics/users",
        &[
            ("start_date", Some(start.to_string())),
            ("end_date", Some(end.to_string())),
            ("limit", Some(limit.to_string())),
        ],
    ))
    .needs(Capability::UserAnalytics)
}
