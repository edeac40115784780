//! The group screen's tabs. The tab lives in the URL (`?tab=members`), so a reload or a shared
//! link opens the same one; the panels are hidden, not dropped, so nothing typed is lost.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::form::GroupTab;
use crate::routes::{self, use_go};

/// Where on the group screen the URL points: the tab and the members page, and how to go
/// elsewhere on it (each a new history entry, so Back returns to the previous tab or page).
#[derive(Clone, Copy)]
pub struct GroupLocation {
    pub tab: Memo<GroupTab>,
    pub members_page: Memo<u32>,
    pub show_tab: Callback<GroupTab>,
    pub show_page: Callback<u32>,
}

/// The location of group `id`'s screen (`None`: the New group form, which has no Members tab).
pub fn use_group_location(id: Option<String>) -> GroupLocation {
    let query = use_query_map();
    let go = use_go();
    let is_new = id.is_none();
    let tab = Memo::new(move |_| {
        let t = query.with(|q| GroupTab::from_param(q.get_str("tab").unwrap_or_default()));
        if is_new && t == GroupTab::Members {
            GroupTab::General
        } else {
            t
        }
    });
    let members_page = Memo::new(move |_| {
        query
            .with(|q| q.get_str("page").and_then(|p| p.parse::<u32>().ok()))
            .unwrap_or(1)
            .max(1)
    });
    let id = StoredValue::new(id);
    let url = move |t: GroupTab, page: u32| {
        let t = (t != GroupTab::General).then_some(t.param());
        id.with_value(|id| match id {
            Some(id) => routes::group_at(id, t, page),
            None => routes::new_group(t),
        })
    };
    GroupLocation {
        tab,
        members_page,
        show_tab: Callback::new(move |t| go.push(&url(t, 1))),
        show_page: Callback::new(move |p| go.push(&url(GroupTab::Members, p))),
    }
}

/// The tab list; `on_select` gets the tab clicked (the owner puts it in the URL).
#[component]
pub fn GroupTabs(
    tabs: &'static [GroupTab],
    #[prop(into)] current: Signal<GroupTab>,
    on_select: Callback<GroupTab>,
) -> impl IntoView {
    let buttons = tabs
        .iter()
        .map(|&t| {
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", t.param())
                    class="tab"
                    aria-selected=move || (current.get() == t).to_string()
                    aria-controls=format!("panel-{}", t.param())
                    on:click=move |_| on_select.run(t)
                >
                    {t.label()}
                </button>
            }
        })
        .collect_view();
    view! { <div class="tabs group-tabs" role="tablist" aria-label="Group sections">{buttons}</div> }
}

/// One tab's panel, hidden while another tab is shown.
#[component]
pub fn TabPanel(
    tab: GroupTab,
    #[prop(into)] current: Signal<GroupTab>,
    children: Children,
) -> impl IntoView {
    view! {
        <section
            class="panel group-section"
            role="tabpanel"
            id=format!("panel-{}", tab.param())
            aria-labelledby=format!("tab-{}", tab.param())
            hidden=move || current.get() != tab
        >
            {children()}
        </section>
    }
}
