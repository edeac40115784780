//! The two ways people run the console: behind nginx next to Open WebUI (same origin, sub-path,
//! strict CSP, Open WebUI's session reused), and as a static site on another origin — each under
//! the Content-Security-Policy README.md documents, read out of README.md.

use super::common::{create_user, main_nav, sign_in_with_form, unique, wait_rows};
use super::deploy_steps::{nav, open_as_open_webui, reloads_the_same};
use crate::support::page::xp_lit;
use crate::support::readme::documented_csp;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

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

/// Deployment A, as a person uses the users list: from the console's root through search, both
/// sort controls, paging and a user's page — after each step the address is right (the sub-path
/// once, the state in the query) and a reload brings back the same screen in the same state.
pub async fn deploy_nginx_sub_path_users_click_through_and_reload(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (_, found) = h.api.get("/api/v1/users/?query=example&page=1")?;
    let total = found["total"].as_u64().unwrap_or(0);
    if total <= 30 {
        return Err(format!(
            "the seed data should have 2+ pages of users matching 'example', has {total}"
        ));
    }
    let pages = total.div_ceil(30);
    open_as_open_webui(h, page, &h.api.token).await?;
    // The console's root lands on the users list, under the sub-path once.
    page.goto(&format!("{}/admin-console/", h.nginx_url))
        .await?;
    main_nav(page).await?;
    let rows = "document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row)').length === 30";
    reloads_the_same(page, "/admin-console/users", "Users", &[rows]).await?;

    // Typing a search: it lands in the URL (replacing the entry) and a reload keeps it.
    page.fill("Search users", "example").await?;
    let searched =
        "document.querySelector('input[aria-label=\"Search users\"]').value === 'example'";
    let page1 = format!("document.body.innerText.includes('Page 1 of {pages}')");
    reloads_the_same(
        page,
        "/admin-console/users?q=example",
        "Users",
        &[searched, &page1, rows],
    )
    .await?;

    // Sorting by a column header's button.
    page.click("Email").await?;
    let by_email =
        "document.querySelector('th[aria-sort=ascending]')?.textContent.includes('Email')";
    reloads_the_same(
        page,
        "/admin-console/users?q=example&sort=email",
        "Users",
        &[searched, by_email, &page1],
    )
    .await?;

    // Sorting with the "Sort by" select and flipping the direction.
    page.field("Sort by")
        .await?
        .select_by_label("Name")
        .await
        .map_err(|e| e.to_string())?;
    let by_name = "document.querySelector('#users-sort').value === 'name'";
    reloads_the_same(
        page,
        "/admin-console/users?q=example&sort=name",
        "Users",
        &[searched, by_name],
    )
    .await?;
    page.click("Sort direction").await?;
    let name_desc =
        "document.querySelector('th[aria-sort=descending]')?.textContent.includes('Name')";
    reloads_the_same(
        page,
        "/admin-console/users?q=example&sort=name&dir=desc",
        "Users",
        &[searched, by_name, name_desc, &page1],
    )
    .await?;

    // Next page keeps search and sort.
    page.click("Next page").await?;
    let page2 = format!("document.body.innerText.includes('Page 2 of {pages}')");
    let (_, second) = h
        .api
        .get("/api/v1/users/?query=example&order_by=name&direction=desc&page=2")?;
    let first = &second["users"][0];
    let (id, name, email) = (
        first["id"].as_str().unwrap_or_default(),
        first["name"].as_str().unwrap_or_default(),
        first["email"].as_str().unwrap_or_default(),
    );
    let first_row = format!(
        "document.querySelector('table[aria-label=Users] tbody tr:not(.loading-row) .cell-email')?.innerText === {}",
        serde_json::to_string(email).unwrap_or_default()
    );
    reloads_the_same(
        page,
        "/admin-console/users?q=example&sort=name&dir=desc&page=2",
        "Users",
        &[searched, name_desc, &page2, &first_row],
    )
    .await?;

    // A user's own page through the link on the name.
    page.wait_xpath(&format!(
        "//table[@aria-label='Users']//tr[.//*[normalize-space()={}]]//a[normalize-space()={}]",
        xp_lit(email),
        xp_lit(name)
    ))
    .await?
    .click()
    .await
    .map_err(|e| e.to_string())?;
    let shows_email = format!(
        "document.querySelector('main').innerText.includes({})",
        serde_json::to_string(email).unwrap_or_default()
    );
    reloads_the_same(
        page,
        &format!("/admin-console/users/{id}"),
        name,
        &[&shows_email],
    )
    .await?;

    // Back to the list through the Main navigation.
    nav(page, "Users").await?;
    reloads_the_same(page, "/admin-console/users", "Users", &[rows]).await?;
    no_csp_violations(page).await
}

/// Deployment A for the other screens: groups search and sort, a group and its tabs, New group
/// (and its tab), Default permissions, My account — each step's address checked and reloaded.
pub async fn deploy_nginx_sub_path_groups_and_screens_click_through_and_reload(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (_, groups) = h.api.get("/api/v1/groups/")?;
    let eng = groups
        .as_array()
        .and_then(|g| g.iter().find(|g| g["name"] == "Engineering"))
        .ok_or("the seed data has no group Engineering")?;
    let eng_id = eng["id"].as_str().unwrap_or_default().to_string();
    open_as_open_webui(h, page, &h.api.token).await?;
    page.goto(&format!("{}/admin-console/", h.nginx_url))
        .await?;
    main_nav(page).await?;

    nav(page, "Groups").await?;
    let listed = "document.querySelector('table[aria-label=Groups] a') !== null";
    reloads_the_same(page, "/admin-console/groups", "Groups", &[listed]).await?;
    // Searching groups.
    page.fill("Search groups", "Engineering").await?;
    let searched =
        "document.querySelector('input[aria-label=\"Search groups\"]').value === 'Engineering'";
    reloads_the_same(
        page,
        "/admin-console/groups?q=Engineering",
        "Groups",
        &[searched, listed],
    )
    .await?;
    // Sorting groups.
    page.field("Sort by")
        .await?
        .select_by_label("Member count")
        .await
        .map_err(|e| e.to_string())?;
    let by_members = "document.querySelector('#group-sort').value === 'members'";
    reloads_the_same(
        page,
        "/admin-console/groups?q=Engineering&sort=members",
        "Groups",
        &[searched, by_members, listed],
    )
    .await?;

    // Opening a group through its link, then each of its tabs.
    page.wait_xpath("//table[@aria-label='Groups']//a[normalize-space()='Engineering']")
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    let group_path = format!("/admin-console/groups/{eng_id}");
    let tab_on = |t: &str| {
        format!(
            "document.querySelector('[role=tab][aria-selected=true]')?.textContent.trim() === '{t}'"
        )
    };
    reloads_the_same(page, &group_path, "Engineering", &[&tab_on("General")]).await?;
    for (tab, query) in [
        ("Permissions", "?tab=permissions"),
        ("Members", "?tab=members"),
        ("General", ""),
    ] {
        tab_button(page, tab).await?;
        reloads_the_same(
            page,
            &format!("{group_path}{query}"),
            "Engineering",
            &[&tab_on(tab)],
        )
        .await?;
    }

    // New group, and its Permissions tab.
    nav(page, "Groups").await?;
    reloads_the_same(page, "/admin-console/groups", "Groups", &[listed]).await?;
    page.click("New group").await?;
    reloads_the_same(
        page,
        "/admin-console/groups/new",
        "New group",
        &[&tab_on("General")],
    )
    .await?;
    tab_button(page, "Permissions").await?;
    reloads_the_same(
        page,
        "/admin-console/groups/new?tab=permissions",
        "New group",
        &[&tab_on("Permissions")],
    )
    .await?;

    // The other screens of the Main navigation.
    nav(page, "Default permissions").await?;
    let toggles = "document.querySelector('input[name=\"chat.file_upload\"]') !== null";
    reloads_the_same(
        page,
        "/admin-console/permissions",
        "Default permissions",
        &[toggles],
    )
    .await?;
    nav(page, "My account").await?;
    let settings = "document.querySelector('textarea') !== null";
    reloads_the_same(page, "/admin-console/account", "My account", &[settings]).await?;
    no_csp_violations(page).await
}

/// Open WebUI is signed in on the console's origin as a user who is not an admin: the console
/// says who that is and why it cannot be used; signing out of the console keeps Open WebUI's
/// sign-in, and the console does not take it over again in this tab.
pub async fn deploy_nginx_non_admin_open_webui_session_is_explained(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let (name, email, token) = non_admin(h)?;
    needs_admin_screen(h, page, &name, &email, &token).await?;
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

/// Nothing was blocked by the page's CSP since `record_csp_violations` (and the recording is
/// shown to work, so "nothing" means something).
async fn no_csp_violations(page: &Page) -> Result<(), String> {
    let seen = page.csp_violations().await?;
    if !seen.is_empty() {
        return Err(format!("the CSP blocked: {seen:?}"));
    }
    page.csp_recording_works().await
}

async fn tab_button(page: &Page, name: &str) -> Result<(), String> {
    page.wait_xpath(&format!(
        "//*[@role='tab'][normalize-space()={}]",
        xp_lit(name)
    ))
    .await?
    .click()
    .await
    .map_err(|e| e.to_string())
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
    page.screenshot(&h.artifacts().join("nginx-needs-admin.png"))
        .await?;
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
