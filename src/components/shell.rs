//! The signed-in frame: top bar with the Main navigation, the server's version, the signed-in
//! admin and Sign out; the screens below. A signed-in non-admin gets a clear explanation instead of broken tables.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::components::dialog::Dialog;
use crate::routes::{ACCOUNT, GROUPS, PERMISSIONS, USERS, WEBHOOKS, href};
use crate::session::use_session;

/// The frame around the screens (`children`: the route table).
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let name = move || session.user().map(|u| u.name).unwrap_or_default();
    let is_admin = move || session.user().is_some_and(|u| u.is_admin());
    // Borrowed from Open WebUI's own sign-in on this origin: ask whether to end that too.
    let asking = RwSignal::new(false);
    let sign_out = move |_| {
        if session.get().is_some_and(|s| s.borrowed) {
            asking.set(true);
        } else {
            session.sign_out(false);
        }
    };
    view! {
        // The first stop for the keyboard: past the navigation, straight to the screen.
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to main content"</a>
        <header class="topbar">
            <a class="brand" href=href(USERS)>
                "Open WebUI "
                <span class="brand-sub">"Admin"</span>
            </a>
            <nav aria-label="Main" class="mainnav">
                <A href=href(USERS)>"Users"</A>
                <A href=href(GROUPS)>"Groups"</A>
                <A href=href(PERMISSIONS)>"Default permissions"</A>
                <A href=href(WEBHOOKS)>"Webhooks"</A>
                <A href=href(ACCOUNT)>"My account"</A>
            </nav>
            <div class="me">
                {move || session.server_label().map(|v| view! {
                    <span class="server-version muted" title="The Open WebUI this console is signed in to">{v}</span>
                })}
                <span class="me-name" title="Signed in">{name}</span>
                <button class="btn btn-ghost" on:click=sign_out>"Sign out"</button>
            </div>
        </header>
        <Show when=move || asking.get()>
            <Dialog title="Sign out" on_close=Callback::new(move |_| asking.set(false))>
                <p>"You came in through your Open WebUI sign-in in this browser. Sign out of Open WebUI too?"</p>
                <div class="dialog-actions">
                    <button class="btn" on:click=move |_| asking.set(false)>"Cancel"</button>
                    <button class="btn" on:click=move |_| session.sign_out(true)>"Also sign out of Open WebUI"</button>
                    <button class="btn btn-primary" on:click=move |_| session.sign_out(false)>"Sign out of the console only"</button>
                </div>
            </Dialog>
        </Show>
        <main class="content" id="main" tabindex="-1">
            <Show when=is_admin fallback=NeedsAdmin>
                {children()}
            </Show>
        </main>
    }
}

/// Moves focus (not only the scroll position) to the screen, so the next Tab starts there. The
/// router would otherwise treat the `#main` link as a navigation and leave focus on the link.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Shown to a signed-in user whose role is not admin: who that is, why the console cannot be
/// used, and the way on. A session taken over from Open WebUI's own sign-in stays signed in
/// there: leaving it here only ends the console's use of it.
#[component]
fn NeedsAdmin() -> impl IntoView {
    let session = use_session();
    let user = move || session.user().unwrap_or_default();
    let borrowed = move || session.get().is_some_and(|s| s.borrowed);
    view! {
        <section class="panel narrow" aria-labelledby="needs-admin-title">
            <h1 id="needs-admin-title">"This console needs an admin account"</h1>
            <p>
                "You are signed in as "<strong>{move || user().name}</strong>" ("
                {move || user().email}") with the role "
                <strong>{move || user().role}</strong>". Only Open WebUI administrators can manage "
                "users, groups and permissions. Sign in with an admin account, or ask an "
                "administrator to change your role."
            </p>
            <Show when=borrowed>
                <p class="muted">
                    "This is your Open WebUI sign-in in this browser. Leaving the console keeps "
                    "you signed in to Open WebUI."
                </p>
            </Show>
            <button class="btn btn-primary" on:click=move |_| session.sign_out(false)>
                "Sign in with an admin account"
            </button>
        </section>
    }
}
