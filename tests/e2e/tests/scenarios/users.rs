//! The users table against the live server.

use super::common::{signed_in_at, wait_rows};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        search_sort_page_survive_reload,
        unknown_url_shows_not_found,
        users_look_light_and_dark,
        users_sort_button_name_is_the_column,
        users_page_turns_make_one_list_request,
    ]
}

pub async fn search_sort_page_survive_reload(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    // Search (debounced) narrows the table to what the server finds, and lands in the URL.
    page.fill("Search users", "alice").await?;
    let (_, expected) = h.api.get("/api/v1/users/?query=alice&page=1")?;
    let n = expected["total"].as_u64().unwrap_or(0);
    if n == 0 || n >= 30 {
        return Err(format!(
            "seed data should have a few users matching alice, has {n}"
        ));
    }
    wait_rows(page, n).await?;
    page.wait_js("search in URL", "location.search.includes('q=alice')")
        .await?;
    // Sort by email, then flip to descending: the header says so.
    page.click("Email").await?;
    page.wait_js(
        "sorted ascending",
        "document.querySelector('th[aria-sort=ascending]')?.textContent.includes('Email')",
    )
    .await?;
    page.click("Email").await?;
    page.wait_js(
        "sorted descending",
        "document.querySelector('th[aria-sort=descending]')?.textContent.includes('Email')",
    )
    .await?;
    let (_, v) = h
        .api
        .get("/api/v1/users/?query=alice&order_by=email&direction=desc&page=1")?;
    let first_email = v["users"][0]["email"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    page.wait_js("first row is the server's first", &format!(
        "document.querySelector('table[aria-label=Users] tbody tr .cell-email')?.innerText === {}",
        serde_json::to_string(&first_email).unwrap_or_default()
    )).await?;
    // Reload: the same search, sort and direction.
    page.client.refresh().await.map_err(|e| e.to_string())?;
    wait_rows(page, n).await?;
    let value = page.value("Search users").await?;
    if value != "alice" {
        return Err(format!("after reload the search box holds {value:?}"));
    }
    page.wait_js(
        "still descending by email",
        "document.querySelector('th[aria-sort=descending]')?.textContent.includes('Email')",
    )
    .await?;
    // Clear the search, go to page 2, reload: still page 2.
    page.fill("Search users", "").await?;
    let total = h.api.user_total()?;
    page.wait_text(&format!("Page 1 of {}", total.div_ceil(30)))
        .await?;
    page.click("Next page").await?;
    page.wait_text(&format!("Page 2 of {}", total.div_ceil(30)))
        .await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    page.wait_text(&format!("Page 2 of {}", total.div_ceil(30)))
        .await?;
    wait_rows(page, (total - 30).min(30)).await
}

pub async fn unknown_url_shows_not_found(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/no/such/screen").await?;
    page.heading("Not found").await?;
    page.wait_xpath("//a[normalize-space()='Go to Users']")
        .await
        .map(|_| ())
}

/// Screenshots for people to look at (target/e2e-artifacts), and the one checkable fact about
/// them: the dark theme follows the system preference.
pub async fn users_look_light_and_dark(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    let light = page
        .js("return getComputedStyle(document.body).backgroundColor;")
        .await?;
    page.screenshot(&h.artifacts().join("users-light.png"))
        .await?;
    page.click("Edit Bruno Haddad").await?;
    page.wait_xpath("//*[@role='dialog']").await?;
    page.screenshot(&h.artifacts().join("edit-dialog-light.png"))
        .await?;
    let dark_page = Page::open_dark(&h.webdriver_url).await?;
    let r = async {
        signed_in_at(h, &dark_page, "/users").await?;
        wait_rows(&dark_page, 30).await?;
        let dark = dark_page
            .js("return getComputedStyle(document.body).backgroundColor;")
            .await?;
        dark_page
            .screenshot(&h.artifacts().join("users-dark.png"))
            .await?;
        if dark == light || dark != "rgb(15, 17, 21)" {
            return Err(format!("dark mode background is {dark}, light is {light}"));
        }
        Ok(())
    }
    .await;
    dark_page.close().await;
    r
}

/// The sort mark (▲/▼) is decoration: the header button's accessible name stays the column's,
/// as the browser's accessibility tree computes it; `aria-sort` on the th carries the direction.
pub async fn users_sort_button_name_is_the_column(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    page.click("Name").await?;
    page.wait_js(
        "sorted by name",
        "document.querySelector('th[aria-sort=ascending]')?.textContent.includes('Name')",
    )
    .await?;
    page.cdp("Accessibility.enable", serde_json::json!({}))
        .await?;
    let tree = page
        .cdp("Accessibility.getFullAXTree", serde_json::json!({}))
        .await?;
    let buttons: Vec<String> = tree["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["role"]["value"] == "button")
        .filter_map(|n| n["name"]["value"].as_str().map(str::to_string))
        .collect();
    // Names match case-insensitively (the headers are upper-cased by CSS).
    let named = |n: &str| buttons.iter().any(|b| b.eq_ignore_ascii_case(n));
    if !named("Name") || !named("Created") || !named("Next page") {
        return Err(format!(
            "no header buttons named Name and Created: {buttons:?}"
        ));
    }
    if let Some(b) = buttons.iter().find(|b| b.contains('▲') || b.contains('▼')) {
        return Err(format!(
            "a button's accessible name carries the sort mark: {b:?}"
        ));
    }
    Ok(())
}

/// Each page turn asks the server for that page only (the oldest-users lookup is made once).
pub async fn users_page_turns_make_one_list_request(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    let lists = "performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/users/?')).length";
    let first = "document.querySelector('table[aria-label=Users] tbody tr:not(.loading-row) .cell-email')?.textContent";
    // The first turn away from the default view may also fetch the oldest users, once.
    page.click("Next page").await?;
    page.wait_js("on page 2", "location.search.includes('page=2')")
        .await?;
    page.wait_js(
        "idle",
        "document.querySelector('table[aria-label=Users]').getAttribute('aria-busy') === 'false'",
    )
    .await?;
    let before = page
        .js(&format!("return {lists};"))
        .await?
        .as_u64()
        .unwrap_or(0);
    for (turn, button) in ["Previous page", "Next page", "Previous page", "Next page"]
        .iter()
        .enumerate()
    {
        let was = page.js(&format!("return {first};")).await?;
        page.click(button).await?;
        page.wait_js(
            "the other page's rows",
            &format!("({first}) !== {} && document.querySelector('table[aria-label=Users]').getAttribute('aria-busy') === 'false'", was),
        )
        .await?;
        let now = page
            .js(&format!("return {lists};"))
            .await?
            .as_u64()
            .unwrap_or(0);
        if now - before != turn as u64 + 1 {
            return Err(format!(
                "{} list requests after {} turns",
                now - before,
                turn + 1
            ));
        }
    }
    Ok(())
}
