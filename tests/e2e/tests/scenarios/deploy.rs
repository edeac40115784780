//! The two ways people run the console: behind nginx next to Open WebUI (same origin, sub-path,
//! strict CSP, Open WebUI's session reused), and as a static site on another origin.

use super::common::{sign_in_with_form, wait_rows};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        deploy_nginx_sub_path_deep_link_reuses_open_webui_session,
        deploy_cors_refusal_says_how_to_fix_it
    ]
}

pub async fn deploy_nginx_sub_path_deep_link_reuses_open_webui_session(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    // Signed in to Open WebUI on this origin, the way its own web UI keeps the token.
    page.goto(&format!("{}/health", h.nginx_url)).await?;
    page.js(&format!(
        "localStorage.setItem('token', {}); return 1;",
        serde_json::to_string(&h.api.token).unwrap_or_default()
    ))
    .await?;
    // A deep link straight into the console, through nginx.
    page.goto(&format!("{}/admin-console/users?page=2", h.nginx_url))
        .await?;
    page.wait_xpath("//nav[@aria-label='Main']").await?;
    let total = h.api.user_total()?;
    page.wait_text(&format!("Page 2 of {}", total.div_ceil(30)))
        .await?;
    wait_rows(page, (total - 30).min(30)).await?;
    // Links stay under the sub-path.
    let href = page
        .js("return document.querySelector('nav[aria-label=Main] a').getAttribute('href');")
        .await?;
    if href != "/admin-console/users" {
        return Err(format!("the Users link points to {href}"));
    }
    // Styles set at run time work under the CSP (through the CSSOM, not style attributes).
    page.wait_js(
        "avatar colour set",
        "document.querySelector('.avatar').style.getPropertyValue('--avatar-hue') !== ''",
    )
    .await?;
    // What nginx sends: the strict CSP, revalidated index.html, immutable hashed assets.
    let index = h
        .api
        .raw_head(&format!("{}/admin-console/users?page=2", h.nginx_url))?;
    let csp = index
        .get("content-security-policy")
        .cloned()
        .unwrap_or_default();
    if !csp.contains("script-src 'self' 'wasm-unsafe-eval'")
        || !csp.contains("connect-src 'self'")
        || csp.contains("unsafe-inline")
    {
        return Err(format!("unexpected CSP: {csp:?}"));
    }
    if index.get("cache-control").map(String::as_str) != Some("no-cache") {
        return Err(format!(
            "index.html cache-control: {:?}",
            index.get("cache-control")
        ));
    }
    let wasm = page
        .js("return document.querySelector('script[data-app-wasm]').dataset.appWasm;")
        .await?;
    let asset = h.api.raw_head(&format!(
        "{}{}",
        h.nginx_url,
        wasm.as_str().unwrap_or_default()
    ))?;
    if !asset
        .get("cache-control")
        .is_some_and(|c| c.contains("immutable"))
        || asset.get("content-type").map(String::as_str) != Some("application/wasm")
    {
        return Err(format!("hashed wasm headers: {asset:?}"));
    }
    page.screenshot(&h.artifacts().join("nginx-sub-path.png"))
        .await?;
    // Signing out of the console only leaves Open WebUI signed in.
    page.click("Sign out").await?;
    page.click_in_dialog("Sign out of the console only").await?;
    page.heading("Sign in").await?;
    let token = page.js("return localStorage.getItem('token');").await?;
    if token.as_str() != Some(h.api.token.as_str()) {
        return Err("signing out of the console signed out of Open WebUI too".into());
    }
    // …and the console does not take it over again in this tab.
    page.client.refresh().await.map_err(|e| e.to_string())?;
    page.heading("Sign in").await.map(|_| ())
}

pub async fn deploy_cors_refusal_says_how_to_fix_it(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.cors_blocked_url),
        &h.admin_email,
        &h.admin_password,
    )
    .await?;
    let alert = page
        .wait_xpath("//*[@role='alert'][contains(., 'CORS_ALLOW_ORIGIN')]")
        .await?;
    let text = alert.text().await.map_err(|e| e.to_string())?;
    if !text.contains("is running but does not allow") || !text.contains(&h.app_url) {
        return Err(format!(
            "the message does not say what is wrong and which origin to allow: {text}"
        ));
    }
    Ok(())
}
