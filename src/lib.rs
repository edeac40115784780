//! Open WebUI admin console: a Leptos (CSR) app that manages the users, groups and permissions
//! of an Open WebUI server through its REST API, from the browser.

pub mod api;
pub mod batch;
pub mod components;
pub mod download;
pub mod email_check;
pub mod format;
pub mod latest;
pub mod pages;
pub mod routes;
pub mod session;
pub mod storage;
pub mod suspension;
pub mod write;

use leptos::prelude::*;
use leptos_router::components::Router;

use components::profile_images::ProfileImages;
use components::shell::Shell;
use components::toast::{ToastRegion, Toasts};
use pages::signin::{Reauth, SignIn};
use session::SessionCtx;

/// The whole app: the sign-in screen until there is a session, then the console. When the
/// server stops accepting the session, Sign in opens over the console, which stays as it was.
#[component]
pub fn App() -> impl IntoView {
    let session = SessionCtx::new();
    provide_context(session);
    provide_context(Toasts::new());
    provide_context(ProfileImages::new(session));
    view! {
        <Router base=routes::base()>
            <Show when=move || session.is_signed_in() fallback=|| view! { <SignIn /> }>
                <Shell>
                    <routes::AppRoutes />
                </Shell>
                <Reauth />
            </Show>
            <ToastRegion />
        </Router>
    }
}
