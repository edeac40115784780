//! Open WebUI admin console: a Leptos (CSR) app that manages the users, groups and permissions
//! of an Open WebUI server through its REST API, from the browser.

pub mod api;
pub mod batch;
pub mod components;
pub mod download;
pub mod format;
pub mod latest;
pub mod pages;
pub mod routes;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::Router;

use components::profile_images::ProfileImages;
use components::shell::Shell;
use components::toast::{ToastRegion, Toasts};
use pages::signin::SignIn;
use session::SessionCtx;

/// The whole app: the sign-in screen until there is a session, then the console. The URL is left
/// alone while signing in, so an expired session comes back to the same screen.
#[component]
pub fn App() -> impl IntoView {
    let session = SessionCtx::new();
    provide_context(session);
    provide_context(Toasts::new());
    provide_context(ProfileImages::new());
    view! {
        <Router base=routes::base()>
            <Show when=move || session.is_signed_in() fallback=|| view! { <SignIn /> }>
                <Shell />
            </Show>
            <ToastRegion />
        </Router>
    }
}
