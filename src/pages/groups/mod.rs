//! Groups: the tree of groups, one group's screen (general, permissions, members), new group.
use leptos::prelude::*;

use crate::pages::placeholder::Placeholder;

/// `/groups`: the groups tree.
#[component]
pub fn GroupsPage() -> impl IntoView {
    view! { <Placeholder title="Groups" /> }
}

/// `/groups/:id` (and `/groups/new`): one group.
#[component]
pub fn GroupPage() -> impl IntoView {
    view! { <Placeholder title="Group" /> }
}
