//! "Select all N matching" bulk actions over more than one page, Cancel, per-user results; suspend and reactivate (issue 13).

use serde_json::{Value, json};

use super::common::{create_user, search, server_user, signed_in_at, signed_in_on, unique};
use crate::support::page::DEADLINE;
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        users_matching_select_all_changes_role_across_pages,
        users_matching_cancel_leaves_each_user_changed_or_not,
        users_matching_suspend_and_reactivate_round_trip,
        users_matching_delete_offers_suspend_instead,
    ]
}

/// `n` users named "{prefix} {i} {tag}" with emails "{prefix}{i}x{tag}@example.com".
fn seed(h: &Harness, prefix: &str, tag: &str, n: usize, role: &str) -> Result<Vec<String>, String> {
    (1..=n)
        .map(|i| {
            create_user(
                h,
                &format!("{prefix} {i} {tag}"),
                &format!("{}{i}x{tag}@example.com", prefix.to_lowercase()),
                role,
            )
        })
        .collect()
}

fn role_of(h: &Harness, id: &str) -> Result<String, String> {
    let u = server_user(h, id)?.ok_or_else(|| format!("user {id} vanished"))?;
    Ok(u["role"].as_str().unwrap_or_default().to_string())
}

/// Each results line's outcome by the user's name (`data-outcome` on each `li`).
async fn outcomes(page: &Page) -> Result<Vec<(String, String)>, String> {
    page.wait_xpath("//ul[@aria-label='Results']").await?;
    let v = page
        .js("return [...document.querySelectorAll('ul[aria-label=Results] li')].map(li => [li.querySelector('strong').textContent, li.dataset.outcome]);")
        .await?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap_or_default().to_string(),
                        p[1].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

async fn tick_page(page: &Page) -> Result<(), String> {
    page.field("Select all on this page")
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())
}

async fn until(what: &str, mut check: impl FnMut() -> Result<bool, String>) -> Result<(), String> {
    let end = tokio::time::Instant::now() + DEADLINE;
    while tokio::time::Instant::now() < end {
        if check()? {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("timed out waiting for {what}"))
}

/// The console's suspension group as the server has it (found by its marker).
fn suspension_group(h: &Harness) -> Result<Option<Value>, String> {
    let groups = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
    Ok(groups.as_array().and_then(|gs| {
        gs.iter()
            .find(|g| g["data"]["owui_admin_suspended_group"] == json!(true))
            .cloned()
    }))
}

fn group_member_ids(h: &Harness, gid: &str) -> Result<Vec<String>, String> {
    let v = h.api.ok(
        h.api.get(&format!("/api/v1/groups/id/{gid}/export")),
        "group export",
    )?;
    Ok(v["user_ids"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

pub async fn users_matching_select_all_changes_role_across_pages(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let ids = seed(h, "Match", &tag, 34, "pending")?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("x{tag}@"), 30).await?;
    // The unfiltered first page has 30 rows too: wait for the search's own total.
    page.wait_text("34 users").await?;
    tick_page(page).await?;
    page.wait_text("30 selected").await?;
    page.screenshot(&h.artifacts().join("bulk-select-all-matching.png"))
        .await?;
    page.click("Select all 34 matching").await?;
    page.wait_text("All 34 matching selected").await?;
    page.click("Change role").await?;
    // Collected across both pages before the confirm names them.
    page.wait_xpath("//*[@role='dialog']//h2[normalize-space()='Change role of 34 users']")
        .await?;
    let text = page
        .wait_xpath("//*[@role='dialog']")
        .await?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    if !text.contains(&format!("Match 1 {tag}")) || !text.contains("and 22 more") {
        return Err(format!("the confirm does not name a sample: {text}"));
    }
    page.field("New role")
        .await?
        .select_by_value("user")
        .await
        .map_err(|e| e.to_string())?;
    page.click_in_dialog("Change role").await?;
    let rows = outcomes(page).await?;
    if rows.len() != 34 || rows.iter().any(|(_, o)| o != "done") {
        return Err(format!("results: {rows:?}"));
    }
    page.wait_text("34 done, 0 failed").await?;
    for id in &ids {
        if role_of(h, id)? != "user" {
            return Err(format!("{id} kept its role"));
        }
    }
    page.screenshot(&h.artifacts().join("bulk-matching-results.png"))
        .await?;
    page.click_in_dialog("Close").await?;
    page.wait_js(
        "selection cleared",
        "!document.body.innerText.includes('matching selected')",
    )
    .await
    .map(|_| ())
}

/// Cancel while the first four role changes are held by the fault proxy: those four finish, no
/// other starts, and the results say exactly who was changed.
pub async fn users_matching_cancel_leaves_each_user_changed_or_not(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let ids = seed(h, "Stop", &tag, 10, "pending")?;
    signed_in_on(h, page, &h.fault_url, &h.fault_url, "/users").await?;
    search(page, &format!("x{tag}@"), 10).await?;
    tick_page(page).await?;
    page.wait_text("10 selected").await?;
    page.click("Change role").await?;
    page.field("New role")
        .await?
        .select_by_value("user")
        .await
        .map_err(|e| e.to_string())?;
    h.faults
        .set(Rule::new("POST", "/update", Fault::Delay(60.0)))?;
    page.click_in_dialog("Change role").await?;
    // Four calls are under way (held), none finished.
    until("four calls held", || Ok(h.faults.hits()? >= 4)).await?;
    page.click_in_dialog("Cancel").await?;
    page.wait_xpath("//*[@role='dialog']//button[normalize-space()='Cancelling…']")
        .await?;
    h.faults.clear()?; // the held calls go on to the server now
    let rows = outcomes(page).await?;
    let hits = 4;
    let done: Vec<&String> = rows
        .iter()
        .filter(|(_, o)| o == "done")
        .map(|(n, _)| n)
        .collect();
    let skipped = rows.iter().filter(|(_, o)| o == "not attempted").count();
    if rows.len() != 10 || done.len() != hits || skipped != 10 - hits {
        return Err(format!("results after Cancel: {rows:?}"));
    }
    page.wait_text("4 done, 0 failed, 6 not attempted").await?;
    // The server agrees with the results, user by user.
    for (i, id) in ids.iter().enumerate() {
        let name = format!("Stop {} {tag}", i + 1);
        let role = role_of(h, id)?;
        let said_done = done.contains(&&name);
        if (role == "user") != said_done || !(role == "user" || role == "pending") {
            return Err(format!(
                "{name}: server role {role}, results say done={said_done}"
            ));
        }
    }
    page.screenshot(&h.artifacts().join("bulk-cancelled.png"))
        .await?;
    Ok(())
}

pub async fn users_matching_suspend_and_reactivate_round_trip(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let email = format!("susp1x{tag}@example.com");
    let id = create_user(h, &format!("Susp 1 {tag}"), &email, "user")?;
    let admin = create_user(
        h,
        &format!("Susp Admin {tag}"),
        &format!("susp2x{tag}@example.com"),
        "admin",
    )?;
    // The user's own session, to see it die.
    let token = h.api.signin(&email, "e2e-password-1")?;
    let own = h.api.as_token(&token);
    if own.get("/api/v1/auths/")?.0 != 200 {
        return Err("the user's own token does not work before the suspend".into());
    }
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("x{tag}@"), 2).await?;
    tick_page(page).await?;
    page.click("Suspend").await?;
    let dialog = page.wait_xpath("//*[@role='dialog']").await?;
    let text = dialog.text().await.map_err(|e| e.to_string())?;
    for needed in [
        "signed out",
        "pending",
        "cannot sign in until reactivated",
        "API keys keep working",
        "Admins can be suspended only on purpose",
    ] {
        if !text.contains(needed) {
            return Err(format!(
                "the suspend confirm does not say {needed:?}: {text}"
            ));
        }
    }
    page.screenshot(&h.artifacts().join("suspend-confirm.png"))
        .await?;
    // The admin is not ticked: only the user is suspended.
    page.click_in_dialog("Suspend").await?;
    let rows = outcomes(page).await?;
    if rows != [(format!("Susp 1 {tag}"), "done".to_string())] {
        return Err(format!("suspend results: {rows:?}"));
    }
    if role_of(h, &id)? != "pending" || role_of(h, &admin)? != "admin" {
        return Err("suspend changed the wrong roles".into());
    }
    let status = own.get("/api/v1/auths/")?.0;
    if status != 401 {
        return Err(format!("the suspended user's token still answers {status}"));
    }
    let group = suspension_group(h)?.ok_or("no suspension group on the server")?;
    let gid = group["id"].as_str().unwrap_or_default().to_string();
    let record = &group["data"]["suspended"][&id];
    if record["role"] != "user" || record["by_name"] != h.admin_name.as_str() {
        return Err(format!("the record is {record}"));
    }
    if !group_member_ids(h, &gid)?.contains(&id) {
        return Err("the suspended user is not in the suspension group".into());
    }
    page.click_in_dialog("Close").await?;
    // The table marks them.
    page.wait_xpath(&format!(
        "//table[@aria-label='Users']//tr[contains(., 'Susp 1 {tag}')]//span[normalize-space()='Suspended']"
    ))
    .await?;

    // Reactivate from the user's page.
    page.goto(&format!("{}/users/{id}", h.app_url)).await?;
    page.wait_xpath("//span[contains(@class,'badge')][normalize-space()='Suspended']")
        .await?;
    page.wait_text(&format!("by {}", h.admin_name)).await?;
    page.screenshot(&h.artifacts().join("suspended-user-page.png"))
        .await?;
    page.click("Reactivate").await?;
    page.click_in_dialog("Reactivate").await?;
    let rows = outcomes(page).await?;
    if rows != [(format!("Susp 1 {tag}"), "done".to_string())] {
        return Err(format!("reactivate results: {rows:?}"));
    }
    if role_of(h, &id)? != "user" {
        return Err(format!("role after reactivate: {}", role_of(h, &id)?));
    }
    let group = suspension_group(h)?.ok_or("the suspension group vanished")?;
    if !group["data"]["suspended"][&id].is_null() || group_member_ids(h, &gid)?.contains(&id) {
        return Err(format!(
            "the suspension is still recorded: {}",
            group["data"]
        ));
    }
    page.click_in_dialog("Close").await?;
    page.wait_xpath("//button[normalize-space()='Suspend']")
        .await
        .map(|_| ())
}

pub async fn users_matching_delete_offers_suspend_instead(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let name = format!("Keep {tag}");
    let id = create_user(h, &name, &format!("keepx{tag}@example.com"), "user")?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("keepx{tag}@"), 1).await?;
    page.click(&format!("Delete {name}")).await?;
    let text = page
        .wait_xpath("//*[@role='dialog']")
        .await?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    if !text.contains("chats are deleted") || !text.contains("files they uploaded stay") {
        return Err(format!(
            "the delete confirm does not say what is lost: {text}"
        ));
    }
    page.click_in_dialog("Suspend instead").await?;
    page.wait_xpath("//*[@role='dialog']//h2[normalize-space()='Suspend 1 user']")
        .await?;
    page.click_in_dialog("Suspend").await?;
    let rows = outcomes(page).await?;
    if rows != [(name.clone(), "done".to_string())] {
        return Err(format!("results: {rows:?}"));
    }
    let u = server_user(h, &id)?.ok_or("the user was deleted")?;
    if u["role"] != "pending" {
        return Err(format!("role after Suspend instead: {}", u["role"]));
    }
    // The bulk Delete offers it too; seen in dark mode, with the table's mark.
    let dark = Page::open_dark(&h.webdriver_url).await?;
    let r = async {
        signed_in_at(h, &dark, "/users").await?;
        search(&dark, &format!("keepx{tag}@"), 1).await?;
        dark.wait_xpath("//table[@aria-label='Users']//span[normalize-space()='Suspended']")
            .await?;
        tick_page(&dark).await?;
        dark.click("Delete selected").await?;
        dark.wait_xpath("//*[@role='dialog']//button[normalize-space()='Suspend instead']")
            .await?;
        dark.screenshot(&h.artifacts().join("bulk-delete-dark.png"))
            .await
    }
    .await;
    dark.close().await;
    r
}
