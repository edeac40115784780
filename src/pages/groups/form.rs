//! The group form's logic: "who can share to this group" (`data.config.share`) and building the
//! update body so that every key of `data` the server sent goes back unchanged.

use serde_json::Value;

use super::tree::children;
use crate::api::{Group, GroupForm, JsonMap};

/// `data.config.share`: `false`, `"members"` or `true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    NoOne,
    Members,
    Anyone,
}

impl Share {
    pub const ALL: [Share; 3] = [Share::NoOne, Share::Members, Share::Anyone];

    /// What the group's `data` says; absent means the server default (`"members"`).
    pub fn from_data(data: Option<&JsonMap>) -> Share {
        Share::from_data_on(data, true)
    }

    /// As [`Share::from_data`], on a server that knows `"members"` or not (Open WebUI 0.6 only
    /// has true/false, and absent there means shared: [`Share::Anyone`]).
    pub fn from_data_on(data: Option<&JsonMap>, members_known: bool) -> Share {
        if !members_known {
            return match data
                .and_then(|d| d.get("config"))
                .and_then(|c| c.get("share"))
            {
                Some(Value::Bool(false)) => Share::NoOne,
                _ => Share::Anyone,
            };
        }
        match data
            .and_then(|d| d.get("config"))
            .and_then(|c| c.get("share"))
        {
            Some(Value::Bool(true)) => Share::Anyone,
            Some(Value::Bool(false)) => Share::NoOne,
            _ => Share::Members,
        }
    }

    pub fn to_value(self) -> Value {
        match self {
            Share::NoOne => Value::Bool(false),
            Share::Members => Value::String("members".into()),
            Share::Anyone => Value::Bool(true),
        }
    }

    /// The `<option value>`.
    pub fn param(self) -> &'static str {
        match self {
            Share::NoOne => "none",
            Share::Members => "members",
            Share::Anyone => "anyone",
        }
    }

    pub fn from_param(s: &str) -> Share {
        match s {
            "none" => Share::NoOne,
            "anyone" => Share::Anyone,
            _ => Share::Members,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Share::NoOne => "No one",
            Share::Members => "Members of this group",
            Share::Anyone => "Anyone",
        }
    }
}

/// What the person typed in the General section.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneralInput {
    pub name: String,
    pub description: String,
    /// `None`: top level.
    pub parent_group_id: Option<String>,
    pub share: Share,
}

impl GeneralInput {
    pub fn of(group: &Group) -> GeneralInput {
        GeneralInput::of_on(group, true)
    }

    /// As [`GeneralInput::of`], on a server that knows `share = "members"` or not.
    pub fn of_on(group: &Group, members_known: bool) -> GeneralInput {
        GeneralInput {
            name: group.name.clone(),
            description: group.description.clone(),
            parent_group_id: group.parent_group_id.clone(),
            share: Share::from_data_on(group.data.as_ref(), members_known),
        }
    }
}

/// The body for create/update: `base` (the group as loaded, or a blank one for a new group) with
/// the typed fields and `permissions` applied. `data` keeps every key it had; `data.config.share`
/// is only written when it differs from what was loaded, so an unusual stored value survives.
pub fn build_form(base: &Group, input: &GeneralInput, permissions: JsonMap) -> GroupForm {
    let mut form = base.to_form();
    form.name = input.name.trim().to_string();
    form.description = input.description.clone();
    form.parent_group_id = input.parent_group_id.clone().filter(|p| !p.is_empty());
    form.permissions = Some(permissions);
    if Share::from_data(base.data.as_ref()) != input.share || base.data.is_none() {
        let mut data = base.data.clone().unwrap_or_default();
        let config = data
            .entry("config")
            .or_insert_with(|| Value::Object(JsonMap::new()));
        if !config.is_object() {
            *config = Value::Object(JsonMap::new());
        }
        if let Value::Object(c) = config {
            c.insert("share".into(), input.share.to_value());
        }
        form.data = Some(data);
    }
    form
}

/// A client-side check before sending: the server needs a name.
pub fn validate(input: &GeneralInput) -> Option<String> {
    input
        .name
        .trim()
        .is_empty()
        .then(|| "A group needs a name.".to_string())
}

/// What deleting `group` does, for the confirm step: memberships go, children move up.
pub fn delete_warning(groups: &[Group], group: &Group) -> String {
    let kids: Vec<String> = children(groups, &group.id)
        .iter()
        .map(|g| format!("“{}”", g.name))
        .collect();
    let target = group
        .parent_group_id
        .as_deref()
        .and_then(|p| groups.iter().find(|g| g.id == p))
        .map(|g| format!("“{}”", g.name))
        .unwrap_or_else(|| "the top level".into());
    let mut text = format!(
        "The group “{}” and its {} direct membership(s) will be removed (the users themselves stay). ",
        group.name,
        group.member_count.unwrap_or(0)
    );
    if !kids.is_empty() {
        text.push_str(&format!(
            "Its child groups {} move up to {target}. ",
            kids.join(", ")
        ));
    }
    text.push_str("This cannot be undone.");
    text
}

/// The group screen's tabs, kept in the URL (`?tab=members`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupTab {
    #[default]
    General,
    Permissions,
    Members,
}

impl GroupTab {
    pub const ALL: [GroupTab; 3] = [GroupTab::General, GroupTab::Permissions, GroupTab::Members];

    pub fn param(self) -> &'static str {
        match self {
            GroupTab::General => "general",
            GroupTab::Permissions => "permissions",
            GroupTab::Members => "members",
        }
    }

    pub fn from_param(s: &str) -> GroupTab {
        GroupTab::ALL
            .into_iter()
            .find(|t| t.param() == s)
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            GroupTab::General => "General",
            GroupTab::Permissions => "Permissions",
            GroupTab::Members => "Members",
        }
    }
}

/// A file-name-safe version of a group name.
pub fn file_slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() { "group".into() } else { s }
}
