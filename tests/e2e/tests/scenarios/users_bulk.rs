//! Many users at once (CSV import, bulk role change, export), session expiry, stale searches.

use super::common::{
    create_user, search, server_user, sign_in_with_form, signed_in_at, signed_in_on, unique,
    wait_rows,
};
use crate::support::{Harness, Page, SLOW_QUERY};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        users_avatar_from_a_data_uri,
        users_csv_import_with_a_bad_row,
        users_bulk_role_change,
        users_export_csv_has_every_match,
        users_export_while_typing_exports_the_typed_matches,
        users_stale_search_never_wins,
        users_expired_session_returns_to_the_same_screen,
    ]
}

pub async fn users_avatar_from_a_data_uri(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    search(page, "alice.archer0", 1).await?;
    let src = page
        .wait_js(
            "an avatar image",
            "document.querySelector('table[aria-label=Users] tbody .avatar img')?.src",
        )
        .await?;
    if !src
        .as_str()
        .unwrap_or_default()
        .starts_with("data:image/png;base64,")
    {
        return Err(format!("avatar src is {src}"));
    }
    // And it really rendered (decoded to pixels).
    page.wait_js(
        "image decoded",
        "document.querySelector('table[aria-label=Users] tbody .avatar img').naturalWidth > 0",
    )
    .await
    .map(|_| ())
}

pub async fn users_csv_import_with_a_bad_row(h: &Harness, page: &Page) -> Result<(), String> {
    let tag = unique();
    let file = page.downloads.join(format!("import-{tag}.csv"));
    let csv = format!(
        "\u{feff}Name,Email,Password,Role\r\n\"Imp, One {tag}\",imp1{tag}@example.com,pw-one-1,user\r\nImp Two {tag},imp2{tag}@example.com,pw-two-2,pending\r\nImp Bad {tag},not-an-email,pw,user\r\n"
    );
    std::fs::write(&file, csv).map_err(|e| e.to_string())?;
    signed_in_at(h, page, "/users").await?;
    page.click("Add user").await?;
    page.click("Import CSV").await?;
    page.field("CSV file")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|e| e.to_string())?;
    page.wait_text("2 ready to create, 1 with problems").await?;
    page.wait_text("not a valid email").await?;
    if h.api.get(&format!("/api/v1/users/?query={tag}&page=1"))?.1["total"] != 0 {
        return Err("something was created before confirming".into());
    }
    page.click("Create 2 users").await?;
    page.wait_text("2 created, 1 not created").await?;
    page.button("Download failed rows").await?;
    let (_, found) = h.api.get(&format!(
        "/api/v1/users/?query={tag}&order_by=email&direction=asc&page=1"
    ))?;
    let emails: Vec<&str> = found["users"]
        .as_array()
        .map(|u| u.iter().filter_map(|u| u["email"].as_str()).collect())
        .unwrap_or_default();
    if emails
        != [
            format!("imp1{tag}@example.com"),
            format!("imp2{tag}@example.com"),
        ]
    {
        return Err(format!("server has {emails:?}"));
    }
    if found["users"][0]["name"] != format!("Imp, One {tag}")
        || found["users"][1]["role"] != "pending"
    {
        return Err(format!("names/roles not as in the file: {found}"));
    }
    Ok(())
}

pub async fn users_bulk_role_change(h: &Harness, page: &Page) -> Result<(), String> {
    let tag = unique();
    let ids: Vec<String> = (1..=3)
        .map(|i| {
            create_user(
                h,
                &format!("Bulk {i} {tag}"),
                &format!("bulk{i}x{tag}@example.com"),
                "pending",
            )
        })
        .collect::<Result<_, _>>()?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("x{tag}@"), 3).await?;
    page.field("Select all on this page")
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    page.wait_text("3 selected").await?;
    page.click("Change role").await?;
    let dialog = page.wait_xpath("//*[@role='dialog']").await?;
    let text = dialog.text().await.map_err(|e| e.to_string())?;
    if !text.contains("Change role of 3 users") || !text.contains(&format!("Bulk 1 {tag}")) {
        return Err(format!(
            "the confirm does not give the count and names: {text}"
        ));
    }
    page.field("New role")
        .await?
        .select_by_value("user")
        .await
        .map_err(|e| e.to_string())?;
    page.wait_xpath("//*[@role='dialog']//button[normalize-space()='Change role']")
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    page.wait_xpath("//ul[@aria-label='Results']").await?;
    for id in &ids {
        let u = server_user(h, id)?.ok_or("user vanished")?;
        if u["role"] != "user" {
            return Err(format!("{} still has role {}", u["name"], u["role"]));
        }
    }
    page.click("Close").await?;
    page.wait_js(
        "selection cleared",
        "!document.body.innerText.includes('3 selected')",
    )
    .await
    .map(|_| ())
}

pub async fn users_export_csv_has_every_match(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users?q=example").await?;
    wait_rows(page, 30).await?;
    let (_, first) = h.api.get("/api/v1/users/?query=example&page=1")?;
    let total = first["total"].as_u64().unwrap_or(0);
    if total <= 30 {
        return Err(format!(
            "need more than one page of matches to test the walk, have {total}"
        ));
    }
    page.click("Export CSV").await?;
    let csv = page.downloaded("users.csv").await?;
    let lines: Vec<&str> = csv.lines().collect();
    if lines
        .first()
        .is_none_or(|h| !h.starts_with("Name,Email,Role,Groups"))
    {
        return Err(format!("unexpected header: {:?}", lines.first()));
    }
    if lines.len() as u64 != total + 1 {
        return Err(format!("{} data lines, expected {total}", lines.len() - 1));
    }
    if !csv.contains(&h.admin_email) || !csv.contains("Engineering") {
        return Err("the export lacks the admin or group names".into());
    }
    Ok(())
}

/// Export right after typing (within the search's pause, before the URL and the table follow):
/// the file holds what the box says, not everyone.
pub async fn users_export_while_typing_exports_the_typed_matches(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    let (_, v) = h.api.get("/api/v1/users/?query=alice&page=1")?;
    let n = v["total"].as_u64().unwrap_or(0);
    if n == 0 || n >= 30 {
        return Err(format!(
            "seed data should have a few users matching alice, has {n}"
        ));
    }
    // Typing and the click in one go, so the click surely lands within the pause.
    let url = page
        .js("const box = document.querySelector('input[aria-label=\"Search users\"]');
             box.value = 'alice';
             box.dispatchEvent(new Event('input', { bubbles: true }));
             [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Export CSV').click();
             return location.search;")
        .await?;
    if url.as_str().unwrap_or_default().contains("q=alice") {
        return Err("the search reached the URL before the click: the test proves nothing".into());
    }
    let csv = page.downloaded("users.csv").await?;
    let lines = csv.lines().count() as u64;
    if lines != n + 1 {
        return Err(format!(
            "{} data lines, expected the {n} matches of alice",
            lines - 1
        ));
    }
    page.wait_xpath(&format!(
        "//*[@role='status'][contains(., 'Exported {n} user')]"
    ))
    .await
    .map(|_| ())
}

pub async fn users_stale_search_never_wins(h: &Harness, page: &Page) -> Result<(), String> {
    // Through the proxy that answers searches for SLOW_QUERY 2.5 s late.
    signed_in_on(h, page, &h.app_proxied_url, &h.app_proxied_url, "/users").await?;
    wait_rows(page, 30).await?;
    page.fill("Search users", SLOW_QUERY).await?;
    // The slow request is on its way once the URL carries it.
    page.wait_js(
        "slow search sent",
        &format!("location.search.includes('q={SLOW_QUERY}')"),
    )
    .await?;
    page.fill("Search users", "alice").await?;
    let (_, v) = h.api.get("/api/v1/users/?query=alice&page=1")?;
    let n = v["total"].as_u64().unwrap_or(0);
    wait_rows(page, n).await?;
    // Long enough for the slow answer to have arrived, had it not been cancelled: the table must
    // keep showing the newer search the whole time.
    let end = tokio::time::Instant::now() + std::time::Duration::from_secs(4);
    while tokio::time::Instant::now() < end {
        let rows = page.row_count("Users").await?;
        let text = page.body_text().await?;
        if rows != n || text.contains("No users match") {
            return Err(format!(
                "an older search overwrote the newer one ({rows} rows)"
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}

pub async fn users_expired_session_returns_to_the_same_screen(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    // A second admin, so that revoking sessions does not end the harness's own.
    let tag = unique();
    let email = format!("admin2x{tag}@example.com");
    let id = create_user(h, &format!("Second Admin {tag}"), &email, "admin")?;
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.owui_url),
        &email,
        "e2e-password-1",
    )
    .await?;
    page.wait_xpath("//nav[@aria-label='Main']").await?;
    // Next page is enabled once the first page (and so the total) is there.
    wait_rows(page, 30).await?;
    page.click("Next page").await?;
    page.wait_js("on page 2", "location.search.includes('page=2')")
        .await?;
    h.api.ok(
        h.api.post(
            &format!("/api/v1/users/{id}/sessions/revoke"),
            serde_json::json!({}),
        ),
        "revoke",
    )?;
    // The next request the app makes meets the revoked token.
    page.fill("Search users", "a").await?;
    page.heading("Sign in").await?;
    page.wait_xpath("//*[@role='alert'][contains(., 'expired') or contains(., 'sign in again')]")
        .await?;
    // Sign in opens over the screen: the table and what was typed are still there behind it.
    page.wait_xpath("//dialog[@open]//h2[normalize-space()='Sign in']")
        .await?;
    if page.value("Search users").await? != "a" {
        return Err("the typed search was lost when the session expired".into());
    }
    page.screenshot(&h.artifacts().join("reauth-dialog.png"))
        .await?;
    // Server and email are known: the password is where typing goes.
    page.wait_js(
        "focus on the password",
        "document.activeElement?.getAttribute('name') === 'password'",
    )
    .await?;
    // The form remembers the server and the email; only the password is asked again.
    let server = page.value("Server URL").await?;
    let prefilled = page.value("Email").await?;
    if server != h.owui_url || prefilled != email {
        return Err(format!(
            "Sign in is prefilled with {server:?} / {prefilled:?}"
        ));
    }
    page.fill("Password", "e2e-password-1").await?;
    page.click("Sign in").await?;
    page.wait_xpath("//nav[@aria-label='Main']").await?;
    let url = page.current_url().await?;
    if !url.contains("/users") || !url.contains("q=a") {
        return Err(format!("after signing in again the app is at {url}"));
    }
    Ok(())
}
