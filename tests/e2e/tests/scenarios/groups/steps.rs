//! Steps the groups scenarios share: unique names, direct API setup and checks, clicks by CSS
//! or XPath, the page's API calls, screenshots in light and dark mode, the confirm dialog.

use serde_json::{Value, json};

use crate::support::{Harness, Page};

pub fn suffix() -> String {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    format!("{}", n % 1_000_000_000)
}

pub fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

pub fn create_group(h: &Harness, body: Value) -> Result<Value, String> {
    h.api
        .ok(h.api.post("/api/v1/groups/create", body), "create group")
}

pub fn group(h: &Harness, id: &str) -> Result<Value, String> {
    h.api
        .ok(h.api.get(&format!("/api/v1/groups/id/{id}")), "get group")
}

pub fn group_by_name(h: &Harness, name: &str) -> Result<Value, String> {
    let list = h.api.ok(h.api.get("/api/v1/groups/"), "list groups")?;
    list.as_array()
        .and_then(|l| l.iter().find(|g| g["name"] == name).cloned())
        .ok_or_else(|| format!("the server has no group named {name:?}"))
}

pub fn export_ids(h: &Harness, id: &str) -> Result<Vec<String>, String> {
    let v = h.api.ok(
        h.api.get(&format!("/api/v1/groups/id/{id}/export")),
        "export",
    )?;
    Ok(v["user_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// Polls the server until `check` holds for the group.
pub async fn wait_group(
    h: &Harness,
    id: &str,
    what: &str,
    check: impl Fn(&Value) -> bool,
) -> Result<Value, String> {
    let end = tokio::time::Instant::now() + crate::support::page::DEADLINE;
    let mut last = Value::Null;
    while tokio::time::Instant::now() < end {
        last = group(h, id)?;
        if check(&last) {
            return Ok(last);
        }
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    Err(format!("server never showed {what}; last: {last}"))
}

pub async fn click_css(page: &Page, css: &str) -> Result<(), String> {
    page.wait_css(css).await?.click().await.map_err(err)
}

pub async fn click_xpath(page: &Page, xpath: &str) -> Result<(), String> {
    page.wait_xpath(xpath).await?.click().await.map_err(err)
}

/// The Open WebUI API calls the page has made since it loaded.
pub async fn api_calls(page: &Page) -> Result<Vec<String>, String> {
    let v = page
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/'));")
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// Screenshots in light mode, then dark mode (chromedriver's CDP endpoint), for people to look at.
pub async fn screenshots(h: &Harness, page: &Page, name: &str) -> Result<(), String> {
    page.screenshot(&h.artifacts().join(format!("{name}-light.png")))
        .await?;
    let sid = page
        .client
        .session_id()
        .await
        .map_err(err)?
        .unwrap_or_default();
    let url = format!("{}/session/{sid}/goog/cdp/execute", h.webdriver_url);
    let dark = |v: &str| json!({"cmd": "Emulation.setEmulatedMedia", "params": {"features": [{"name": "prefers-color-scheme", "value": v}]}});
    if ureq::post(&url).send_json(dark("dark")).is_ok() {
        page.screenshot(&h.artifacts().join(format!("{name}-dark.png")))
            .await?;
        let _ = ureq::post(&url).send_json(dark("light"));
    }
    Ok(())
}

/// The text of the browser's confirm dialog, once it is open.
pub async fn wait_alert(page: &Page) -> Result<String, String> {
    let end = tokio::time::Instant::now() + crate::support::page::DEADLINE;
    while tokio::time::Instant::now() < end {
        if let Ok(text) = page.client.get_alert_text().await {
            return Ok(text);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("no confirm dialog appeared".into())
}
