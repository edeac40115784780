//! Older Open WebUI lines (issue 11): whatever line this run is against (`OWUI_VERSION`), every
//! control whose feature the line lacks is disabled and says which version it needs, and
//! every one the line has is there and usable. Against 0.12.4 the same scenario checks that
//! nothing is disabled for want of a newer server.

use serde_json::{Value, json};

use super::common::signed_in_at;
use super::groups::steps::{create_group, err, export_ids, screenshots, suffix};
use crate::support::line::Feature;
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        compat_missing_features_say_what_they_need,
        compat_group_members_page_and_filter_on_every_line,
        compat_settings_key_removed_is_gone_on_every_line,
    ]
}

/// Whether the control named `name` (a form field or a button) is enabled, once it is there.
async fn enabled(page: &Page, name: &str, button: bool) -> Result<bool, String> {
    let el = if button {
        page.button(name).await?
    } else {
        page.field(name).await?
    };
    el.is_enabled().await.map_err(err)
}

/// `name` is enabled exactly when the line has `f`; when it does not, its needs text shows.
async fn enabled_iff(
    h: &Harness,
    page: &Page,
    name: &str,
    button: bool,
    f: Feature,
) -> Result<(), String> {
    let want = h.has(f);
    // Wait for the state that should come (a control may start disabled while loading).
    let end = tokio::time::Instant::now() + crate::support::page::DEADLINE;
    loop {
        let now = enabled(page, name, button).await?;
        if now == want {
            break;
        }
        if tokio::time::Instant::now() > end {
            return Err(format!(
                "{name}: enabled {now} on Open WebUI {} (expected {want})",
                h.version
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let says = page.body_text().await?.contains(f.needs_text());
    if says == want {
        return Err(format!(
            "{name} on Open WebUI {}: needs text {:?} shown: {says}",
            h.version,
            f.needs_text()
        ));
    }
    Ok(())
}

/// The direct members of the seeded group `name` (a route every supported line has).
fn seeded_members(h: &Harness, name: &str) -> Result<Vec<Value>, String> {
    let groups = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
    let id = groups
        .as_array()
        .and_then(|g| g.iter().find(|g| g["name"] == name))
        .and_then(|g| g["id"].as_str())
        .ok_or(format!("no {name} group"))?
        .to_string();
    let users = h.api.ok(
        h.api
            .post(&format!("/api/v1/groups/id/{id}/users"), json!({})),
        "group users",
    )?;
    Ok(users.as_array().cloned().unwrap_or_default())
}

pub async fn compat_missing_features_say_what_they_need(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    signed_in_at(h, page, "/groups/new").await?;
    page.heading("New group").await?;
    page.wait_text(&format!("Open WebUI {}", h.version)).await?;
    // Nested groups: the Parent group picker.
    enabled_iff(h, page, "Parent group", false, Feature::Nesting).await?;
    // Who can share: "Members of this group" only where the server understands it.
    let members_option = page
        .js("return [...document.querySelectorAll('select[name=share] option')].some(o => o.textContent === 'Members of this group');")
        .await?;
    if members_option != json!(h.has(Feature::ShareMembers)) {
        return Err(format!(
            "share option 'Members of this group' offered: {members_option} on {}",
            h.version
        ));
    }
    screenshots(h, page, &format!("compat-new-group-{}", h.version)).await?;
    // Default permissions: Reset to defaults loads the factory values (0.10+).
    page.goto(&format!("{}/permissions", h.app_url)).await?;
    page.heading("Default permissions").await?;
    page.wait_css("input[name='chat.share']").await?;
    enabled_iff(h, page, "Reset to defaults", true, Feature::FactoryDefaults).await?;
    // The user page: inherited groups (0.12+) and the access preview (0.9.6+).
    let member = seeded_members(h, "Platform")?
        .into_iter()
        .next()
        .ok_or("Platform has no members")?;
    let (id, name) = (
        member["id"].as_str().unwrap_or_default(),
        member["name"].as_str().unwrap_or_default(),
    );
    page.goto(&format!("{}/users/{id}", h.app_url)).await?;
    page.heading(name).await?;
    page.wait_text("Platform").await?;
    if h.has(Feature::Nesting) {
        page.wait_text("inherited via Platform").await?;
    } else {
        page.wait_text(&format!(
            "Direct groups only: showing inherited groups {}.",
            Feature::Nesting.needs_text().replacen("Needs", "needs", 1)
        ))
        .await?;
    }
    if h.has(Feature::AccessPreview) {
        page.wait_text("Models:").await?;
    } else {
        page.wait_text(&format!(
            "The access preview {}.",
            Feature::AccessPreview.needs_text()
        ))
        .await?;
    }
    page.screenshot(
        &h.artifacts()
            .join(format!("compat-user-page-{}.png", h.version)),
    )
    .await?;
    // Sign out all devices (0.12+), in the Edit dialog.
    page.click("Edit").await?;
    page.wait_xpath("//dialog[@open]").await?;
    enabled_iff(h, page, "Sign out all devices", true, Feature::Nesting).await?;
    page.screenshot(&h.artifacts().join(format!("compat-edit-{}.png", h.version)))
        .await
}

/// The members tab pages and filters on every line: from the paginated route on 0.12, and
/// from the unpaginated direct list older lines have (paged and filtered in the console).
pub async fn compat_group_members_page_and_filter_on_every_line(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let g = create_group(
        h,
        json!({"name": format!("Paged members {s}"), "description": ""}),
    )?;
    let gid = g["id"].as_str().unwrap_or_default().to_string();
    let users = h.api.all_users()?;
    let ids: Vec<String> = users
        .iter()
        .filter_map(|u| u["id"].as_str().map(str::to_string))
        .take(35)
        .collect();
    if ids.len() < 35 {
        return Err("seed data should have at least 35 users".into());
    }
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{gid}/users/add"),
            json!({ "user_ids": ids }),
        ),
        "add members",
    )?;
    if export_ids(h, &gid)?.len() != 35 {
        return Err("the server did not keep 35 members".into());
    }
    signed_in_at(h, page, &format!("/groups/{gid}?tab=members")).await?;
    page.heading(&format!("Paged members {s}")).await?;
    page.wait_xpath("//button[normalize-space()='Direct (35)']")
        .await?;
    page.wait_xpath("//nav[@aria-label='Pagination'][contains(.,'Page 1 of 2')]")
        .await?;
    let rows = page.row_count("Members").await?;
    if rows != 30 {
        return Err(format!("first members page shows {rows} rows"));
    }
    page.click("Next page").await?;
    page.wait_xpath("//nav[@aria-label='Pagination'][contains(.,'Page 2 of 2')]")
        .await?;
    page.wait_js(
        "5 rows on page 2",
        "document.querySelectorAll('table[aria-label=Members] tbody tr').length === 5",
    )
    .await?;
    // The filter finds one member by email.
    let one = users
        .iter()
        .find(|u| u["id"] == json!(ids[33]))
        .ok_or("no user")?;
    let email = one["email"].as_str().unwrap_or_default();
    page.fill("Filter members", email).await?;
    page.wait_js(
        "one filtered member",
        "document.querySelectorAll('table[aria-label=Members] tbody tr').length === 1",
    )
    .await?;
    page.wait_xpath(&format!(
        "//table[@aria-label='Members']//a[normalize-space()={}]",
        xp_lit(one["name"].as_str().unwrap_or_default())
    ))
    .await?;
    page.screenshot(
        &h.artifacts()
            .join(format!("compat-members-{}.png", h.version)),
    )
    .await
}

/// A settings key removed in My account is gone from the server on every line: sent as
/// `ui.<key>: null` from 0.11, and as the whole `ui` without it before (where a null would be
/// stored as null).
pub async fn compat_settings_key_removed_is_gone_on_every_line(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    h.api.ok(
        h.api.post(
            "/api/v1/users/user/settings/update",
            json!({"ui": {"textScale": 1.2, "compatKept": {"a": 1}}}),
        ),
        "seed settings",
    )?;
    signed_in_at(h, page, "/account").await?;
    let scale = page.wait_css("input[name='ui.textScale']").await?;
    page.wait_js(
        "the stored text scale",
        "document.querySelector(\"input[name='ui.textScale']\").value === '1.2' && !document.querySelector(\"input[name='ui.textScale']\").disabled",
    )
    .await?;
    // Select all, delete, Tab away: the key is removed.
    scale
        .send_keys("\u{E009}a\u{E000}\u{E003}\u{E004}")
        .await
        .map_err(err)?;
    page.wait_js(
        "the key gone from the JSON view",
        "(() => { const v = JSON.parse(document.querySelector('#settings-json').value); \
           return !('textScale' in (v.ui || {})); })()",
    )
    .await?;
    page.click("Save settings").await?;
    page.wait_xpath("//*[@role='dialog']").await?;
    page.click("Save changes").await?;
    page.wait_text("Settings saved.").await?;
    let stored = h.api.ok(
        h.api.get("/api/v1/users/user/settings?raw=true"),
        "get settings",
    )?;
    let ui = stored["ui"].as_object().cloned().unwrap_or_default();
    let clean = !ui.contains_key("textScale") && ui.get("compatKept") == Some(&json!({"a": 1}));
    // Put back (on lines before 0.11 `ui` is replaced whole).
    let restore = if h.has(Feature::SettingsUiPatch) {
        json!({"ui": {"compatKept": null}})
    } else {
        json!({"ui": {}})
    };
    h.api.ok(
        h.api.post("/api/v1/users/user/settings/update", restore),
        "restore",
    )?;
    if !clean {
        return Err(format!(
            "Open WebUI {}: settings after removing ui.textScale: {stored}",
            h.version
        ));
    }
    Ok(())
}
