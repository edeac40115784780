//! `/groups/:id`: one group (General, Permissions, Members, Export, Delete), and `/groups/new`,
//! the same form for a new group. Opening it costs three calls: the groups list (the group
//! itself, the parent picker, paths and the parents' grants all come from it), the default
//! permissions, and the first page of direct members.

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::form::{GeneralInput, GroupTab, Share, build_form, delete_warning, file_slug, validate};
use super::members::Members;
use super::tree::{ancestors, parent_choices, path};
use crate::api::{ApiError, Group, JsonMap};
use crate::components::dialog::ConfirmDialog;
use crate::components::permissions::PermissionEditor;
use crate::components::permissions::leave_guard::LeaveGuard;
use crate::components::permissions::model::diff;
use crate::components::toast::use_toasts;
use crate::download::save_text;
use crate::latest::use_latest;
use crate::routes::href;
use crate::session::use_session;

/// The id in `/groups/new`.
pub const NEW: &str = "new";

/// `/groups/:id` (and `/groups/new`): one group.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let groups = use_latest(
        move || id.get(),
        |client, _| async move { client.groups().await },
    );
    let defaults = use_latest(
        || (),
        |client, _| async move { client.default_permissions().await },
    );
    let ready = Memo::new(move |_| {
        let gs = groups.value.get()?;
        let d = defaults.value.get()?;
        Some((id.get(), gs, d))
    });
    view! {
        <section class="page group-page">
            <LoadError state=groups.state />
            <LoadError state=defaults.state />
            {move || match ready.get() {
                None => view! { <p class="muted loading-row">"Loading group…"</p> }.into_any(),
                Some((id, gs, d)) if id == NEW => view! { <GroupEditor group=None groups=gs defaults=d /> }.into_any(),
                Some((id, gs, d)) => match gs.iter().find(|g| g.id == id).cloned() {
                    Some(g) => view! { <GroupEditor group=Some(g) groups=gs defaults=d /> }.into_any(),
                    None if groups.loading() => view! { <p class="muted loading-row">"Loading group…"</p> }.into_any(),
                    None => view! {
                        <h1>"Group not found"</h1>
                        <p>"There is no group with this address (it may have been deleted). "<a href=href("/groups")>"Back to Groups"</a></p>
                    }.into_any(),
                },
            }}
        </section>
    }
}

/// The group form with its sections; `group` is `None` for a new group.
#[component]
fn GroupEditor(group: Option<Group>, groups: Vec<Group>, defaults: JsonMap) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let is_new = group.is_none();
    let base = RwSignal::new(group.clone().unwrap_or_default());
    let initial = group
        .as_ref()
        .map(GeneralInput::of)
        .unwrap_or(GeneralInput {
            name: String::new(),
            description: String::new(),
            parent_group_id: None,
            share: Share::Members,
        });
    let general_saved = RwSignal::new(initial.clone());
    let name = RwSignal::new(initial.name.clone());
    let description = RwSignal::new(initial.description.clone());
    let parent = RwSignal::new(initial.parent_group_id.clone().unwrap_or_default());
    let share = RwSignal::new(initial.share);
    // A new group starts from the current defaults (as Open WebUI's own form does).
    let stored_perms = match &group {
        Some(g) => g.permissions.clone().unwrap_or_default(),
        None => defaults.clone(),
    };
    let perms = RwSignal::new(stored_perms.clone());
    let perms_saved = RwSignal::new(stored_perms);
    let defaults = Signal::stored(defaults);
    let groups = StoredValue::new(groups);

    let input = move || GeneralInput {
        name: name.get(),
        description: description.get(),
        parent_group_id: Some(parent.get()).filter(|p| !p.is_empty()),
        share: share.get(),
    };
    let dirty = Memo::new(move |_| {
        input() != general_saved.get()
            || perms_saved.with(|s| perms.with(|p| !diff(s, p).is_empty()))
    });
    let this_id = move || base.with(|b| b.id.clone());
    let title = move || {
        if is_new {
            "New group".to_string()
        } else {
            base.with(|b| b.name.clone())
        }
    };
    let choices =
        move || groups.with_value(|gs| parent_choices(gs, (!is_new).then(this_id).as_deref()));
    // The chosen parent and its ancestors, nearest first: their grants are shown in the editor.
    let inherited = Signal::derive(move || {
        let p = parent.get();
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

    let busy = RwSignal::new(false);
    let name_error = RwSignal::new(None::<String>);
    let description_error = RwSignal::new(None::<String>);
    let parent_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let show_errors = move |e: &ApiError, msg: String| {
        name_error.set(e.field_error("name"));
        description_error.set(e.field_error("description"));
        parent_error.set(e.field_error("parent_group_id"));
        form_error.set(Some(msg));
    };
    let save = {
        let navigate = navigate.clone();
        move |_| {
            let typed = input();
            name_error.set(validate(&typed));
            if name_error.with_untracked(Option::is_some) {
                return;
            }
            let Some(client) = session.client_untracked() else {
                return;
            };
            let form = build_form(&base.get_untracked(), &typed, perms.get_untracked());
            let id = this_id();
            busy.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = if is_new {
                    client.create_group(&form).await
                } else {
                    client.update_group(&id, &form).await
                };
                match result {
                    Ok(saved) => {
                        for e in [name_error, description_error, parent_error, form_error] {
                            e.set(None);
                        }
                        general_saved.set(typed);
                        perms_saved.set(saved.permissions.clone().unwrap_or_default());
                        let new_id = saved.id.clone();
                        toasts.success(format!("Group “{}” saved.", saved.name));
                        base.set(saved);
                        if is_new {
                            navigate(
                                &crate::routes::group(&new_id, None),
                                NavigateOptions {
                                    replace: true,
                                    ..Default::default()
                                },
                            );
                        }
                    }
                    Err(e) => {
                        // What was typed stays; the message lands next to its field.
                        let msg = session.handle(&e);
                        show_errors(&e, msg.clone());
                        toasts.error(msg);
                    }
                }
                busy.set(false);
            });
        }
    };

    let export = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let (id, name) = base.with_untracked(|b| (b.id.clone(), b.name.clone()));
        spawn_local(async move {
            match client.export_group(&id).await {
                Ok(v) => {
                    let text = serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string());
                    let file = format!("group-{}.json", file_slug(&name));
                    match save_text(&file, "application/json", &text) {
                        Ok(()) => toasts.success(format!("Exported “{name}” to {file}.")),
                        Err(e) => toasts.error(e),
                    }
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
        });
    };

    let confirm_delete = RwSignal::new(false);
    let delete = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let (id, name) = base.with_untracked(|b| (b.id.clone(), b.name.clone()));
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match client.delete_group(&id).await {
                Ok(_) => {
                    toasts.success(format!("Group “{name}” deleted."));
                    confirm_delete.set(false);
                    navigate(crate::routes::GROUPS, NavigateOptions::default());
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
            busy.set(false);
        });
    };
    let delete = Callback::new(delete);
    let delete_text = move || groups.with_value(|gs| delete_warning(gs, &base.get_untracked()));

    // Tabs, kept in the URL so a reload or a shared link opens the same one.
    let tab = RwSignal::new(
        use_query_map()
            .with_untracked(|q| GroupTab::from_param(q.get_str("tab").unwrap_or_default())),
    );
    let tabs: &[GroupTab] = if is_new {
        &GroupTab::ALL[..2]
    } else {
        &GroupTab::ALL
    };
    let show_tab = {
        let navigate = use_navigate();
        move |t: GroupTab| {
            tab.set(t);
            let here = if is_new {
                crate::routes::NEW_GROUP.to_string()
            } else {
                crate::routes::group(&this_id(), None)
            };
            let query = if t == GroupTab::General {
                String::new()
            } else {
                format!("?tab={}", t.param())
            };
            navigate(
                &format!("{here}{query}"),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let tab_buttons = tabs
        .iter()
        .map(|&t| {
            let show_tab = show_tab.clone();
            view! {
                <button
                    role="tab"
                    id=format!("tab-{}", t.param())
                    class="tab"
                    aria-selected=move || (tab.get() == t).to_string()
                    aria-controls=format!("panel-{}", t.param())
                    on:click=move |_| show_tab(t)
                >
                    {t.label()}
                </button>
            }
        })
        .collect_view();
    let hidden = move |t: GroupTab| move || tab.get() != t;

    let crumbs = move || {
        if is_new {
            "New group".to_string()
        } else {
            // The saved parent's path (the list may predate a save) and the saved name.
            let parent = general_saved.with(|g| g.parent_group_id.clone());
            let above = parent.map(|p| groups.with_value(|gs| path(gs, &p)));
            let name = base.with(|b| b.name.clone());
            match above {
                Some(a) if !a.is_empty() => format!("{a} / {name}"),
                _ => name,
            }
        }
    };
    view! {
        <LeaveGuard dirty=dirty />
        <div class="page-head group-head">
            <div>
                <p class="muted crumbs"><a href=href("/groups")>"Groups"</a>" / "{crumbs}</p>
                <h1>{title}</h1>
            </div>
            <div class="actions">
                {move || dirty.get().then(|| view! { <span class="badge perm-dirty">"Unsaved changes"</span> })}
                <button class="btn btn-primary" disabled=move || busy.get() on:click=save>
                    {if is_new { "Create" } else { "Save" }}
                </button>
                {(!is_new).then(|| view! {
                    <button class="btn" on:click=export>"Export"</button>
                    <button class="btn btn-danger" on:click=move |_| confirm_delete.set(true)>"Delete group"</button>
                })}
            </div>
        </div>
        {move || form_error.get().map(|e| view! { <div class="error" role="alert">{e}</div> })}
        <div class="tabs group-tabs" role="tablist" aria-label="Group sections">{tab_buttons}</div>

        <section class="panel group-section" role="tabpanel" id="panel-general" aria-labelledby="tab-general" hidden=hidden(GroupTab::General)>
            <h2 id="group-general" class="sr-only">"General"</h2>
            <div class="form group-form">
                <label for="group-name">"Name"</label>
                <input id="group-name" type="text" required prop:value=move || name.get()
                    on:input:target=move |ev| name.set(ev.target().value()) />
                {move || name_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <label for="group-description">"Description"</label>
                <textarea id="group-description" rows="2" prop:value=move || description.get()
                    on:input:target=move |ev| description.set(ev.target().value())></textarea>
                {move || description_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <label for="group-parent">"Parent group"</label>
                <select id="group-parent" on:change:target=move |ev| parent.set(ev.target().value())>
                    <option value="" selected=move || parent.get().is_empty()>"None (top level)"</option>
                    {move || choices().into_iter().map(|(id, p)| {
                        let sel = id.clone();
                        view! { <option value=id selected=move || parent.get() == sel>{p}</option> }
                    }).collect_view()}
                </select>
                <span class="muted">"A group and everything below it cannot be its own parent."</span>
                {move || parent_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <label for="group-share">"Who can share to this group"</label>
                <select id="group-share" on:change:target=move |ev| share.set(Share::from_param(&ev.target().value()))>
                    {Share::ALL.into_iter().map(|s| view! {
                        <option value=s.param() selected=move || share.get() == s>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>

        <section class="panel group-section" role="tabpanel" id="panel-permissions" aria-labelledby="tab-permissions" hidden=hidden(GroupTab::Permissions)>
            <h2 id="group-permissions">"Permissions"</h2>
            <p class="notice">
                "A group can only grant permissions, never take them away: what is on by default "
                "(marked “On by default”) stays on for everyone, whatever this group says. "
                "Members also get everything their parent groups grant (marked “Granted by …”)."
            </p>
            <PermissionEditor value=perms saved=perms_saved layout_from=defaults mark_defaults=true inherited=inherited />
        </section>

        {(!is_new).then(|| view! {
            <div role="tabpanel" id="panel-members" aria-labelledby="tab-members" hidden=hidden(GroupTab::Members)>
            <Members
                group_id=base.with_untracked(|b| b.id.clone())
                group_name=Signal::derive(move || base.with(|b| b.name.clone()))
                group_names=groups.with_value(|gs| gs.iter().map(|g| (g.id.clone(), g.name.clone())).collect())
                on_changed=Callback::new(move |g: Group| base.update(|b| b.member_count = g.member_count))
            />
            </div>
        })}

        <Show when=move || confirm_delete.get()>
            <ConfirmDialog
                title=Signal::derive(move || format!("Delete group “{}”?", base.with(|b| b.name.clone())))
                confirm_label="Delete"
                danger=true
                busy=busy
                on_confirm=delete
                on_cancel=Callback::new(move |_| confirm_delete.set(false))
            >
                <p>{delete_text()}</p>
            </ConfirmDialog>
        </Show>
    }
}
