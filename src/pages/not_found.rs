//! Any URL the console does not know.
use leptos::prelude::*;

use crate::routes::{USERS, href};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="panel narrow">
            <h1>"Not found"</h1>
            <p>"There is no page at this address."</p>
            <a class="btn btn-primary" href=href(USERS)>"Go to Users"</a>
        </section>
    }
}
