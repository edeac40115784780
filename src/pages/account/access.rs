//! The read-only Permissions and Groups sections: what the signed-in user may do (effective
//! permissions, grouped by section) and which groups they are in (direct or inherited).

use leptos::prelude::*;

use crate::components::alert::LoadError;
use serde_json::Value;

use crate::api::{Capability, Group, JsonMap};
use crate::components::permissions::labels::{key_text, section_text};
use crate::latest::use_latest;
use crate::session::use_session;

/// The section that collects top-level values that are not sections.
pub const OTHER: &str = "other";

/// A permission section (`workspace`, `chat`, …) and its entries, `key → value`.
pub type PermissionSection = (String, Vec<(String, Value)>);

/// Groups the permissions dict by section; top-level values that are not objects go to "other".
pub fn permission_sections(perms: &JsonMap) -> Vec<PermissionSection> {
    let mut out: Vec<PermissionSection> = Vec::new();
    let mut other = Vec::new();
    for (k, v) in perms {
        match v {
            Value::Object(m) => out.push((
                k.clone(),
                m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            )),
            v => other.push((k.clone(), v.clone())),
        }
    }
    if !other.is_empty() {
        out.push((OTHER.into(), other));
    }
    out
}

/// The Permissions section.
#[component]
pub fn PermissionsSection() -> impl IntoView {
    let session = use_session();
    let perms = use_latest(
        || (),
        |client, _| async move { client.my_permissions().await },
    );
    view! {
        <section class="panel account-section" aria-labelledby="account-permissions">
            <h2 id="account-permissions">"Permissions"</h2>
            <p class="muted small">"What you may do on this server, from the defaults and your groups. Read-only."</p>
            <Show when=move || session.user().is_some_and(|u| u.is_admin())>
                <p class="muted small admin-note">"Administrators are not limited by most of these permissions; this is what the permission settings alone would give you."</p>
            </Show>
            <LoadError state=perms.state />
            {move || match perms.value.get() {
                None => view! { <p class="muted">{move || if perms.loading() { "Loading permissions…" } else { "" }}</p> }.into_any(),
                Some(p) if p.is_empty() => view! { <p class="empty">"The server lists no permissions."</p> }.into_any(),
                Some(p) => view! {
                    <div class="perm-sections">
                        {permission_sections(&p).into_iter().map(|(section, entries)| {
                            let sec = section.clone();
                            view! {
                                <div class="perm-section">
                                    <h3>{if sec == OTHER { "Other".to_string() } else { section_text(&section) }}</h3>
                                    <ul class="perm-list">
                                        {entries.into_iter().map(|(k, v)| {
                                            let path = if sec == OTHER { k.clone() } else { format!("{sec}.{k}") };
                                            let (text, class) = match &v {
                                                Value::Bool(true) => ("Allowed".to_string(), "badge perm-yes"),
                                                Value::Bool(false) => ("Not allowed".to_string(), "badge perm-no"),
                                                other => (other.to_string(), "badge"),
                                            };
                                            view! {
                                                <li data-perm=path data-value=v.to_string()>
                                                    <span class="perm-name">{if sec == OTHER { k.clone() } else { key_text(&sec, &k) }}</span>
                                                    <span class=class>{text}</span>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

/// The Groups section.
#[component]
pub fn GroupsSection() -> impl IntoView {
    let session = use_session();
    let groups = use_latest(|| (), |client, _| async move { client.my_groups().await });
    view! {
        <section class="panel account-section" aria-labelledby="account-groups">
            <h2 id="account-groups">"Groups"</h2>
            <Show when=move || !session.has(Capability::InheritedUserGroups)>
                <p class="muted small">
                    {format!("Direct groups only: showing inherited groups {}.",
                        Capability::InheritedUserGroups.needs_text().replacen("Needs", "needs", 1))}
                </p>
            </Show>
            <LoadError state=groups.state />
            {move || match groups.value.get() {
                None => view! { <p class="muted">{move || if groups.loading() { "Loading groups…" } else { "" }}</p> }.into_any(),
                Some(g) if g.is_empty() => view! { <p class="empty">"You are not in any group."</p> }.into_any(),
                Some(g) => view! {
                    <ul class="my-groups" aria-label="My groups">
                        {g.into_iter().map(|g: Group| {
                            let inherited = g.membership_type.as_deref() == Some("inherited");
                            let kind = if inherited { "inherited" } else { "direct" };
                            view! {
                                <li data-group=g.id.clone() data-membership=kind>
                                    <span class="group-name">{g.name.clone()}</span>
                                    <span class=if inherited { "badge membership-inherited" } else { "badge membership-direct" }>
                                        {if inherited { "Inherited" } else { "Direct" }}
                                    </span>
                                    {(!g.description.is_empty()).then(|| view! { <span class="muted small group-desc">{g.description.clone()}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
