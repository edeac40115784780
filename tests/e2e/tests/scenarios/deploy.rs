//! The two ways people run the console: behind nginx next to Open WebUI (same origin, sub-path,
//! strict CSP, Open WebUI's session reused), and as a static site on another origin — each under
//! the Content-Security-Policy README.md documents, read out of README.md.

mod non_admin;
pub mod steps;
mod sub_path;

use super::common::{main_nav, sign_in_with_form, wait_rows};
use crate::support::readme::documented_csp;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};
use non_admin::{
    deploy_nginx_non_admin_can_sign_in_with_an_admin_account,
    deploy_nginx_non_admin_open_webui_session_is_explained,
};
use steps::{nav, no_csp_violations, open_as_open_webui};
use sub_path::{
    deploy_nginx_sub_path_groups_and_screens_click_through_and_reload,
    deploy_nginx_sub_path_users_click_through_and_reload,
};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        deploy_nginx_sub_path_deep_link_reuses_open_webui_session,
        deploy_nginx_sub_path_users_click_through_and_reload,
        deploy_nginx_sub_path_groups_and_screens_click_through_and_reload,
        deploy_nginx_non_admin_open_webui_session_is_explained,
        deploy_nginx_non_admin_can_sign_in_with_an_admin_account,
        deploy_static_site_under_readme_csp_signs_in_cross_origin,
        deploy_cors_refusal_says_how_to_fix_it
    ]
}

pub async fn deploy_nginx_sub_path_deep_link_reuses_open_webui_session(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    // Signed in to Open WebUI on this origin, the way its own web UI keeps the token.
    open_as_open_webui(h, page, &h.api.token).await?;
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
    // The CSP is exactly the one README.md documents for deployment A.
    let documented = documented_csp(&h.root, "### A.")?;
    let csp = index
        .get("content-security-policy")
        .cloned()
        .unwrap_or_default();
    if csp != documented || csp.contains("unsafe-inline") {
        return Err(format!(
            "nginx sends the CSP {csp:?}, README deploy A documents {documented:?}"
        ));
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
        || asset.get("content-security-policy") != Some(&documented)
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

/// README deploy B as written: `dist/` on its own origin under the documented CSP (with this
/// run's Open WebUI origin), signed in cross-origin through the form; the users table shows and
/// the browser reported no CSP violation.
pub async fn deploy_static_site_under_readme_csp_signs_in_cross_origin(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let sent = h.api.raw_head(&format!("{}/users", h.app_csp_url))?;
    if sent.get("content-security-policy") != Some(&h.app_csp) {
        return Err(format!(
            "the static server sends {:?}, not README deploy B's policy {:?}",
            sent.get("content-security-policy"),
            h.app_csp
        ));
    }
    page.record_csp_violations().await?;
    sign_in_with_form(
        page,
        &h.app_csp_url,
        Some(&h.owui_url),
        &h.admin_email,
        &h.admin_password,
    )
    .await?;
    main_nav(page).await?;
    wait_rows(page, 30).await?;
    // Profile pictures come through fetch + blob URLs, under the same policy.
    page.wait_js(
        "a profile picture shown",
        "document.querySelector('table[aria-label=Users] img[src^=\"blob:\"], table[aria-label=Users] img[src^=\"data:\"]') !== null",
    )
    .await?;
    nav(page, "Groups").await?;
    page.wait_xpath("//table[@aria-label='Groups']//a").await?;
    no_csp_violations(page).await
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
