//! Release builds are code-split (scripts/split-build): every screen but Sign in and Users is a
//! wasm chunk the browser fetches when the screen is first opened. Each one opens behind nginx
//! under the sub-path with the strict CSP: by a deep link (the chunk loads before anything is
//! shown) and through the menu and links.

use serde_json::json;

use super::common::{create_user, signed_in_on, unique};
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![lazy_screens_load_behind_nginx_sub_path]
}

pub async fn lazy_screens_load_behind_nginx_sub_path(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let n = unique();
    let group = format!("Lazy group {n}");
    let user = format!("Lazy user {n}");
    h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": group, "description": "made by e2e"}),
        ),
        "create group",
    )?;
    create_user(h, &user, &format!("lazy-{n}@example.com"), "user")?;

    let app = format!("{}/admin-console", h.nginx_url);
    // A deep link into a lazy screen, on a fresh load.
    signed_in_on(h, page, &app, &h.nginx_url, "/groups/new").await?;
    page.heading("New group").await?;
    page.field("Name").await?;
    // The others through the menu.
    for (link, heading) in [
        ("Default permissions", "Default permissions"),
        ("My account", "My account"),
        ("Groups", "Groups"),
    ] {
        click_xpath(
            page,
            &format!(
                "//nav[@aria-label='Main']//a[normalize-space()={}]",
                xp_lit(link)
            ),
        )
        .await?;
        page.heading(heading).await?;
    }
    // A group's screen and a user's page, through their links.
    click_xpath(
        page,
        &format!(
            "//table[@aria-label='Groups']//a[normalize-space()={}]",
            xp_lit(&group)
        ),
    )
    .await?;
    page.heading(&group).await?;
    page.field("Description").await?;
    click_xpath(
        page,
        "//nav[@aria-label='Main']//a[normalize-space()='Users']",
    )
    .await?;
    page.heading("Users").await?;
    page.field("Search users")
        .await?
        .send_keys(&user)
        .await
        .map_err(|e| e.to_string())?;
    click_xpath(
        page,
        &format!(
            "//table[@aria-label='Users']//a[normalize-space()={}]",
            xp_lit(&user)
        ),
    )
    .await?;
    page.heading(&user).await?;
    page.heading("Groups").await?;

    // The chunks came from the sub-path, and nginx serves them as hashed wasm.
    let chunks = page
        .js(
            "return performance.getEntriesByType('resource').map(e => e.name)
               .filter(n => n.endsWith('.wasm') && !n.includes('owui-admin-'));",
        )
        .await?;
    let chunks: Vec<String> = chunks
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // Three lazy chunks (groups + permissions, account, user page), and what they share.
    if chunks.len() < 3 {
        return Err(format!(
            "expected the lazy screens' chunks, fetched: {chunks:?}"
        ));
    }
    let prefix = format!("{}/admin-console/", h.nginx_url);
    if let Some(c) = chunks.iter().find(|c| !c.starts_with(&prefix)) {
        return Err(format!("a chunk outside the sub-path: {c}"));
    }
    let head = h.api.raw_head(&chunks[0])?;
    if !head
        .get("cache-control")
        .is_some_and(|c| c.contains("immutable"))
        || head.get("content-type").map(String::as_str) != Some("application/wasm")
    {
        return Err(format!("chunk headers: {head:?}"));
    }
    Ok(())
}

async fn click_xpath(page: &Page, xpath: &str) -> Result<(), String> {
    page.wait_xpath(xpath)
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())
}
