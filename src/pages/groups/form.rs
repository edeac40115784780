//! The group form's logic: "who can share to this group" (`data.config.share`) and building the
//! update body so that every key of `data` the server sent goes back unchanged.

use serde_json::Value;

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
        GeneralInput {
            name: group.name.clone(),
            description: group.description.clone(),
            parent_group_id: group.parent_group_id.clone(),
            share: Share::from_data(group.data.as_ref()),
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
