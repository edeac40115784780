//! Release builds are code-split (scripts/split-build): every screen but Sign in and Users is a
//! wasm chunk the browser fetches when the screen is first opened. Each one opens behind nginx
//! under the sub-path with the strict CSP: by a deep link (the chunk loads before anything is
//! shown) and through the menu and links.

use fantoccini::key::Key;
use serde_json::json;

use super::common::{create_user, signed_in_on, unique, wait_rows};
use super::deploy::steps::no_csp_violations;
use crate::support::keys::key;
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        lazy_screens_load_behind_nginx_sub_path,
        lazy_users_dialogs_load_behind_nginx_sub_path,
        lazy_chunk_that_cannot_be_fetched_says_so_and_retries,
    ]
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

/// The users list's dialogs (add + CSV import, edit, delete, the bulk actions) are in one chunk
/// (the users chunk, with a user's page and the export's CSV writer), fetched when a dialog
/// first opens: not before, under the sub-path, with nothing blocked by
/// the strict CSP, and a change made in a lazy dialog reaches the list (main module) again.
pub async fn lazy_users_dialogs_load_behind_nginx_sub_path(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let n = unique();
    let user = format!("Dialog user {n}");
    let email = format!("lazy-dialog-{n}@example.com");
    create_user(h, &user, &email, "user")?;
    let dialogs_fetched = "performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.wasm') && e.name.includes('users_chunk')).length";

    page.record_csp_violations().await?;
    let app = format!("{}/admin-console", h.nginx_url);
    // A deep path: the users list with a search, on a fresh load.
    signed_in_on(
        h,
        page,
        &app,
        &h.nginx_url,
        &format!("/users?q=lazy-dialog-{n}"),
    )
    .await?;
    wait_rows(page, 1).await?;
    if page.js(&format!("return {dialogs_fetched};")).await? != json!(0) {
        return Err("the dialogs' chunk was fetched before any dialog opened".into());
    }
    // No filter on and Views closed: the users filters' chunk is not fetched either.
    let filters_fetched = "performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.wasm') && e.name.includes('users_filters')).length";
    if page.js(&format!("return {filters_fetched};")).await? != json!(0) {
        return Err("the filters' chunk was fetched with no filter on".into());
    }

    // Edit, and save: the dialog's callbacks reach the list, which shows the new name.
    page.click(&format!("Edit {user}")).await?;
    page.wait_xpath("//*[@role='dialog'][.//h2[normalize-space()='Edit user']]")
        .await?;
    page.field("Profile image URL").await?;
    let renamed = format!("Dialog renamed {n}");
    page.fill("Name", &renamed).await?;
    page.click_in_dialog("Save").await?;
    page.dialog_closed().await?;
    page.wait_xpath(&format!(
        "//table[@aria-label='Users']//*[normalize-space()={}]",
        xp_lit(&renamed)
    ))
    .await?;
    let fetched = page.wait_js("the dialogs' chunk", dialogs_fetched).await?;
    if fetched != json!(1) {
        return Err(format!("the dialogs' chunk was fetched {fetched} times"));
    }

    // Delete names the user; Cancel keeps them.
    page.click(&format!("Delete {renamed}")).await?;
    page.wait_xpath(&format!(
        "//*[@role='dialog'][.//h2[normalize-space()='Delete user']][contains(., {})]",
        xp_lit(&renamed)
    ))
    .await?;
    cancel(page).await?;

    // Add user, and its CSV import.
    page.click("Add user").await?;
    page.field("Password").await?;
    page.click("Import CSV").await?;
    page.field("CSV file").await?;
    // No file chosen yet, so no Cancel button: Escape closes it.
    page.press(&key(Key::Escape)).await?;
    page.dialog_closed().await?;

    // The bulk actions on a selection.
    page.field(&format!("Select {renamed}"))
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    page.wait_text("1 selected").await?;
    for (button, heading) in [
        ("Change role", "Change role of 1 user"),
        ("Add to group", "Add 1 user to a group"),
        ("Delete selected", "Delete 1 user"),
    ] {
        page.click(button).await?;
        page.wait_xpath(&format!(
            "//dialog[@open][.//h2[normalize-space()={}]]",
            xp_lit(heading)
        ))
        .await?;
        cancel(page).await?;
    }

    // The export of the search, as CSV.
    page.click("Export CSV").await?;
    let csv = page.downloaded("users.csv").await?;
    if !csv.contains(&email) || !csv.contains(&renamed) {
        return Err(format!("the export lacks the user: {csv}"));
    }
    // The export reads every match through the filters' chunk (fetched once), and the Views
    // panel, in the same chunk, opens without another fetch.
    page.click("Views").await?;
    page.field("View name").await?;
    let fetched = page.wait_js("the filters' chunk", filters_fetched).await?;
    if fetched != json!(1) {
        return Err(format!("the filters' chunk was fetched {fetched} times"));
    }

    // Every chunk came from the sub-path, and the CSP blocked nothing.
    let prefix = format!("{}/admin-console/", h.nginx_url);
    let outside = page
        .js(&format!(
            "return performance.getEntriesByType('resource').map(e => e.name)
               .filter(n => n.endsWith('.wasm') && !n.startsWith({}));",
            serde_json::to_string(&prefix).map_err(|e| e.to_string())?
        ))
        .await?;
    if outside != json!([]) {
        return Err(format!("wasm outside the sub-path: {outside}"));
    }
    no_csp_violations(page).await
}

/// Cancels the open dialog and waits until it is gone.
/// A chunk the browser cannot fetch (a dropped connection to where the console is served) is
/// said where the screen or dialog would be, with Retry, and the rest of the console keeps
/// working: before, the loader panicked and the whole console stopped. Retry fetches again.
pub async fn lazy_chunk_that_cannot_be_fetched_says_so_and_retries(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let n = unique();
    create_user(
        h,
        &format!("Chunk user {n}"),
        &format!("lazy-chunk-{n}@example.com"),
        "user",
    )?;
    let app = format!("{}/admin-console", h.nginx_url);
    signed_in_on(
        h,
        page,
        &app,
        &h.nginx_url,
        &format!("/users?q=lazy-chunk-{n}"),
    )
    .await?;
    wait_rows(page, 1).await?;
    let block = |urls: Vec<&str>| page.cdp("Network.setBlockedURLs", json!({ "urls": urls }));
    page.cdp("Network.enable", json!({})).await?;
    block(vec!["*groups_chunk*", "*users_chunk*"]).await?;

    // A screen: the message in place of it, announced.
    let nav = |link: &str| {
        format!(
            "//nav[@aria-label='Main']//a[normalize-space()={}]",
            xp_lit(link)
        )
    };
    click_xpath(page, &nav("Groups")).await?;
    let failed = "//*[@role='alert'][contains(., 'Could not download this part of the console')]";
    page.wait_xpath(failed).await?;
    page.screenshot(&h.artifacts().join("lazy-chunk-failed.png"))
        .await?;
    // The console still works: the users list (main module) opens, with its search.
    page.js("history.back();").await?;
    wait_rows(page, 1).await?;
    // A dialog: Add user says the same where the dialog would open.
    page.click("Add user").await?;
    page.wait_xpath(failed).await?;

    // The connection is back: Retry fetches the chunk and the dialog opens.
    block(vec![]).await?;
    page.wait_xpath(&format!("{failed}//button[normalize-space()='Retry']"))
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    page.field("Password").await?;
    cancel(page).await?;
    click_xpath(page, &nav("Groups")).await?;
    page.heading("Groups").await?;
    Ok(())
}

async fn cancel(page: &Page) -> Result<(), String> {
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await
}

async fn click_xpath(page: &Page, xpath: &str) -> Result<(), String> {
    page.wait_xpath(xpath)
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())
}
