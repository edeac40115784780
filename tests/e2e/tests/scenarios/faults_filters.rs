//! Faults while the users filters resolve (a filter in the URL, the server hanging, answering a
//! proxy's 502 page or answering slowly), "Select all N matching" when collecting fails, and the
//! filters' lazy chunk behind nginx under the sub-path with the strict CSP. The issue-14 screens
//! (explainer, group effect, identity-provider reads) are in `faults_filters/access.rs`, the
//! Webhooks screen in `faults_filters/webhooks.rs`.

mod access;
mod webhooks;

use serde_json::Value;

use super::common::{create_user, signed_in_on, unique, wait_rows};
use super::deploy::steps::no_csp_violations;
use super::faults::{
    DEADLINE_MS, alert_gone, alert_with, click_in_alert, not_cors, open_signed_in,
    server_eventually,
};
use crate::support::page::xp_lit;
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    let mut all = scenarios![
        fault_filters_hang_gives_deadline_and_retry,
        fault_filters_502_page_says_unavailable,
        fault_filters_slow_is_busy_not_an_error,
        fault_filters_select_all_matching_when_collecting_fails,
        fault_filters_chunk_loads_once_behind_nginx_sub_path,
    ];
    all.extend(access::all());
    all.extend(webhooks::all());
    all
}

/// Every list request the users screen makes (the filters' boundaries and windows, the page,
/// the role counts).
const LIST: &str = "/api/v1/users/?";

/// "N users matching", as the filter summary says it.
fn matching(n: usize) -> String {
    format!("{n} {} matching", if n == 1 { "user" } else { "users" })
}

/// How many users the server has with `role`.
fn with_role(h: &Harness, role: &str) -> Result<usize, String> {
    Ok(h.api
        .all_users()?
        .iter()
        .filter(|u| u["role"] == role)
        .count())
}

/// How many users were last active more than `days` days ago (`?last=inactive-N`).
fn inactive_for(h: &Harness, days: i64) -> Result<usize, String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Ok(h.api
        .all_users()?
        .iter()
        .filter(|u| {
            u["last_active_at"]
                .as_i64()
                .is_some_and(|t| t < now - days * 86_400)
        })
        .count())
}

/// No alert on the page says anything (fields' empty alert regions do not count).
pub(super) async fn no_alert_text(page: &Page, when: &str) -> Result<(), String> {
    let said = page
        .js("return [...document.querySelectorAll('[role=alert]')].map(a => a.innerText.trim()).filter(t => t);")
        .await?;
    if said.as_array().is_some_and(|a| !a.is_empty()) {
        return Err(format!("{when}, the page shows an error: {said}"));
    }
    Ok(())
}

/// A failed load is not still "loading": the page stops saying `loading` (waits for it).
pub(super) async fn no_longer_loading(page: &Page, loading: &str) -> Result<(), String> {
    let lit = serde_json::to_string(loading).map_err(|e| e.to_string())?;
    page.wait_js(
        &format!("{loading:?} to go once the load failed"),
        &format!("!document.body.innerText.includes({lit})"),
    )
    .await
    .map(|_| ())
}

/// The users table is not busy (a failed resolve is an error, not loading).
async fn table_not_busy(page: &Page) -> Result<(), String> {
    page.wait_js(
        "the users table not busy once the filter failed",
        "document.querySelector('table[aria-label=Users]')?.getAttribute('aria-busy') === 'false' \
         && !document.querySelector('.table-wrap.loading')",
    )
    .await?;
    no_longer_loading(page, "Loading users").await
}

/// Deletes the users made for a scenario, whatever happened.
fn delete_users(h: &Harness, ids: &[String]) {
    for id in ids {
        let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    }
}

/// `?role=pending` while every list request hangs: after the deadline the filter's own message
/// with Retry (not CORS, not a blank table), in light and dark; Retry once the server answers
/// shows the pending users.
pub async fn fault_filters_hang_gives_deadline_and_retry(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let pending = with_role(h, "pending")?;
    h.faults.set(Rule::new("GET", LIST, Fault::Hang))?;
    let path = "/users?role=pending";
    open_signed_in(h, page, &h.fault_url, &h.fault_url, path, Some(DEADLINE_MS)).await?;
    let text = alert_with(page, "did not answer").await?;
    if !text.contains("within 3 seconds") || !text.contains("Retry") {
        return Err(format!("a hung filter is told as {text:?}"));
    }
    not_cors(&text)?;
    table_not_busy(page).await?;
    // The filter is still said, and its controls are there to change it.
    page.wait_text("Filtered: role: pending").await?;
    page.wait_xpath(
        "//details[contains(@class,'filters')][@open]//label[normalize-space()='Pending']/input",
    )
    .await?;
    page.screenshot(&h.artifacts().join("fault-filters-hang.png"))
        .await?;
    let dark = Page::open_dark(&h.webdriver_url).await?;
    let shot = async {
        open_signed_in(
            h,
            &dark,
            &h.fault_url,
            &h.fault_url,
            path,
            Some(DEADLINE_MS),
        )
        .await?;
        alert_with(&dark, "did not answer").await?;
        dark.screenshot(&h.artifacts().join("fault-filters-hang-dark.png"))
            .await
    }
    .await;
    dark.close().await;
    shot?;
    if h.faults.hits()? == 0 {
        return Err("the filter's requests never reached the fault proxy".into());
    }
    h.faults.clear()?;
    click_in_alert(page, "did not answer", "Retry").await?;
    page.wait_text(&matching(pending)).await?;
    wait_rows(page, pending.min(30) as u64).await?;
    alert_gone(page, "did not answer").await
}

/// `?last=inactive-30` behind a proxy answering 502 with its HTML page: "unavailable" with the
/// status, never "is this the address of Open WebUI?"; Retry asks again, and once the server is
/// back it resolves.
pub async fn fault_filters_502_page_says_unavailable(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let inactive = inactive_for(h, 30)?;
    h.faults
        .set(Rule::new("GET", LIST, Fault::HtmlError(502)))?;
    open_signed_in(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        "/users?last=inactive-30",
        None,
    )
    .await?;
    let text = alert_with(page, "unavailable").await?;
    page.screenshot(&h.artifacts().join("fault-filters-502.png"))
        .await?;
    if !text.contains("502") || text.contains("address of Open WebUI") {
        return Err(format!(
            "a proxy's 502 page while filtering is told as {text:?}"
        ));
    }
    table_not_busy(page).await?;
    let before = h.faults.hits()?;
    click_in_alert(page, "unavailable", "Retry").await?;
    server_eventually("the filter asked again", || Ok(h.faults.hits()? > before)).await?;
    alert_with(page, "unavailable").await?;
    h.faults.clear()?;
    click_in_alert(page, "unavailable", "Retry").await?;
    page.wait_text(&matching(inactive)).await?;
    wait_rows(page, inactive.min(30) as u64).await?;
    alert_gone(page, "unavailable").await
}

/// A slow server (each list request 2 s late): the filter says it is finding the users and the
/// table is busy, no error meanwhile; then exactly the matching users.
pub async fn fault_filters_slow_is_busy_not_an_error(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let mut ids = Vec::new();
    let result = async {
        for i in 1..=2 {
            ids.push(create_user(
                h,
                &format!("Slow Pending {i} {tag}"),
                &format!("slowpending{i}x{tag}@example.com"),
                "pending",
            )?);
        }
        // Someone matching the search but not the filter.
        ids.push(create_user(
            h,
            &format!("Slow User {tag}"),
            &format!("slowuserx{tag}@example.com"),
            "user",
        )?);
        h.faults.set(Rule::new("GET", LIST, Fault::Delay(2.0)))?;
        let path = format!("/users?role=pending&q=x{tag}");
        open_signed_in(h, page, &h.fault_url, &h.fault_url, &path, None).await?;
        page.wait_js(
            "the filter to say it is working, the table busy",
            "document.body.innerText.includes('Finding matching users') \
             && document.querySelector('table[aria-label=Users]')?.getAttribute('aria-busy') === 'true'",
        )
        .await?;
        no_alert_text(page, "while the filter resolves slowly").await?;
        page.screenshot(&h.artifacts().join("fault-filters-slow.png"))
            .await?;
        page.wait_text(&matching(2)).await?;
        wait_rows(page, 2).await?;
        let shown = page
            .js("return [...document.querySelectorAll('table[aria-label=Users] tbody tr')].map(r => r.innerText).join('\\n');")
            .await?;
        let shown = shown.as_str().unwrap_or_default();
        for i in 1..=2 {
            if !shown.contains(&format!("slowpending{i}x{tag}@example.com")) {
                return Err(format!("pending user {i} is not shown: {shown}"));
            }
        }
        if shown.contains(&format!("slowuserx{tag}")) {
            return Err(format!("a user who is not pending is shown: {shown}"));
        }
        no_alert_text(page, "after the slow filter resolved").await?;
        if h.faults.hits()? < 2 {
            return Err("the filter's requests did not go through the slow proxy".into());
        }
        Ok(())
    }
    .await;
    delete_users(h, &ids);
    result
}

/// "Select all 32 matching" on a filtered list, then Change role while the server answers 502:
/// the dialog says it could not collect the matching users and why, offers Retry (which works
/// once the server is back) and nobody was changed meanwhile.
pub async fn fault_filters_select_all_matching_when_collecting_fails(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let mut ids = Vec::new();
    let result = async {
        for i in 1..=32 {
            ids.push(create_user(
                h,
                &format!("Collect {i} {tag}"),
                &format!("collect{i}x{tag}@example.com"),
                "user",
            )?);
        }
        let path = format!("/users?role=user&q=x{tag}");
        open_signed_in(h, page, &h.fault_url, &h.fault_url, &path, None).await?;
        page.wait_text(&matching(32)).await?;
        wait_rows(page, 30).await?;
        page.field("Select all on this page")
            .await?
            .click()
            .await
            .map_err(|e| e.to_string())?;
        page.wait_text("30 selected").await?;
        page.click("Select all 32 matching").await?;
        page.wait_text("All 32 matching selected").await?;
        h.faults
            .set(Rule::new("GET", LIST, Fault::HtmlError(502)))?;
        page.click("Change role").await?;
        let text = page
            .wait_xpath("//*[@role='dialog']//*[@role='alert'][contains(., 'Could not collect')]")
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        if !text.contains("unavailable") || !text.contains("502") {
            return Err(format!("collecting through a 502 is told as {text:?}"));
        }
        page.screenshot(&h.artifacts().join("fault-filters-collect-502.png"))
            .await?;
        for id in &ids {
            let u = super::common::server_user(h, id)?.ok_or("a user vanished")?;
            if u["role"] != "user" {
                return Err(format!("a failed collection changed {id}: {u}"));
            }
        }
        h.faults.clear()?;
        page.click_in_dialog("Retry").await?;
        page.wait_xpath("//*[@role='dialog']//h2[normalize-space()='Change role of 32 users']")
            .await?;
        page.click_in_dialog("Cancel").await?;
        page.dialog_closed().await
    }
    .await;
    delete_users(h, &ids);
    result
}

/// The filter controls' wasm chunk behind nginx under /admin-console/ with the strict CSP: not
/// fetched for the plain list, fetched once when Filters opens (closing and opening again
/// fetches nothing), the controls work, and a filter in the URL fetches it at once on load.
pub async fn fault_filters_chunk_loads_once_behind_nginx_sub_path(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let fetched = "performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.wasm') && e.name.includes('users_filters')).length";
    let pending = with_role(h, "pending")?;
    let inactive = inactive_for(h, 30)?;
    page.record_csp_violations().await?;
    let app = format!("{}/admin-console", h.nginx_url);
    signed_in_on(h, page, &app, &h.nginx_url, "/users").await?;
    wait_rows(page, h.api.user_total()?.min(30)).await?;
    if page.js(&format!("return {fetched};")).await? != serde_json::json!(0) {
        return Err("the filters' chunk was fetched before Filters opened".into());
    }
    let summary = "//details[contains(@class,'filters')]/summary[normalize-space()='Filters']";
    click(page, summary).await?;
    let pending_box =
        "//details[contains(@class,'filters')]//label[normalize-space()='Pending']/input";
    click(page, pending_box).await?;
    page.wait_js(
        "role=pending in the address",
        "location.pathname === '/admin-console/users' && location.search.includes('role=pending')",
    )
    .await?;
    page.wait_text(&matching(pending)).await?;
    wait_rows(page, pending.min(30) as u64).await?;
    // Closed and opened again: the controls come back from the loaded chunk.
    click(page, summary).await?;
    page.wait_js(
        "Filters closed",
        "!document.querySelector('details.filters').open",
    )
    .await?;
    click(page, summary).await?;
    page.wait_xpath(pending_box).await?;
    let n = page.wait_js("the filters' chunk", fetched).await?;
    if n != serde_json::json!(1) {
        return Err(format!("the filters' chunk was fetched {n} times"));
    }
    chunks_under_sub_path(h, page).await?;

    // A fresh load with a filter in the address: the chunk at once, the controls showing it.
    page.goto(&format!("{app}/users?last=inactive-30")).await?;
    page.wait_xpath("//details[contains(@class,'filters')][@open]//select[@id='f-last']")
        .await?;
    page.wait_js(
        "Last active showing the filter",
        "document.getElementById('f-last')?.value === 'inactive' \
         && document.getElementById('f-days')?.value === '30'",
    )
    .await?;
    page.wait_text(&matching(inactive)).await?;
    let n = page.wait_js("the filters' chunk", fetched).await?;
    if n != serde_json::json!(1) {
        return Err(format!(
            "with a filter in the address the chunk was fetched {n} times"
        ));
    }
    let noun = xp_lit("Inactive for…");
    page.wait_xpath(&format!(
        "//select[@id='f-last']/option[normalize-space()={noun}]"
    ))
    .await?;
    chunks_under_sub_path(h, page).await?;
    no_csp_violations(page).await
}

/// Every wasm this page fetched came from /admin-console/.
async fn chunks_under_sub_path(h: &Harness, page: &Page) -> Result<(), String> {
    let prefix = format!("{}/admin-console/", h.nginx_url);
    let outside: Value = page
        .js(&format!(
            "return performance.getEntriesByType('resource').map(e => e.name)
               .filter(n => n.endsWith('.wasm') && !n.startsWith({}));",
            serde_json::to_string(&prefix).map_err(|e| e.to_string())?
        ))
        .await?;
    if outside != serde_json::json!([]) {
        return Err(format!("wasm outside the sub-path: {outside}"));
    }
    Ok(())
}

async fn click(page: &Page, xpath: &str) -> Result<(), String> {
    page.wait_xpath(xpath)
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())
}
