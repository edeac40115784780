//! The adapters for older Open WebUI lines that need more than a flag: what the console sends
//! and reads is shaped here (pure, so the host tests feed them the recorded fixtures), and the
//! client calls them. Pages never see the difference, except where a control has no
//! equivalent at all ([`super::Capability`]).

use serde_json::Value;

use super::PAGE_SIZE;
use super::compat::{Capability, ServerInfo};
use super::endpoints::Membership;
use super::models::{GroupForm, GroupMembers, JsonMap, MemberCounts, UserInfo};

impl ServerInfo {
    /// The group create/update body for this server. Before 0.12 `parent_group_id` is never
    /// sent (the server would ignore it, and a parent change would "save" and be lost); on 0.6
    /// `data.config.share` is only ever true or false, so a `"members"` there is left out (the
    /// server's default: shared).
    pub fn group_form_body(&self, form: &GroupForm) -> Value {
        let mut body = serde_json::to_value(form).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut body {
            if !self.has(Capability::ParentGroup) {
                map.remove("parent_group_id");
            }
            if !self.has(Capability::ShareMembers)
                && let Some(Value::Object(config)) =
                    map.get_mut("data").and_then(|d| d.get_mut("config"))
                && config.get("share").is_some_and(Value::is_string)
            {
                config.remove("share");
            }
        }
        body
    }

    /// The `POST /users/user/settings/update` body for this server. From 0.11 `ui.<key>: null`
    /// deletes a key; older servers replace `ui` whole (and would store the null), so there the
    /// whole `ui` object goes without the deleted keys.
    pub fn settings_body(&self, body: &JsonMap) -> JsonMap {
        let mut body = body.clone();
        if !self.has(Capability::SettingsUiPatch)
            && let Some(Value::Object(ui)) = body.get_mut("ui")
        {
            ui.retain(|_, v| !v.is_null());
        }
        body
    }
}

/// One page of a group's members, as `GET /groups/id/{id}/members` answers it, made from the
/// direct members that servers before 0.12 list unpaginated (`POST /groups/id/{id}/users`).
/// Those servers have no nested groups, so nobody is inherited and the effective members are
/// the direct ones. The filter matches name or email (case-insensitive), the order is by name,
/// [`PAGE_SIZE`] a page, as the newer server does it.
pub fn members_page(
    direct: Vec<UserInfo>,
    membership: Membership,
    query: &str,
    page: u32,
) -> GroupMembers {
    let n = direct.len() as u64;
    let counts = MemberCounts {
        direct: n,
        inherited: 0,
        effective: n,
    };
    if membership == Membership::Inherited {
        return GroupMembers {
            items: Vec::new(),
            total: 0,
            counts,
        };
    }
    let q = query.trim().to_lowercase();
    let mut matching: Vec<UserInfo> = direct
        .into_iter()
        .filter(|u| {
            q.is_empty()
                || u.name.to_lowercase().contains(&q)
                || u.email.to_lowercase().contains(&q)
        })
        .map(|mut u| {
            u.membership_type = Some("direct".into());
            u
        })
        .collect();
    matching.sort_by(|a, b| (a.name.to_lowercase(), &a.id).cmp(&(b.name.to_lowercase(), &b.id)));
    let total = matching.len() as u64;
    let skip = (page.max(1) as usize - 1) * PAGE_SIZE as usize;
    GroupMembers {
        items: matching
            .into_iter()
            .skip(skip)
            .take(PAGE_SIZE as usize)
            .collect(),
        total,
        counts,
    }
}
