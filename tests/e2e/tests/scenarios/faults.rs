//! Faults between the browser and the real Open WebUI, injected by the fault proxy
//! (`scripts/serve.py --faults`, `Harness::faults`): a list that never answers, a proxy's 502
//! page, cut-off JSON, a web page where data was expected, a dropped connection, a stopped
//! server, an expired session in the middle of typing, a save that hangs, and an avatar fetched
//! from the image endpoint. Each checks what a person reads, that the way on works, that what
//! was typed is still there and what the server holds.

use std::time::Duration;

use serde_json::json;

use super::common::{create_user, search, server_user, sign_in_with_form, unique, wait_rows};
use crate::support::page::{DEADLINE, xp_lit};
use crate::support::session::{admin_session, open_with_session};
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        fault_users_list_hang_offers_retry,
        fault_users_list_502_page_says_unavailable,
        fault_users_list_bad_answers_leave_the_app_usable,
        fault_dropped_connection_cross_origin_is_not_blamed_on_cors,
        fault_server_down_cross_origin_says_could_not_reach,
        fault_fetched_avatar_gets_a_blob_url,
        fault_group_save_hang_gives_save_back,
        fault_dropped_user_save_says_interrupted_and_try_again_works,
        fault_status_save_answer_lost_says_it_may_have_been_saved,
        fault_expired_session_keeps_typed_status_and_sends_it_again,
        fault_group_and_defaults_failed_loads_are_not_still_loading,
    ]
}

/// The request deadline the hang scenarios give the app (instead of 30 s).
pub(super) const DEADLINE_MS: u32 = 3000;

/// Opens `path` of the app at `app`, signed in as the harness admin against `server`, with the
/// request deadline `deadline_ms` (set before the app starts: it reads it once).
pub(super) async fn open_signed_in(
    h: &Harness,
    page: &Page,
    app: &str,
    server: &str,
    path: &str,
    deadline_ms: Option<u32>,
) -> Result<(), String> {
    let session = admin_session(h, server, false)?;
    let deadline = match deadline_ms {
        Some(ms) => format!("localStorage.setItem('owui-admin.deadline-ms', '{ms}');"),
        None => "localStorage.removeItem('owui-admin.deadline-ms');".into(),
    };
    open_with_session(
        page,
        &format!("{app}/"),
        &session,
        &deadline,
        &format!("{app}{path}"),
    )
    .await?;
    super::common::main_nav(page).await
}

/// The text of the first alert containing `part` (waits for it).
pub(super) async fn alert_with(page: &Page, part: &str) -> Result<String, String> {
    let el = page
        .wait_xpath(&format!(
            "//*[@role='alert'][contains(., {})]",
            xp_lit(part)
        ))
        .await
        .map_err(|e| format!("no alert saying {part:?}: {e}"))?;
    el.text().await.map_err(|e| e.to_string())
}

/// Clicks the button `name` inside the alert that says `part`.
pub(super) async fn click_in_alert(page: &Page, part: &str, name: &str) -> Result<(), String> {
    page.wait_xpath(&format!(
        "//*[@role='alert'][contains(., {})]//button[normalize-space()={}]",
        xp_lit(part),
        xp_lit(name)
    ))
    .await?
    .click()
    .await
    .map_err(|e| e.to_string())
}

/// Waits until no alert says `part` any more.
pub(super) async fn alert_gone(page: &Page, part: &str) -> Result<(), String> {
    let lit = serde_json::to_string(part).map_err(|e| e.to_string())?;
    page.wait_js(
        &format!("the alert {part:?} to go"),
        &format!(
            "![...document.querySelectorAll('[role=alert]')].some(a => a.innerText.includes({lit}))"
        ),
    )
    .await
    .map(|_| ())
}

pub(super) fn not_cors(text: &str) -> Result<(), String> {
    if text.contains("CORS") || text.contains("origin") {
        return Err(format!("blamed on CORS: {text:?}"));
    }
    Ok(())
}

/// Polls the server until `check` holds (the UI's change may take a moment to arrive).
pub(super) async fn server_eventually(
    what: &str,
    mut check: impl FnMut() -> Result<bool, String>,
) -> Result<(), String> {
    let end = tokio::time::Instant::now() + DEADLINE;
    while tokio::time::Instant::now() < end {
        if check()? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    Err(format!(
        "the server never showed {what} within {DEADLINE:?}"
    ))
}

/// Rows the first page of the default users list shows.
fn first_page_rows(h: &Harness) -> Result<u64, String> {
    Ok(h.api.user_total()?.min(30))
}

/// Waits until the button `name` (first of that name) is enabled.
pub(super) async fn enabled(page: &Page, name: &str) -> Result<(), String> {
    let lit = serde_json::to_string(name).map_err(|e| e.to_string())?;
    page.wait_js(
        &format!("button {name:?} enabled"),
        &format!(
            "[...document.querySelectorAll('button')].find(b => b.textContent.trim() === {lit})?.disabled === false"
        ),
    )
    .await
    .map(|_| ())
}

pub(super) async fn nav_to(page: &Page, link: &str) -> Result<(), String> {
    page.wait_xpath(&format!(
        "//nav[@aria-label='Main']//a[normalize-space()={}]",
        xp_lit(link)
    ))
    .await?
    .click()
    .await
    .map_err(|e| e.to_string())
}

// --- reads --------------------------------------------------------------------------------------

pub async fn fault_users_list_hang_offers_retry(h: &Harness, page: &Page) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", "/api/v1/users/?", Fault::Hang))?;
    open_signed_in(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        "/users",
        Some(DEADLINE_MS),
    )
    .await?;
    let text = alert_with(page, "did not answer").await?;
    page.screenshot(&h.artifacts().join("fault-users-hang.png"))
        .await?;
    if !text.contains("within 3 seconds") || !text.contains("Retry") {
        return Err(format!("the hang is told as {text:?}"));
    }
    not_cors(&text)?;
    if h.faults.hits()? == 0 {
        return Err("the users list never reached the fault proxy".into());
    }
    h.faults.clear()?;
    click_in_alert(page, "did not answer", "Retry").await?;
    wait_rows(page, first_page_rows(h)?).await?;
    alert_gone(page, "did not answer").await
}

pub async fn fault_users_list_502_page_says_unavailable(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", "/api/v1/users/?", Fault::HtmlError(502)))?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/users", None).await?;
    let text = alert_with(page, "unavailable").await?;
    page.screenshot(&h.artifacts().join("fault-users-502.png"))
        .await?;
    if !text.contains("502") || text.contains("address of Open WebUI") {
        return Err(format!("a proxy's 502 page is told as {text:?}"));
    }
    // Retry really asks again (the proxy counts it), and the message stays while it fails.
    let before = h.faults.hits()?;
    click_in_alert(page, "unavailable", "Retry").await?;
    server_eventually("a second list request", || Ok(h.faults.hits()? > before)).await?;
    alert_with(page, "unavailable").await?;
    h.faults.clear()?;
    click_in_alert(page, "unavailable", "Retry").await?;
    wait_rows(page, first_page_rows(h)?).await?;
    alert_gone(page, "unavailable").await
}

/// Cut-off JSON and a 200 web page where data belongs: a readable message each, and the app goes
/// on working (no panic: navigation still renders the next screen).
pub async fn fault_users_list_bad_answers_leave_the_app_usable(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", "/api/v1/users/?", Fault::Truncate))?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/users", None).await?;
    let text = alert_with(page, "could not read").await?;
    if !text.contains("Retry") {
        return Err(format!("cut-off JSON gives no Retry: {text:?}"));
    }
    nav_to(page, "Groups").await?;
    page.heading("Groups").await?;
    page.field("Search groups").await?;

    h.faults.clear()?;
    h.faults.set(Rule::new(
        "GET",
        "/api/v1/users/?",
        Fault::Respond {
            status: 200,
            body: "<!doctype html><html><body><h1>Welcome</h1></body></html>".into(),
            content_type: "text/html; charset=utf-8".into(),
        },
    ))?;
    nav_to(page, "Users").await?;
    page.heading("Users").await?;
    let text = alert_with(page, "web page instead of data").await?;
    if !text.contains("HTTP 200") {
        return Err(format!("an HTML answer is told as {text:?}"));
    }
    h.faults.clear()?;
    click_in_alert(page, "web page instead of data", "Retry").await?;
    wait_rows(page, first_page_rows(h)?).await?;
    alert_gone(page, "web page instead of data").await
}

/// The app on its own origin, Open WebUI behind the fault proxy: one request's connection drops
/// while the server is fine. That is an interruption, never a CORS refusal.
pub async fn fault_dropped_connection_cross_origin_is_not_blamed_on_cors(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", "/api/v1/users/?", Fault::Drop))?;
    open_signed_in(h, page, &h.app_url, &h.fault_url, "/users", None).await?;
    let text = alert_with(page, "interrupted").await?;
    not_cors(&text)?;
    h.faults.clear()?;
    click_in_alert(page, "interrupted", "Retry").await?;
    wait_rows(page, first_page_rows(h)?).await?;
    alert_gone(page, "interrupted").await
}

/// The server stops answering altogether (health and version probes included), cross-origin:
/// "Could not reach", not CORS; once it is back, Retry loads the screen.
pub async fn fault_server_down_cross_origin_says_could_not_reach(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let name = format!("Downtime {}", unique());
    h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": name, "description": "seen after the outage"}),
        ),
        "create group",
    )?;
    open_signed_in(h, page, &h.app_url, &h.fault_url, "/users", None).await?;
    wait_rows(page, first_page_rows(h)?).await?;
    h.faults.set(Rule::down())?;
    nav_to(page, "Groups").await?;
    let text = alert_with(page, "Could not reach Open WebUI").await?;
    if text.contains("CORS") {
        return Err(format!("a stopped server is blamed on CORS: {text:?}"));
    }
    // The request and both probes (/api/version, /health) met the stopped server.
    let hits = h.faults.hits()?;
    if hits < 3 {
        return Err(format!(
            "only {hits} requests reached the stopped server (expected the call and two probes)"
        ));
    }
    h.faults.clear()?;
    click_in_alert(page, "Could not reach", "Retry").await?;
    page.wait_xpath(&format!("//a[normalize-space()={}]", xp_lit(&name)))
        .await?;
    alert_gone(page, "Could not reach").await
}

/// A profile image stored on the server (neither /user.png, a data URI nor http(s)) is fetched
/// from the image endpoint with the token and shown from a blob: URL, without harming the app.
pub async fn fault_fetched_avatar_gets_a_blob_url(h: &Harness, page: &Page) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let name = format!("Avatar Ann {tag}");
    let email = format!("avatar{tag}@example.com");
    let id = create_user(h, &name, &email, "user")?;
    let image = format!("/api/v1/users/{id}/profile/image");
    h.api.ok(
        h.api.post(
            &format!("/api/v1/users/{id}/update"),
            json!({"name": name, "email": email, "role": "user", "profile_image_url": image}),
        ),
        "set the profile image URL",
    )?;
    // A rule that changes nothing, only to count the image requests.
    h.faults
        .set(Rule::new("GET", image.clone(), Fault::Delay(0.0)))?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/users", None).await?;
    search(page, &email, 1).await?;
    let email_lit = serde_json::to_string(&email).map_err(|e| e.to_string())?;
    page.wait_js(
        "the avatar from a blob: URL",
        &format!(
            "[...document.querySelectorAll('tbody tr')].find(r => r.innerText.includes({email_lit}))\
             ?.querySelector('img')?.src?.startsWith('blob:')"
        ),
    )
    .await?;
    if h.faults.hits()? == 0 {
        return Err("the avatar did not come from the image endpoint".into());
    }
    // Still alive: a click opens the edit dialog, and navigation renders the next screen.
    page.click(&format!("Edit {name}")).await?;
    page.wait_xpath("//*[@role='dialog'][.//h2[normalize-space()='Edit user']]")
        .await?;
    page.click_in_dialog("Cancel").await?;
    nav_to(page, "Groups").await?;
    page.heading("Groups").await.map(|_| ())
}

// --- writes -------------------------------------------------------------------------------------

/// A group save that never gets an answer: after the deadline a message, Save usable again, the
/// typed description still there, and saving again reaches the server.
pub async fn fault_group_save_hang_gives_save_back(h: &Harness, page: &Page) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let name = format!("Hang Group {}", unique());
    let g = h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": name, "description": "before"}),
        ),
        "create group",
    )?;
    let id = g["id"].as_str().ok_or("no group id")?.to_string();
    open_signed_in(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        &format!("/groups/{id}"),
        Some(DEADLINE_MS),
    )
    .await?;
    page.heading(&name).await?;
    page.fill("Description", "typed during the outage").await?;
    h.faults.set(Rule::new(
        "POST",
        format!("/api/v1/groups/id/{id}/update"),
        Fault::Hang,
    ))?;
    enabled(page, "Save").await?;
    page.click("Save").await?;
    let text = alert_with(page, "did not answer").await?;
    if !text.contains("may or may not have been saved") {
        return Err(format!("a hung save is told as {text:?}"));
    }
    enabled(page, "Save").await?;
    let typed = page.value("Description").await?;
    if typed != "typed during the outage" {
        return Err(format!("the typed description became {typed:?}"));
    }
    let stored = h
        .api
        .ok(h.api.get(&format!("/api/v1/groups/id/{id}")), "get group")?;
    if stored["description"] != "before" {
        return Err(format!("the hung save reached the server: {stored}"));
    }
    h.faults.clear()?;
    page.click("Save").await?;
    server_eventually("the new description", || {
        let g = h
            .api
            .ok(h.api.get(&format!("/api/v1/groups/id/{id}")), "get group")?;
        Ok(g["description"] == "typed during the outage")
    })
    .await
}

/// Edit user › Save whose connection drops before any answer (nothing reached the server): the
/// message says the connection was interrupted and the change may not have been saved (not
/// CORS), the typed name stays, and Try again saves it.
pub async fn fault_dropped_user_save_says_interrupted_and_try_again_works(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let name = format!("Dora Drop {tag}");
    let id = create_user(h, &name, &format!("dora{tag}@example.com"), "user")?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/users", None).await?;
    search(page, &format!("dora{tag}"), 1).await?;
    page.click(&format!("Edit {name}")).await?;
    page.wait_xpath("//*[@role='dialog'][.//h2[normalize-space()='Edit user']]")
        .await?;
    let renamed = format!("Dora Kept {tag}");
    page.fill("Name", &renamed).await?;
    h.faults.set(Rule::new(
        "POST",
        format!("/api/v1/users/{id}/update"),
        Fault::Drop,
    ))?;
    page.click_in_dialog("Save").await?;
    let text = alert_with(page, "interrupted").await?;
    page.screenshot(&h.artifacts().join("fault-edit-interrupted.png"))
        .await?;
    if !text.contains("may not have been saved") {
        return Err(format!("a dropped save is told as {text:?}"));
    }
    not_cors(&text)?;
    if page.value("Name").await? != renamed {
        return Err("the typed name is gone after the dropped save".into());
    }
    let before = server_user(h, &id)?.ok_or("the user is gone")?;
    if before["name"] != name.as_str() {
        return Err(format!("the dropped save reached the server: {before}"));
    }
    h.faults.clear()?;
    click_in_alert(page, "interrupted", "Try again").await?;
    server_eventually("the new name", || {
        Ok(server_user(h, &id)?.is_some_and(|u| u["name"] == renamed.as_str()))
    })
    .await
}

/// My account › Save status reaches the server, but the connection drops before the answer: the
/// change is there, the console cannot know it, so it says it may not have been saved (not
/// CORS), keeps the typed text, and Try again (the same change again) settles it.
pub async fn fault_status_save_answer_lost_says_it_may_have_been_saved(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let status = || h.api.ok(h.api.get("/api/v1/users/user/status"), "status");
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/account", None).await?;
    page.heading("My account").await?;
    enabled(page, "Save status").await?;
    let typed = format!("Answer lost {}", unique());
    page.fill("Status message", &typed).await?;
    h.faults.set(Rule::new(
        "POST",
        "/api/v1/users/user/status/update",
        Fault::DropAfter,
    ))?;
    page.click("Save status").await?;
    let text = alert_with(page, "interrupted").await?;
    if !text.contains("may not have been saved") {
        return Err(format!("a lost answer is told as {text:?}"));
    }
    not_cors(&text)?;
    if page.value("Status message").await? != typed {
        return Err("the typed status is gone after the lost answer".into());
    }
    // The server did the work although the console never heard back.
    if status()?["status_message"] != typed.as_str() {
        return Err(
            "the save never reached the server (expected only its answer to be lost)".into(),
        );
    }
    h.faults.clear()?;
    click_in_alert(page, "interrupted", "Try again").await?;
    page.wait_xpath("//*[@role='status'][contains(., 'Status saved')]")
        .await?;
    alert_gone(page, "interrupted").await?;
    let stored = status()?;
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/status/update",
            json!({"status_emoji": "", "status_message": "", "status_expires_at": 0}),
        ),
        "clear status",
    )?;
    if stored["status_message"] != typed.as_str() {
        return Err(format!("after Try again the server has {stored}"));
    }
    Ok(())
}

/// The session ends (revoked elsewhere) while a status message is typed: Save opens Sign in over
/// the screen, the typed text survives signing in again, and "Send again" stores it.
pub async fn fault_expired_session_keeps_typed_status_and_sends_it_again(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    // A second admin, so that revoking sessions does not end the harness's own.
    let tag = unique();
    let email = format!("statusadmin{tag}@example.com");
    let password = "e2e-password-1";
    let id = create_user(h, &format!("Status Admin {tag}"), &email, "admin")?;
    let _scope = h.faults.scope()?;
    // Changes nothing: counts the status loads, to know when every one has landed.
    let status_path = "/api/v1/users/user/status";
    h.faults
        .set(Rule::new("GET", status_path, Fault::Delay(0.0)))?;
    sign_in_with_form(page, &h.fault_url, Some(&h.fault_url), &email, password).await?;
    super::common::main_nav(page).await?;
    nav_to(page, "My account").await?;
    page.heading("My account").await?;
    enabled(page, "Save status").await?;
    let typed = format!("Back at {tag}, typed before the session ended");
    page.fill("Status message", &typed).await?;
    h.api.ok(
        h.api
            .post(&format!("/api/v1/users/{id}/sessions/revoke"), json!({})),
        "revoke",
    )?;
    page.click("Save status").await?;
    page.wait_xpath("//dialog[@open][.//h2[normalize-space()='Sign in']]")
        .await?;
    // The screen is still there behind the dialog, with what was typed.
    if page.value("Status message").await? != typed {
        return Err("the typed status is gone when Sign in opens".into());
    }
    page.fill("Password", password).await?;
    page.click_in_dialog("Sign in").await?;
    page.dialog_closed().await?;
    // Whatever the screen loads again after signing in must not overwrite the draft: wait until
    // every status load the proxy saw has finished in the browser, then look.
    let started = h.faults.hits()?;
    page.wait_js(
        "the status loads to finish",
        &format!(
            "performance.getEntriesByType('resource')\
             .filter(e => e.name.endsWith('{status_path}')).length >= {started}"
        ),
    )
    .await?;
    enabled(page, "Save status").await?;
    let kept = page.value("Status message").await?;
    if kept != typed {
        return Err(format!(
            "after signing in again the status message is {kept:?}"
        ));
    }
    let token = h.api.signin(&email, password)?;
    let me = h.api.as_token(&token);
    let stored = me.ok(me.get("/api/v1/users/user/status"), "status")?;
    if stored["status_message"] == typed.as_str() {
        return Err("the save with the revoked token reached the server".into());
    }
    click_in_alert(page, "session ended", "Send again").await?;
    server_eventually("the typed status", || {
        let s = me.ok(me.get("/api/v1/users/user/status"), "status")?;
        Ok(s["status_message"] == typed.as_str())
    })
    .await
}

/// A group's screen and Default permissions whose loads fail say so with Retry, and nothing
/// below the message still says "Loading" as if an answer were coming; Retry then loads them.
pub async fn fault_group_and_defaults_failed_loads_are_not_still_loading(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let still_loading = "document.querySelector('main, body').innerText.includes('Loading')";
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", "/api/v1/groups/", Fault::HtmlError(502)))?;
    open_signed_in(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        "/groups/no-such-group",
        None,
    )
    .await?;
    alert_with(page, "unavailable").await?;
    if page.js(&format!("return {still_loading};")).await? == json!(true) {
        return Err("the group screen says Loading under its failed load".into());
    }
    page.heading("Group").await?;

    h.faults.clear()?;
    h.faults.set(Rule::new(
        "GET",
        "/api/v1/users/default/permissions",
        Fault::HtmlError(502),
    ))?;
    nav_to(page, "Default permissions").await?;
    alert_with(page, "unavailable").await?;
    if page.js(&format!("return {still_loading};")).await? == json!(true) {
        return Err("Default permissions says Loading under its failed load".into());
    }
    page.screenshot(&h.artifacts().join("fault-defaults-502.png"))
        .await?;
    h.faults.clear()?;
    click_in_alert(page, "unavailable", "Retry").await?;
    alert_gone(page, "unavailable").await?;
    page.wait_xpath("//*[@role='group' or self::fieldset][.//input[@type='checkbox']]")
        .await
        .map(|_| ())
}
