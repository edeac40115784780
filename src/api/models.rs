//! What Open WebUI 0.12.4 sends and accepts, decoded leniently: every field the app does not need
//! is optional, and every key it does not know is kept in `extra` (or the object stays an open
//! JSON map) so that writing an object back never drops what a newer server added.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An open JSON object (settings, info, permissions, group data/meta), kept in the server's order.
pub type JsonMap = Map<String, Value>;

/// The roles this console ever sends. The server stores any string, so nothing else may go out.
pub const ROLES: [&str; 3] = ["admin", "user", "pending"];

/// A user as the users routes return it (`UserModel`, plus `group_ids` in lists, plus `groups`
/// and `is_active` from `GET /users/{id}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub username: Option<String>,
    pub profile_image_url: Option<String>,
    pub profile_banner_image_url: Option<String>,
    pub bio: Option<String>,
    pub gender: Option<String>,
    pub date_of_birth: Option<String>,
    pub timezone: Option<String>,
    pub presence_state: Option<String>,
    pub status_emoji: Option<String>,
    pub status_message: Option<String>,
    pub status_expires_at: Option<i64>,
    pub info: Option<JsonMap>,
    pub settings: Option<JsonMap>,
    pub oauth: Option<JsonMap>,
    pub scim: Option<JsonMap>,
    pub last_active_at: Option<i64>,
    pub updated_at: Option<i64>,
    pub created_at: Option<i64>,
    /// Direct groups, in list responses.
    pub group_ids: Vec<String>,
    /// `{id, name}` of the user's groups, in `GET /users/{id}`.
    pub groups: Vec<IdName>,
    pub is_active: Option<bool>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// `GET /users/?…`: one page (30) of users and the total matching the query.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct UserList {
    pub users: Vec<User>,
    pub total: u64,
}

/// `UserInfoResponse`: the short form from `/users/all`, `/users/search`, `/users/{id}/info`,
/// group members.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UserInfo {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub bio: Option<String>,
    pub last_active_at: Option<i64>,
    pub timezone: Option<String>,
    pub status_emoji: Option<String>,
    pub status_message: Option<String>,
    pub status_expires_at: Option<i64>,
    pub groups: Vec<Value>,
    pub is_active: bool,
    /// Only on group members: `direct` or `inherited`.
    pub membership_type: Option<String>,
    /// Only on inherited group members: the child groups they come through.
    pub via_group_ids: Vec<String>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct UserInfoList {
    pub users: Vec<UserInfo>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IdName {
    pub id: String,
    pub name: String,
}

/// `POST /users/{id}/update`: only the fields that are set are sent (and applied).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UserUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `UserStatus`, read from `/users/user/status` and sent to `/users/user/status/update`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UserStatus {
    pub status_emoji: Option<String>,
    pub status_message: Option<String>,
    pub status_expires_at: Option<i64>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A count of accessible resources in the access previews.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct Accessible {
    pub items: Vec<IdName>,
    pub total: u64,
}

/// `GET /users/{id}/preview`: what the user can reach, through which groups.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct UserPreview {
    pub user: Option<IdName>,
    pub groups: Vec<IdName>,
    pub models: Accessible,
    pub knowledge: Accessible,
    pub tools: Accessible,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A group (`GroupResponse`; `user_ids` only from `/export`, `membership_type` only from
/// `/users/groups?include_inherited=true`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub id: String,
    pub user_id: Option<String>,
    pub name: String,
    pub description: String,
    pub parent_group_id: Option<String>,
    pub data: Option<JsonMap>,
    pub meta: Option<JsonMap>,
    pub permissions: Option<JsonMap>,
    pub member_count: Option<u64>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub membership_type: Option<String>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl Group {
    /// The form that writes this group back with everything it came with (`data` whole; the
    /// server requires name and description even on update, and `parent_group_id: null`
    /// explicitly un-nests).
    pub fn to_form(&self) -> GroupForm {
        GroupForm {
            name: self.name.clone(),
            description: self.description.clone(),
            parent_group_id: self.parent_group_id.clone(),
            permissions: self.permissions.clone(),
            data: self.data.clone(),
        }
    }
}

/// `GroupForm` / `GroupUpdateForm`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GroupForm {
    pub name: String,
    pub description: String,
    pub parent_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<JsonMap>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<JsonMap>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UserIds {
    pub user_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct MemberCounts {
    pub direct: u64,
    pub inherited: u64,
    pub effective: u64,
}

/// `GET /groups/id/{id}/members`: 30 a page, sorted by name.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct GroupMembers {
    pub items: Vec<UserInfo>,
    pub total: u64,
    pub counts: MemberCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SigninForm {
    pub email: String,
    pub password: String,
}

/// `POST /auths/add`. The response's token is the NEW user's session: the console drops it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddUserForm {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_image_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct AddedUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub profile_image_url: Option<String>,
}

/// The signed-in user: `POST /auths/signin` (with `token`) and `GET /auths/` (without a new one).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub profile_image_url: Option<String>,
    pub token: Option<String>,
    pub token_type: Option<String>,
    pub expires_at: Option<i64>,
    pub permissions: Option<JsonMap>,
    pub status_emoji: Option<String>,
    pub status_message: Option<String>,
    pub status_expires_at: Option<i64>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl SessionUser {
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }
}

/// What signing in can lead to: a session, or a further step this console cannot do (MFA).
#[derive(Debug, Clone, PartialEq)]
pub enum SigninOutcome {
    Session(Box<SessionUser>),
    NextStep(String),
}

impl SigninOutcome {
    pub fn from_json(v: Value) -> Result<SigninOutcome, String> {
        if let Some(step) = v.get("next_step").and_then(Value::as_str) {
            return Ok(SigninOutcome::NextStep(step.to_string()));
        }
        serde_json::from_value::<SessionUser>(v)
            .map_err(|e| e.to_string())
            .and_then(|u| {
                if u.token.as_deref().unwrap_or("").is_empty() {
                    Err("the sign-in answer has no token".into())
                } else {
                    Ok(SigninOutcome::Session(Box::new(u)))
                }
            })
    }
}

/// One event webhook (`/api/events/webhooks`): `events` may hold patterns such as `user.*` or
/// `*`; unknown keys (and `targets`, `created_at`) are kept and sent back as they came.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Webhook {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub url: String,
    pub enabled: bool,
    pub events: Vec<String>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// One entry of the event catalog.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct EventInfo {
    pub event: String,
    pub description: String,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// `GET /api/events`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct EventCatalog {
    pub schema: Option<String>,
    pub events: Vec<EventInfo>,
}

/// Whether an identity provider rewrites group memberships at each sign-in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupSync {
    /// `ENABLE_OAUTH_GROUP_MANAGEMENT`.
    pub oauth: bool,
    /// LDAP `enable_group_management`.
    pub ldap: bool,
    /// `OAUTH_BLOCKED_GROUPS`: groups the sync never touches (names or patterns, as given).
    pub blocked: Vec<String>,
}

impl GroupSync {
    /// From the two config answers (`None`: not readable). `OAUTH_BLOCKED_GROUPS` is a JSON list
    /// in a string (`"[]"`), or a comma-separated list on some setups.
    pub fn from_configs(oauth: Option<&JsonMap>, ldap: Option<&JsonMap>) -> GroupSync {
        let on = |v: Option<&Value>| match v {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => matches!(s.to_lowercase().as_str(), "true" | "1"),
            _ => false,
        };
        let blocked = match oauth.and_then(|o| o.get("OAUTH_BLOCKED_GROUPS")) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) => match serde_json::from_str::<Vec<String>>(s) {
                Ok(list) => list,
                Err(_) => s
                    .split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
            },
            _ => Vec::new(),
        };
        GroupSync {
            oauth: on(oauth.and_then(|o| o.get("ENABLE_OAUTH_GROUP_MANAGEMENT"))),
            ldap: on(ldap.and_then(|l| l.get("enable_group_management"))),
            blocked,
        }
    }

    /// True when a manual membership change may be undone at the user's next sign-in.
    pub fn active(&self) -> bool {
        self.oauth || self.ldap
    }
}

/// Which identity providers manage a user: "OAuth (oidc)", "SCIM" (from `oauth` / `scim`).
pub fn managed_by(user: &User) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(o) = user.oauth.as_ref().filter(|o| !o.is_empty()) {
        let providers: Vec<&str> = o.keys().map(String::as_str).collect();
        out.push(format!("OAuth ({})", providers.join(", ")));
    }
    if user.scim.as_ref().is_some_and(|s| !s.is_empty()) {
        out.push("SCIM".to_string());
    }
    out
}

/// Whether OAuth created this group ("…created automatically via OAuth.").
pub fn created_by_oauth(group: &Group) -> bool {
    group
        .description
        .trim_end()
        .ends_with("created automatically via OAuth.")
}
