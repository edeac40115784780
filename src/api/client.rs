//! The one place that talks HTTP: `Client` sends an [`Endpoint`] with the Bearer token, and turns
//! whatever comes back into the expected type or an [`ApiError`]. One `pub async fn` per route:
//! auths, users and self here, groups, identity providers and event webhooks in `client_groups.rs`.

use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use web_sys::AbortSignal;

use super::compat::{Capability, ServerInfo};
use super::endpoints::{self as ep, Endpoint, Method, UserListParams};
use super::error::ApiError;
use super::models::*;
use super::transport::{
    AbortOnDrop, Answer, Body, Want, deadline_ms, diagnose, transport_error, with_deadline,
};

/// A connection to one Open WebUI server, optionally with a token (JWT or `sk-` API key).
/// A signed-in session's client also knows the server ([`ServerInfo`]): its calls adapt to the
/// server's line, and a route the server lacks is reported as [`ApiError::Unsupported`].
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    base_url: String,
    token: Option<String>,
    server: Option<ServerInfo>,
}

/// Decodes a response body as `T`, or maps the failure. Pure, so the host tests can feed it the
/// recorded fixtures.
pub fn decode<T: DeserializeOwned>(
    status: u16,
    content_type: &str,
    body: &str,
    url: &str,
) -> Result<T, ApiError> {
    if !(200..300).contains(&status) || !content_type.contains("json") {
        return Err(ApiError::from_response(status, content_type, body, url));
    }
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

/// Normalises what a person types as the server address: trims, drops trailing slashes and a
/// pasted `/api/...` or `/auth` suffix, adds `http://` when no scheme is given.
pub fn normalize_base_url(input: &str) -> String {
    let mut s = input.trim().trim_end_matches('/').to_string();
    for suffix in ["/api/v1", "/api", "/auth"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
        }
    }
    if !s.is_empty() && !s.contains("://") {
        s = format!("http://{s}");
    }
    s
}

impl Client {
    pub fn new(base_url: &str, token: Option<String>) -> Self {
        Client {
            base_url: normalize_base_url(base_url),
            token,
            server: None,
        }
    }

    /// The client of a signed-in session on `server` (what sign-in read about it).
    pub fn signed_in(mut self, server: ServerInfo) -> Self {
        self.server = Some(server);
        self
    }

    /// Whether the server has `cap` (an unknown server: assumed current).
    pub fn has(&self, cap: Capability) -> bool {
        self.server.as_ref().is_none_or(|s| s.has(cap))
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn with_token(&self, token: String) -> Self {
        Client {
            base_url: self.base_url.clone(),
            token: Some(token),
            server: self.server.clone(),
        }
    }

    fn builder(&self, endpoint: &Endpoint, abort: &AbortSignal) -> RequestBuilder {
        let url = format!("{}{}", self.base_url, endpoint.path);
        let b = match endpoint.method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
            Method::Put => Request::put(&url),
            Method::Delete => Request::delete(&url),
        };
        let b = b
            .header("Accept", "application/json")
            .abort_signal(Some(abort));
        match &self.token {
            Some(t) => b.header("Authorization", &format!("Bearer {t}")),
            None => b,
        }
    }

    /// The one non-generic core every call goes through: sends `endpoint` (with a JSON body),
    /// waits at most [`deadline_ms`], and returns the status, content type and body. Dropping
    /// the returned future aborts the request (a newer search, a closed screen).
    async fn exchange(
        &self,
        endpoint: &Endpoint,
        body: Option<String>,
        want: Want,
    ) -> Result<Answer, ApiError> {
        let write = endpoint.method != Method::Get;
        let guard = AbortOnDrop::new()?;
        let b = self.builder(endpoint, &guard.signal());
        let request = match body {
            Some(json) => b.header("Content-Type", "application/json").body(json),
            None => b.build(),
        }
        .map_err(|e| ApiError::Decode(e.to_string()))?;
        let work = async {
            let response = request.send().await?;
            let status = response.status();
            let content_type = response.headers().get("content-type").unwrap_or_default();
            let body = if want == Want::Bytes && (200..300).contains(&status) {
                Body::Bytes(response.binary().await?)
            } else {
                Body::Text(response.text().await?)
            };
            Ok::<_, gloo_net::Error>(Answer {
                status,
                content_type,
                body,
            })
        };
        let secs = deadline_ms().div_ceil(1000);
        let outcome = with_deadline(work, deadline_ms()).await;
        let result = match outcome {
            None => return Err(ApiError::Timeout { secs, write }),
            Some(r) => r,
        };
        guard.disarm();
        match result {
            Ok(answer) => Ok(answer),
            Err(e) => Err(match transport_error(e) {
                Some(err) => err,
                None => diagnose(&self.base_url, write).await,
            }),
        }
    }

    pub(super) async fn send<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let answer = self.exchange(&endpoint, body, Want::Text).await?;
        if let Some(server) = &self.server
            && let Some(missing) = ApiError::missing_feature(
                answer.status,
                &answer.content_type,
                &endpoint,
                server.version.as_deref(),
            )
        {
            return Err(missing);
        }
        let url = format!("{}{}", self.base_url, endpoint.path);
        decode(answer.status, &answer.content_type, answer.text(), &url)
    }

    pub(super) async fn get<T: DeserializeOwned>(&self, endpoint: Endpoint) -> Result<T, ApiError> {
        self.send(endpoint, None).await
    }

    /// Sends `body` as JSON with the endpoint's own method (POST or PUT).
    pub(super) async fn send_json<T: DeserializeOwned, B: Serialize>(
        &self,
        endpoint: Endpoint,
        body: &B,
    ) -> Result<T, ApiError> {
        let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        self.send(endpoint, Some(json)).await
    }

    /// Fetches binary content (a profile image) with the token, as bytes and MIME type.
    pub async fn get_bytes(&self, endpoint: Endpoint) -> Result<(Vec<u8>, String), ApiError> {
        let answer = self.exchange(&endpoint, None, Want::Bytes).await?;
        match answer.body {
            Body::Bytes(bytes) => Ok((bytes, answer.content_type)),
            Body::Text(text) => {
                let url = format!("{}{}", self.base_url, endpoint.path);
                Err(ApiError::from_response(
                    answer.status,
                    &answer.content_type,
                    &text,
                    &url,
                ))
            }
        }
    }

    // --- auths ---------------------------------------------------------------------------------
    pub async fn signin(&self, form: &SigninForm) -> Result<SigninOutcome, ApiError> {
        let v: Value = self.send_json(ep::signin(), form).await?;
        SigninOutcome::from_json(v).map_err(ApiError::Decode)
    }
    /// Signs out on the server: `POST` from 0.9.3, `GET` before.
    pub async fn signout(&self) -> Result<Value, ApiError> {
        self.send(ep::signout(self.has(Capability::PostSignout)), None)
            .await
    }
    /// What the server says about itself, both public (`/api/version`, `/api/config`), read
    /// once at sign-in. A part the server does not answer (as JSON) stays `None`: sign-in goes
    /// on, and the console treats the server as current.
    pub async fn server_info(&self) -> Result<ServerInfo, ApiError> {
        let version: Result<Value, ApiError> = self.get(ep::version()).await;
        let config: Result<JsonMap, ApiError> = self.get(ep::config()).await;
        for r in [version.as_ref().err(), config.as_ref().err()] {
            if let Some(e @ ApiError::Aborted) = r {
                return Err(e.clone());
            }
        }
        Ok(ServerInfo {
            version: version
                .ok()
                .and_then(|v| v.get("version")?.as_str().map(str::to_string)),
            config: config.ok(),
        })
    }
    pub async fn session_user(&self) -> Result<SessionUser, ApiError> {
        self.get(ep::session_user()).await
    }
    pub async fn add_user(&self, form: &AddUserForm) -> Result<AddedUser, ApiError> {
        self.send_json(ep::add_user(), form).await
    }

    // --- users ---------------------------------------------------------------------------------
    /// One page of users.
    pub async fn list_users(&self, params: &UserListParams) -> Result<UserList, ApiError> {
        self.get(ep::users_list(params)).await
    }
    pub async fn all_users(&self) -> Result<UserInfoList, ApiError> {
        self.get(ep::users_all()).await
    }
    pub async fn search_users(&self, params: &UserListParams) -> Result<UserInfoList, ApiError> {
        self.get(ep::users_search(params)).await
    }
    /// The signed-in user's groups: direct and inherited from 0.12, direct only before.
    pub async fn my_groups(&self) -> Result<Vec<Group>, ApiError> {
        self.get(ep::my_groups(self.has(Capability::InheritedUserGroups)))
            .await
    }
    pub async fn my_permissions(&self) -> Result<JsonMap, ApiError> {
        self.get(ep::my_permissions()).await
    }
    pub async fn default_permissions(&self) -> Result<JsonMap, ApiError> {
        self.get(ep::default_permissions()).await
    }
    pub async fn update_default_permissions(
        &self,
        permissions: &JsonMap,
    ) -> Result<JsonMap, ApiError> {
        self.send_json(ep::default_permissions_update(), permissions)
            .await
    }
    /// The factory defaults (from 0.10; older servers: [`ApiError::Unsupported`] unsent).
    pub async fn factory_default_permissions(&self) -> Result<JsonMap, ApiError> {
        self.lacking(Capability::FactoryDefaultPermissions)?;
        self.get(ep::default_permissions_factory()).await
    }
    /// `None` until the user has saved settings once (the server answers `null`).
    pub async fn my_settings(&self) -> Result<Option<JsonMap>, ApiError> {
        self.get(ep::my_settings()).await
    }
    /// Saves `settings` (the whole object, `ui.<key>: null` for a removed key), shaped for the
    /// server's line (before 0.11: `ui` whole without the removed keys).
    pub async fn update_my_settings(&self, settings: &JsonMap) -> Result<JsonMap, ApiError> {
        let body = match &self.server {
            Some(server) => server.settings_body(settings),
            None => settings.clone(),
        };
        self.send_json(ep::my_settings_update(), &body).await
    }
    pub async fn my_status(&self) -> Result<UserStatus, ApiError> {
        self.get(ep::my_status()).await
    }
    pub async fn update_my_status(&self, status: &UserStatus) -> Result<Value, ApiError> {
        self.send_json(ep::my_status_update(), status).await
    }
    pub async fn my_info(&self) -> Result<Option<JsonMap>, ApiError> {
        self.get(ep::my_info()).await
    }
    pub async fn update_my_info(&self, info: &JsonMap) -> Result<Option<JsonMap>, ApiError> {
        self.send_json(ep::my_info_update(), info).await
    }
    pub async fn user(&self, id: &str) -> Result<User, ApiError> {
        self.get(ep::user(id)).await
    }
    pub async fn user_oauth_sessions(&self, id: &str) -> Result<Vec<Value>, ApiError> {
        self.get(ep::user_oauth_sessions(id)).await
    }
    pub async fn revoke_user_sessions(&self, id: &str) -> Result<Value, ApiError> {
        self.lacking(Capability::SessionsRevoke)?;
        self.send(ep::user_sessions_revoke(id), None).await
    }
    /// Updates `user` (as loaded) with `form` (only what changed): shaped for the server's
    /// line (before 0.9.0 the unchanged required fields are sent as loaded).
    pub async fn update_user(&self, user: &User, form: &UserUpdate) -> Result<User, ApiError> {
        let body = match &self.server {
            Some(server) => server.user_update_body(user, form),
            None => form.clone(),
        };
        self.send_json(ep::user_update(&user.id), &body).await
    }
    pub async fn delete_user(&self, id: &str) -> Result<Value, ApiError> {
        self.send(ep::user_delete(id), None).await
    }
    /// A user's groups: direct and inherited from 0.12, direct only before (no nesting there).
    pub async fn user_groups(&self, id: &str) -> Result<Vec<Group>, ApiError> {
        let inherited = self.has(Capability::InheritedUserGroups);
        self.get(ep::user_groups(id, inherited)).await
    }
    /// What a user can access (from 0.9.6; older servers: [`ApiError::Unsupported`] unsent).
    pub async fn user_preview(&self, id: &str) -> Result<UserPreview, ApiError> {
        self.lacking(Capability::UserPreview)?;
        self.get(ep::user_preview(id)).await
    }

    pub(super) fn group_body(&self, form: &GroupForm) -> Value {
        match &self.server {
            Some(server) => server.group_form_body(form),
            None => serde_json::to_value(form).unwrap_or(Value::Null),
        }
    }

    /// `Err(Unsupported)` without asking, when the server is known to lack `cap`.
    pub(super) fn lacking(&self, cap: Capability) -> Result<(), ApiError> {
        match &self.server {
            Some(server) if !server.has(cap) => Err(ApiError::Unsupported {
                version: server.version.clone(),
            }),
            _ => Ok(()),
        }
    }
}
