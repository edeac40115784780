//! Editing, deleting and adding users, one at a time, verified on the server.

use super::common::{create_user, search, server_user, signed_in_at, unique};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        users_edit_role_and_name_reach_the_server,
        users_edit_email_taken_shows_on_the_field,
        users_delete_cancel_then_confirm,
        users_add_one_through_the_dialog,
        users_page_shows_everything_with_inherited_groups,
    ]
}

pub async fn users_edit_role_and_name_reach_the_server(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let id = create_user(
        h,
        &format!("Edna {tag}"),
        &format!("edna{tag}@example.com"),
        "pending",
    )?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("edna{tag}"), 1).await?;
    page.click(&format!("Edit Edna {tag}")).await?;
    page.wait_xpath("//*[@role='dialog'][.//h2[normalize-space()='Edit user']]")
        .await?;
    page.fill("Name", &format!("Edna Renamed {tag}")).await?;
    let role = page.field("Role").await?;
    role.select_by_value("user")
        .await
        .map_err(|e| e.to_string())?;
    page.click("Save").await?;
    page.wait_xpath(&format!(
        "//*[@role='status'][contains(., 'Saved Edna Renamed {tag}')]"
    ))
    .await?;
    let u = server_user(h, &id)?.ok_or("user vanished")?;
    if u["name"] != format!("Edna Renamed {tag}") || u["role"] != "user" {
        return Err(format!("server has name {} role {}", u["name"], u["role"]));
    }
    // The table shows the new values without a reload.
    page.wait_text(&format!("Edna Renamed {tag}")).await
}

pub async fn users_edit_email_taken_shows_on_the_field(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let id = create_user(
        h,
        &format!("Tom {tag}"),
        &format!("tom{tag}@example.com"),
        "user",
    )?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("tom{tag}"), 1).await?;
    page.click(&format!("Edit Tom {tag}")).await?;
    page.fill("Email", &h.admin_email).await?;
    page.click("Save").await?;
    // The server's own message, next to the Email field; the dialog stays open with the input kept.
    // In an admin's words, with the server's own text kept.
    page.wait_xpath("//div[contains(@class,'field')][.//label[normalize-space()='Email']]//div[contains(@class,'field-error')][@role='alert'][contains(., 'Another account already uses this email')][contains(., 'already registered')]").await?;
    // The dialog's own alert points at the field instead of repeating it.
    page.wait_xpath("//*[@role='dialog']//div[contains(@class,'error')][@role='alert'][contains(., 'Check the marked field')]").await?;
    let kept = page.value("Email").await?;
    if kept != h.admin_email {
        return Err(format!("the typed email was lost: {kept:?}"));
    }
    let u = server_user(h, &id)?.ok_or("user vanished")?;
    if u["email"] != format!("tom{tag}@example.com") {
        return Err(format!("email changed on the server: {}", u["email"]));
    }
    page.click("Cancel").await?;
    page.wait_js("dialog closed", "!document.querySelector('[role=dialog]')")
        .await
        .map(|_| ())
}

pub async fn users_delete_cancel_then_confirm(h: &Harness, page: &Page) -> Result<(), String> {
    let tag = unique();
    let id = create_user(
        h,
        &format!("Doomed {tag}"),
        &format!("doomed{tag}@example.com"),
        "user",
    )?;
    signed_in_at(h, page, "/users").await?;
    search(page, &format!("doomed{tag}"), 1).await?;
    page.click(&format!("Delete Doomed {tag}")).await?;
    let dialog = page
        .wait_xpath("//*[@role='dialog'][.//h2[normalize-space()='Delete user']]")
        .await?;
    let text = dialog.text().await.map_err(|e| e.to_string())?;
    if !text.contains(&format!("Doomed {tag}")) || !text.contains("chats are deleted") {
        return Err(format!(
            "the delete dialog does not name the user and the chats: {text}"
        ));
    }
    page.click("Cancel").await?;
    page.wait_js("dialog closed", "!document.querySelector('[role=dialog]')")
        .await?;
    if server_user(h, &id)?.is_none() {
        return Err("Cancel deleted the user".into());
    }
    page.click(&format!("Delete Doomed {tag}")).await?;
    page.click_in_dialog("Delete").await?;
    page.wait_xpath(&format!(
        "//*[@role='status'][contains(., 'Deleted Doomed {tag}')]"
    ))
    .await?;
    if server_user(h, &id)?.is_some() {
        return Err("the user still exists after Delete".into());
    }
    page.wait_text(&format!("No users match “doomed{tag}”"))
        .await
}

pub async fn users_add_one_through_the_dialog(h: &Harness, page: &Page) -> Result<(), String> {
    let tag = unique();
    signed_in_at(h, page, "/users").await?;
    page.click("Add user").await?;
    page.fill("Name", &format!("Newt {tag}")).await?;
    page.fill("Email", &format!("Newt{tag}@Example.com"))
        .await?;
    page.fill("Password", "a-new-password").await?;
    page.field("Role")
        .await?
        .select_by_value("pending")
        .await
        .map_err(|e| e.to_string())?;
    page.click("Create").await?;
    page.wait_xpath(&format!(
        "//*[@role='status'][contains(., 'Created Newt {tag}')]"
    ))
    .await?;
    let (_, found) = h
        .api
        .get(&format!("/api/v1/users/?query=newt{tag}&page=1"))?;
    let u = &found["users"][0];
    if u["email"] != format!("newt{tag}@example.com") || u["role"] != "pending" {
        return Err(format!("server has {u}"));
    }
    // The new user can sign in with the password typed.
    h.api
        .signin(&format!("newt{tag}@example.com"), "a-new-password")
        .map(|_| ())
}

pub async fn users_page_shows_everything_with_inherited_groups(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    // A seeded member of Platform (a child of Engineering) inherits Engineering.
    let groups = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
    let platform = groups
        .as_array()
        .and_then(|g| g.iter().find(|g| g["name"] == "Platform"))
        .ok_or("no Platform group")?;
    let (_, members) = h.api.get(&format!(
        "/api/v1/groups/id/{}/members?membership=direct&page=1",
        platform["id"].as_str().unwrap_or("")
    ))?;
    let member = &members["items"][0];
    let (id, name) = (
        member["id"].as_str().unwrap_or(""),
        member["name"].as_str().unwrap_or(""),
    );
    signed_in_at(h, page, &format!("/users/{id}")).await?;
    page.heading(name).await?;
    page.wait_text("Platform").await?;
    page.wait_text("inherited via Platform").await?;
    page.wait_text(member["email"].as_str().unwrap_or(""))
        .await?;
    page.wait_text("Models:").await?;
    page.screenshot(&h.artifacts().join("user-page.png")).await
}
