//! Signing in and out, both ways, on both origins.

use super::common::{main_nav, sign_in_with_form, signed_in_at, wait_rows};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        password_sign_in_cross_origin_shows_first_page,
        same_origin_uses_page_origin_as_server,
        token_sign_in_then_sign_out,
        non_admin_gets_an_explanation,
    ]
}

pub async fn password_sign_in_cross_origin_shows_first_page(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.owui_url),
        &h.admin_email,
        &h.admin_password,
    )
    .await?;
    main_nav(page).await?;
    for link in ["Users", "Groups", "Default permissions", "My account"] {
        page.wait_xpath(&format!(
            "//nav[@aria-label='Main']//a[normalize-space()='{link}']"
        ))
        .await?;
    }
    page.button("Sign out").await?;
    page.wait_text(&h.admin_name).await?;
    // The frame names the server's version, as the server itself reports it.
    let version = h.api.ok(h.api.get("/api/version"), "version")?;
    let label = format!(
        "Open WebUI {}",
        version["version"].as_str().ok_or("no version")?
    );
    let shown = page.wait_css("header .server-version").await?;
    let text = shown.text().await.map_err(|e| e.to_string())?;
    if text.trim() != label {
        return Err(format!("the top bar shows {text:?}, expected {label:?}"));
    }
    let total = h.api.user_total()?;
    wait_rows(page, 30).await?;
    page.wait_text(&format!("{total} users")).await?;
    page.wait_text(&format!("Page 1 of {}", total.div_ceil(30)))
        .await?;
    // The first page in the default order (oldest first) starts with the admin.
    let first = page
        .js("return document.querySelector('table[aria-label=Users] tbody tr .cell-name').innerText;")
        .await?;
    if !first.as_str().unwrap_or_default().contains(&h.admin_name) {
        return Err(format!("first row is {first}, expected the admin"));
    }
    page.screenshot(&h.artifacts().join("users-first-page.png"))
        .await
}

pub async fn same_origin_uses_page_origin_as_server(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    page.goto(&format!("{}/users", h.app_proxied_url)).await?;
    let server = page.value("Server URL").await?;
    if server != h.app_proxied_url {
        return Err(format!(
            "Server URL is prefilled with {server:?}, expected the page origin {}",
            h.app_proxied_url
        ));
    }
    sign_in_with_form(
        page,
        &h.app_proxied_url,
        None,
        &h.admin_email,
        &h.admin_password,
    )
    .await?;
    wait_rows(page, 30).await
}

pub async fn token_sign_in_then_sign_out(h: &Harness, page: &Page) -> Result<(), String> {
    page.goto(&format!("{}/users?page=2", h.app_url)).await?;
    page.fill("Server URL", &h.owui_url).await?;
    page.fill("API key or token", "not-a-valid-token").await?;
    page.click("Use token").await?;
    page.wait_xpath("//*[@role='alert'][contains(., 'sign in again') or contains(., 'token')]")
        .await?;
    page.fill("API key or token", &h.api.token).await?;
    page.click("Use token").await?;
    main_nav(page).await?;
    // Signing in keeps the screen the URL asked for: page 2.
    let total = h.api.user_total()?;
    wait_rows(page, (total - 30).min(30)).await?;
    page.wait_text(&format!("Page 2 of {}", total.div_ceil(30)))
        .await?;
    page.click("Sign out").await?;
    page.heading("Sign in").await?;
    let stored = page.js("return sessionStorage.getItem('owui-admin.session') || localStorage.getItem('owui-admin.session');").await?;
    if !stored.is_null() {
        return Err(format!(
            "the session is still stored after sign-out: {stored}"
        ));
    }
    Ok(())
}

pub async fn non_admin_gets_an_explanation(h: &Harness, page: &Page) -> Result<(), String> {
    let users = h.api.all_users()?;
    let plain = users
        .iter()
        .find(|u| u["role"] == "user")
        .ok_or("no user with role user")?;
    let email = plain["email"].as_str().unwrap_or_default();
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.owui_url),
        email,
        "demo-user-password",
    )
    .await?;
    page.heading("This console needs an admin account").await?;
    if page.row_count("Users").await? != 0 {
        return Err("a non-admin sees a users table".into());
    }
    // Signed in as an admin afterwards, the same tab works normally.
    page.click("Sign out").await?;
    page.heading("Sign in").await?;
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await
}
