//! The group form with its tabs (General, Permissions, Members), for a saved group or a new one.
//! It starts from a [`Seed`] once and keeps its own draft from then on.

use leptos::prelude::*;

use super::actions::GroupActions;
use super::effect::GroupEffect;
use super::form::{GeneralInput, GroupTab, build_form, validate};
use super::general::{Draft, FIELDS, GeneralForm};
use super::identity::{GroupSyncWarning, OAuthGroupMark};
use super::members::Members;
use super::tabs::{GroupTabs, TabPanel, use_group_location};
use super::tree::{ancestors, parent_choices, path};
use crate::api::{Capability, Group, GroupForm, JsonMap};
use crate::components::alert::WriteError;
use crate::components::field::FieldErrors;
use crate::components::permissions::PermissionEditor;
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;
use crate::components::permissions::leave_guard::LeaveGuard;
use crate::components::permissions::model::diff;
use crate::components::toast::use_toasts;
use crate::routes::{self, href, use_go};
use crate::session::use_session;
use crate::write::use_write;

/// What the editor starts from.
#[derive(Debug, Clone, PartialEq)]
pub struct Seed {
    /// The group as loaded; `None` for a new group.
    pub group: Option<Group>,
    /// Every group (parent picker, paths, the parents' grants, delete warning).
    pub groups: Vec<Group>,
    /// The default permissions (a new group starts from them).
    pub defaults: JsonMap,
}

/// A save: the group's id (`None`: create), the body, and what was typed (the new baseline).
type SaveInput = (Option<String>, GroupForm, GeneralInput);

/// The whole group screen below the loading step.
#[component]
pub fn GroupEditor(seed: Seed) -> impl IntoView {
    let toasts = use_toasts();
    let go = use_go();
    let is_new = seed.group.is_none();
    let base = RwSignal::new(seed.group.clone().unwrap_or_default());
    let session = use_session();
    let initial = GeneralInput::of_on(&base.get_untracked(), session.has(Capability::ShareMembers));
    let general_saved = RwSignal::new(initial.clone());
    let draft = Draft::new(&initial);
    let errors: FieldErrors = RwSignal::new(Default::default());
    // A new group starts from the current defaults (as Open WebUI's own form does).
    let stored_perms = match &seed.group {
        Some(g) => g.permissions.clone().unwrap_or_default(),
        None => seed.defaults.clone(),
    };
    let perms = RwSignal::new(stored_perms.clone());
    let perms_saved = RwSignal::new(stored_perms);
    let defaults_map = seed.defaults.clone();
    let defaults = Signal::stored(seed.defaults);
    let groups = StoredValue::new(seed.groups);
    let this_id = seed.group.as_ref().map(|g| g.id.clone());
    let choices = Signal::stored(groups.with_value(|gs| parent_choices(gs, this_id.as_deref())));
    // The chosen parent and its ancestors, nearest first: their grants are shown in the editor.
    let inherited = Signal::derive(move || {
        let p = draft.parent.get();
        groups.with_value(|gs| {
            let Some(pg) = gs.iter().find(|g| g.id == p) else {
                return Vec::new();
            };
            std::iter::once(pg)
                .chain(ancestors(gs, &p))
                .map(|g| (g.name.clone(), g.permissions.clone().unwrap_or_default()))
                .collect()
        })
    });
    let dirty = Memo::new(move |_| {
        draft.input() != general_saved.get()
            || perms_saved.with(|s| perms.with(|p| !diff(s, p).is_empty()))
    });

    let at = use_group_location(this_id.clone());
    let save = use_write(
        |client, (id, form, typed): SaveInput| async move {
            let saved = match id {
                Some(id) => client.update_group(&id, &form).await,
                None => client.create_group(&form).await,
            };
            saved.map(|g| (g, typed))
        },
        move |result| match result {
            Ok((saved, typed)) => {
                errors.set(Default::default());
                toasts.success(format!("Group “{}” saved.", saved.name));
                general_saved.set(typed);
                perms_saved.set(saved.permissions.clone().unwrap_or_default());
                if is_new {
                    go.replace(&routes::group(&saved.id, None));
                }
                base.set(saved);
            }
            // What was typed stays; the server's messages land next to their fields.
            Err(e) => errors.set(e.field_errors_for(FIELDS)),
        },
    );
    // The body to send, once the typed input passes the client check.
    let prepare = move || -> Option<SaveInput> {
        let typed = draft.input();
        if let Some(e) = validate(&typed) {
            errors.update(|m| {
                m.insert("name", e);
            });
            return None;
        }
        Some(base.with_untracked(|b| {
            let id = (!is_new).then(|| b.id.clone());
            (id, build_form(b, &typed, perms.get_untracked()), typed)
        }))
    };
    // A saved group whose permissions or parent change: the preview of who gains and who
    // loses what stands above the form before Save sends it.
    let needs_review = Memo::new(move |_| {
        !is_new
            && (perms_saved.with(|s| perms.with(|p| !diff(s, p).is_empty()))
                || draft.parent.get()
                    != general_saved.with(|g| g.parent_group_id.clone().unwrap_or_default()))
    });
    let on_save = move |_| {
        if let Some(input) = prepare() {
            save.dispatch(input);
        }
    };
    let change = Signal::derive(move || {
        let mut g = base.get();
        g.permissions = Some(perms.get());
        g.parent_group_id = Some(draft.parent.get()).filter(|p| !p.is_empty());
        Change::Group(Box::new(g))
    });

    let title = move || {
        if is_new {
            "New group".to_string()
        } else {
            base.with(|b| b.name.clone())
        }
    };
    let crumbs = move || {
        if is_new {
            return "New group".to_string();
        }
        // The saved parent's path (the list may predate a save) and the saved name.
        let above = general_saved
            .with(|g| g.parent_group_id.clone())
            .map(|p| groups.with_value(|gs| path(gs, &p)));
        let name = base.with(|b| b.name.clone());
        match above {
            Some(a) if !a.is_empty() => format!("{a} / {name}"),
            _ => name,
        }
    };
    let tabs: &'static [GroupTab] = if is_new {
        &GroupTab::ALL[..2]
    } else {
        &GroupTab::ALL
    };
    view! {
        <LeaveGuard dirty=dirty />
        <div class="page-head group-head">
            <div>
                <p class="muted crumbs"><a href=href(routes::GROUPS)>"Groups"</a>" / "{crumbs}</p>
                <h1>{title}" "<OAuthGroupMark group=base /></h1>
            </div>
            <div class="actions" aria-busy=move || save.pending().get().to_string()>
                {move || dirty.get().then(|| view! { <span class="badge perm-dirty">"Unsaved changes"</span> })}
                <button type="button" class="btn btn-primary" disabled=move || save.pending().get() on:click=on_save>
                    {if is_new { "Create" } else { "Save" }}
                </button>
                {(!is_new).then(|| view! { <GroupActions group=base groups=groups /> })}
            </div>
        </div>
        <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) fields=FIELDS />
        <Show when=move || needs_review.get()>
            <ImpactPreview change=change />
        </Show>
        <GroupTabs tabs=tabs current=at.tab on_select=at.show_tab />
        <TabPanel tab=GroupTab::General current=at.tab>
            <h2 class="sr-only">"General"</h2>
            <GeneralForm draft=draft choices=choices errors=errors />
        </TabPanel>
        <TabPanel tab=GroupTab::Permissions current=at.tab>
            <h2>"Permissions"</h2>
            <p class="notice">
                "A group can only grant permissions, never take them away: what is on by default "
                "(marked “On by default”) stays on for everyone, whatever this group says. "
                "Members also get everything their parent groups grant (marked “Granted by …”)."
            </p>
            <PermissionEditor value=perms saved=perms_saved layout_from=defaults mark_defaults=true inherited=inherited />
            {(!is_new).then(|| view! { <GroupEffect group=base groups=groups.get_value() defaults=defaults_map /> })}
        </TabPanel>
        {(!is_new).then(|| view! {
            <TabPanel tab=GroupTab::Members current=at.tab>
                <GroupSyncWarning group=base visible=Signal::derive(move || at.tab.get() == GroupTab::Members)>
                <Members
                    group_id=base.with_untracked(|b| b.id.clone())
                    group_name=Signal::derive(move || base.with(|b| b.name.clone()))
                    group_names=groups.with_value(|gs| gs.iter().map(|g| (g.id.clone(), g.name.clone())).collect())
                    page=at.members_page
                    on_page=at.show_page
                    on_changed=Callback::new(move |g: Group| base.update(|b| b.member_count = g.member_count))
                />
                </GroupSyncWarning>
            </TabPanel>
        })}
    }
}
