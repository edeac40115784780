//! `/permissions`: the default permissions of every user with the role "user".
use leptos::prelude::*;

use crate::pages::placeholder::Placeholder;

#[component]
pub fn DefaultPermissionsPage() -> impl IntoView {
    view! { <Placeholder title="Default permissions" /> }
}
