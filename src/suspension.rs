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

use std::collections::HashSet;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::{ApiError, Client, Group, GroupForm, JsonMap, User, UserUpdate};
use crate::batch::{Cancel, run_cancellable, run_chunked};

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

/// Group membership calls take at most this many ids (the server takes a list; a very long one
/// is split so no single request grows without bound).
pub const MEMBERS_CHUNK: usize = 500;

/// Who suspends (kept in the record).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actor {
    pub id: String,
    pub name: String,
}

/// The record kept for `user_id` in `group`, if any.
pub fn record_of(group: &Group, user_id: &str) -> Option<SuspendRecord> {
    group
        .data
        .as_ref()
        .and_then(|d| d.get(RECORDS))
        .and_then(|r| r.get(user_id))
        .and_then(Value::as_object)
        .map(SuspendRecord::from_json)
}

impl SuspendRecord {
    /// Read by hand rather than through serde: the derived (flattening) code would sit in the
    /// first download for four fields.
    pub fn from_json(m: &JsonMap) -> SuspendRecord {
        let text = |k: &str| {
            m.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let mut extra = m.clone();
        for k in ["role", "by_id", "by_name", "at"] {
            extra.remove(k);
        }
        SuspendRecord {
            role: text("role"),
            by_id: text("by_id"),
            by_name: text("by_name"),
            at: m.get("at").and_then(Value::as_i64).unwrap_or_default(),
            extra,
        }
    }

    pub fn to_json(&self) -> Value {
        let mut m = self.extra.clone();
        m.insert("role".into(), self.role.clone().into());
        m.insert("by_id".into(), self.by_id.clone().into());
        m.insert("by_name".into(), self.by_name.clone().into());
        m.insert("at".into(), self.at.into());
        Value::Object(m)
    }
}

/// The role a reactivate restores: the recorded one when it is `admin` or `user`, else `user`
/// (a suspended user must never come back as `pending`, nor with a role the server would not
/// check).
pub fn restore_role(record: Option<&SuspendRecord>) -> &'static str {
    match record.map(|r| r.role.as_str()) {
        Some("admin") => "admin",
        _ => "user",
    }
}

/// `data` with its records map changed by `f`; every other key of `data` (and every other
/// record) is kept as the server gave it, and the marker is (re)set.
pub fn with_records(data: Option<JsonMap>, f: impl FnOnce(&mut JsonMap)) -> JsonMap {
    let mut data = data.unwrap_or_default();
    let mut records = match data.remove(RECORDS) {
        Some(Value::Object(m)) => m,
        _ => JsonMap::default(),
    };
    f(&mut records);
    data.insert(MARKER.to_string(), Value::Bool(true));
    data.insert(RECORDS.to_string(), Value::Object(records));
    data
}

/// The group the console creates the first time someone is suspended.
pub fn new_group_form() -> GroupForm {
    GroupForm {
        name: GROUP_NAME.to_string(),
        description: "Users suspended from the admin console: their role is pending until \
                      reactivated there. Grants nothing; keep its permissions empty."
            .to_string(),
        parent_group_id: None,
        permissions: None,
        data: Some(with_records(None, |_| {})),
    }
}

/// The suspension group, created (marked, with no permissions) when there is none yet.
pub async fn find_or_create_group(client: &Client) -> Result<Group, ApiError> {
    match find_group(&client.groups().await?) {
        Some(g) => Ok(g.clone()),
        None => client.create_group(&new_group_form()).await,
    }
}

/// Read-modify-write of the records: the group is read right before writing (another admin may
/// have suspended someone meanwhile), and `data` is written back whole.
pub async fn update_records(
    client: &Client,
    group_id: &str,
    f: impl FnOnce(&mut JsonMap),
) -> Result<Group, ApiError> {
    let mut group = client.group(group_id).await?;
    group.data = Some(with_records(group.data.take(), f));
    client.update_group(group_id, &group.to_form()).await
}

/// Adds (`add`) or removes `users` to/from the group, in chunks of [`MEMBERS_CHUNK`].
pub async fn change_members(
    client: &Client,
    group_id: &str,
    users: Vec<User>,
    add: bool,
    done: Option<RwSignal<usize>>,
    cancel: Option<Cancel>,
) -> Vec<(User, Option<Result<(), ApiError>>)> {
    run_chunked(users, MEMBERS_CHUNK, done, cancel, |part: Vec<User>| {
        let ids: Vec<String> = part.into_iter().map(|u| u.id).collect();
        async move {
            if add {
                client.add_group_users(group_id, ids).await.map(|_| ())
            } else {
                client.remove_group_users(group_id, ids).await.map(|_| ())
            }
        }
    })
    .await
}

type Outcomes = Vec<(User, Option<Result<(), ApiError>>)>;

fn all_failed(users: Vec<User>, e: ApiError) -> Outcomes {
    users
        .into_iter()
        .map(|u| (u, Some(Err(e.clone()))))
        .collect()
}

fn ok_users(results: &Outcomes) -> Vec<User> {
    results
        .iter()
        .filter(|(_, r)| matches!(r, Some(Ok(()))))
        .map(|(u, _)| u.clone())
        .collect()
}

/// The first failure among a membership change's outcomes (`Ok` when every call went through).
fn first_failure(results: Outcomes) -> Result<(), ApiError> {
    match results
        .into_iter()
        .map(|(_, r)| r)
        .find(|r| !matches!(r, Some(Ok(()))))
    {
        Some(Some(Err(e))) => Err(e),
        _ => Ok(()),
    }
}

/// Takes `users` out of the suspension group and drops their records (one read-modify-write):
/// what reactivating does, and what a suspend that failed for them undoes.
async fn unmark(client: &Client, group_id: &str, users: Vec<User>) -> Result<(), ApiError> {
    let ids: HashSet<String> = users.iter().map(|u| u.id.clone()).collect();
    first_failure(change_members(client, group_id, users, false, None, None).await)?;
    update_records(client, group_id, |records| {
        records.retain(|id, _| !ids.contains(id))
    })
    .await
    .map(|_| ())
}

/// Suspends `users`: first the record (previous role, by, at) and the membership are written,
/// then per user (bounded, cancellable) sessions are revoked and the role set to `pending`.
/// Whoever then did not get through (failed or not attempted) loses the record and membership
/// again, so each user ends either fully suspended or untouched. A user already recorded keeps
/// the first record (its role is the one before the first suspend).
pub async fn suspend(
    client: &Client,
    users: Vec<User>,
    by: Actor,
    now: i64,
    done: RwSignal<usize>,
    cancel: Option<Cancel>,
) -> Outcomes {
    let setup = async {
        let group = find_or_create_group(client).await?;
        update_records(client, &group.id, |records| {
            for u in &users {
                let rec = SuspendRecord {
                    role: u.role.clone(),
                    by_id: by.id.clone(),
                    by_name: by.name.clone(),
                    at: now,
                    extra: JsonMap::default(),
                };
                records.entry(u.id.clone()).or_insert(rec.to_json());
            }
        })
        .await?;
        first_failure(change_members(client, &group.id, users.clone(), true, None, None).await)?;
        Ok(group.id)
    };
    let group_id = match setup.await {
        Ok(id) => id,
        Err(e) => return all_failed(users, e),
    };
    let results = run_cancellable(users, done, cancel, |u: User| async move {
        client.revoke_user_sessions(&u.id).await?;
        let update = UserUpdate {
            role: Some("pending".into()),
            ..Default::default()
        };
        client.update_user(&u, &update).await.map(|_| ())
    })
    .await;
    let ok: HashSet<String> = ok_users(&results).into_iter().map(|u| u.id).collect();
    let undo: Vec<User> = results
        .iter()
        .filter(|(u, _)| !ok.contains(&u.id))
        .map(|(u, _)| u.clone())
        .collect();
    if undo.is_empty() {
        return results;
    }
    match unmark(client, &group_id, undo).await {
        Ok(()) => results,
        // Those not suspended are still marked: say so rather than "not attempted".
        Err(e) => results
            .into_iter()
            .map(|(u, r)| match r {
                Some(Ok(())) => (u, r),
                _ => (u, Some(Err(e.clone()))),
            })
            .collect(),
    }
}

/// Reactivates `users`: per user (bounded, cancellable) the role recorded at suspend is
/// restored (see [`restore_role`]); then those restored leave the group and lose their record
/// (one read-modify-write).
pub async fn reactivate(
    client: &Client,
    users: Vec<User>,
    done: RwSignal<usize>,
    cancel: Option<Cancel>,
) -> Outcomes {
    let group = async {
        let id = find_group(&client.groups().await?)
            .map(|g| g.id.clone())
            .ok_or_else(|| ApiError::NotFound("Nobody is suspended.".into()))?;
        client.group(&id).await
    };
    let group = match group.await {
        Ok(g) => g,
        Err(e) => return all_failed(users, e),
    };
    let group = &group;
    let results = run_cancellable(users, done, cancel, |u: User| async move {
        let role = restore_role(record_of(group, &u.id).as_ref());
        let update = UserUpdate {
            role: Some(role.into()),
            ..Default::default()
        };
        client.update_user(&u, &update).await.map(|_| ())
    })
    .await;
    let back = ok_users(&results);
    if back.is_empty() {
        return results;
    }
    match unmark(client, &group.id, back).await {
        Ok(()) => results,
        Err(e) => results
            .into_iter()
            .map(|(u, r)| match r {
                Some(Ok(())) => (u, Some(Err(e.clone()))),
                other => (u, other),
            })
            .collect(),
    }
}
