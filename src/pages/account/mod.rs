//! `/account`: the signed-in user's own status, settings, info, permissions and groups.
use leptos::prelude::*;

use crate::pages::placeholder::Placeholder;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! { <Placeholder title="My account" /> }
}
