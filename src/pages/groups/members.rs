//! A group's members: direct / inherited / effective views with their counts (30 a page, from
//! `/groups/id/{id}/members`), removing one or the selected direct members, and adding members.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos::task::spawn_local;

use super::add_members::AddMembers;
use crate::api::{Group, Membership, PAGE_SIZE, UserInfo};
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::routes::{self, href};
use crate::session::use_session;

/// The Members section of the group screen.
#[component]
pub fn Members(
    group_id: String,
    /// For the confirm texts.
    group_name: Signal<String>,
    /// Group id → name, for "via" on inherited members.
    group_names: HashMap<String, String>,
    /// Members were added or removed (the server's group, with its new count).
    on_changed: Callback<Group>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let membership = RwSignal::new(Membership::Direct);
    let page = RwSignal::new(1u32);
    let filter = RwSignal::new(String::new());
    let gid = group_id.clone();
    let list = use_latest(
        move || (membership.get(), page.get(), filter.get()),
        move |client, (m, p, q): (Membership, u32, String)| {
            let gid = gid.clone();
            async move { client.group_members(&gid, m, q.trim(), p).await }
        },
    );
    let selected = RwSignal::new(HashSet::<String>::new());
    // Who is about to be removed: (ids, names) awaiting confirmation.
    let to_remove = RwSignal::new(None::<(Vec<String>, Vec<String>)>);
    let busy = RwSignal::new(false);
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
    let tab = move |m: Membership, label: &'static str| {
        view! {
            <button
                class="btn btn-small tab"
                aria-pressed=move || (membership.get() == m).to_string()
                on:click=move |_| {
                    membership.set(m);
                    page.set(1);
                    selected.set(HashSet::new());
                }
            >
                {label}" "<span class="muted">{move || count(m).map(|c| format!("({c})"))}</span>
            </button>
        }
    };
    let pages = move || {
        list.value
            .with(|l| l.as_ref().map(|l| l.total).unwrap_or(0))
            .div_ceil(PAGE_SIZE)
            .max(1) as u32
    };
    let items = move || {
        list.value
            .with(|l| l.as_ref().map(|l| l.items.clone()).unwrap_or_default())
    };
    let direct_on_page = move || {
        items()
            .into_iter()
            .filter(|u| u.membership_type.as_deref() != Some("inherited"))
            .collect::<Vec<_>>()
    };
    let gid = group_id.clone();
    let remove = Callback::new(move |_| {
        let Some((ids, names)) = to_remove.get_untracked() else {
            return;
        };
        let Some(client) = session.client_untracked() else {
            return;
        };
        let gid = gid.clone();
        busy.set(true);
        spawn_local(async move {
            match client.remove_group_users(&gid, ids).await {
                Ok(g) => {
                    toasts.success(format!("Removed {} from the group.", names.join(", ")));
                    selected.set(HashSet::new());
                    to_remove.set(None);
                    on_changed.run(g);
                    list.reload();
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
            busy.set(false);
        });
    });
    let remove_selected = move |_| {
        let chosen = selected.get_untracked();
        let (ids, names): (Vec<String>, Vec<String>) = direct_on_page()
            .into_iter()
            .filter(|u| chosen.contains(&u.id))
            .map(|u| (u.id, u.name))
            .unzip();
        if !ids.is_empty() {
            to_remove.set(Some((ids, names)));
        }
    };
    let row = move |u: UserInfo| {
        let inherited = u.membership_type.as_deref() == Some("inherited");
        let via = names.with_value(|n| {
            u.via_group_ids
                .iter()
                .map(|id| n.get(id).cloned().unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        });
        let (id, name) = (u.id.clone(), u.name.clone());
        let check_id = id.clone();
        let toggle_id = id.clone();
        view! {
            <tr>
                <td>
                    {(!inherited).then(|| view! {
                        <input
                            type="checkbox"
                            aria-label=format!("Select member {name}")
                            prop:checked=move || selected.with(|s| s.contains(&check_id))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let id = toggle_id.clone();
                                selected.update(|s| {
                                    if on { s.insert(id); } else { s.remove(&id); }
                                });
                            }
                        />
                    })}
                </td>
                <td class="member-name"><a href=href(&routes::user(&u.id))>{u.name.clone()}</a></td>
                <td class="cell-email">{u.email.clone()}</td>
                <td><span class=format!("badge role-{}", u.role)>{u.role.clone()}</span></td>
                <td>
                    {if inherited { format!("inherited via {via}") } else { "direct".to_string() }}
                </td>
                <td>
                    {(!inherited).then(|| {
                        let (id, name) = (id.clone(), name.clone());
                        view! {
                            <button
                                class="btn btn-small"
                                aria-label=format!("Remove {name}")
                                on:click=move |_| to_remove.set(Some((vec![id.clone()], vec![name.clone()])))
                            >
                                "Remove"
                            </button>
                        }
                    })}
                </td>
            </tr>
        }
    };
    let on_added = Callback::new(move |g: Group| {
        on_changed.run(g);
        list.reload();
    });
    view! {
        <section class="panel group-section" aria-labelledby="group-members">
            <h2 id="group-members">"Members"</h2>
            <div class="toolbar">
                <div class="tabs" role="group" aria-label="Which members">
                    {tab(Membership::Direct, "Direct")}
                    {tab(Membership::Inherited, "Inherited")}
                    {tab(Membership::Effective, "Effective")}
                </div>
                <input type="search" class="search" aria-label="Filter members" placeholder="Filter members…"
                    prop:value=move || filter.get()
                    on:input:target=move |ev| { filter.set(ev.target().value()); page.set(1); } />
                <button class="btn btn-small" disabled=move || selected.with(HashSet::is_empty) on:click=remove_selected>
                    {move || format!("Remove selected ({})", selected.with(HashSet::len))}
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
            <nav class="pagination" aria-label="Members pagination">
                <button class="btn" disabled=move || { page.get() <= 1 } on:click=move |_| { selected.set(HashSet::new()); page.update(|p| *p -= 1) }>"Previous page"</button>
                <span class="page-of">{move || format!("Page {} of {}", page.get(), pages())}</span>
                <button class="btn" disabled=move || { page.get() >= pages() } on:click=move |_| { selected.set(HashSet::new()); page.update(|p| *p += 1) }>"Next page"</button>
            </nav>
            <AddMembers group_id=group_id.clone() on_added=on_added />
        </section>
        <Show when=move || to_remove.with(Option::is_some)>
            <ConfirmDialog
                title=Signal::derive(move || format!("Remove from “{}”?", group_name.get()))
                confirm_label="Remove from group"
                danger=true
                busy=busy
                on_confirm=remove
                on_cancel=Callback::new(move |_| to_remove.set(None))
            >
                <p>
                    {move || to_remove.with(|r| r.as_ref().map(|(_, n)| n.join(", ")).unwrap_or_default())}
                    " will lose this group's membership and the permissions and access it gives. "
                    "Their accounts stay."
                </p>
            </ConfirmDialog>
        </Show>
    }
}
