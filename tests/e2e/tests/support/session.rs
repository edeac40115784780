//! Starting signed in without the form (the server limits sign-ins per email): the session the
//! app keeps for the harness's admin, put where the app looks for it before the app starts.
//! Shared by the scenarios and the benches.

use serde_json::json;

use super::{Harness, Page};

/// What the app keeps in sessionStorage (`owui-admin.session`) for the harness's admin signed in
/// to `server`. `with_version`: with the server's version, as sign-in keeps it (without it the
/// app reads the version itself when it starts).
pub fn admin_session(h: &Harness, server: &str, with_version: bool) -> Result<String, String> {
    let (_, me) = h.api.get("/api/v1/auths/")?;
    let mut session =
        json!({"base_url": server, "token": h.api.token, "user": me, "remember": false});
    if with_version {
        session["server"] = json!({"version": h.version});
    }
    Ok(session.to_string())
}

/// Opens `url` signed in with `session`: loads `first` (a page of the same origin; one that does
/// not start the app, such as `/favicon.ico`, leaves the browser cache cold), stores the session
/// there and runs `also` (more set-up the app reads when it starts), then navigates to `url`.
pub async fn open_with_session(
    page: &Page,
    first: &str,
    session: &str,
    also: &str,
    url: &str,
) -> Result<(), String> {
    page.goto(first).await?;
    let lit = serde_json::to_string(session).map_err(|e| e.to_string())?;
    page.js(&format!(
        "sessionStorage.setItem('owui-admin.session', {lit}); {also} return true;"
    ))
    .await?;
    page.goto(url).await
}

/// A multi-threaded tokio runtime and a started harness, or the reason on stderr and exit 1
/// (what the benches do when they cannot start).
pub fn start_or_exit(what: &str) -> (tokio::runtime::Runtime, Harness) {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{what}: cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    match Harness::start() {
        Ok(h) => (rt, h),
        Err(e) => {
            eprintln!("{what} harness failed: {e}");
            std::process::exit(1);
        }
    }
}
