//! Access (issue 14): "Why can this user do this?" on a user's page against what the server
//! enforces for that user (the test signs in as them), and the event webhooks screen round trip
//! against `GET /api/events/webhooks`. Every scenario removes what it made.

use serde_json::{Value, json};

use super::common::{create_user, signed_in_at, unique};
use crate::support::page::xp_lit;
use crate::support::{Harness, Page, axe};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        access_explainer_matches_what_the_server_enforces,
        access_explainer_agrees_with_the_server_on_your_own_page,
        access_webhooks_round_trip,
        access_group_sync_warning_and_oauth_group_mark,
    ]
}

/// A group with a parent and permissions; its id. (The access and impact scenarios.)
pub(super) fn create_group(
    h: &Harness,
    name: &str,
    parent: Option<&str>,
    perms: Value,
) -> Result<String, String> {
    let body = json!({"name": name, "description": "made by e2e", "parent_group_id": parent, "permissions": perms});
    let g = h
        .api
        .ok(h.api.post("/api/v1/groups/create", body), "create group")?;
    g["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "group without id".into())
}

/// The explainer's rows: `[path, on, origin text]`, once it has rendered.
async fn explainer_rows(page: &Page) -> Result<Vec<(String, bool, String)>, String> {
    page.wait_css("table.explainer-table tbody tr[data-perm]")
        .await?;
    let v = page
        .js("return [...document.querySelectorAll('table.explainer-table tbody tr[data-perm]')].map(r => [r.dataset.perm, r.dataset.on === 'true', r.querySelector('.explainer-origin').textContent]);")
        .await?;
    Ok(v.as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_bool().unwrap_or(false),
                r[2].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

/// Fails on any critical or serious axe finding inside the explainer / on the screen.
async fn audit(page: &Page, within: Option<&str>, what: &str) -> Result<(), String> {
    let found = axe::run(page, within).await?;
    let bad: Vec<String> = found
        .iter()
        .filter(|v| v.blocking())
        .map(|v| format!("{} ({}): {}", v.id, v.impact, v.help))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("axe on {what}: {bad:?}"))
    }
}

/// Nested groups whose permissions differ: the user is in "Vision", whose parent "Research"
/// grants other keys; a third group the user is not in grants one more. Every value the page
/// shows equals `/users/permissions` answered to the user themself; the sources name the groups.
pub async fn access_explainer_matches_what_the_server_enforces(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let research = format!("E2E Research {u}");
    let vision = format!("E2E Vision {u}");
    let other = format!("E2E Other {u}");
    let r = create_group(
        h,
        &research,
        None,
        json!({"workspace": {"knowledge": true}, "sharing": {"notes": true}}),
    )?;
    let v = create_group(
        h,
        &vision,
        Some(&r),
        json!({"workspace": {"models": true}, "features": {"api_keys": false}}),
    )?;
    let o = create_group(h, &other, None, json!({"workspace": {"tools": true}}))?;
    let email = format!("explainee{u}@example.com");
    let uid = create_user(h, &format!("Explainee {u}"), &email, "user")?;
    let result = async {
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{v}/users/add"), json!({"user_ids": [uid]})), "add member")?;
        // What the server enforces for this user: asked as the user.
        let token = h.api.signin(&email, "e2e-password-1")?;
        let server = h.api.ok(h.api.as_token(&token).get("/api/v1/users/permissions"), "permissions as the user")?;
        signed_in_at(h, page, &format!("/users/{uid}")).await?;
        page.heading("Why can this user do this?").await?;
        let rows = explainer_rows(page).await?;
        let mut checked = 0;
        for (section, keys) in server.as_object().ok_or("permissions not an object")? {
            for (key, value) in keys.as_object().ok_or("section not an object")? {
                let path = format!("{section}.{key}");
                let row = rows.iter().find(|r| r.0 == path).ok_or(format!("no row for {path}"))?;
                let on = value.as_bool().unwrap_or(false);
                if row.1 != on {
                    return Err(format!("{path}: page says {}, the server enforces {on}", row.1));
                }
                checked += 1;
            }
        }
        if checked < 40 || rows.len() != checked {
            return Err(format!("{checked} server keys, {} rows", rows.len()));
        }
        let origin = |p: &str| rows.iter().find(|r| r.0 == p).map(|r| r.2.clone()).unwrap_or_default();
        let want = [
            ("workspace.knowledge", format!("group {vision} ← parent {research}")),
            ("sharing.notes", format!("group {vision} ← parent {research}")),
            ("workspace.models", format!("group {vision}")),
            ("workspace.tools", "not granted by defaults or any of 2 groups".to_string()),
            ("features.api_keys", "not granted by defaults or any of 2 groups".to_string()),
            ("chat.file_upload", "defaults".to_string()),
        ];
        for (p, text) in want {
            if origin(p) != text {
                return Err(format!("{p}: origin {:?}, expected {text:?}", origin(p)));
            }
        }
        if rows.iter().any(|r| r.2.contains(&other)) {
            return Err("a group the user is not in is named as a source".into());
        }
        page.wait_text("The server's own access preview lists the same 2 group(s).").await?;
        // Filter and "Only on".
        page.js("document.querySelector('.explainer').scrollIntoView(); return true;").await?;
        page.fill("Filter permissions", "knowledge").await?;
        page.wait_js("filtered", "[...document.querySelectorAll('table.explainer-table tbody tr')].every(r => r.dataset.perm.includes('knowledge')) && document.querySelectorAll('table.explainer-table tbody tr').length >= 1").await?;
        page.fill("Filter permissions", "").await?;
        page.wait_xpath(&format!("//label[normalize-space()={}]/input", xp_lit("Only on"))).await?
            .click().await.map_err(|e| e.to_string())?;
        let on_count = rows.iter().filter(|r| r.1).count();
        page.wait_js("only on", &format!("document.querySelectorAll('table.explainer-table tbody tr').length === {on_count} && [...document.querySelectorAll('table.explainer-table tbody tr')].every(r => r.dataset.on === 'true')")).await?;
        page.wait_xpath(&format!("//label[normalize-space()={}]/input", xp_lit("All"))).await?
            .click().await.map_err(|e| e.to_string())?;
        page.wait_js("all rows", &format!("document.querySelectorAll('table.explainer-table tbody tr').length === {}", rows.len())).await?;
        audit(page, Some(".explainer"), "the explainer (light)").await?;
        page.screenshot(&h.artifacts().join("access-explainer.png")).await?;
        let dark = Page::open_dark(&h.webdriver_url).await?;
        let dark_result = async {
            signed_in_at(h, &dark, &format!("/users/{uid}")).await?;
            explainer_rows(&dark).await?;
            audit(&dark, Some(".explainer"), "the explainer (dark)").await?;
            dark.js("document.querySelector('.explainer').scrollIntoView(); return true;").await?;
            dark.screenshot(&h.artifacts().join("access-explainer-dark.png")).await
        }
        .await;
        dark.close().await;
        dark_result?;
        // The parent group's effect: the user (a member through Vision) has workspace.knowledge
        // only through Research; chat.file_upload is on by default.
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{r}/update"), json!({"name": research, "description": "e2e access", "permissions": {"workspace": {"knowledge": true}, "sharing": {"notes": true}, "chat": {"file_upload": true}}})), "update research")?;
        signed_in_at(h, page, &format!("/groups/{r}?tab=permissions")).await?;
        page.click("Show the effect on members").await?;
        let row = page.wait_css("li[data-perm='workspace.knowledge']").await?;
        let text = row.text().await.map_err(|e| e.to_string())?;
        if row.attr("data-only-here").await.map_err(|e| e.to_string())?.as_deref() != Some("1") || !text.contains(&format!("Explainee {u}")) {
            return Err(format!("effect of {research} on workspace.knowledge: {text}"));
        }
        let fu = page.wait_css("li[data-perm='chat.file_upload']").await?.text().await.map_err(|e| e.to_string())?;
        if !fu.contains("on by default for everyone") {
            return Err(format!("effect on chat.file_upload: {fu}"));
        }
        page.wait_text("Considered all 1 member(s)").await?;
        page.js("document.querySelector('.group-effect').scrollIntoView(); return true;").await?;
        page.screenshot(&h.artifacts().join("access-group-effect.png")).await
    }
    .await;
    let _ = h.api.delete(&format!("/api/v1/users/{uid}"));
    for g in [&v, &r, &o] {
        let _ = h.api.delete(&format!("/api/v1/groups/id/{g}/delete"));
    }
    result
}

/// The admin's own page: the server's answer for the signed-in account is compared key by key.
pub async fn access_explainer_agrees_with_the_server_on_your_own_page(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (_, me) = h.api.get("/api/v1/auths/")?;
    let id = me["id"].as_str().ok_or("no id")?;
    signed_in_at(h, page, &format!("/users/{id}")).await?;
    page.wait_text(
        "Checked against the server's own answer for your account: it agrees on every key.",
    )
    .await?;
    page.wait_text("This user is an administrator").await
}

fn server_hooks(h: &Harness) -> Result<Vec<Value>, String> {
    let v = h
        .api
        .ok(h.api.get("/api/events/webhooks"), "list webhooks")?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

fn hook_named(h: &Harness, name: &str) -> Result<Option<Value>, String> {
    Ok(server_hooks(h)?.into_iter().find(|w| w["name"] == name))
}

/// The page's webhooks equal the server's list (names, in order).
async fn list_matches(h: &Harness, page: &Page) -> Result<(), String> {
    let names: Vec<String> = server_hooks(h)?
        .iter()
        .map(|w| w["name"].as_str().unwrap_or_default().to_string())
        .collect();
    let want = serde_json::to_string(&names).map_err(|e| e.to_string())?;
    page.wait_js(
        "the list equals the server's",
        &format!("JSON.stringify([...document.querySelectorAll('.webhook-item h3')].map(e => e.textContent)) === JSON.stringify({want})"),
    )
    .await
    .map(|_| ())
}

/// Create (audit trail pre-selected), edit, disable, delete, each checked against the server.
pub async fn access_webhooks_round_trip(h: &Harness, page: &Page) -> Result<(), String> {
    let u = unique();
    let (first, second) = (format!("E2E audit {u}"), format!("E2E audit renamed {u}"));
    let result = async {
        signed_in_at(h, page, "/users").await?;
        page.wait_xpath("//nav[@aria-label='Main']//a[normalize-space()='Webhooks']").await?
            .click().await.map_err(|e| e.to_string())?;
        page.heading("Webhooks").await?;
        page.click("New webhook").await?;
        page.heading("New webhook").await?;
        for e in ["user.*", "group.*", "auth.*"] {
            page.wait_js("pre-selected", &format!("document.querySelector('input[name=\"{e}\"]')?.checked === true")).await?;
        }
        page.wait_js("chat.* not selected", "document.querySelector('input[name=\"chat.*\"]')?.checked === false").await?;
        page.fill("Name", &first).await?;
        page.fill("URL", "https://8.8.8.8/owui-admin-e2e").await?;
        audit(page, Some("dialog"), "the New webhook dialog").await?;
        page.click_in_dialog("Save").await?;
        page.button(&format!("Edit {first}")).await?;
        let hook = hook_named(h, &first)?.ok_or("not created on the server")?;
        if hook["events"] != json!(["user.*", "group.*", "auth.*"]) || hook["enabled"] != true || hook["url"] != "https://8.8.8.8/owui-admin-e2e" {
            return Err(format!("created as {hook}"));
        }
        list_matches(h, page).await?;
        // Edit: rename, drop auth.*.
        page.click(&format!("Edit {first}")).await?;
        page.heading(&format!("Edit webhook {first}")).await?;
        page.fill("Name", &second).await?;
        page.wait_css("dialog input[name=\"auth.*\"]").await?.click().await.map_err(|e| e.to_string())?;
        page.click_in_dialog("Save").await?;
        page.button(&format!("Edit {second}")).await?;
        let edited = hook_named(h, &second)?.ok_or("renamed webhook not on the server")?;
        if edited["id"] != hook["id"] || edited["events"] != json!(["user.*", "group.*"]) || edited["created_at"] != hook["created_at"] {
            return Err(format!("edited as {edited}"));
        }
        // Disable.
        page.click(&format!("Disable {second}")).await?;
        page.button(&format!("Enable {second}")).await?;
        let disabled = hook_named(h, &second)?.ok_or("gone")?;
        if disabled["enabled"] != false || disabled["events"] != edited["events"] || disabled["url"] != edited["url"] {
            return Err(format!("disabled as {disabled}"));
        }
        list_matches(h, page).await?;
        audit(page, None, "the Webhooks screen").await?;
        page.screenshot(&h.artifacts().join("access-webhooks.png")).await?;
        let dark = Page::open_dark(&h.webdriver_url).await?;
        let shot = async {
            signed_in_at(h, &dark, "/webhooks").await?;
            dark.button(&format!("Edit {second}")).await?;
            audit(&dark, None, "the Webhooks screen (dark)").await?;
            dark.screenshot(&h.artifacts().join("access-webhooks-dark.png")).await?;
            dark.click(&format!("Edit {second}")).await?;
            dark.heading(&format!("Edit webhook {second}")).await?;
            dark.screenshot(&h.artifacts().join("access-webhook-dialog-dark.png")).await
        }
        .await;
        dark.close().await;
        shot?;
        // Delete.
        page.click(&format!("Delete {second}")).await?;
        page.click_in_dialog("Delete").await?;
        page.wait_js("deleted from the page", &format!("![...document.querySelectorAll('.webhook-item h3')].some(e => e.textContent === {})", serde_json::to_string(&second).map_err(|e| e.to_string())?)).await?;
        if hook_named(h, &second)?.is_some() {
            return Err("still on the server after Delete".into());
        }
        list_matches(h, page).await
    }
    .await;
    for w in server_hooks(h).unwrap_or_default() {
        if w["name"].as_str().is_some_and(|n| n.ends_with(&u)) {
            let _ = h.api.delete(&format!(
                "/api/events/webhooks/{}",
                w["id"].as_str().unwrap_or_default()
            ));
        }
    }
    result
}

/// With OAuth group management on (switched on through the admin API for this scenario), a
/// group's Members tab warns that manual changes are undone at the next sign-in and lists
/// OAUTH_BLOCKED_GROUPS; a group OAuth created is marked. Off again: no warning.
pub async fn access_group_sync_warning_and_oauth_group_mark(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let before = h.api.ok(
        h.api.get("/api/v1/auths/admin/config/oauth"),
        "oauth config",
    )?;
    let name = format!("eng-{u}");
    let body = json!({"name": name, "description": format!("Group '{name}' created automatically via OAuth."), "permissions": {}});
    let g = h
        .api
        .ok(h.api.post("/api/v1/groups/create", body), "create group")?;
    let gid = g["id"].as_str().ok_or("no id")?.to_string();
    let result = async {
        // Off: the mark, no warning.
        signed_in_at(h, page, &format!("/groups/{gid}?tab=members")).await?;
        page.wait_xpath("//h1[contains(., 'Created by OAuth')]").await?;
        page.wait_xpath("//*[@role='tab'][normalize-space()='Members'][@aria-selected='true']").await?;
        page.wait_text("No members in this view.").await?;
        page.wait_css("[data-group-sync='off']").await?;
        if page.body_text().await?.contains("undone at that user's next sign-in") {
            return Err("a warning while group management is off".into());
        }
        h.api.ok(h.api.post("/api/v1/auths/admin/config/oauth", json!({"ENABLE_OAUTH_GROUP_MANAGEMENT": true, "OAUTH_BLOCKED_GROUPS": "[\"admins\"]"})), "turn on")?;
        signed_in_at(h, page, &format!("/groups/{gid}?tab=members")).await?;
        page.wait_text("Adding or removing members here is undone at that user's next sign-in.").await?;
        page.wait_text("Excluded from the sync (OAUTH_BLOCKED_GROUPS): admins.").await?;
        // Right before adding someone: the reminder next to Add selected.
        page.fill("Search users to add", "alice").await?;
        page.wait_css(".user-results input[type=checkbox]").await?.click().await.map_err(|e| e.to_string())?;
        page.wait_text("this change is undone at the user's next sign-in.").await?;
        page.screenshot(&h.artifacts().join("access-group-sync-warning.png")).await?;
        let dark = Page::open_dark(&h.webdriver_url).await?;
        let shot = async {
            signed_in_at(h, &dark, &format!("/groups/{gid}?tab=members")).await?;
            dark.wait_text("undone at that user's next sign-in").await?;
            audit(&dark, None, "the Members tab with the sync warning (dark)").await?;
            dark.screenshot(&h.artifacts().join("access-group-sync-warning-dark.png")).await
        }
        .await;
        dark.close().await;
        shot
    }
    .await;
    let restore = json!({
        "ENABLE_OAUTH_GROUP_MANAGEMENT": before["ENABLE_OAUTH_GROUP_MANAGEMENT"],
        "OAUTH_BLOCKED_GROUPS": before["OAUTH_BLOCKED_GROUPS"],
    });
    let restored = h.api.ok(
        h.api.post("/api/v1/auths/admin/config/oauth", restore),
        "restore oauth config",
    );
    let _ = h.api.delete(&format!("/api/v1/groups/id/{gid}/delete"));
    result.and(restored.map(|_| ()))
}
