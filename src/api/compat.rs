//! Which Open WebUI line has what: the server's version (read once at sign-in from the public
//! `GET /api/version`), the capabilities the console uses and the version each appeared in, and
//! the adapters that shape a request for an older server. Pages ask `has(Capability::…)` (or
//! call a client method that adapts by itself); nothing outside `api/` compares versions.
//!
//! Facts read from each release's own package and its live server (issue 11). A server whose
//! version could not be read or parsed is treated as current: the request is sent as for the
//! newest line, and a missing route is still recognised by its answer (405, or the web UI's
//! HTML: [`super::ApiError::Unsupported`]).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::models::{JsonMap, User, UserUpdate};

/// The oldest Open WebUI this console works with: 0.6.43, the last 0.6 release. It is the first
/// whose `GET /users/` answers `{users, total}` (older ones answer a bare list).
pub const OLDEST_SUPPORTED: Version = Version::new(0, 6, 43);

/// The lines this console is known to work with, as sign-in states them.
pub const SUPPORTED_TEXT: &str = "Open WebUI 0.6.43 or newer (0.6.43 up to 0.12.x)";

/// `major.minor.patch` with an optional suffix (`0.6.5-dev`, `0.12.0rc1`). The suffix is kept
/// for display but ignored when comparing: a development build of a version is treated as that
/// version (its features are usually there already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Parses `0.12.4`, `v0.6.43`, `0.6.5-dev`, `0.9.0rc1`, `0.7` (patch 0). `None` for anything
    /// that does not start with two dot-separated numbers.
    pub fn parse(text: &str) -> Option<Version> {
        let t = text.trim();
        let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
        let mut parts = t.splitn(3, '.');
        let number = |s: &str| -> Option<u32> {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                None
            } else {
                digits.parse().ok()
            }
        };
        let major = number(parts.next()?)?;
        let minor_text = parts.next()?;
        let minor = number(minor_text)?;
        // A suffix right after the minor (`0.7-dev`) means there is no patch number.
        let patch = if minor_text.chars().all(|c| c.is_ascii_digit()) {
            parts.next().map_or(Some(0), number)?
        } else {
            0
        };
        Some(Version::new(major, minor, patch))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Something the console uses that not every supported line has (or has in the same shape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// `GET /groups/id/{id}/members` (`{items,total,counts}`, direct/inherited/effective).
    GroupMembersPage,
    /// `parent_group_id` on group create/update/read (older servers ignore it on write).
    ParentGroup,
    /// `POST /users/{id}/sessions/revoke` ("Sign out all devices").
    SessionsRevoke,
    /// `include_inherited=true` on a user's groups (older: direct groups only).
    InheritedUserGroups,
    /// Group get/export/info answer 404 when not found (older: 401 with the not-found text).
    GroupNotFound404,
    /// `GET /users/default/permissions/defaults` (the factory defaults).
    FactoryDefaultPermissions,
    /// `GET /users/{id}/preview` (what a user can access).
    UserPreview,
    /// `POST /auths/signout` (older: GET only).
    PostSignout,
    /// `POST /users/{id}/update` with only the changed fields (older: role, name, email and
    /// profile_image_url all required).
    PartialUserUpdate,
    /// Six default permission sections (0.6.43 has four).
    SixPermissionSections,
    /// `data.config.share = "members"` (0.6.x: only true/false).
    ShareMembers,
    /// `ui.<key>: null` in a settings update deletes the key (older: `ui` is replaced whole,
    /// and a null is stored).
    SettingsUiPatch,
    /// `/api/events` and `/api/events/webhooks` (Open WebUI's event webhooks; CHANGELOG 0.10.0
    /// "New event system with webhooks").
    EventWebhooks,
    /// `GET /api/v1/analytics/users` (messages and tokens per user in a period; CHANGELOG 0.8.0
    /// "Analytics dashboard"; absent from 0.6.43, present in 0.11.4). Even there the route is
    /// only mounted while `ENABLE_ADMIN_ANALYTICS` is on (the default).
    UserAnalytics,
}

impl Capability {
    pub const ALL: [Capability; 14] = [
        Capability::GroupMembersPage,
        Capability::ParentGroup,
        Capability::SessionsRevoke,
        Capability::InheritedUserGroups,
        Capability::GroupNotFound404,
        Capability::FactoryDefaultPermissions,
        Capability::UserPreview,
        Capability::PostSignout,
        Capability::PartialUserUpdate,
        Capability::SixPermissionSections,
        Capability::ShareMembers,
        Capability::SettingsUiPatch,
        Capability::EventWebhooks,
        Capability::UserAnalytics,
    ];

    /// The first Open WebUI version that has it.
    pub const fn since(self) -> Version {
        match self {
            Capability::GroupMembersPage
            | Capability::ParentGroup
            | Capability::SessionsRevoke
            | Capability::InheritedUserGroups
            | Capability::GroupNotFound404 => Version::new(0, 12, 0),
            Capability::SettingsUiPatch => Version::new(0, 11, 0),
            Capability::FactoryDefaultPermissions | Capability::EventWebhooks => {
                Version::new(0, 10, 0)
            }
            Capability::UserPreview => Version::new(0, 9, 6),
            Capability::PostSignout => Version::new(0, 9, 3),
            Capability::PartialUserUpdate => Version::new(0, 9, 0),
            // The table says "0.7.0 / 0.8.x": the earlier bound is taken, and the
            // permission editor shows whatever sections the server sends anyway.
            Capability::SixPermissionSections | Capability::ShareMembers => Version::new(0, 7, 0),
            Capability::UserAnalytics => Version::new(0, 8, 0),
        }
    }

    /// What a person is told where the control is absent: "Needs Open WebUI 0.12 or newer".
    pub fn needs_text(self) -> String {
        let v = self.since();
        if v.patch == 0 {
            format!("Needs Open WebUI {}.{} or newer", v.major, v.minor)
        } else {
            format!("Needs Open WebUI {v} or newer")
        }
    }
}

/// What sign-in read about the server (kept in the session, persisted with it): the version
/// text of `GET /api/version` and the public `GET /api/config` (features), both as sent.
/// Either may be missing (a proxy that only forwards `/api/v1/`, a server that failed to answer).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerInfo {
    pub version: Option<String>,
    pub config: Option<JsonMap>,
}

impl ServerInfo {
    /// The parsed version, if the server said one.
    pub fn parsed(&self) -> Option<Version> {
        self.version.as_deref().and_then(Version::parse)
    }

    /// Whether the server has `cap`. Unknown version: assumed current (see the module notes).
    pub fn has(&self, cap: Capability) -> bool {
        self.parsed().is_none_or(|v| v >= cap.since())
    }

    /// `Err(message)` for a server older than [`OLDEST_SUPPORTED`]: what sign-in says.
    pub fn check_supported(&self) -> Result<(), String> {
        match self.parsed() {
            Some(v) if v < OLDEST_SUPPORTED => Err(format!(
                "This server runs Open WebUI {}, which this console does not support. It works \
                 with {SUPPORTED_TEXT}. Update Open WebUI, then sign in again.",
                self.version.as_deref().unwrap_or_default().trim()
            )),
            _ => Ok(()),
        }
    }

    /// "Open WebUI 0.12.4" for the frame, if the version is known.
    pub fn label(&self) -> Option<String> {
        let v = self.version.as_deref()?.trim();
        (!v.is_empty()).then(|| format!("Open WebUI {v}"))
    }

    /// A flag from `/api/config`'s `features` (e.g. `enable_signup`), if the server sent it.
    pub fn feature(&self, key: &str) -> Option<bool> {
        self.config
            .as_ref()?
            .get("features")?
            .get(key)
            .and_then(Value::as_bool)
    }

    /// The `POST /users/{id}/update` body for this server. From 0.9.0 only what changed is
    /// sent; older servers require role, name, email and profile_image_url, so the ones not
    /// being changed are filled from `user` as loaded (which is what they are on the server).
    pub fn user_update_body(&self, user: &User, update: &UserUpdate) -> UserUpdate {
        if self.has(Capability::PartialUserUpdate) {
            return update.clone();
        }
        let or = |new: &Option<String>, old: &str| Some(new.clone().unwrap_or_else(|| old.into()));
        UserUpdate {
            role: or(&update.role, &user.role),
            name: or(&update.name, &user.name),
            email: or(&update.email, &user.email),
            profile_image_url: or(
                &update.profile_image_url,
                user.profile_image_url.as_deref().unwrap_or_default(),
            ),
            password: update.password.clone(),
        }
    }
}
