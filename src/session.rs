//! The signed-in session: server URL, token and user, held in a reactive context and persisted in
//! sessionStorage (or localStorage with "Remember me"). The token never goes into a URL or a log.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, Capability, Client, ServerInfo, SessionUser};

/// Where this console keeps its session in the browser's storage.
const STORAGE_KEY: &str = "owui-admin.session";
/// The last server URL and email (never the token), to prefill Sign in.
const LAST_KEY: &str = "owui-admin.last";
/// Set in this tab after "sign out of the console only": do not take Open WebUI's session over again.
const NO_TAKEOVER_KEY: &str = "owui-admin.no-takeover";
/// Open WebUI's own key for its token: present when its web UI is signed in on this origin.
pub const OWUI_TOKEN_KEY: &str = "token";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub base_url: String,
    pub token: String,
    pub user: SessionUser,
    /// Kept in localStorage (survives browser restarts) instead of sessionStorage.
    pub remember: bool,
    /// Taken over from Open WebUI's own sign-in on this origin: signing out of the console then
    /// leaves Open WebUI signed in unless asked.
    #[serde(default)]
    pub borrowed: bool,
    /// The server's version and features, read at sign-in. `None` in a session stored by an
    /// earlier version of the console: read again when such a session is loaded.
    #[serde(default)]
    pub server: Option<ServerInfo>,
}

impl Session {
    pub fn new(base_url: String, token: String, mut user: SessionUser, remember: bool) -> Self {
        user.token = None; // one copy of the token is enough
        Session {
            base_url,
            token,
            user,
            remember,
            borrowed: false,
            server: None,
        }
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base_url, Some(self.token.clone()))
            .signed_in(self.server.clone().unwrap_or_default())
    }

    /// Reads the server's version and features into the session (sign-in does this once).
    pub async fn read_server(mut self) -> Result<Session, ApiError> {
        self.server = Some(self.client().server_info().await?);
        Ok(self)
    }
}

/// The app-wide session state, provided once by `App`.
#[derive(Clone, Copy)]
pub struct SessionCtx {
    session: RwSignal<Option<Session>>,
    /// Set when the server stopped accepting the token: Sign in opens over the screen, which
    /// stays as it is (with whatever was typed) until the person is signed in again.
    expired: RwSignal<Option<String>>,
    /// The server's version and features, apart from the session so that learning them later
    /// (a session stored without them) updates the frame without re-running every reader.
    server: RwSignal<Option<ServerInfo>>,
}

impl SessionCtx {
    pub fn new() -> Self {
        let loaded = load();
        let ctx = SessionCtx {
            server: RwSignal::new(loaded.as_ref().and_then(|s| s.server.clone())),
            session: RwSignal::new(loaded),
            expired: RwSignal::new(None),
        };
        ctx.read_server_if_missing();
        ctx
    }

    /// A session stored by an earlier version of the console has no server info: read it
    /// (best effort; until then the server is treated as current).
    fn read_server_if_missing(&self) {
        let Some(s) = self.session.get_untracked().filter(|s| s.server.is_none()) else {
            return;
        };
        let (session, server) = (self.session, self.server);
        leptos::task::spawn_local(async move {
            let token = s.token.clone();
            if let Ok(read) = s.read_server().await {
                // Only if the same session is still the current one, and without notifying its
                // readers: their data does not change (clients made from now on adapt).
                let same = session
                    .try_with_untracked(|c| c.as_ref().is_some_and(|c| c.token == token))
                    .unwrap_or(false);
                if same {
                    store(Some(&read));
                    server.try_set(read.server.clone());
                    session.try_update_untracked(|c| *c = Some(read));
                }
            }
        });
    }

    /// Whether the signed-in server has `cap` (tracked; unknown server: assumed current).
    pub fn has(&self, cap: Capability) -> bool {
        self.server
            .with(|s| s.as_ref().is_none_or(|server| server.has(cap)))
    }

    /// "Open WebUI 0.12.4" for the frame, once the version is known (tracked).
    pub fn server_label(&self) -> Option<String> {
        // From `server`, which also learns it for a session stored without it.
        self.server.with(|s| s.as_ref()?.label())
    }

    /// The current session (tracked).
    pub fn get(&self) -> Option<Session> {
        self.session.get()
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    /// A client for the signed-in server (tracked: a sign-out or re-sign-in re-runs readers).
    pub fn client(&self) -> Option<Client> {
        self.session.with(|s| s.as_ref().map(Session::client))
    }

    /// A client without tracking, for event handlers.
    pub fn client_untracked(&self) -> Option<Client> {
        self.session
            .with_untracked(|s| s.as_ref().map(Session::client))
    }

    pub fn user(&self) -> Option<SessionUser> {
        self.session.with(|s| s.as_ref().map(|s| s.user.clone()))
    }

    pub fn sign_in(&self, session: Session) {
        if let Some(st) = session_storage() {
            let _ = st.remove_item(NO_TAKEOVER_KEY);
        }
        store(Some(&session));
        remember_last(&session);
        self.expired.set(None);
        self.server.set(session.server.clone());
        self.session.set(Some(session));
    }

    /// Why the session ended, while Sign in is open over the screen (tracked).
    pub fn expired(&self) -> Option<String> {
        self.expired.get()
    }

    /// True while the server no longer accepts the token (tracked).
    pub fn is_expired(&self) -> bool {
        self.expired.with(Option::is_some)
    }

    /// Signs out: tells the server (best effort), forgets the token locally. With
    /// `also_open_webui`, Open WebUI's own token on this origin goes too.
    pub fn sign_out(&self, also_open_webui: bool) {
        if let Some(s) = self.session.get_untracked()
            && (also_open_webui || !s.borrowed)
        {
            // The server call also clears Open WebUI's cookie on its origin, so a borrowed
            // session (Open WebUI's own) is left alone unless the person asked.
            let client = s.client();
            leptos::task::spawn_local(async move {
                // Nothing to do on failure: the token is forgotten here either way.
                let _ = client.signout().await;
            });
            remove_owui_token_if(&s.token);
        } else if let Some(st) = session_storage() {
            let _ = st.set_item(NO_TAKEOVER_KEY, "1");
        }
        store(None);
        self.expired.set(None);
        self.server.set(None);
        self.session.set(None);
    }

    /// The server no longer accepts the token: Sign in opens over the screen, which keeps its
    /// state. The stored session goes (a reload starts at Sign in), the one in memory stays
    /// until the person signs in again or out.
    pub fn expire(&self, message: String) {
        if self.expired.with_untracked(Option::is_some) {
            return;
        }
        if let Some(s) = self.session.get_untracked() {
            remove_owui_token_if(&s.token);
        }
        store(None);
        self.expired.set(Some(message));
    }

    /// What every screen does with an error: an expired session opens Sign in over the screen
    /// (nothing typed is lost); anything else is the caller's to show. Returns the message.
    pub fn handle(&self, err: &ApiError) -> String {
        if err.is_session_expired() {
            self.expire(err.to_string());
        }
        err.to_string()
    }
}

impl Default for SessionCtx {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> SessionCtx {
    expect_context::<SessionCtx>()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn load() -> Option<Session> {
    [session_storage(), local_storage()]
        .into_iter()
        .flatten()
        .find_map(|st| st.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
}

fn store(session: Option<&Session>) {
    for st in [session_storage(), local_storage()].into_iter().flatten() {
        let _ = st.remove_item(STORAGE_KEY);
    }
    let Some(session) = session else { return };
    let target = if session.remember {
        local_storage()
    } else {
        session_storage()
    };
    if let (Some(st), Ok(raw)) = (target, serde_json::to_string(session)) {
        let _ = st.set_item(STORAGE_KEY, &raw);
    }
}

/// Where and as whom the person signed in last: (server URL, email).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LastSignIn {
    pub base_url: String,
    pub email: String,
}

/// Only an admin's sign-in is remembered: the prefill is for signing in to this console, which
/// a non-admin account cannot use ("Sign in with an admin account" should not offer it again).
fn remember_last(session: &Session) {
    if !session.user.is_admin() {
        return;
    }
    let last = LastSignIn {
        base_url: session.base_url.clone(),
        email: session.user.email.clone(),
    };
    if let (Some(st), Ok(raw)) = (local_storage(), serde_json::to_string(&last)) {
        let _ = st.set_item(LAST_KEY, &raw);
    }
}

/// The server URL and email of the last sign-in in this browser, if any.
pub fn last_sign_in() -> Option<LastSignIn> {
    local_storage()?
        .get_item(LAST_KEY)
        .ok()
        .flatten()
        .and_then(|raw| serde_json::from_str(&raw).ok())
}

/// Open WebUI's own token on this origin, if its web UI is signed in here and the person did
/// not sign out of the console in this tab.
pub fn owui_token() -> Option<String> {
    if session_storage()
        .and_then(|st| st.get_item(NO_TAKEOVER_KEY).ok().flatten())
        .is_some()
    {
        return None;
    }
    local_storage()?
        .get_item(OWUI_TOKEN_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

fn remove_owui_token_if(token: &str) {
    if let Some(st) = local_storage()
        && st.get_item(OWUI_TOKEN_KEY).ok().flatten().as_deref() == Some(token)
    {
        let _ = st.remove_item(OWUI_TOKEN_KEY);
    }
}
