//! A group's members: direct / inherited / effective views with their counts (30 a page, from
//! `/groups/id/{id}/members`, the page in the URL), removing one or the selected direct members,
//! and adding members.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::add_members::AddMembers;
use super::identity::SyncReminder;
use crate::api::{Group, Membership, PAGE_SIZE, UserInfo};
use crate::components::alert::{LoadError, WriteError};
use crate::components::debounce::{SEARCH_PAUSE, debounced};
use crate::components::dialog::ConfirmDialog;
use crate::components::pagination::Pagination;
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::routes::{self, href};
use crate::write::use_write;

/// Who is about to be removed: (ids, names).
type Removal = (Vec<String>, Vec<String>);

/// The Members tab of the group screen.
#[component]
pub fn Members(
    group_id: String,
    /// For the confirm texts.
    group_name: Signal<String>,
    /// Group id → name, for "via" on inherited members.
    group_names: HashMap<String, String>,
    /// The members page shown (from the URL).
    #[prop(into)]
    page: Signal<u32>,
    /// Show another members page (puts it in the URL).
    on_page: Callback<u32>,
    /// Members were added or removed (the server's group, with its new count).
    on_changed: Callback<Group>,
) -> impl IntoView {
    let membership = RwSignal::new(Membership::Direct);
    let typed = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let (apply_filter, _) = debounced(SEARCH_PAUSE, move |q: String| {
        filter.set(q);
        to_first(page, on_page);
    });
    let gid = group_id.clone();
    let list = use_latest(
        move || (membership.get(), page.get(), filter.get()),
        move |client, (m, p, q): (Membership, u32, String)| {
            let gid = gid.clone();
            async move { client.group_members(&gid, m, q.trim(), p).await }
        },
    );
    let selected = RwSignal::new(HashSet::<String>::new());
    let to_remove = RwSignal::new(None::<Removal>);
    let names = StoredValue::new(group_names);
    let count = move |m: Membership| {
        list.value.with(|l| {
            l.as_ref().map(|l| match m {
                Membership::Direct => l.counts.direct,
                Membership::Inherited => l.counts.inherited,
                Membership::Effective => l.counts.effective,
            })
        })
    };
    let view_button = move |m: Membership, label: &'static str| {
        view! {
            <button
                type="button"
                class="btn btn-small tab"
                aria-pressed=move || (membership.get() == m).to_string()
                on:click=move |_| {
                    membership.set(m);
                    to_first(page, on_page);
                }
            >
                {label}" "<span class="muted">{move || count(m).map(|c| format!("({c})"))}</span>
            </button>
        }
    };
    let pages = Signal::derive(move || {
        list.value
            .with(|l| l.as_ref().map(|l| l.total).unwrap_or(0))
            .div_ceil(PAGE_SIZE) as u32
    });
    let items = move || {
        list.value
            .with(|l| l.as_ref().map(|l| l.items.clone()).unwrap_or_default())
    };
    // The selected direct members on this page (a selection never reaches past the page shown).
    let chosen_here = move || -> Removal {
        selected.with(|s| {
            list.value.with(|l| {
                l.iter()
                    .flat_map(|l| &l.items)
                    .filter(|u| !is_inherited(u) && s.contains(&u.id))
                    .map(|u| (u.id.clone(), u.name.clone()))
                    .unzip()
            })
        })
    };
    let row = move |u: UserInfo| {
        let via = names.with_value(|n| {
            u.via_group_ids
                .iter()
                .map(|id| n.get(id).cloned().unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        });
        view! { <MemberRow user=u via=via selected=selected on_remove=Callback::new(move |r| to_remove.set(Some(r))) /> }
    };
    let on_added = Callback::new(move |g: Group| {
        on_changed.run(g);
        list.reload();
    });
    view! {
        <h2>"Members"</h2>
        <div class="toolbar">
            <div class="tabs" role="group" aria-label="Which members">
                {view_button(Membership::Direct, "Direct")}
                {view_button(Membership::Inherited, "Inherited")}
                {view_button(Membership::Effective, "Effective")}
            </div>
            <input type="search" class="search" aria-label="Filter members" placeholder="Filter members…"
                prop:value=move || typed.get()
                on:input:target=move |ev| { typed.set(ev.target().value()); apply_filter(ev.target().value()); } />
            <button type="button" class="btn btn-small" disabled=move || chosen_here().0.is_empty()
                on:click=move |_| { let r = chosen_here(); if !r.0.is_empty() { to_remove.set(Some(r)); } }>
                {move || format!("Remove selected ({})", chosen_here().0.len())}
            </button>
        </div>
        <p class="muted">
            {move || match membership.get() {
                Membership::Direct => "Users added to this group itself.",
                Membership::Inherited => "Members of child groups: they count as members here too. Remove them in their own group.",
                Membership::Effective => "Everyone this group's permissions apply to: direct and inherited members.",
            }}
        </p>
        <LoadError state=list.state />
        <div class="table-wrap" class:loading=move || list.loading()>
            <div class="progress" aria-hidden="true"></div>
            <table class="table members-table" aria-label="Members">
                <thead>
                    <tr>
                        <th scope="col"><span class="sr-only">"Select"</span></th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Membership"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=items key=|u| (u.id.clone(), u.membership_type.clone()) children=row />
                </tbody>
            </table>
            <Show when=move || list.value.with(|l| l.as_ref().is_some_and(|l| l.items.is_empty()))>
                <div class="empty">"No members in this view."</div>
            </Show>
        </div>
        <Pagination page=page pages=pages on_page=on_page />
        <AddMembers group_id=group_id.clone() on_added=on_added />
        <Show when=move || to_remove.with(Option::is_some)>
            <RemoveDialog
                group_id=group_id.clone()
                group_name=group_name
                to_remove=to_remove
                on_removed=Callback::new(move |g: Group| {
                    selected.set(HashSet::new());
                    on_changed.run(g);
                    list.reload();
                })
            />
        </Show>
    }
}

/// Confirms removing `to_remove` from the group, then removes them in one call.
#[component]
fn RemoveDialog(
    group_id: String,
    group_name: Signal<String>,
    /// Who is about to be removed; set to `None` to close.
    to_remove: RwSignal<Option<Removal>>,
    on_removed: Callback<Group>,
) -> impl IntoView {
    let toasts = use_toasts();
    let gid_preview = group_id.clone();
    let remove = use_write(
        move |client, (ids, names): Removal| {
            let gid = group_id.clone();
            async move {
                client
                    .remove_group_users(&gid, ids)
                    .await
                    .map(|g| (g, names))
            }
        },
        move |result| {
            if let Ok((g, names)) = result {
                toasts.success(format!("Removed {} from the group.", names.join(", ")));
                to_remove.set(None);
                on_removed.run(g);
            }
        },
    );
    let close = Callback::new(move |_| {
        if !remove.pending().get_untracked() {
            to_remove.set(None);
        }
    });
    view! {
        <ConfirmDialog
            title=Signal::derive(move || format!("Remove from “{}”?", group_name.get()))
            confirm_label="Remove from group"
            danger=true
            busy=remove.pending()
            on_confirm=Callback::new(move |_| if let Some(r) = to_remove.get_untracked() { remove.dispatch(r) })
            on_cancel=close
        >
            <p>
                {move || to_remove.with(|r| r.as_ref().map(|(_, n)| n.join(", ")).unwrap_or_default())}
                " will lose this group's membership and the permissions and access it gives. "
                "Their accounts stay."
            </p>
            <SyncReminder />
            <ImpactPreview change=Change::Remove(gid_preview) people=Signal::derive(move || to_remove.with(|r| r.as_ref().map(|(i, n)| i.iter().cloned().zip(n.iter().cloned()).collect()).unwrap_or_default())) />
            <WriteError error=remove.error on_retry=Callback::new(move |_| remove.retry()) />
        </ConfirmDialog>
    }
}

/// Back to page 1 (a new view or filter), unless already there.
fn to_first(page: Signal<u32>, on_page: Callback<u32>) {
    if page.get_untracked() != 1 {
        on_page.run(1);
    }
}

fn is_inherited(u: &UserInfo) -> bool {
    u.membership_type.as_deref() == Some("inherited")
}

/// One member: select box and Remove for direct members, "inherited via …" otherwise.
#[component]
fn MemberRow(
    user: UserInfo,
    /// The groups an inherited member comes through, by name.
    via: String,
    selected: RwSignal<HashSet<String>>,
    on_remove: Callback<Removal>,
) -> impl IntoView {
    let inherited = is_inherited(&user);
    let (id, name) = (user.id.clone(), user.name.clone());
    let select = (!inherited).then(|| {
        let (check, toggle) = (id.clone(), id.clone());
        view! {
            <input
                type="checkbox"
                aria-label=format!("Select member {name}")
                prop:checked=move || selected.with(|s| s.contains(&check))
                on:change:target=move |ev| {
                    let (on, id) = (ev.target().checked(), toggle.clone());
                    selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                }
            />
        }
    });
    let remove = (!inherited).then(|| {
        let label = format!("Remove {name}");
        view! {
            <button type="button" class="btn btn-small" aria-label=label
                on:click=move |_| on_remove.run((vec![id.clone()], vec![name.clone()]))>
                "Remove"
            </button>
        }
    });
    view! {
        <tr>
            <td>{select}</td>
            <td class="member-name"><a href=href(&routes::user(&user.id))>{user.name.clone()}</a></td>
            <td class="cell-email">{user.email.clone()}</td>
            <td><span class=format!("badge role-{}", user.role)>{user.role.clone()}</span></td>
            <td>{if inherited { format!("inherited via {via}") } else { "direct".to_string() }}</td>
            <td>{remove}</td>
        </tr>
    }
}
