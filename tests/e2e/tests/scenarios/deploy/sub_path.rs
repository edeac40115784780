//! Deployment A clicked through as a person uses it, under `/admin-console/` behind nginx: after
//! each step the address is exactly right (the sub-path once, the state in the query) and a
//! reload brings back the same screen in the same state.

use super::steps::{nav, no_csp_violations, open_as_open_webui, reloads_the_same};
use crate::scenarios::common::main_nav;
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};

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
    // Its name carries the visible word too ("Sort direction: Ascending").
    page.click("Sort direction: Ascending").await?;
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
