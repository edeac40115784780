//! Sign in: email + password, or a pasted JWT / API key (checked with a call before it is
//! accepted). Served next to Open WebUI on the same origin with its web UI signed in, the console
//! takes over that session without asking.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::page_origin;
use crate::api::{ApiError, Client, SessionUser, SigninForm, SigninOutcome, UserListParams};
use crate::components::dialog::Dialog;
use crate::components::field::{FieldErrors, TextField};
use crate::session::{Session, last_sign_in, owui_token, use_session};

/// Reads the server's version and features into a new session, and refuses a server older
/// than the oldest supported line (saying which versions are supported).
async fn with_server(session: Session) -> Result<Session, String> {
    let session = session.read_server().await.map_err(|e| e.to_string())?;
    if let Some(server) = &session.server {
        server.check_supported()?;
    }
    Ok(session)
}

/// Checks `token` against the server and makes a session of it.
async fn session_from_token(
    base: &str,
    token: String,
    remember: bool,
) -> Result<Session, ApiError> {
    let client = Client::new(base, Some(token.clone()));
    match client.session_user().await {
        Ok(user) => Ok(Session::new(
            client.base_url().to_string(),
            token,
            user,
            remember,
        )),
        // API keys may not read the session user; an admin-only call proves what matters.
        Err(ApiError::Forbidden(_)) if token.starts_with("sk-") => {
            client
                .list_users(&UserListParams {
                    page: 1,
                    ..Default::default()
                })
                .await?;
            let user = SessionUser {
                name: "API key".into(),
                role: "admin".into(),
                ..Default::default()
            };
            Ok(Session::new(
                client.base_url().to_string(),
                token,
                user,
                remember,
            ))
        }
        Err(e) => Err(e),
    }
}

async fn session_from_password(
    base: &str,
    email: String,
    password: String,
    remember: bool,
) -> Result<Session, String> {
    let client = Client::new(base, None);
    if client.base_url().is_empty() {
        return Err("Enter the address of your Open WebUI server.".into());
    }
    match client
        .signin(&SigninForm { email, password })
        .await
        .map_err(|e| e.to_string())?
    {
        SigninOutcome::Session(user) => {
            let token = user.token.clone().unwrap_or_default();
            with_server(Session::new(
                client.base_url().to_string(),
                token,
                *user,
                remember,
            ))
            .await
        }
        SigninOutcome::NextStep(step) => Err(format!(
            "This account needs a further sign-in step ({step}, e.g. two-factor authentication) that this \
             console cannot do. Sign in to Open WebUI itself, then paste a token below."
        )),
    }
}

/// The Sign in page: the whole screen while nobody is signed in. Served next to Open WebUI
/// on the same origin with its web UI signed in, it takes that session over (a non-admin's
/// too, so the frame can explain why the console needs an admin account).
#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let checking_owui = RwSignal::new(false);
    let unsupported = RwSignal::new(None::<String>);
    if let Some(t) = owui_token() {
        checking_owui.set(true);
        spawn_local(async move {
            // A non-admin is taken over too: the frame then says who is signed in and why the
            // console cannot be used, instead of a Sign in form that ignores Open WebUI's sign-in.
            if let Ok(mut s) = session_from_token(&page_origin(), t, false).await {
                s.borrowed = true;
                match with_server(s).await {
                    Ok(s) => session.sign_in(s),
                    // Too old a server: say so instead of a form that would refuse it again.
                    Err(e) => {
                        unsupported.try_set(Some(e));
                    }
                }
            }
            checking_owui.try_set(false);
        });
    }
    view! {
        <main class="signin">
            <section class="panel signin-panel">
                <h1>"Sign in"</h1>
                <p class="muted">"Administration console for Open WebUI."</p>
                <Show when=move || checking_owui.get()>
                    <p class="muted" role="status">"Checking your Open WebUI session…"</p>
                </Show>
                {move || unsupported.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <SignInForm remember=false again=false />
            </section>
        </main>
    }
}

/// Sign in again after the server stopped accepting the session: a dialog over the screen,
/// which stays mounted with everything typed into it. Cancel leaves a banner to come back.
#[component]
pub fn Reauth() -> impl IntoView {
    let session = use_session();
    let reopen = move || {
        // Created anew each time the session expires, so a new expiry opens the dialog again.
        let dismissed = RwSignal::new(false);
        let remember = untrack(|| session.get()).is_some_and(|s| s.remember);
        let close = Callback::new(move |_| dismissed.set(true));
        view! {
            <Show
                when=move || !dismissed.get()
                fallback=move || view! {
                    <div class="reauth-banner" role="alert">
                        <span>"Your session has ended. Nothing on this screen was lost."</span>
                        <button class="btn btn-small btn-primary" on:click=move |_| dismissed.set(false)>
                            "Sign in again"
                        </button>
                        <button class="btn btn-small" on:click=move |_| session.sign_out(false)>"Sign out"</button>
                    </div>
                }
            >
                <Dialog title="Sign in" on_close=close>
                    <p class="notice" role="alert">
                        {move || session.expired().unwrap_or_default()}
                        " What you entered on this screen is kept."
                    </p>
                    <SignInForm remember=remember again=true />
                    <div class="dialog-actions">
                        <button type="button" class="btn" on:click=move |_| close.run(())>"Cancel"</button>
                    </div>
                </Dialog>
            </Show>
        }
    };
    view! { <Show when=move || session.is_expired()>{reopen}</Show> }
}

/// The two ways to sign in (password, or a pasted token), prefilled with the last server and
/// email used in this browser.
#[component]
fn SignInForm(
    /// "Remember me" to start with.
    remember: bool,
    /// Signing in again: server and email are known, so the password field takes focus.
    again: bool,
) -> impl IntoView {
    let session = use_session();
    let last = last_sign_in().unwrap_or_default();
    let server = RwSignal::new(if last.base_url.is_empty() {
        page_origin()
    } else {
        last.base_url
    });
    let email = RwSignal::new(last.email);
    let password = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(remember);
    let error = RwSignal::new(None::<String>);
    let errors: FieldErrors = RwSignal::new(Default::default());
    let busy = RwSignal::new(false);

    let finish = move |result: Result<Session, String>| {
        busy.try_set(false);
        match result {
            Ok(s) => session.sign_in(s),
            Err(e) => {
                error.try_set(Some(e));
            }
        }
    };

    let on_password = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let (base, e, p, r) = (
            server.get_untracked(),
            email.get_untracked(),
            password.get_untracked(),
            remember.get_untracked(),
        );
        spawn_local(async move {
            finish(session_from_password(&base, e.trim().to_string(), p, r).await)
        });
    };

    let on_token = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = token.get_untracked().trim().to_string();
        if t.is_empty() {
            errors.update(|e| {
                e.insert("token", "Paste a token or API key first.".into());
            });
            return;
        }
        busy.set(true);
        error.set(None);
        let (base, r) = (server.get_untracked(), remember.get_untracked());
        spawn_local(async move {
            let session = session_from_token(&base, t, r)
                .await
                .map_err(|e| e.to_string());
            finish(match session {
                Ok(s) => with_server(s).await,
                Err(e) => Err(e),
            })
        });
    };

    view! {
        <form class="form" on:submit=on_password aria-busy=move || busy.get().to_string()>
            <TextField label="Server URL" name="server" value=server errors=errors kind="url"
                required=true autocomplete="url" placeholder="http://127.0.0.1:8080" />
            <TextField label="Email" name="email" value=email errors=errors kind="email"
                required=true autocomplete="username" />
            <TextField label="Password" name="password" value=password errors=errors kind="password"
                required=true autocomplete="current-password" autofocus=again />
            <label class="check">
                <input type="checkbox" name="remember" bind:checked=remember />
                "Remember me"
            </label>
            <button class="btn btn-primary" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
        <div class="divider">
            <span>"or"</span>
        </div>
        <form class="form" on:submit=on_token>
            <TextField label="API key or token" name="token" value=token errors=errors
                autocomplete="off" placeholder="eyJ… or sk-…" />
            <button class="btn" type="submit" disabled=move || busy.get()>"Use token"</button>
        </form>
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
    }
}
