//! Groups, group permissions and default permissions against the live server. Each scenario
//! makes its own uniquely named groups and checks the server's stored state through the API.

pub mod steps;

use serde_json::{Value, json};

use super::common::{create_user, signed_in_at};
use crate::support::line::Feature;
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};
use steps::*;

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        groups_nested_tree_rename_and_cycle,
        groups_members_add_remove_inherited_csv,
        groups_permissions_keep_other_and_unknown_keys,
        groups_export_and_delete_promotes_children,
        groups_tab_and_members_page_survive_reload,
        permissions_defaults_change_and_reset,
    ]
}

pub async fn groups_nested_tree_rename_and_cycle(h: &Harness, page: &Page) -> Result<(), String> {
    let s = suffix();
    let (parent, child) = (format!("Tree parent {s}"), format!("Tree child {s}"));
    signed_in_at(h, page, "/groups").await?;
    page.heading("Groups").await?;
    // Create the parent through the New group form.
    page.click("New group").await?;
    page.heading("New group").await?;
    page.fill("Name", &parent).await?;
    page.fill("Description", "made by e2e").await?;
    screenshots(h, page, "group-new").await?;
    // /groups/new is its own screen: a reload opens the same empty form.
    page.client.refresh().await.map_err(err)?;
    page.heading("New group").await?;
    if !page.value("Name").await?.is_empty() {
        return Err("a reloaded New group form is not empty".into());
    }
    page.fill("Name", &parent).await?;
    page.fill("Description", "made by e2e").await?;
    page.click("Create").await?;
    page.heading(&parent).await?;
    let p = group_by_name(h, &parent)?;
    let pid = p["id"].as_str().unwrap_or_default().to_string();
    page.wait_js(
        "URL of the new group",
        &format!("location.pathname.endsWith('/groups/{pid}')"),
    )
    .await?;
    // The child, nested under it with the parent picker.
    page.goto(&format!("{}/groups/new", h.app_url)).await?;
    page.heading("New group").await?;
    page.fill("Name", &child).await?;
    page.field("Parent group")
        .await?
        .select_by_label(&parent)
        .await
        .map_err(err)?;
    page.click("Create").await?;
    page.heading(&child).await?;
    let c = group_by_name(h, &child)?;
    let cid = c["id"].as_str().unwrap_or_default().to_string();
    if c["parent_group_id"] != json!(pid) {
        return Err(format!("child stored with parent {}", c["parent_group_id"]));
    }
    // The tree shows the child under the parent, with its path; search keeps the parent visible.
    page.goto(&format!(
        "{}/groups?q={}",
        h.app_url,
        "Tree%20child%20".to_string() + &s
    ))
    .await?;
    page.wait_text(&format!("{parent} / {child}")).await?;
    page.wait_xpath(&format!(
        "//table[@aria-label='Groups']//a[normalize-space()={}]",
        xp_lit(&parent)
    ))
    .await?;
    // Created from the defaults, it grants nothing extra: "Uses defaults" (once they arrive).
    page.wait_xpath(&format!(
        "//table[@aria-label='Groups']//tr[.//a[normalize-space()={}]]//span[normalize-space()='Uses defaults']",
        xp_lit(&parent)
    ))
    .await?;
    let rows = page.row_count("Groups").await?;
    if rows != 2 {
        return Err(format!(
            "search for the child shows {rows} rows, expected child + parent"
        ));
    }
    let opened = api_calls(page).await?;
    eprintln!(
        "[e2e] groups list made {} API calls on open: {opened:?}",
        opened.len()
    );
    screenshots(h, page, "groups-list").await?;
    // Phone width: the tree stays usable.
    page.client.set_window_size(400, 850).await.map_err(err)?;
    page.screenshot(&h.artifacts().join("groups-list-mobile.png"))
        .await?;
    page.client.set_window_size(1400, 1000).await.map_err(err)?;
    // Sorting by member count lands in the URL and survives a reload.
    page.field("Sort by")
        .await?
        .select_by_label("Member count")
        .await
        .map_err(err)?;
    page.wait_js("sort in URL", "location.search.includes('sort=members')")
        .await?;
    page.client.refresh().await.map_err(err)?;
    page.wait_js(
        "sort select after reload",
        "document.getElementById('group-sort')?.value === 'members'",
    )
    .await?;
    page.wait_text(&format!("{parent} / {child}")).await?;
    // Collapse the parent (without a search): the child disappears.
    page.goto(&format!("{}/groups", h.app_url)).await?;
    page.click(&format!("Collapse {parent}")).await?;
    page.button(&format!("Expand {parent}")).await?;
    if page
        .body_text()
        .await?
        .contains(&format!("{parent} / {child}"))
    {
        return Err("a collapsed parent still shows its child".into());
    }
    // Rename the child.
    page.click(&format!("Expand {parent}")).await?;
    click_xpath(page, &format!("//a[normalize-space()={}]", xp_lit(&child))).await?;
    page.heading(&child).await?;
    let renamed = format!("{child} renamed");
    page.fill("Name", &renamed).await?;
    page.click("Save").await?;
    page.heading(&renamed).await?;
    wait_group(h, &cid, "the new name", |g| g["name"] == json!(renamed)).await?;
    screenshots(h, page, "group-general").await?;
    // A cycle the picker cannot offer: X's screen is open, meanwhile Y is nested under X
    // through the API; choosing Y as X's parent is refused by the server, on the field.
    let x = create_group(
        h,
        json!({"name": format!("Cycle X {s}"), "description": ""}),
    )?;
    let y = create_group(
        h,
        json!({"name": format!("Cycle Y {s}"), "description": ""}),
    )?;
    let xid = x["id"].as_str().unwrap_or_default();
    page.goto(&format!("{}/groups/{xid}", h.app_url)).await?;
    page.heading(&format!("Cycle X {s}")).await?;
    h.api.ok(
        h.api.post(
            &format!(
                "/api/v1/groups/id/{}/update",
                y["id"].as_str().unwrap_or_default()
            ),
            json!({"name": format!("Cycle Y {s}"), "description": "", "parent_group_id": xid}),
        ),
        "nest Y under X",
    )?;
    page.field("Parent group")
        .await?
        .select_by_label(&format!("Cycle Y {s}"))
        .await
        .map_err(err)?;
    page.click("Save").await?;
    // The server's message stands at the Parent group field (its own error, not a banner).
    page.wait_xpath("//select[@name='parent_group_id']/ancestor::div[contains(@class,'field')][1]//*[contains(@class,'field-error') and @role='alert' and contains(.,'cannot be its own parent or a descendant of itself')]")
        .await?;
    let typed = page
        .field("Parent group")
        .await?
        .prop("value")
        .await
        .map_err(err)?;
    if typed.as_deref() != y["id"].as_str() {
        return Err(format!("the failed save lost the chosen parent: {typed:?}"));
    }
    if !group(h, xid)?["parent_group_id"].is_null() {
        return Err("the cycle was stored".into());
    }
    Ok(())
}

pub async fn groups_members_add_remove_inherited_csv(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let p = create_group(
        h,
        json!({"name": format!("Members parent {s}"), "description": ""}),
    )?;
    let pid = p["id"].as_str().unwrap_or_default().to_string();
    let c = create_group(
        h,
        json!({"name": format!("Members child {s}"), "description": "", "parent_group_id": pid}),
    )?;
    let cid = c["id"].as_str().unwrap_or_default().to_string();
    let users: Vec<Value> = h
        .api
        .all_users()?
        .into_iter()
        .filter(|u| u["role"] == "user")
        .collect();
    if users.len() < 6 {
        return Err("seed data should have at least 6 users with the role user".into());
    }
    let name = |i: usize| users[i]["name"].as_str().unwrap_or_default().to_string();
    let email = |i: usize| users[i]["email"].as_str().unwrap_or_default().to_string();
    // Deep link straight to the Members tab.
    signed_in_at(h, page, &format!("/groups/{cid}?tab=members")).await?;
    page.heading(&format!("Members child {s}")).await?;
    let opened = api_calls(page).await?;
    eprintln!(
        "[e2e] group screen made {} API calls on open: {opened:?}",
        opened.len()
    );
    // Pick three users through three searches, add them in one call.
    for i in 0..3 {
        page.fill("Search users to add", &email(i)).await?;
        page.field(&format!("Select {}", name(i)))
            .await?
            .click()
            .await
            .map_err(err)?;
    }
    page.wait_text("3 selected").await?;
    page.wait_xpath("//nav[@aria-label='Pagination'][contains(.,'Page 1 of 1')]")
        .await?;
    page.wait_xpath(
        "//nav[@aria-label='Pagination']//button[normalize-space()='Next page' and @disabled]",
    )
    .await?;
    page.click("Add selected").await?;
    page.wait_text("Added 3 members").await?;
    let ids = export_ids(h, &cid)?;
    if ids.len() != 3 {
        return Err(format!(
            "server has {} members after adding three",
            ids.len()
        ));
    }
    let adds = api_calls(page)
        .await?
        .iter()
        .filter(|u| u.contains("/users/add"))
        .count();
    if adds != 1 {
        return Err(format!("adding three members took {adds} users/add calls"));
    }
    page.wait_xpath(&format!(
        "//table[@aria-label='Members']//a[normalize-space()={}]",
        xp_lit(&name(2))
    ))
    .await?;
    // Remove one, confirmed.
    page.click(&format!("Remove {}", name(1))).await?;
    page.wait_text("will lose this group's membership").await?;
    page.click("Remove from group").await?;
    page.wait_text(&format!("Removed {}", name(1))).await?;
    if export_ids(h, &cid)?.len() != 2 {
        return Err("removing one member did not leave two".into());
    }
    // CSV import: two known emails (one twice, different case) and an unknown one.
    click_xpath(page, "//summary[contains(.,'Import members from CSV')]").await?;
    let csv = format!(
        "Name,Email\nA,{}\nB,{}\nC,{}\nNobody,nobody-{s}@example.com",
        email(3),
        email(4),
        email(3).to_uppercase()
    );
    page.fill("Emails or CSV", &csv).await?;
    page.click("Preview import").await?;
    page.wait_text(&format!(
        "1 unknown email(s), not added: nobody-{s}@example.com"
    ))
    .await?;
    page.click("Add 2 members").await?;
    page.wait_text("Added 2 members from the CSV").await?;
    let ids = export_ids(h, &cid)?;
    let want = [&users[3]["id"], &users[4]["id"]];
    if ids.len() != 4 || !want.iter().all(|w| ids.iter().any(|i| json!(i) == **w)) {
        return Err(format!("after the CSV import the server has {ids:?}"));
    }
    // The parent shows the child's members as inherited (from 0.12; before, groups do not
    // nest: the child was made top level and the parent has nobody, inherited or direct).
    page.goto(&format!("{}/groups/{pid}?tab=members", h.app_url))
        .await?;
    page.heading(&format!("Members parent {s}")).await?;
    click_xpath(page, "//button[starts-with(normalize-space(),'Inherited')]").await?;
    if !h.has(Feature::Nesting) {
        page.wait_xpath("//button[normalize-space()='Inherited (0)']")
            .await?;
        page.wait_xpath("//button[normalize-space()='Direct (0)']")
            .await?;
        page.wait_text("No members in this view.").await?;
        return screenshots(h, page, "group-members").await;
    }
    page.wait_xpath("//button[normalize-space()='Inherited (4)']")
        .await?;
    page.wait_text(&format!("inherited via Members child {s}"))
        .await?;
    page.wait_xpath(&format!(
        "//table[@aria-label='Members']//a[normalize-space()={}]",
        xp_lit(&name(0))
    ))
    .await?;
    screenshots(h, page, "group-members").await
}

pub async fn groups_permissions_keep_other_and_unknown_keys(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let stored = json!({"workspace": {"models": true}, "chat": {"e2e_future_key": true}, "labs": {"x": true}});
    let g = create_group(
        h,
        json!({"name": format!("Perms {s}"), "description": "", "permissions": stored}),
    )?;
    let id = g["id"].as_str().unwrap_or_default().to_string();
    signed_in_at(h, page, &format!("/groups/{id}")).await?;
    page.heading(&format!("Perms {s}")).await?;
    page.click("Permissions").await?;
    page.wait_js(
        "tab in the URL",
        "location.search.includes('tab=permissions')",
    )
    .await?;
    // Every default key, plus the unknown ones, with their dotted names.
    for name in [
        "workspace.models",
        "chat.file_upload",
        "features.web_search",
        "chat.e2e_future_key",
        "labs.x",
    ]
    .into_iter()
    // The settings section exists from 0.7 (0.6.43 has four sections).
    .chain(h.has(Feature::SixSections).then_some("settings.interface"))
    {
        page.wait_css(&format!("input[type=checkbox][name='{name}']"))
            .await?;
    }
    let checked = page
        .js("return document.querySelector(\"input[name='chat.e2e_future_key']\").checked;")
        .await?;
    if checked != json!(true) {
        return Err("the unknown key stored as true is not shown checked".into());
    }
    page.wait_text("On by default").await?;
    click_css(page, "input[name='features.web_search']").await?;
    page.wait_text("Web search (features.web_search): not set → on")
        .await?;
    screenshots(h, page, "group-permissions").await?;
    page.js("document.querySelector(\"input[name='labs.x']\").scrollIntoView(); return true;")
        .await?;
    screenshots(h, page, "group-permissions-unknown").await?;
    page.click("Save").await?;
    let saved = wait_group(h, &id, "features.web_search", |g| {
        g["permissions"]["features"]["web_search"] == json!(true)
    })
    .await?;
    let perms = &saved["permissions"];
    if perms["workspace"]["models"] != json!(true)
        || perms["chat"]["e2e_future_key"] != json!(true)
        || perms["labs"]["x"] != json!(true)
    {
        return Err(format!("saving one toggle lost other keys: {perms}"));
    }
    page.wait_text("No unsaved permission changes.").await
}

pub async fn groups_export_and_delete_promotes_children(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let top = create_group(h, json!({"name": format!("Top {s}"), "description": ""}))?;
    let tid = top["id"].as_str().unwrap_or_default().to_string();
    let mid = create_group(
        h,
        json!({"name": format!("Middle {s}"), "description": "", "parent_group_id": tid}),
    )?;
    let mid_id = mid["id"].as_str().unwrap_or_default().to_string();
    let low = create_group(
        h,
        json!({"name": format!("Low {s}"), "description": "", "parent_group_id": mid_id}),
    )?;
    let low_id = low["id"].as_str().unwrap_or_default().to_string();
    let member = h
        .api
        .all_users()?
        .into_iter()
        .find(|u| u["role"] == "user")
        .ok_or("no user")?;
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{mid_id}/users/add"),
            json!({"user_ids": [member["id"]]}),
        ),
        "add",
    )?;
    signed_in_at(h, page, &format!("/groups/{mid_id}")).await?;
    page.heading(&format!("Middle {s}")).await?;
    // Capture what the download link carries.
    page.js("const o = URL.createObjectURL; URL.createObjectURL = function (b) { b.text().then(t => window.__exported = t); return o.call(URL, b); }; return true;").await?;
    page.click("Export").await?;
    let text = page
        .wait_js("the exported file", "window.__exported")
        .await?;
    let exported: Value = serde_json::from_str(text.as_str().unwrap_or_default()).map_err(err)?;
    if exported["name"] != json!(format!("Middle {s}"))
        || exported["user_ids"] != json!([member["id"]])
        || exported["parent_group_id"] != json!(tid)
    {
        return Err(format!("unexpected export: {exported}"));
    }
    page.click("Delete group").await?;
    page.wait_text(&format!("Its child groups “Low {s}” move up to “Top {s}”"))
        .await?;
    page.wait_text("1 direct membership(s) will be removed")
        .await?;
    page.click("Delete").await?;
    page.heading("Groups").await?;
    if h.api.get(&format!("/api/v1/groups/id/{mid_id}"))?.0 != 404 {
        return Err("the deleted group is still there".into());
    }
    if group(h, &low_id)?["parent_group_id"] != json!(tid) {
        return Err("the child was not promoted to the deleted group's parent".into());
    }
    page.wait_text(&format!("Top {s} / Low {s}")).await
}

pub async fn groups_tab_and_members_page_survive_reload(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let g = create_group(h, json!({"name": format!("Pages {s}"), "description": ""}))?;
    let id = g["id"].as_str().unwrap_or_default().to_string();
    // 45 members: two pages of 30, whatever other scenarios added to the server meanwhile (it
    // makes the users it lacks, so it passes alone or after any others).
    let mut ids: Vec<Value> = h
        .api
        .all_users()?
        .into_iter()
        .take(45)
        .map(|u| u["id"].clone())
        .collect();
    for i in ids.len()..45 {
        let id = create_user(
            h,
            &format!("Pages user {s} {i}"),
            &format!("pages-{s}-{i}@example.com"),
            "user",
        )?;
        ids.push(json!(id));
    }
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{id}/users/add"),
            json!({"user_ids": ids}),
        ),
        "add 45 users",
    )?;
    signed_in_at(h, page, &format!("/groups/{id}?tab=members")).await?;
    page.heading(&format!("Pages {s}")).await?;
    let pager = "//nav[@aria-label='Pagination']";
    page.wait_xpath(&format!("{pager}[contains(.,'Page 1 of 2')]"))
        .await?;
    page.click("Next page").await?;
    page.wait_js(
        "members page in the URL",
        "location.search.includes('tab=members') && location.search.includes('page=2')",
    )
    .await?;
    page.wait_xpath(&format!("{pager}[contains(.,'Page 2 of 2')]"))
        .await?;
    // Tab and members page survive a reload.
    page.client.refresh().await.map_err(err)?;
    page.heading(&format!("Pages {s}")).await?;
    page.wait_xpath(
        "//button[@role='tab' and @aria-selected='true' and normalize-space()='Members']",
    )
    .await?;
    page.wait_xpath(&format!("{pager}[contains(.,'Page 2 of 2')]"))
        .await?;
    // Back to General through the tab, which lands in the URL too.
    page.click("General").await?;
    page.wait_js("tab left the URL", "!location.search.includes('tab=')")
        .await?;
    // (A save that never gets an answer is faults::fault_group_save_hang_gives_save_back,
    // through the fault proxy in front of the real server.)
    Ok(())
}

pub async fn permissions_defaults_change_and_reset(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/permissions").await?;
    page.heading("Default permissions").await?;
    page.wait_css("input[name='chat.share']").await?;
    let opened = api_calls(page).await?;
    eprintln!(
        "[e2e] default permissions made {} API calls on open: {opened:?}",
        opened.len()
    );
    // The sections as the server has them (six; four on 0.6): all shown, all sent back.
    let before = h
        .api
        .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    let want = if h.has(Feature::SixSections) { 6 } else { 4 };
    if keys(&before).len() != want {
        return Err(format!(
            "Open WebUI {} has sections {:?}",
            h.version,
            keys(&before)
        ));
    }
    for section in keys(&before) {
        page.wait_css(&format!("input[type=checkbox][name^='{section}.']"))
            .await?;
    }
    click_css(page, "input[name='chat.share']").await?;
    page.wait_text("Share chats (chat.share): on → off").await?;
    page.click("Save").await?;
    page.wait_text("Default permissions saved.").await?;
    let stored = h
        .api
        .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
    if stored["chat"]["share"] != json!(false)
        || keys(&stored) != keys(&before)
        || stored["chat"]["file_upload"] != json!(true)
    {
        return Err(format!("defaults after saving: {stored}"));
    }
    if !h.has(Feature::FactoryDefaults) {
        // No factory defaults before 0.10: the button says so; put the toggle back by hand.
        if page
            .button("Reset to defaults")
            .await?
            .is_enabled()
            .await
            .map_err(err)?
        {
            return Err("Reset to defaults is enabled on a server without factory defaults".into());
        }
        page.wait_text(Feature::FactoryDefaults.needs_text())
            .await?;
        screenshots(h, page, "default-permissions").await?;
        click_css(page, "input[name='chat.share']").await?;
        page.wait_text("Share chats (chat.share): off → on").await?;
        page.click("Save").await?;
        page.wait_text("No unsaved permission changes.").await?;
        let stored = h
            .api
            .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
        if stored != before {
            return Err(format!("defaults after putting back: {stored}"));
        }
        return Ok(());
    }
    page.click("Reset to defaults").await?;
    page.wait_text("Share chats (chat.share): off → on").await?;
    screenshots(h, page, "default-permissions").await?;
    page.click("Save").await?;
    page.wait_text("No unsaved permission changes.").await?;
    let stored = h
        .api
        .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
    let factory = h.api.ok(
        h.api.get("/api/v1/users/default/permissions/defaults"),
        "factory",
    )?;
    if stored != factory {
        return Err(format!(
            "after reset + save the defaults differ from the factory ones: {stored}"
        ));
    }
    // Unsaved changes: leaving through the navigation asks first; "stay" keeps the screen.
    click_css(page, "input[name='chat.share']").await?;
    page.wait_text("Unsaved changes").await?;
    let nav_groups = "//nav[@aria-label='Main']//a[normalize-space()='Groups']";
    click_xpath(page, nav_groups).await?;
    let question = wait_alert(page).await?;
    if !question.contains("unsaved changes") {
        return Err(format!("unexpected leave question: {question}"));
    }
    page.client.dismiss_alert().await.map_err(err)?;
    page.heading("Default permissions").await?;
    if !page.current_url().await?.contains("/permissions") {
        return Err("staying after the leave question still navigated away".into());
    }
    click_xpath(page, nav_groups).await?;
    wait_alert(page).await?;
    page.client.accept_alert().await.map_err(err)?;
    page.heading("Groups").await.map(|_| ())
}
