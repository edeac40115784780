//! My account (status, settings, info, permissions, groups) against the live server. The page is
//! the signed-in admin's own; every scenario puts back what it changed on that account.

use fantoccini::Locator;
use serde_json::{Value, json};

use super::common::{signed_in_at, signed_in_on};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        account_status_set_and_clear,
        account_status_typing_while_loading,
        account_settings_number_enables_save_while_typing,
        account_settings_keep_unknown_keys,
        account_settings_invalid_json_blocked,
        account_info_add_change_remove,
        account_permissions_and_groups_match_server,
    ]
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Opens My account and waits until the sections have loaded.
async fn open(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/account").await?;
    page.heading("My account").await?;
    for s in ["Status", "Settings", "Info", "Permissions", "Groups"] {
        page.heading(s).await?;
    }
    page.wait_js(
        "settings loaded",
        "document.querySelector('textarea#settings-json') !== null",
    )
    .await?;
    // The status form is disabled until its data is there (its request may answer last).
    page.wait_js(
        "status loaded",
        "document.querySelector('#status-message')?.disabled === false",
    )
    .await?;
    Ok(())
}

/// Sets an input's value the way a date-time picker does (typing into `datetime-local` depends
/// on the browser's locale), then fires `input` so the app sees it.
async fn set_value(page: &Page, css: &str, value: &str) -> Result<(), String> {
    let (c, v) = (
        serde_json::to_string(css).map_err(err)?,
        serde_json::to_string(value).map_err(err)?,
    );
    page.js(&format!(
        "const el = document.querySelector({c}); el.value = {v}; \
         el.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    ))
    .await
    .map(|_| ())
}

fn my_status(h: &Harness) -> Result<Value, String> {
    h.api
        .ok(h.api.get("/api/v1/users/user/status"), "get status")
}

pub async fn account_status_set_and_clear(h: &Harness, page: &Page) -> Result<(), String> {
    open(h, page).await?;
    page.field("Status emoji").await?;
    page.click("Use 🎧").await?;
    page.fill("Status message", "In a meeting").await?;
    set_value(page, "#status-expires", "2099-12-31T23:30").await?;
    // The instant the browser's own time zone gives that wall-clock time.
    let expected = page
        .js("return Math.round(new Date('2099-12-31T23:30').getTime() / 1000);")
        .await?
        .as_i64()
        .ok_or("no epoch from the browser")?;
    page.click("Save status").await?;
    page.wait_text("Status saved.").await?;
    let s = my_status(h)?;
    if s["status_emoji"] != json!("🎧")
        || s["status_message"] != json!("In a meeting")
        || s["status_expires_at"] != json!(expected)
    {
        return Err(format!("server status after save: {s}"));
    }
    // Reload: the form shows the server's status, expiry back in local time.
    page.client.refresh().await.map_err(err)?;
    page.wait_js(
        "status loaded",
        "document.querySelector('#status-message')?.value === 'In a meeting' && \
         document.querySelector('#status-expires')?.value === '2099-12-31T23:30' && \
         document.querySelector('#status-emoji')?.value === '🎧'",
    )
    .await?;
    page.click("Clear status").await?;
    page.wait_text("Status cleared.").await?;
    let s = my_status(h)?;
    let empty = |v: &Value| v.is_null() || v == &json!("");
    let no_expiry = s["status_expires_at"].is_null() || s["status_expires_at"] == json!(0);
    if !empty(&s["status_emoji"]) || !empty(&s["status_message"]) || !no_expiry {
        return Err(format!("server status after clear: {s}"));
    }
    page.wait_js(
        "form cleared",
        "document.querySelector('#status-message').value === '' && \
         document.querySelector('#status-expires').value === ''",
    )
    .await
    .map(|_| ())
}

/// Guards issue 9: on a slow server, text typed into Status while it loaded was overwritten when
/// the stored status arrived, and Save then stored an empty status. Now nothing can be typed
/// before the status is there ("Loading…", fields and Save disabled), and what is typed after
/// is what gets saved.
pub async fn account_status_typing_while_loading(h: &Harness, page: &Page) -> Result<(), String> {
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/status/update",
            json!({"status_emoji": "🏠", "status_message": "Stored message", "status_expires_at": 0}),
        ),
        "seed status",
    )?;
    let result = typing_while_loading(h, page).await;
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/status/update",
            json!({"status_emoji": "", "status_message": "", "status_expires_at": 0}),
        ),
        "clear status",
    )?;
    result
}

async fn typing_while_loading(h: &Harness, page: &Page) -> Result<(), String> {
    // The status is answered 5 s late through this proxy.
    let app = &h.app_slow_status_url;
    signed_in_on(h, page, app, app, "/account").await?;
    page.heading("Status").await?;
    let state = page
        .js("const m = document.querySelector('#status-message'); \
             const save = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Save status'); \
             return {message: m.disabled, save: save.disabled, value: m.value, \
                     loading: document.getElementById('account-status').parentElement.innerText.includes('Loading…')};")
        .await?;
    let want = json!({"message": true, "save": true, "value": "", "loading": true});
    if state != want {
        return Err(format!("while the status loads: {state}, expected {want}"));
    }
    // A keystroke that gets through anyway (here: an input event on the disabled field) is refused.
    set_value(page, "#status-message", "typed too early").await?;
    page.wait_js(
        "the stored status, editable",
        "document.querySelector('#status-message').value === 'Stored message' && \
         !document.querySelector('#status-message').disabled",
    )
    .await?;
    page.field("Status message")
        .await?
        .send_keys(" and more")
        .await
        .map_err(err)?;
    page.click("Save status").await?;
    page.wait_text("Status saved.").await?;
    let s = my_status(h)?;
    if s["status_message"] != json!("Stored message and more") || s["status_emoji"] != json!("🏠")
    {
        return Err(format!("server status after save: {s}"));
    }
    Ok(())
}

/// Guards issue 9: numeric settings committed only on `change`, so Save stayed disabled while
/// typing and Enter did nothing. Now each keystroke updates the settings and Enter opens the
/// diff, as Save settings does.
pub async fn account_settings_number_enables_save_while_typing(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/settings/update",
            json!({"ui": {"textScale": null}}),
        ),
        "unset textScale",
    )?;
    open(h, page).await?;
    let scale = page.wait_css("input[name='ui.textScale']").await?;
    scale.send_keys("1.1").await.map_err(err)?;
    page.wait_js(
        "Save settings enabled while the field still has focus",
        "document.activeElement?.name === 'ui.textScale' && \
         JSON.parse(document.querySelector('#settings-json').value).ui?.textScale === 1.1 && \
         [...document.querySelectorAll('button')].some(b => b.textContent.trim() === 'Save settings' && !b.disabled)",
    )
    .await?;
    // Enter in the field: the diff, as Save settings shows it.
    scale.send_keys("\u{E007}").await.map_err(err)?;
    let dialog = page.wait_xpath("//*[@role='dialog']").await?;
    let text = dialog.text().await.map_err(err)?;
    if !text.contains("ui.textScale") {
        return Err(format!("the diff should list ui.textScale: {text}"));
    }
    page.click_in_dialog("Save changes").await?;
    page.wait_text("Settings saved.").await?;
    let s = h.api.ok(
        h.api.get("/api/v1/users/user/settings?raw=true"),
        "get settings",
    )?;
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/settings/update",
            json!({"ui": {"textScale": null}}),
        ),
        "restore settings",
    )?;
    if s["ui"]["textScale"] != json!(1.1) {
        return Err(format!("server settings after save: {s}"));
    }
    Ok(())
}

pub async fn account_settings_keep_unknown_keys(h: &Harness, page: &Page) -> Result<(), String> {
    // A key this app does not know (a future Open WebUI setting), put there through the API.
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/settings/update",
            json!({"ui": {"futureKey": {"nested": [1, 2]}, "textScale": 1}, "extraTopLevel": "kept"}),
        ),
        "seed settings",
    )?;
    open(h, page).await?;
    page.wait_js(
        "unknown key in the JSON view",
        "document.querySelector('#settings-json').value.includes('futureKey')",
    )
    .await?;
    let scale = page.wait_css("input[name='ui.textScale']").await?;
    // Select all, delete, type, Tab away (the change event applies it).
    scale
        .send_keys("\u{E009}a\u{E000}\u{E003}1.25\u{E004}")
        .await
        .map_err(err)?;
    page.wait_css("input[name='ui.chatBubble']")
        .await?
        .click()
        .await
        .map_err(err)?;
    page.wait_js(
        "both edits in the JSON view",
        "(() => { const v = JSON.parse(document.querySelector('#settings-json').value); \
           return v.ui.textScale === 1.25 && v.ui.chatBubble === true; })()",
    )
    .await?;
    page.click("Save settings").await?;
    // The diff comes first.
    let dialog = page.wait_xpath("//*[@role='dialog']").await?;
    let text = dialog.text().await.map_err(err)?;
    if !text.contains("ui.textScale")
        || !text.contains("ui.chatBubble")
        || text.contains("futureKey")
    {
        return Err(format!(
            "the diff should list exactly the two edits: {text}"
        ));
    }
    page.screenshot(&h.artifacts().join("account-settings-diff.png"))
        .await?;
    page.click("Save changes").await?;
    page.wait_text("Settings saved.").await?;
    let s = h.api.ok(
        h.api.get("/api/v1/users/user/settings?raw=true"),
        "get settings",
    )?;
    let ok = s["ui"]["textScale"] == json!(1.25)
        && s["ui"]["chatBubble"] == json!(true)
        && s["ui"]["futureKey"] == json!({"nested": [1, 2]})
        && s["extraTopLevel"] == json!("kept");
    // Put back: ui keys can be deleted; the top level cannot, so it goes to null.
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/settings/update",
            json!({"ui": {"futureKey": null, "textScale": null, "chatBubble": null}, "extraTopLevel": null}),
        ),
        "restore settings",
    )?;
    if !ok {
        return Err(format!("server settings after save: {s}"));
    }
    Ok(())
}

pub async fn account_settings_invalid_json_blocked(h: &Harness, page: &Page) -> Result<(), String> {
    open(h, page).await?;
    let before = h.api.ok(
        h.api.get("/api/v1/users/user/settings?raw=true"),
        "get settings",
    )?;
    page.fill("Settings JSON", "{\"ui\": {\"textScale\": 1.3,}}")
        .await?;
    page.wait_text("Invalid JSON — Line 1, column").await?;
    let save = page.button("Save settings").await?;
    if save.is_enabled().await.map_err(err)? {
        return Err("Save settings is enabled while the JSON is invalid".into());
    }
    // The controls wait for valid JSON; fixing the text enables saving again.
    page.wait_js(
        "controls disabled",
        "document.querySelector(\"input[name='ui.textScale']\").disabled",
    )
    .await?;
    page.fill("Settings JSON", "{\"ui\": {\"textScale\": 1.3}}")
        .await?;
    page.wait_js(
        "save enabled",
        "[...document.querySelectorAll('button')].some(b => b.textContent.trim() === 'Save settings' && !b.disabled)",
    )
    .await?;
    page.wait_js(
        "control follows the JSON",
        "document.querySelector(\"input[name='ui.textScale']\").value === '1.3'",
    )
    .await?;
    let after = h.api.ok(
        h.api.get("/api/v1/users/user/settings?raw=true"),
        "get settings",
    )?;
    if after != before {
        return Err(format!(
            "nothing was saved, yet settings changed: {before} -> {after}"
        ));
    }
    Ok(())
}

fn my_info(h: &Harness) -> Result<Value, String> {
    h.api.ok(h.api.get("/api/v1/users/user/info"), "get info")
}

/// Waits until the server's info, with null values left out, is `want`.
async fn wait_info(h: &Harness, page: &Page, want: Value) -> Result<(), String> {
    page.wait_text("Info saved.").await?;
    // The toast shows after the answer, so the server has it by now.
    let info = my_info(h)?;
    let present: serde_json::Map<String, Value> = info
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if Value::Object(present) != want {
        return Err(format!("server info is {info}, expected {want}"));
    }
    // Dismiss the toast so the next wait sees a fresh one.
    page.js("document.querySelectorAll('.toast-close').forEach(b => b.click()); return true;")
        .await
        .map(|_| ())
}

/// The last row's Key / Value / JSON inputs.
async fn last_row_input(page: &Page, css: &str) -> Result<fantoccini::elements::Element, String> {
    page.wait_css(".info-row").await?;
    let all = page
        .client
        .find_all(Locator::Css(&format!(".info-row {css}")))
        .await
        .map_err(err)?;
    all.into_iter()
        .last()
        .ok_or_else(|| format!("no {css} in the info rows"))
}

pub async fn account_info_add_change_remove(h: &Harness, page: &Page) -> Result<(), String> {
    let start = my_info(h)?;
    let had_keys = start
        .as_object()
        .is_some_and(|m| m.values().any(|v| !v.is_null()));
    if had_keys {
        return Err(format!(
            "expected no info on the seeded admin, found {start}"
        ));
    }
    open(h, page).await?;
    page.wait_text("No info yet.").await?;
    // Add a text field.
    page.click("Add field").await?;
    last_row_input(page, "input[aria-label=Key]")
        .await?
        .send_keys("desk")
        .await
        .map_err(err)?;
    last_row_input(page, "input[aria-label=Value]")
        .await?
        .send_keys("B12")
        .await
        .map_err(err)?;
    page.click("Save info").await?;
    wait_info(h, page, json!({"desk": "B12"})).await?;
    // Add a JSON field and change the first.
    page.click("Add field").await?;
    last_row_input(page, "input[aria-label=Key]")
        .await?
        .send_keys("floor")
        .await
        .map_err(err)?;
    last_row_input(page, "input[aria-label=Value]")
        .await?
        .send_keys("3")
        .await
        .map_err(err)?;
    last_row_input(page, "input[type=checkbox]")
        .await?
        .click()
        .await
        .map_err(err)?;
    page.fill("Value", "C7").await?; // the first Value box: desk's
    page.click("Save info").await?;
    wait_info(h, page, json!({"desk": "C7", "floor": 3})).await?;
    // Remove desk: sent as null, and gone from the page after a reload.
    page.click("Remove desk").await?;
    page.click("Save info").await?;
    wait_info(h, page, json!({"floor": 3})).await?;
    page.client.refresh().await.map_err(err)?;
    page.button("Remove floor").await?;
    if page.body_text().await?.contains("Remove desk")
        || page
            .js("return document.querySelector('button[aria-label=\"Remove desk\"]') !== null;")
            .await?
            == json!(true)
    {
        return Err("desk is still shown after removing it".into());
    }
    // Put back: no info values.
    page.click("Remove floor").await?;
    page.click("Save info").await?;
    wait_info(h, page, json!({})).await?;
    page.wait_text("No info yet.").await
}

pub async fn account_permissions_and_groups_match_server(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (_, me) = h.api.get("/api/v1/auths/")?;
    let my_id = me["id"].as_str().ok_or("no admin id")?.to_string();
    let groups = h.api.ok(h.api.get("/api/v1/groups/"), "list groups")?;
    let platform = groups
        .as_array()
        .into_iter()
        .flatten()
        .find(|g| g["name"] == json!("Platform"))
        .and_then(|g| g["id"].as_str())
        .ok_or("seed group Platform not found")?
        .to_string();
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{platform}/users/add"),
            json!({"user_ids": [my_id]}),
        ),
        "add admin to Platform",
    )?;
    let result = permissions_and_groups(h, page, &platform).await;
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{platform}/users/remove"),
            json!({"user_ids": [my_id]}),
        ),
        "remove admin from Platform",
    )?;
    result
}

async fn permissions_and_groups(h: &Harness, page: &Page, platform: &str) -> Result<(), String> {
    open(h, page).await?;
    // Permissions: every entry the server lists, with its value, and nothing else.
    let perms = h
        .api
        .ok(h.api.get("/api/v1/users/permissions"), "get permissions")?;
    let mut want = serde_json::Map::new();
    for (section, entries) in perms.as_object().into_iter().flatten() {
        match entries.as_object() {
            Some(m) => {
                for (k, v) in m {
                    want.insert(format!("{section}.{k}"), json!(v.to_string()));
                }
            }
            None => {
                want.insert(section.clone(), json!(entries.to_string()));
            }
        }
    }
    page.wait_css("[data-perm]").await?;
    let shown = page
        .js("const o = {}; document.querySelectorAll('[data-perm]').forEach(li => o[li.dataset.perm] = li.dataset.value); return o;")
        .await?;
    if shown != Value::Object(want.clone()) {
        return Err(format!(
            "permissions shown {shown}\nserver says {}",
            Value::Object(want)
        ));
    }
    // Groups: the same list as the server, direct/inherited as it says.
    let mine = h.api.ok(
        h.api.get("/api/v1/users/groups?include_inherited=true"),
        "my groups",
    )?;
    let mut want = serde_json::Map::new();
    for g in mine.as_array().into_iter().flatten() {
        let kind = g["membership_type"].as_str().unwrap_or("direct");
        want.insert(
            g["id"].as_str().unwrap_or_default().to_string(),
            json!(kind),
        );
    }
    if want.get(platform) != Some(&json!("direct")) {
        return Err(format!(
            "the server does not list Platform as direct: {mine}"
        ));
    }
    page.wait_css("[data-group]").await?;
    let shown = page
        .js("const o = {}; document.querySelectorAll('[data-group]').forEach(li => o[li.dataset.group] = li.dataset.membership); return o;")
        .await?;
    if shown != Value::Object(want.clone()) {
        return Err(format!(
            "groups shown {shown}\nserver says {}",
            Value::Object(want)
        ));
    }
    page.wait_text("Platform").await?;
    page.wait_text("Direct").await?;
    screenshots(h, page).await
}

/// Success screenshots for people to look at (not asserted on): the top of the page and the
/// permissions/groups part, in light and then dark mode (`prefers-color-scheme` emulated).
async fn screenshots(h: &Harness, page: &Page) -> Result<(), String> {
    let dir = h.artifacts();
    for mode in ["light", "dark"] {
        page.cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": mode}]}),
        )
        .await?;
        page.js("window.scrollTo(0, 0); return true;").await?;
        page.screenshot(&dir.join(format!("account-top-{mode}.png")))
            .await?;
        page.js("document.getElementById('account-info').scrollIntoView(); return true;")
            .await?;
        page.screenshot(&dir.join(format!("account-access-{mode}.png")))
            .await?;
    }
    Ok(())
}
