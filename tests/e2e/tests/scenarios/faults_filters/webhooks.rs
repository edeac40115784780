//! Faults on the Webhooks screen: the list failing to load, a save whose connection drops, the
//! server refusing the URL (its own 400, and a 422 per field), and the session ending while a
//! webhook is being typed.

use serde_json::{Value, json};

use super::super::common::{create_user, sign_in_with_form, unique};
use super::super::faults::{
    alert_gone, alert_with, click_in_alert, enabled, nav_to, not_cors, open_signed_in,
    server_eventually,
};
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        fault_webhooks_list_fails_then_retry,
        fault_webhooks_catalog_fails_inside_the_dialog,
        fault_webhooks_save_dropped_keeps_the_form,
        fault_webhooks_url_refused_is_shown_on_the_field,
        fault_webhooks_expired_session_keeps_the_typed_webhook,
    ]
}

const HOOKS: &str = "/api/events/webhooks";

fn server_hooks(h: &Harness) -> Result<Vec<Value>, String> {
    let v = h.api.ok(h.api.get(HOOKS), "list webhooks")?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

fn hook_named(h: &Harness, name: &str) -> Result<Option<Value>, String> {
    Ok(server_hooks(h)?.into_iter().find(|w| w["name"] == name))
}

/// Deletes the webhooks whose names end with `tag`.
fn delete_hooks(h: &Harness, tag: &str) {
    for w in server_hooks(h).unwrap_or_default() {
        if w["name"].as_str().is_some_and(|n| n.ends_with(tag)) {
            let _ = h
                .api
                .delete(&format!("{HOOKS}/{}", w["id"].as_str().unwrap_or_default()));
        }
    }
}

/// Opens the New webhook dialog and types a name and URL.
async fn type_new_hook(page: &Page, name: &str, url: &str) -> Result<(), String> {
    page.heading("Webhooks").await?;
    page.click("New webhook").await?;
    page.heading("New webhook").await?;
    page.fill("Name", name).await?;
    page.fill("URL", url).await
}

/// The typed name and URL are still in the dialog.
async fn still_typed(page: &Page, name: &str, url: &str, when: &str) -> Result<(), String> {
    let (n, u) = (page.value("Name").await?, page.value("URL").await?);
    if n != name || u != url {
        return Err(format!("{when}, the dialog holds {n:?} / {u:?}"));
    }
    Ok(())
}

/// The URL field's own error, once it shows (marked invalid, described by an announced error).
async fn url_field_error(page: &Page) -> Result<String, String> {
    let v = page
        .wait_js(
            "an error on the URL field",
            "(() => { const i = document.querySelector('dialog[open] input[name=url]'); \
              const e = i && document.getElementById(i.getAttribute('aria-describedby')); \
              return i && i.getAttribute('aria-invalid') === 'true' && e \
                && e.getAttribute('role') === 'alert' && e.innerText.trim(); })()",
        )
        .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// The list answers a proxy's 503 page, then cut-off JSON: each said with Retry (New webhook
/// stays usable); once the server answers, Retry shows the list.
pub async fn fault_webhooks_list_fails_then_retry(h: &Harness, page: &Page) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults
        .set(Rule::new("GET", HOOKS, Fault::HtmlError(503)))?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/webhooks", None).await?;
    page.heading("Webhooks").await?;
    let text = alert_with(page, "unavailable").await?;
    if !text.contains("503") || !text.contains("Retry") || text.contains("address of Open WebUI") {
        return Err(format!("the list's 503 is told as {text:?}"));
    }
    super::no_longer_loading(page, "Loading webhooks").await?;
    page.button("New webhook").await?;
    page.screenshot(&h.artifacts().join("fault-webhooks-503.png"))
        .await?;
    h.faults.clear()?;
    h.faults.set(Rule::new("GET", HOOKS, Fault::Truncate))?;
    click_in_alert(page, "unavailable", "Retry").await?;
    let text = alert_with(page, "could not read").await?;
    if !text.contains("Retry") {
        return Err(format!("cut-off JSON gives no Retry: {text:?}"));
    }
    alert_gone(page, "unavailable").await?;
    h.faults.clear()?;
    click_in_alert(page, "could not read", "Retry").await?;
    page.wait_js(
        "the list (or its empty state)",
        "!!document.querySelector('ul[aria-label=Webhooks]') \
         || document.body.innerText.includes('No webhooks yet')",
    )
    .await?;
    alert_gone(page, "could not read").await
}

/// The event catalog answers a proxy's 502 page: the New webhook dialog (modal, so the screen's
/// own message behind it cannot be reached) says so with Retry instead of "Loading the event
/// catalog…" forever; Retry there brings the events.
pub async fn fault_webhooks_catalog_fails_inside_the_dialog(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    // The list passes (the first matching rule wins); the catalog (`/api/events`) fails.
    h.faults.set(Rule::new("GET", HOOKS, Fault::Delay(0.0)))?;
    h.faults
        .set(Rule::new("GET", "/api/events", Fault::HtmlError(502)))?;
    open_signed_in(h, page, &h.fault_url, &h.fault_url, "/webhooks", None).await?;
    page.heading("Webhooks").await?;
    alert_with(page, "unavailable").await?;
    page.click("New webhook").await?;
    page.heading("New webhook").await?;
    let text = page
        .wait_xpath("//dialog[@open]//*[@role='alert'][contains(., 'unavailable')]")
        .await?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    if !text.contains("502") || !text.contains("Retry") {
        return Err(format!(
            "the catalog's 502 in the dialog is told as {text:?}"
        ));
    }
    super::no_longer_loading(page, "Loading the event catalog").await?;
    page.screenshot(&h.artifacts().join("fault-webhooks-catalog-502.png"))
        .await?;
    h.faults.clear()?;
    page.click_in_dialog("Retry").await?;
    page.wait_css("dialog[open] input[name='chat.*']").await?;
    page.wait_js(
        "the audit trail still selected",
        "['user.*', 'group.*', 'auth.*'].every(e => document.querySelector(`dialog[open] input[name=\"${e}\"]`)?.checked)",
    )
    .await?;
    page.click_in_dialog("Cancel").await
}

/// Save whose connection drops before the server saw it: "may not have been saved", the dialog
/// still open with what was typed, nothing on the server; Try again saves it.
pub async fn fault_webhooks_save_dropped_keeps_the_form(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let (name, url) = (
        format!("E2E dropped {tag}"),
        format!("https://8.8.8.8/owui-admin-e2e-drop-{tag}"),
    );
    let result = async {
        open_signed_in(h, page, &h.fault_url, &h.fault_url, "/webhooks", None).await?;
        type_new_hook(page, &name, &url).await?;
        h.faults.set(Rule::new("POST", HOOKS, Fault::Drop))?;
        page.click_in_dialog("Save").await?;
        let text = alert_with(page, "interrupted").await?;
        if !text.contains("may not have been saved") {
            return Err(format!("a dropped webhook save is told as {text:?}"));
        }
        not_cors(&text)?;
        still_typed(page, &name, &url, "after the dropped save").await?;
        page.screenshot(&h.artifacts().join("fault-webhooks-save-dropped.png"))
            .await?;
        if hook_named(h, &name)?.is_some() {
            return Err("the dropped save reached the server".into());
        }
        h.faults.clear()?;
        click_in_alert(page, "interrupted", "Try again").await?;
        server_eventually("the webhook", || Ok(hook_named(h, &name)?.is_some())).await?;
        page.button(&format!("Edit {name}")).await?;
        page.dialog_closed().await
    }
    .await;
    delete_hooks(h, &tag);
    result
}

/// The server refuses the URL: its own 400 for an address that is not public, and a 422 naming
/// the field (through the fault proxy). Each is shown at the URL field and announced, the form
/// keeps what was typed, nothing is saved; a public address then saves.
pub async fn fault_webhooks_url_refused_is_shown_on_the_field(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let name = format!("E2E refused {tag}");
    let local = "http://127.0.0.1:9/owui-admin-e2e";
    let result = async {
        open_signed_in(h, page, &h.fault_url, &h.fault_url, "/webhooks", None).await?;
        type_new_hook(page, &name, local).await?;
        page.click_in_dialog("Save").await?;
        let said = url_field_error(page).await?;
        if !said.contains("URL you provided is invalid") {
            return Err(format!("the server's 400 on the URL shows as {said:?}"));
        }
        still_typed(page, &name, local, "after the refused URL").await?;
        page.screenshot(&h.artifacts().join("fault-webhooks-url-400.png"))
            .await?;
        if hook_named(h, &name)?.is_some() {
            return Err("a refused webhook is on the server".into());
        }
        // A FastAPI-style 422 naming the field.
        let public = format!("https://8.8.8.8/owui-admin-e2e-refused-{tag}");
        h.faults.set(
            Rule::new(
                "POST",
                HOOKS,
                Fault::Respond {
                    status: 422,
                    body: json!({"detail": [{"type": "value_error", "loc": ["body", "url"],
                        "msg": "Value error, the address must be reachable from the server", "input": public}]})
                    .to_string(),
                    content_type: "application/json".into(),
                },
            )
            .times(1),
        )?;
        page.fill("URL", &public).await?;
        page.click_in_dialog("Save").await?;
        let said = url_field_error(page).await?;
        if !said.contains("must be reachable from the server") {
            return Err(format!("a 422 on url shows as {said:?}"));
        }
        still_typed(page, &name, &public, "after the 422").await?;
        // Saving again (the rule is spent) reaches the server.
        page.click_in_dialog("Save").await?;
        server_eventually("the webhook", || Ok(hook_named(h, &name)?.is_some())).await?;
        page.button(&format!("Edit {name}")).await.map(|_| ())
    }
    .await;
    delete_hooks(h, &tag);
    result
}

/// The session ends (revoked elsewhere) while a new webhook is typed: Save opens Sign in over
/// the screen and the dialog, both keep what was typed through signing in again, and "Send
/// again" creates the webhook.
pub async fn fault_webhooks_expired_session_keeps_the_typed_webhook(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let email = format!("hookadmin{tag}@example.com");
    let password = "e2e-password-1";
    let id = create_user(h, &format!("Hook Admin {tag}"), &email, "admin")?;
    let (name, url) = (
        format!("E2E expired {tag}"),
        format!("https://8.8.8.8/owui-admin-e2e-expired-{tag}"),
    );
    let result = async {
        sign_in_with_form(page, &h.fault_url, Some(&h.fault_url), &email, password).await?;
        super::super::common::main_nav(page).await?;
        nav_to(page, "Webhooks").await?;
        type_new_hook(page, &name, &url).await?;
        h.api.ok(
            h.api
                .post(&format!("/api/v1/users/{id}/sessions/revoke"), json!({})),
            "revoke",
        )?;
        page.click_in_dialog("Save").await?;
        page.wait_xpath("//dialog[@open][.//h2[normalize-space()='Sign in']]")
            .await?;
        still_typed(page, &name, &url, "when Sign in opens").await?;
        page.screenshot(&h.artifacts().join("fault-webhooks-expired.png"))
            .await?;
        page.fill("Password", password).await?;
        page.click_in_dialog("Sign in").await?;
        page.wait_js(
            "Sign in to close",
            "![...document.querySelectorAll('dialog[open] h2')].some(e => e.textContent.trim() === 'Sign in')",
        )
        .await?;
        page.heading("New webhook").await?;
        still_typed(page, &name, &url, "after signing in again").await?;
        if hook_named(h, &name)?.is_some() {
            return Err("the save with the revoked token reached the server".into());
        }
        enabled(page, "Send again").await?;
        click_in_alert(page, "session ended", "Send again").await?;
        server_eventually("the webhook", || Ok(hook_named(h, &name)?.is_some())).await?;
        let hook = hook_named(h, &name)?.ok_or("gone")?;
        if hook["url"] != url.as_str() {
            return Err(format!("created as {hook}"));
        }
        page.button(&format!("Edit {name}")).await.map(|_| ())
    }
    .await;
    delete_hooks(h, &tag);
    let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    result
}
