//! The users list's filter controls (role, group with child groups, last active, created range,
//! suspended): native checkboxes, select and inputs, in a "Filters" disclosure. Every change
//! goes to the URL (a new history entry, page 1).

use leptos::prelude::*;

use super::filter::{Filters, LastActive, Role, valid_date};
use super::query::UsersQuery;
use crate::api::Group;

/// What the controls get from the users page: `Copy` handles, so they cross into the chunk as is.
#[derive(Clone, Copy)]
pub struct Host {
    pub query: Memo<UsersQuery>,
    pub groups: Signal<Vec<Group>>,
    pub on_query: Callback<(UsersQuery, bool)>,
}

/// The "Filters" disclosure. `on_query` gets the next state of the list.
///
/// In a split release build the controls are a wasm chunk fetched the first time the
/// disclosure opens (or at once when the URL has a filter): the users table does not need them.
#[component]
pub fn UsersFilters(
    query: Memo<UsersQuery>,
    /// Every group, for the group filter (the suspension group has its own checkbox).
    groups: Signal<Vec<Group>>,
    on_query: Callback<(UsersQuery, bool)>,
) -> impl IntoView {
    // Open when a filter is on (a reload keeps it visible); otherwise closed, so the keyboard
    // reaches the table without Tabbing through every role, group and date control.
    let open_at_start = !query.with_untracked(|q| q.filters.is_empty());
    let opened = RwSignal::new(open_at_start);
    let host = Host {
        query,
        groups,
        on_query,
    };
    view! {
        <details
            class="filters"
            prop:open=open_at_start
            on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }
        >
            <summary>"Filters"</summary>
            {load(host, opened)}
        </details>
    }
}

#[cfg(not(feature = "split"))]
fn load(host: Host, _opened: RwSignal<bool>) -> AnyView {
    controls(host)
}

/// Nothing until the disclosure first opens; then the chunk is fetched (once).
#[cfg(feature = "split")]
fn load(host: Host, opened: RwSignal<bool>) -> AnyView {
    crate::components::lazy::when_first_wanted(
        move || opened.get(),
        move || chunk::users_filters(Box::new(host)),
    )
}

#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::Host;
    use crate::api::ApiError;
    use crate::components::lazy::chunk_fn;

    // With the filter strategies and the summary: a filter on needs all three.
    chunk_fn!(
        users_filters,
        fn users_filters(host: Box<Host>) -> Result<AnyView, ApiError> {
            Ok(super::controls(*host))
        }
    );
}

/// The controls themselves.
fn controls(host: Host) -> AnyView {
    let Host {
        query,
        groups,
        on_query,
    } = host;
    let filters = Memo::new(move |_| query.with(|q| q.filters.clone()));
    let set = move |change: &dyn Fn(&mut Filters)| {
        let q = query.get_untracked();
        let mut f = q.filters.clone();
        change(&mut f);
        if f != q.filters {
            on_query.run((q.filtered(f), false));
        }
    };
    let role_box = move |role: Role, label: &'static str| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || filters.with(|f| f.roles.contains(&role))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        set(&|f| {
                            f.roles.retain(|r| *r != role);
                            if on {
                                f.roles.push(role);
                                f.roles.sort();
                            }
                            if f.roles.len() == Role::ALL.len() {
                                f.roles.clear();
                            }
                        });
                    }
                />
                {label}
            </label>
        }
    };
    let group_boxes = move || {
        let mut gs: Vec<Group> = groups
            .get()
            .into_iter()
            .filter(|g| !crate::suspension::is_suspension_group(g))
            .collect();
        gs.sort_unstable_by_key(|g| g.name.to_lowercase());
        gs.into_iter()
            .map(|g| {
                let (id, id2) = (g.id.clone(), g.id.clone());
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || filters.with(|f| f.groups.contains(&id))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                set(&|f| {
                                    f.groups.retain(|x| *x != id2);
                                    if on {
                                        f.groups.push(id2.clone());
                                    }
                                });
                            }
                        />
                        {g.name}
                    </label>
                }
            })
            .collect_view()
    };
    let last_kind = move || match filters.with(|f| f.last_active) {
        None => "",
        Some(LastActive::Within(_)) => "active",
        Some(LastActive::InactiveFor(_)) => "inactive",
        Some(LastActive::Never) => "never",
    };
    let last_days = move || match filters.with(|f| f.last_active) {
        Some(LastActive::Within(d) | LastActive::InactiveFor(d)) => Some(d),
        _ => None,
    };
    let set_last = move |kind: &str, days: u32| {
        let days = days.clamp(1, 36_500);
        let l = match kind {
            "active" => Some(LastActive::Within(days)),
            "inactive" => Some(LastActive::InactiveFor(days)),
            "never" => Some(LastActive::Never),
            _ => None,
        };
        set(&|f| f.last_active = l);
    };
    let date = move |label: &'static str, id: &'static str, from: bool| {
        view! {
            <span class="filter-field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="date"
                    prop:value=move || filters.with(|f| if from { f.created_from.clone() } else { f.created_to.clone() }).unwrap_or_default()
                    on:change:target=move |ev| {
                        let v = Some(ev.target().value()).filter(|d| valid_date(d));
                        set(&|f| if from { f.created_from = v.clone() } else { f.created_to = v.clone() });
                    }
                />
            </span>
        }
    };
    view! {
            <div class="filters-body" role="group" aria-label="Filters">
                <fieldset class="filter-set">
                    <legend>"Role"</legend>
                    {role_box(Role::Admin, "Admin")}
                    {role_box(Role::User, "User")}
                    {role_box(Role::Pending, "Pending")}
                </fieldset>
                <fieldset class="filter-set filter-groups">
                    <legend>"Group"</legend>
                    <div class="filter-group-list">{group_boxes}</div>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || filters.with(|f| f.include_children)
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                set(&|f| f.include_children = on);
                            }
                        />
                        "Include child groups"
                    </label>
                </fieldset>
                <fieldset class="filter-set">
                    <legend>"Activity"</legend>
                    <span class="filter-field">
                        <label for="f-last">"Last active"</label>
                        <select
                            id="f-last"
                            prop:value=last_kind
                            on:change:target=move |ev| set_last(&ev.target().value(), last_days().unwrap_or(30))
                        >
                            <option value="">"Any time"</option>
                            <option value="active">"Active in the last…"</option>
                            <option value="inactive">"Inactive for…"</option>
                            <option value="never">"Never active"</option>
                        </select>
                    </span>
                    <Show when=move || last_days().is_some()>
                        <span class="filter-field">
                            <label for="f-days">"Days"</label>
                            <input
                                id="f-days"
                                type="number"
                                min="1"
                                max="36500"
                                class="days"
                                prop:value=move || last_days().unwrap_or(30).to_string()
                                on:change:target=move |ev| {
                                    if let Ok(d) = ev.target().value().trim().parse::<u32>() {
                                        set_last(last_kind(), d);
                                    }
                                }
                            />
                        </span>
                    </Show>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || filters.with(|f| f.suspended)
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                set(&|f| f.suspended = on);
                            }
                        />
                        "Suspended only"
                    </label>
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || filters.with(|f| f.usage.no_messages)
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                set(&|f| f.usage.no_messages = on);
                            }
                        />
                        "No messages in the usage period"
                    </label>
                    <span class="muted small">{move || format!("(last {} days, from admin analytics)", filters.with(|f| f.usage.period.days()))}</span>
                </fieldset>
                <fieldset class="filter-set">
                    <legend>"Created"</legend>
                    {date("Created from", "f-from", true)}
                    {date("Created to", "f-to", false)}
                </fieldset>
            </div>
    }
    .into_any()
}
