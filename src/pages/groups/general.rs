//! The General section of the group screen: Name, Description, Parent group and who can share
//! to the group, in the one form pattern (`TextField` / `SelectField`, errors at their fields).

use leptos::prelude::*;

use super::form::{GeneralInput, Share};
use crate::api::Capability;
use crate::components::field::{FieldErrors, SelectField, TextField};
use crate::session::use_session;

/// The form fields whose server errors are shown at the field (their `name`s).
pub const FIELDS: &[&str] = &["name", "description", "parent_group_id"];

/// What is typed in the General section.
#[derive(Clone, Copy)]
pub struct Draft {
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    /// The parent's id; empty for the top level.
    pub parent: RwSignal<String>,
    /// [`Share::param`].
    pub share: RwSignal<String>,
}

impl Draft {
    /// A draft holding `input` (the loaded group, or a blank one for a new group).
    pub fn new(input: &GeneralInput) -> Draft {
        Draft {
            name: RwSignal::new(input.name.clone()),
            description: RwSignal::new(input.description.clone()),
            parent: RwSignal::new(input.parent_group_id.clone().unwrap_or_default()),
            share: RwSignal::new(input.share.param().to_string()),
        }
    }

    /// What is typed now (tracked).
    pub fn input(&self) -> GeneralInput {
        GeneralInput {
            name: self.name.get(),
            description: self.description.get(),
            parent_group_id: Some(self.parent.get()).filter(|p| !p.is_empty()),
            share: Share::from_param(&self.share.get()),
        }
    }
}

/// The General fields. `choices` are the possible parents as `(id, path)`.
#[component]
pub fn GeneralForm(
    draft: Draft,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
    errors: FieldErrors,
    /// While true nothing can be typed (the group is not loaded yet).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let parents = Signal::derive(move || {
        std::iter::once((String::new(), "None (top level)".to_string()))
            .chain(choices.get())
            .collect::<Vec<_>>()
    });
    let session = use_session();
    // Open WebUI 0.6 knows only "no one" and "anyone"; before 0.12 groups do not nest (tracked:
    // a session stored without the server's version learns it after the screen opened).
    let shares = Signal::derive(move || {
        let members_known = session.has(Capability::ShareMembers);
        Share::ALL
            .into_iter()
            .filter(|s| members_known || *s != Share::Members)
            .map(|s| (s.param().to_string(), s.label().to_string()))
            .collect::<Vec<_>>()
    });
    let nesting = move || session.has(Capability::ParentGroup);
    let parent_note = Signal::derive(move || {
        Some(if nesting() {
            "A group and everything below it cannot be its own parent.".to_string()
        } else {
            Capability::ParentGroup.needs_text()
        })
    });
    let parent_disabled = Signal::derive(move || disabled.get() || !nesting());
    view! {
        <div class="group-form">
            <TextField label="Name" name="name" value=draft.name errors=errors disabled=disabled />
            <TextField label="Description" name="description" value=draft.description errors=errors disabled=disabled />
            <SelectField
                label="Parent group"
                name="parent_group_id"
                value=draft.parent
                options=parents
                errors=errors
                disabled=parent_disabled
                note=parent_note
            />
            <SelectField
                label="Who can share to this group"
                name="share"
                value=draft.share
                options=shares
                errors=errors
                disabled=disabled
            />
        </div>
    }
}
