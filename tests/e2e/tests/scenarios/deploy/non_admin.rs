//! A user who is not an admin, signed in to Open WebUI on the console's origin (deployment A).

use super::steps::open_as_open_webui;
use crate::scenarios::common::{create_user, main_nav, unique, wait_rows};
use crate::support::{Harness, Page};

/// Open WebUI is signed in on the console's origin as a user who is not an admin: the console
/// says who that is and why it cannot be used; signing out of the console keeps Open WebUI's
/// sign-in, and the console does not take it over again in this tab.
pub async fn deploy_nginx_non_admin_open_webui_session_is_explained(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (name, email, token) = non_admin(h)?;
    // The same screen in the dark scheme, for people to look at (target/e2e-artifacts).
    let dark = Page::open_dark(&h.webdriver_url).await?;
    let shown = needs_admin_screen(h, &dark, &name, &email, &token).await;
    if shown.is_ok() {
        dark.screenshot(&h.artifacts().join("nginx-needs-admin-dark.png"))
            .await?;
    }
    dark.close().await;
    shown?;
    needs_admin_screen(h, page, &name, &email, &token).await?;
    page.screenshot(&h.artifacts().join("nginx-needs-admin.png"))
        .await?;
    // Sign out (top bar): it asks, as for any Open WebUI sign-in taken over; the console only.
    page.click("Sign out").await?;
    page.click_in_dialog("Sign out of the console only").await?;
    page.heading("Sign in").await?;
    owui_token_is(page, &token).await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    page.heading("Sign in").await?;
    // Wait for the app to have settled on Sign in (no takeover check running) before the last look.
    page.field("Email").await?;
    if page.body_text().await?.contains("needs an admin account") {
        return Err("after a reload the console took the non-admin session over again".into());
    }
    owui_token_is(page, &token).await
}

/// The same start, then the screen's own way on: Sign in with an admin account, while Open
/// WebUI stays signed in as the non-admin.
pub async fn deploy_nginx_non_admin_can_sign_in_with_an_admin_account(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (name, email, token) = non_admin(h)?;
    needs_admin_screen(h, page, &name, &email, &token).await?;
    page.click("Sign in with an admin account").await?;
    page.heading("Sign in").await?;
    owui_token_is(page, &token).await?;
    // The form does not offer the non-admin account again; the server is this origin.
    if page.value("Email").await? == email {
        return Err("Sign in is prefilled with the non-admin's email".into());
    }
    if page.value("Server URL").await? != h.nginx_url {
        return Err(format!(
            "Server URL is {:?}, expected this origin",
            page.value("Server URL").await?
        ));
    }
    page.client.refresh().await.map_err(|e| e.to_string())?;
    page.heading("Sign in").await?;
    page.fill("Email", &h.admin_email).await?;
    page.fill("Password", &h.admin_password).await?;
    page.click("Sign in").await?;
    main_nav(page).await?;
    wait_rows(page, 30).await?;
    if !page.current_url().await?.ends_with("/admin-console/users") {
        return Err(format!("signed in at {}", page.current_url().await?));
    }
    owui_token_is(page, &token).await
}

/// A new account with the role user, signed in through the API like Open WebUI's web UI does:
/// (name, email, token).
fn non_admin(h: &Harness) -> Result<(String, String, String), String> {
    let u = unique();
    let (name, email) = (
        format!("Nora Plain {u}"),
        format!("nora.plain.{u}@example.com"),
    );
    create_user(h, &name, &email, "user")?;
    let token = h.api.signin(&email, "e2e-password-1")?;
    Ok((name, email, token))
}

/// Opens the console's root with Open WebUI signed in as the non-admin: the needs-admin screen
/// names them, and no admin data is shown.
async fn needs_admin_screen(
    h: &Harness,
    page: &Page,
    name: &str,
    email: &str,
    token: &str,
) -> Result<(), String> {
    open_as_open_webui(h, page, token).await?;
    page.goto(&format!("{}/admin-console/", h.nginx_url))
        .await?;
    page.heading("This console needs an admin account").await?;
    let text = page.body_text().await?;
    if !text.contains(name) || !text.contains(email) || !text.contains("user") {
        return Err(format!(
            "the screen does not name who is signed in ({name}, {email}): {text}"
        ));
    }
    if page.row_count("Users").await? != 0 {
        return Err("a non-admin sees a users table".into());
    }
    owui_token_is(page, token).await
}

async fn owui_token_is(page: &Page, token: &str) -> Result<(), String> {
    let now = page.js("return localStorage.getItem('token');").await?;
    if now.as_str() != Some(token) {
        return Err(format!(
            "Open WebUI's token in localStorage changed (now {})",
            if now.is_null() { "gone" } else { "another" }
        ));
    }
    Ok(())
}
