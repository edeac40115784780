//! Suspended users (issue 13): Open WebUI has no suspend, so the console suspends by revoking the
//! user's sessions and setting the role to `pending` (what Open WebUI's own SCIM deprovisioning
//! does), and remembers it where the server keeps it: membership of one group, marked in its
//! `data` as the console's suspension group, whose `data.suspended` maps each user id to the
//! previous role, who suspended and when.
//!
//! Why a group: an admin cannot write another user's `info` (only `/user/info/update`, for
//! oneself); a group is kept by the server, shows in Open WebUI's own admin panel, grants
//! nothing (no permissions), and its members can be listed page by page (`/groups/id/{id}/members`
//! or `order_by=group_id:<id>`), so "suspended" is a filter like any group.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{Group, JsonMap};

/// The suspension group's name when the console creates it.
pub const GROUP_NAME: &str = "Suspended";
/// The key in the group's `data` that marks it as the console's suspension group (its value is
/// `true`), whatever it has been renamed to.
pub const MARKER: &str = "owui_admin_suspended_group";
/// The key in the group's `data` holding `{user_id: SuspendRecord}`.
pub const RECORDS: &str = "suspended";

/// What is remembered of one suspension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SuspendRecord {
    /// The role to restore on reactivate (`admin`, `user`; anything else restores `user`).
    #[serde(default)]
    pub role: String,
    /// The id and name of the admin who suspended.
    #[serde(default)]
    pub by_id: String,
    #[serde(default)]
    pub by_name: String,
    /// Epoch seconds.
    #[serde(default)]
    pub at: i64,
    /// Whatever a later version writes here is kept.
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// Whether `g` is the console's suspension group (by its marker, not its name).
pub fn is_suspension_group(g: &Group) -> bool {
    g.data
        .as_ref()
        .and_then(|d| d.get(MARKER))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// The suspension group among `groups`, if one was ever created.
pub fn find_group(groups: &[Group]) -> Option<&Group> {
    groups.iter().find(|g| is_suspension_group(g))
}
