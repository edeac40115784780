//! `/users/:id`: everything the server has about one user: profile fields, status, info,
//! settings, OAuth, groups (direct and inherited, and through which group), what they can reach.

use std::collections::HashMap;

use leptos::prelude::*;

use leptos_router::hooks::use_params_map;
use serde_json::Value;

use super::access_explainer::AccessExplainer;
use super::bulk::{BulkAction, Guard};
use super::bulk_dialog::BulkDialog;
use super::delete_dialog::DeleteUserDialog;
use super::edit_dialog::EditUserDialog;
use super::identity_mark::{IdentityBadges, IdentityNote};
use super::primary_admin_id;
use super::user_groups::UserGroups;
use super::user_suspension::{SuspensionStatus, suspension_of};
use crate::api::{Capability, Group, JsonMap, User, UserListParams};
use crate::components::alert::LoadError;
use crate::components::profile_images::avatar_of;
use crate::format::{is_active, local_date_time, now_secs, relative_time};
use crate::latest::use_latest;
use crate::routes::{self, href, use_go};
use crate::session::use_session;

/// For each inherited group, the direct groups it comes through (by name).
pub fn inherited_via(groups: &[Group]) -> HashMap<String, Vec<String>> {
    let by_id: HashMap<&str, &Group> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut via: HashMap<String, Vec<String>> = HashMap::new();
    for direct in groups
        .iter()
        .filter(|g| g.membership_type.as_deref() != Some("inherited"))
    {
        let mut seen = vec![direct.id.as_str()];
        let mut parent = direct.parent_group_id.as_deref();
        while let Some(pid) = parent {
            if seen.contains(&pid) {
                break; // a cycle the server should never have; do not loop
            }
            seen.push(pid);
            via.entry(pid.to_string())
                .or_default()
                .push(direct.name.clone());
            parent = by_id.get(pid).and_then(|g| g.parent_group_id.as_deref());
        }
    }
    via
}

/// A long value shown short: inline images are described, not dumped.
fn describe_image(url: &str) -> String {
    match url.strip_prefix("data:") {
        Some(rest) => {
            let mime = rest.split(';').next().unwrap_or("image");
            format!("inline {mime} ({} KB)", url.len() * 3 / 4 / 1024)
        }
        None => url.to_string(),
    }
}

fn json_text(v: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

#[derive(Clone, PartialEq)]
enum Open {
    Nothing,
    Edit,
    Delete,
    Bulk(BulkAction),
}

#[component]
pub fn UserPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let user = use_latest(
        move || id.get(),
        |c, id: String| async move { c.user(&id).await },
    );
    let groups = use_latest(
        move || id.get(),
        |c, id: String| async move { c.user_groups(&id).await },
    );
    let preview = use_latest(
        move || id.get(),
        |c, id: String| async move { c.user_preview(&id).await },
    );
    let oldest = use_latest(
        || (),
        |c, _| async move {
            c.list_users(&UserListParams {
                order_by: Some("created_at".into()),
                direction: Some("asc".into()),
                page: 1,
                query: None,
            })
            .await
        },
    );
    // OAuth sessions only exist for OAuth users (the server answers "not found" otherwise).
    let oauth_sessions = use_latest(
        move || {
            user.value.with(|u| {
                u.as_ref()
                    .filter(|u| u.oauth.as_ref().is_some_and(|o| !o.is_empty()))
                    .map(|u| u.id.clone())
            })
        },
        |c, id: Option<String>| async move {
            match id {
                Some(id) => c.user_oauth_sessions(&id).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let open = RwSignal::new(Open::Nothing);
    let go = use_go();
    let self_id = move || session.user().map(|u| u.id).unwrap_or_default();
    let primary = move || {
        oldest
            .value
            .with(|l| l.as_ref().and_then(|l| primary_admin_id(&l.users)))
    };

    view! {
        <section class="page user-page">
            <p><a href=href(routes::USERS)>"← Users"</a></p>
            <LoadError state=user.state />
            {move || user.value.get().map(|u| {
                let can_delete = u.id != self_id() && Some(u.id.clone()) != primary();
                view! {
                    <Header user=u.clone() />
                    <div class="page-head">
                        <div class="actions">
                            <button class="btn" on:click=move |_| open.set(Open::Edit)>"Edit"</button>
                            <Show when=move || can_delete>
                                <button class="btn btn-danger" on:click=move |_| open.set(Open::Delete)>"Delete"</button>
                            </Show>
                        </div>
                    </div>
                    <SuspensionStatus
                        state=Signal::derive(move || groups.value.with(|g| g.as_ref().map(|g| suspension_of(&id.get(), g))))
                        can_change=can_delete
                        on_change=Callback::new(move |on| open.set(Open::Bulk(if on { BulkAction::Suspend } else { BulkAction::Reactivate })))
                    />
                    <div class="cards">
                        <Fields user=u.clone() />
                        <section class="panel">
                            <h2>"Groups"</h2>
                            {move || groups.value.get().map(|gs| view! { <GroupList groups=gs /> })}
                            <LoadError state=groups.state />
                            {(!session.has(Capability::InheritedUserGroups)).then(|| view! {
                                <p class="muted">{format!("Direct groups only: showing inherited groups {}.", needs(Capability::InheritedUserGroups))}</p>
                            })}
                            <h2>"Access"</h2>
                            {(!session.has(Capability::UserPreview)).then(|| view! {
                                <p class="muted">{format!("The access preview {}.", needs(Capability::UserPreview))}</p>
                            })}
                            {move || preview.value.get().map(|p| view! {
                                <ul class="plain">
                                    <li>{format!("Models: {}", p.models.total)}</li>
                                    <li>{format!("Knowledge: {}", p.knowledge.total)}</li>
                                    <li>{format!("Tools: {}", p.tools.total)}</li>
                                </ul>
                            })}
                            {move || {
                                let sessions = oauth_sessions.value.get().unwrap_or_default();
                                (!sessions.is_empty()).then(|| view! {
                                    <h2>"OAuth sessions"</h2>
                                    <pre class="json">{json_text(&sessions)}</pre>
                                })
                            }}
                        </section>
                    </div>
                    <AccessExplainer user=u.clone() groups=groups.value preview=preview.value />
                }
            })}
            // Outside the user block above, so ticked groups survive a reload of the user (a new sign-in).
            {move || { let uid = id.get(); view! { <Show when=move || user.value.with(Option::is_some)><UserGroups user_id=uid.clone() user_name=Signal::derive(move || user.value.with(|u| u.as_ref().map(|u| u.name.clone()).unwrap_or_default())) groups=groups.value on_changed=Callback::new(move |_| groups.reload()) /></Show> } }}
            {move || (user.value.with(Option::is_none) && user.state.error.with(Option::is_none)).then(|| view! { <p class="muted">"Loading…"</p> })}
        </section>
        {move || {
            let u = user.value.get_untracked();
            match (open.get(), u) {
                (Open::Edit, Some(u)) => {
                    let (is_self, is_primary) = (u.id == self_id(), Some(u.id.clone()) == primary());
                    view! {
                        <EditUserDialog
                            user=u
                            is_self=is_self
                            is_primary=is_primary
                            on_close=Callback::new(move |_| open.set(Open::Nothing))
                            on_saved=Callback::new(move |_| {
                                open.set(Open::Nothing);
                                user.reload();
                            })
                        />
                    }
                    .into_any()
                }
                (Open::Delete, Some(u)) => view! {
                    <DeleteUserDialog
                        user=u
                        on_close=Callback::new(move |_| open.set(Open::Nothing))
                        on_deleted=Callback::new(move |_| go.push(routes::USERS))
                        on_suspend_instead=Callback::new(move |_| open.set(Open::Bulk(BulkAction::Suspend)))
                    />
                }
                .into_any(),
                (Open::Bulk(action), Some(u)) => {
                    let guard = Guard { self_id: self_id(), primary_id: primary(), ..Default::default() };
                    view! {
                        <BulkDialog
                            action=action
                            selected=vec![u]
                            matching=None
                            guard=guard
                            groups=groups.value.get_untracked().unwrap_or_default()
                            on_close=Callback::new(move |_| open.set(Open::Nothing))
                            on_done=Callback::new(move |_| { user.reload(); groups.reload(); })
                        />
                    }
                    .into_any()
                }
                _ => ().into_any(),
            }
        }}
    }
}

#[component]
fn Header(user: User) -> impl IntoView {
    let now = now_secs();
    let active = user
        .is_active
        .unwrap_or_else(|| is_active(now, user.last_active_at));
    let seen = user
        .last_active_at
        .map(|t| relative_time(now, t))
        .unwrap_or_else(|| "never".into());
    let status = [user.status_emoji.clone(), user.status_message.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="user-head">
            <div class="avatar-large">
                {avatar_of(&user, active)}
            </div>
            <div>
                <h1>{user.name.clone()}</h1>
                <p class="muted">
                    {user.email.clone()}" · "<span class=format!("badge role-{}", user.role)>{user.role.clone()}</span><IdentityBadges user=user.clone() />" · "
                    {if active { "Active now".to_string() } else { format!("Last active {seen}") }}
                </p>
                {(!status.is_empty()).then(|| view! { <p class="status-line">{status}</p> })}
                <IdentityNote user=user.clone() />
            </div>
        </div>
    }
}

/// Every field the server returned, the known ones labelled, the rest as JSON.
#[component]
fn Fields(user: User) -> impl IntoView {
    let date = |t: Option<i64>| t.map(local_date_time).unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let oauth = user
        .oauth
        .as_ref()
        .map(|o| {
            o.iter()
                .map(|(p, v)| {
                    format!(
                        "{p}: {}",
                        v.get("sub").and_then(Value::as_str).unwrap_or("?")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let expires = user
        .status_expires_at
        .map(local_date_time)
        .unwrap_or_default();
    let rows: Vec<(&str, String)> = vec![
        ("ID", user.id.clone()),
        ("Username", opt(&user.username)),
        ("Bio", opt(&user.bio)),
        ("Gender", opt(&user.gender)),
        ("Date of birth", opt(&user.date_of_birth)),
        ("Timezone", opt(&user.timezone)),
        (
            "Status",
            [opt(&user.status_emoji), opt(&user.status_message)]
                .join(" ")
                .trim()
                .to_string(),
        ),
        ("Status expires", expires),
        ("Presence", opt(&user.presence_state)),
        (
            "Profile image",
            describe_image(&opt(&user.profile_image_url)),
        ),
        (
            "Banner image",
            describe_image(&opt(&user.profile_banner_image_url)),
        ),
        ("OAuth", oauth),
        ("Created", date(user.created_at)),
        ("Updated", date(user.updated_at)),
        ("Last active", date(user.last_active_at)),
    ];
    let blocks: Vec<(&str, Option<JsonMap>)> = vec![
        ("Info", user.info.clone()),
        ("SCIM", user.scim.clone()),
        ("Settings", user.settings.clone()),
    ];
    let extra = user.extra.clone();
    view! {
        <section class="panel">
            <h2>"Profile"</h2>
            <dl class="fields">
                {rows.into_iter().map(|(k, v)| {
                    let empty = v.is_empty();
                    view! {
                        <dt>{k}</dt>
                        <dd class:muted=empty>{if empty { "—".to_string() } else { v }}</dd>
                    }
                }).collect_view()}
            </dl>
            {blocks.into_iter().filter_map(|(k, v)| v.filter(|m| !m.is_empty()).map(|m| view! {
                <h3>{k}</h3>
                <pre class="json">{json_text(&m)}</pre>
            })).collect_view()}
            {(!extra.is_empty()).then(|| view! {
                <h3>"Other fields"</h3>
                <pre class="json">{json_text(&extra)}</pre>
            })}
        </section>
    }
}

#[component]
fn GroupList(groups: Vec<Group>) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p class="muted">"Not in any group."</p> }.into_any();
    }
    let via = inherited_via(&groups);
    view! {
        <ul class="plain">
            {groups.into_iter().map(|g| {
                let inherited = g.membership_type.as_deref() == Some("inherited");
                let how = if inherited {
                    format!("inherited via {}", via.get(&g.id).map(|v| v.join(", ")).unwrap_or_else(|| "a child group".into()))
                } else {
                    "direct member".to_string()
                };
                view! {
                    <li>
                        <a href=href(&routes::group(&g.id, None))>{g.name.clone()}</a>
                        " "
                        <span class=if inherited { "badge" } else { "badge role-user" }>{how}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// "needs Open WebUI 0.12 or newer" (the capability's needs text, mid-sentence).
fn needs(cap: Capability) -> String {
    cap.needs_text().replacen("Needs", "needs", 1)
}
