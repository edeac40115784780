//! Usage columns and the inactivity view from /api/v1/analytics/users (issue 14). Messages are
//! seeded for real: users create chats with messages through `POST /api/v1/chats/new`, which
//! Open WebUI writes into its chat_message table, the one admin analytics counts.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::common::{create_user, server_user, signed_in_on, unique, wait_rows};
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        usage_columns_match_analytics_with_one_request,
        usage_no_messages_view_selects_all_and_suspends,
        usage_analytics_off_says_so,
    ]
}

const PASSWORD: &str = "e2e-password-1";

/// Analytics requests the page made (the browser's own record), and any to the message-content
/// route (there must never be one).
const ANALYTICS: &str = "performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/analytics/users')).length";
const CONTENTS: &str = "performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/analytics/messages')).length";

/// As user `email`: one chat with `replies` exchanges, each assistant reply using `tokens`
/// (input, output).
fn chat_as(h: &Harness, email: &str, replies: usize, tokens: (u64, u64)) -> Result<(), String> {
    let token = h.api.signin(email, PASSWORD)?;
    let me = h.api.as_token(&token);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut messages = serde_json::Map::new();
    let mut parent = Value::Null;
    for i in 0..replies {
        let (q, a) = (format!("q{i}"), format!("a{i}"));
        messages.insert(
            q.clone(),
            json!({"id": q, "parentId": parent, "childrenIds": [a], "role": "user",
            "content": format!("question {i}"), "timestamp": now}),
        );
        messages.insert(
            a.clone(),
            json!({"id": a, "parentId": q, "childrenIds": [], "role": "assistant",
            "content": format!("answer {i}"), "model": "e2e-model", "done": true,
            "usage": {"input_tokens": tokens.0, "output_tokens": tokens.1}, "timestamp": now}),
        );
        parent = json!(a);
    }
    let body = json!({"chat": {"title": "usage e2e", "models": ["e2e-model"],
        "history": {"messages": messages, "currentId": parent}}});
    me.ok(me.post("/api/v1/chats/new", body), "new chat")
        .map(|_| ())
}

/// What the server's analytics says for the last 30 days: user id → (messages, total tokens).
fn server_usage(h: &Harness) -> Result<HashMap<String, (u64, u64)>, String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let v = h.api.ok(
        h.api.get(&format!(
            "/api/v1/analytics/users?start_date={}&end_date={}&limit=100000",
            now - 30 * 86_400,
            now + 60
        )),
        "analytics",
    )?;
    Ok(v["users"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| {
            Some((
                u["user_id"].as_str()?.to_string(),
                (u["count"].as_u64()?, u["total_tokens"].as_u64()?),
            ))
        })
        .collect())
}

fn thousands(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every row's (email, messages cell, tokens cell).
async fn usage_rows(page: &Page) -> Result<Vec<(String, String, String)>, String> {
    let v = page
        .js("return [...document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row)')].map(r => [r.querySelector('.cell-email').textContent, r.querySelector('.col-x-messages').textContent, r.querySelector('.col-x-tokens').textContent]);")
        .await?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap_or_default().to_string();
            (s(0), s(1), s(2))
        })
        .collect())
}

async fn count(page: &Page, expr: &str) -> Result<u64, String> {
    Ok(page
        .js(&format!("return {expr};"))
        .await?
        .as_u64()
        .unwrap_or(0))
}

/// Users made for a scenario, deleted at its end whatever happened.
fn cleanup(h: &Harness, ids: &[String]) {
    for id in ids {
        let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    }
}

async fn show_usage_columns(page: &Page) -> Result<(), String> {
    page.click("Columns").await?;
    for name in ["Messages", "Tokens"] {
        let boxed = page.field(name).await?;
        let on = boxed.prop("checked").await.map_err(|e| e.to_string())?;
        if on.as_deref() != Some("true") {
            boxed.click().await.map_err(|e| e.to_string())?;
        }
    }
    page.click("Columns").await
}

pub async fn usage_columns_match_analytics_with_one_request(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let mut ids = Vec::new();
    let r = async {
        for (i, name) in ["Heavy", "Light", "Silent"].iter().enumerate() {
            let email = format!("use{i}x{tag}@example.com");
            ids.push(create_user(h, &format!("{name} {tag}"), &email, "user")?);
        }
        chat_as(h, &format!("use0x{tag}@example.com"), 3, (1000, 234))?;
        chat_as(h, &format!("use1x{tag}@example.com"), 1, (5, 7))?;
        let server = server_usage(h)?;
        // Counted through the fault proxy too: what really reached the server.
        let _scope = h.faults.scope()?;
        h.faults
            .set(Rule::new("GET", "/api/v1/analytics/users", Fault::Delay(0.0)))?;
        let path = format!("/users?q=x{tag}%40");
        signed_in_on(h, page, &h.fault_url, &h.fault_url, &path).await?;
        wait_rows(page, 3).await?;
        if page.js("return document.querySelector('th.col-x-messages').offsetParent !== null;").await? != json!(false) {
            return Err("the Messages column shows before anyone chose it".into());
        }
        if count(page, ANALYTICS).await? != 0 {
            return Err("usage was asked for while no usage column is shown".into());
        }
        show_usage_columns(page).await?;
        page.wait_js(
            "the usage numbers",
            "[...document.querySelectorAll('table[aria-label=Users] tbody .col-x-messages')].every(c => c.textContent !== '')",
        )
        .await?;
        let rows = usage_rows(page).await?;
        for (i, id) in ids.iter().enumerate() {
            let email = format!("use{i}x{tag}@example.com");
            let (m, t) = server.get(id).copied().unwrap_or((0, 0));
            let want = (thousands(m), thousands(t));
            let got = rows
                .iter()
                .find(|r| r.0 == email)
                .map(|r| (r.1.clone(), r.2.clone()))
                .ok_or(format!("no row for {email}"))?;
            if got != want {
                return Err(format!("{email}: the table shows {got:?}, analytics says {want:?}"));
            }
        }
        if rows.iter().find(|r| r.0.starts_with("use0x")).map(|r| r.2.as_str()) != Some("3,702") {
            return Err(format!("3 replies of 1,234 tokens: {rows:?}"));
        }
        // Right-aligned, and not a sort button (the server cannot order by usage).
        let align = page
            .js("return getComputedStyle(document.querySelector('table[aria-label=Users] tbody td.col-x-tokens')).textAlign;")
            .await?;
        if align != json!("right") {
            return Err(format!("the Tokens cells are aligned {align}"));
        }
        if page.js("return !!document.querySelector('th.col-x-messages button');").await? != json!(false) {
            return Err("the Messages header offers a sort".into());
        }
        page.screenshot(&h.artifacts().join("usage-columns-light.png"))
            .await?;
        // Another search reuses the answer: still one request.
        page.fill("Search users", &format!("use0x{tag}@")).await?;
        wait_rows(page, 1).await?;
        page.fill("Search users", &format!("x{tag}@")).await?;
        wait_rows(page, 3).await?;
        if count(page, ANALYTICS).await? != 1 || h.faults.hits()? != 1 {
            return Err(format!(
                "{} analytics requests in the browser, {} at the proxy, for one view",
                count(page, ANALYTICS).await?,
                h.faults.hits()?
            ));
        }
        // A new period is a new view: one more request, and the URL says which.
        page.field("Usage period")
            .await?
            .select_by_value("7")
            .await
            .map_err(|e| e.to_string())?;
        page.wait_js("usage=7 in the URL", "location.search.includes('usage=7')")
            .await?;
        page.wait_js("a second analytics request", &format!("{ANALYTICS} === 2"))
            .await?;
        page.wait_js(
            "the numbers for 7 days",
            "[...document.querySelectorAll('table[aria-label=Users] tbody .col-x-messages')].every(c => c.textContent !== '')",
        )
        .await?;
        let week = usage_rows(page).await?;
        if week.iter().find(|r| r.0.starts_with("use0x")).map(|r| r.1.as_str()) != Some("3") {
            return Err(format!("last 7 days: {week:?}"));
        }
        // Reload keeps the period and the columns.
        page.goto(&format!("{}{path}&usage=7", h.fault_url)).await?;
        page.wait_js(
            "the usage numbers after reload",
            "[...document.querySelectorAll('table[aria-label=Users] tbody .col-x-messages')].some(c => c.textContent === '3')",
        )
        .await?;
        if page.value("Usage period").await? != "7" {
            return Err("the period did not survive a reload".into());
        }
        if count(page, CONTENTS).await? != 0 {
            return Err("the console asked for message contents".into());
        }
        drop(_scope);
        // Dark and phone.
        page.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
        )
        .await?;
        page.goto(&format!("{}{path}&usage=7", h.fault_url)).await?;
        wait_rows(page, 3).await?;
        page.field("Usage period").await?;
        page.screenshot(&h.artifacts().join("usage-columns-phone.png"))
            .await?;
        let fits = page
            .js("return document.documentElement.scrollWidth <= innerWidth + 1;")
            .await?;
        page.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
            .await?;
        if fits != json!(true) {
            return Err("on a phone the usage view scrolls sideways".into());
        }
        let dark = Page::open_dark(&h.webdriver_url).await?;
        let d = async {
            signed_in_on(h, &dark, &h.fault_url, &h.fault_url, &format!("{path}&messages=none")).await?;
            show_usage_columns(&dark).await?;
            dark.wait_text("1 user matching").await?;
            dark.wait_js(
                "the usage numbers",
                "[...document.querySelectorAll('table[aria-label=Users] tbody .col-x-messages')].every(c => c.textContent === '0')",
            )
            .await?;
            dark.screenshot(&h.artifacts().join("usage-no-messages-dark.png"))
                .await?;
            if count(&dark, ANALYTICS).await? != 1 {
                return Err(format!(
                    "{} analytics requests for the filter and the columns together",
                    count(&dark, ANALYTICS).await?
                ));
            }
            Ok(())
        }
        .await;
        dark.close().await;
        d
    }
    .await;
    cleanup(h, &ids);
    r
}

pub async fn usage_no_messages_view_selects_all_and_suspends(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let mut ids = Vec::new();
    let r = async {
        for i in 0..35 {
            let email = format!("quiet{i}x{tag}@example.com");
            ids.push(create_user(h, &format!("Quiet {i} {tag}"), &email, "user")?);
        }
        // Two of them talk; 33 (two pages) have no messages.
        chat_as(h, &format!("quiet3x{tag}@example.com"), 1, (10, 20))?;
        chat_as(h, &format!("quiet20x{tag}@example.com"), 2, (10, 20))?;
        let talkers = [ids[3].clone(), ids[20].clone()];
        let usage = server_usage(h)?;
        if talkers.iter().any(|t| !usage.contains_key(t)) {
            return Err("analytics does not count the seeded chats".into());
        }
        let path = format!("/users?q=x{tag}%40&messages=none");
        signed_in_on(h, page, &h.app_url, &h.owui_url, "/users").await?;
        page.goto(&format!("{}{path}", h.app_url)).await?;
        page.wait_text("33 users matching").await?;
        page.wait_text("no messages in the last 30 days").await?;
        wait_rows(page, 30).await?;
        page.field("No messages in the usage period").await?;
        if count(page, ANALYTICS).await? != 1 {
            return Err(format!(
                "{} analytics requests for the view",
                count(page, ANALYTICS).await?
            ));
        }
        page.screenshot(&h.artifacts().join("usage-no-messages-light.png"))
            .await?;
        page.field("Select all on this page")
            .await?
            .click()
            .await
            .map_err(|e| e.to_string())?;
        page.click("Select all 33 matching").await?;
        page.wait_text("All 33 matching selected").await?;
        page.click("Suspend").await?;
        page.wait_xpath("//*[@role='dialog']").await?;
        page.click_in_dialog("Suspend").await?;
        page.wait_xpath("//ul[@aria-label='Results']").await?;
        page.wait_js(
            "33 results done",
            "document.querySelectorAll('ul[aria-label=Results] li[data-outcome=done]').length === 33",
        )
        .await?;
        for (i, id) in ids.iter().enumerate() {
            let role = server_user(h, id)?
                .map(|u| u["role"].as_str().unwrap_or_default().to_string())
                .unwrap_or_default();
            let talker = talkers.contains(id);
            let want = if talker { "user" } else { "pending" };
            if role != want {
                return Err(format!("Quiet {i}: role {role}, expected {want}"));
            }
        }
        page.click_in_dialog("Close").await
    }
    .await;
    cleanup(h, &ids);
    r
}

/// A server with analytics switched off (`ENABLE_ADMIN_ANALYTICS=false`) has no such route: it
/// answers with its web UI's page, as the fault proxy makes it here. The console says why
/// instead of failing, and the filter says so too.
pub async fn usage_analytics_off_says_so(h: &Harness, page: &Page) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    h.faults.set(Rule::new(
        "GET",
        "/api/v1/analytics/users",
        Fault::Respond {
            status: 200,
            body: "<!doctype html><html><body>Open WebUI</body></html>".into(),
            content_type: "text/html; charset=utf-8".into(),
        },
    ))?;
    signed_in_on(h, page, &h.fault_url, &h.fault_url, "/users").await?;
    wait_rows(page, 30).await?;
    show_usage_columns(page).await?;
    page.wait_text("Usage needs admin analytics (ENABLE_ADMIN_ANALYTICS)")
        .await?;
    page.wait_js(
        "dashes in the usage cells",
        "[...document.querySelectorAll('table[aria-label=Users] tbody .col-x-messages')].every(c => c.textContent === '—')",
    )
    .await?;
    page.goto(&format!("{}/users?messages=none", h.fault_url))
        .await?;
    page.wait_xpath(
        "//*[@role='alert'][contains(., 'Usage needs admin analytics (ENABLE_ADMIN_ANALYTICS)')]",
    )
    .await?;
    if h.faults.hits()? == 0 {
        return Err("the analytics route was never asked".into());
    }
    Ok(())
}
