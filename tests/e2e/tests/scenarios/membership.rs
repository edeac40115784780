//! User-centric membership: several groups from a user's page, pasted emails into a group (issue 14).
//! Both run through the fault proxy, which counts the membership calls and breaks one of them.

use serde_json::{Value, json};

use super::common::{create_user, signed_in_on};
use super::groups::steps::{click_xpath, create_group, err, export_ids, screenshots, suffix};
use crate::support::keys::key;
use crate::support::line::Feature;
use crate::support::page::xp_lit;
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        membership_user_page_join_two_leave_one,
        membership_paste_emails_one_add_call,
        membership_user_page_warns_when_the_identity_provider_manages_groups,
        membership_keyboard_only,
    ]
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

fn add_members(h: &Harness, gid: &str, ids: &[&str]) -> Result<(), String> {
    h.api
        .ok(
            h.api.post(
                &format!("/api/v1/groups/id/{gid}/users/add"),
                json!({"user_ids": ids}),
            ),
            "add members",
        )
        .map(|_| ())
}

/// The user's groups as the server has them: (id, membership type).
fn server_groups(h: &Harness, uid: &str) -> Result<Vec<(String, String)>, String> {
    let path = if h.has(Feature::Nesting) {
        format!("/api/v1/users/{uid}/groups?include_inherited=true")
    } else {
        format!("/api/v1/users/{uid}/groups")
    };
    let v = h.api.ok(h.api.get(&path), "user groups")?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|g| {
                    (
                        g["id"].as_str().unwrap_or_default().to_string(),
                        g["membership_type"]
                            .as_str()
                            .unwrap_or("direct")
                            .to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The user's page, through the fault proxy, filtered to this scenario's groups.
async fn open_user(h: &Harness, page: &Page, uid: &str, filter: &str) -> Result<(), String> {
    signed_in_on(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        &format!("/users/{uid}"),
    )
    .await?;
    page.heading("Join or leave groups").await?;
    page.fill("Filter groups", filter).await
}

/// A group's box on the user page, by the group's name.
fn group_box(name: &str) -> String {
    format!(
        "//ul[@aria-label='Groups']//label[normalize-space()={}]/input[@type='checkbox']",
        xp_lit(name)
    )
}

/// Join A and B, leave C in one go; the join of B is cut off (the result says it may not be
/// saved) and "Retry failed" sends only that one again. The group the user is in through a
/// child group has no box; the server's groups match at the end.
pub async fn membership_user_page_join_two_leave_one(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let uid = create_user(
        h,
        &format!("Member {s}"),
        &format!("member{s}@example.com"),
        "user",
    )?;
    let name = |x: &str| format!("Memb {x} {s}");
    let mk = |x: &str, parent: Option<&str>| {
        let mut body = json!({"name": name(x), "description": "e2e membership"});
        if let Some(p) = parent {
            body["parent_group_id"] = json!(p);
        }
        create_group(h, body).map(|g| id_of(&g))
    };
    let (a, b, c) = (mk("A", None)?, mk("B", None)?, mk("C", None)?);
    // A grants a key the defaults do not: joining it is a gain the confirm must show.
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{a}/update"),
            json!({"name": name("A"), "description": "e2e membership", "permissions": {"workspace": {"tools": true}}}),
        ),
        "A grants tools",
    )?;
    add_members(h, &c, &[&uid])?;
    let nesting = h.has(Feature::Nesting);
    if nesting {
        let parent = mk("Parent", None)?;
        let child = mk("Child", Some(&parent))?;
        add_members(h, &child, &[&uid])?;
    }
    let _scope = h.faults.scope()?;
    open_user(h, page, &uid, &format!(" {s}")).await?;
    page.wait_xpath(&group_box(&name("C"))).await?;
    if nesting {
        page.wait_text(&format!("through {}", name("Child")))
            .await?;
        let boxes = page
            .js(&format!(
                "return document.evaluate({}, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null).snapshotLength;",
                serde_json::to_string(&group_box(&name("Parent"))).map_err(err)?
            ))
            .await?;
        if boxes != json!(0) {
            return Err("an inherited group offers a box to leave it".into());
        }
    }
    for g in [name("A"), name("B"), name("C")] {
        click_xpath(page, &group_box(&g)).await?;
    }
    page.wait_text(&format!(
        "Join: {}, {} · Leave: {}",
        name("A"),
        name("B"),
        name("C")
    ))
    .await?;
    screenshots(h, page, "membership-user-groups").await?;
    page.click("Review group changes").await?;
    page.wait_xpath("//dialog[@open]//p[contains(., 'Join:')]")
        .await?;
    // The confirm's preview, per group, once read: joining A gains workspace.tools for this
    // user (checked against the server as the user after Apply); leaving C changes nothing.
    let joining_a = format!(
        "//dialog[@open]//section[contains(@class,'impact')][@aria-busy='false'][h3[normalize-space()={}]]",
        xp_lit(&format!("Effect of joining {}", name("A")))
    );
    page.wait_xpath(&format!(
        "{joining_a}//li[@data-perm='workspace.tools'][@data-gain='1']"
    ))
    .await?;
    page.wait_xpath(&format!(
        "//dialog[@open]//section[contains(@class,'impact')][@aria-busy='false'][h3[normalize-space()={}]][contains(., 'No permission changes for anyone.')]",
        xp_lit(&format!("Effect of leaving {}", name("C")))
    ))
    .await?;
    screenshots(h, page, "membership-user-confirm").await?;
    h.faults.set(Rule::new(
        "POST",
        format!("/groups/id/{b}/users/add"),
        Fault::Drop,
    ))?;
    page.click_in_dialog("Apply").await?;
    let bad = page
        .wait_xpath("//dialog[@open]//li[@data-outcome='failed']")
        .await?
        .text()
        .await
        .map_err(err)?;
    if !bad.contains(&name("B")) || !bad.contains("may not have been saved") {
        return Err(format!("the cut-off join is told as {bad:?}"));
    }
    screenshots(h, page, "membership-user-results").await?;
    h.faults.clear()?;
    page.click_in_dialog("Retry failed").await?;
    page.wait_js(
        "every group change done",
        "document.querySelectorAll('dialog[open] li[data-outcome=done]').length === 3",
    )
    .await?;
    page.click_in_dialog("Close").await?;
    let groups = server_groups(h, &uid)?;
    let direct = |id: &str| groups.iter().any(|(g, t)| g == id && t == "direct");
    if !direct(&a) || !direct(&b) || groups.iter().any(|(g, _)| *g == c) {
        return Err(format!("after the change the server has {groups:?}"));
    }
    // What the preview said, as the server enforces it for the user now.
    let token = h
        .api
        .signin(&format!("member{s}@example.com"), "e2e-password-1")?;
    let perms = h.api.ok(
        h.api.as_token(&token).get("/api/v1/users/permissions"),
        "the user's permissions",
    )?;
    if perms["workspace"]["tools"] != json!(true) {
        return Err(format!(
            "joining A did not give tools: {}",
            perms["workspace"]
        ));
    }
    // The page shows the server's state: A and B ticked, C not, nothing pending.
    page.wait_js(
        "the page to show the new memberships",
        &format!(
            "document.evaluate({}, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue?.checked === true \
             && !document.body.innerText.includes('Leave: ')",
            serde_json::to_string(&group_box(&name("B"))).map_err(err)?
        ),
    )
    .await?;
    // A phone: the list wraps, nothing scrolls sideways.
    page.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    )
    .await?;
    page.js("document.querySelector('.user-groups').scrollIntoView(); return true;")
        .await?;
    page.screenshot(&h.artifacts().join("membership-user-groups-phone.png"))
        .await?;
    let wide = page
        .js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
        .await?;
    page.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
        .await?;
    if wide == json!(true) {
        return Err("the user page scrolls sideways on a phone".into());
    }
    Ok(())
}

/// Five pasted addresses (names, mixed separators and case): two nobody has, one of a member
/// already. Exactly the two others are added, in one `users/add` call.
pub async fn membership_paste_emails_one_add_call(h: &Harness, page: &Page) -> Result<(), String> {
    let s = suffix();
    let email = |i: u32| format!("paste{i}-{s}@example.com");
    let mut ids = Vec::new();
    for i in 1..=3 {
        ids.push(create_user(
            h,
            &format!("Paste {i} {s}"),
            &email(i),
            "user",
        )?);
    }
    let gid = id_of(&create_group(
        h,
        json!({"name": format!("Paste group {s}"), "description": "e2e membership"}),
    )?);
    add_members(h, &gid, &[&ids[2]])?;
    let _scope = h.faults.scope()?;
    // Counts the add calls (forwarded untouched).
    h.faults.set(Rule::new(
        "POST",
        format!("/groups/id/{gid}/users/add"),
        Fault::Delay(0.0),
    ))?;
    signed_in_on(
        h,
        page,
        &h.fault_url,
        &h.fault_url,
        &format!("/groups/{gid}?tab=members"),
    )
    .await?;
    page.heading(&format!("Paste group {s}")).await?;
    click_xpath(page, "//summary[normalize-space()='Paste emails']").await?;
    let pasted = format!(
        "Paste One <{}>, {};{}\n  nobody-a-{s}@example.com nobody-b-{s}@example.com",
        email(1).to_uppercase(),
        email(2),
        email(3),
    );
    page.fill("Emails", &pasted).await?;
    page.click("Add pasted emails").await?;
    page.wait_text("Added 2 members from the pasted emails")
        .await?;
    page.wait_text(&format!(
        "Not found: nobody-a-{s}@example.com, nobody-b-{s}@example.com"
    ))
    .await?;
    page.wait_text(&format!("Already members: Paste 3 {s}"))
        .await?;
    page.wait_text(&format!("Added 2 members: Paste 1 {s}"))
        .await?;
    screenshots(h, page, "membership-paste").await?;
    let calls = h.faults.hits()?;
    if calls != 1 {
        return Err(format!("{calls} add calls for one pasted list"));
    }
    let mut got = export_ids(h, &gid)?;
    got.sort();
    let mut want = ids.clone();
    want.sort();
    if got != want {
        return Err(format!("the group has {got:?}, expected {want:?}"));
    }
    if !page.value("Emails").await?.is_empty() {
        return Err("the pasted list stays after everyone was added".into());
    }
    Ok(())
}

/// With OAuth group management on, the confirm names the groups whose change the next sign-in
/// undoes (not the one in `OAUTH_BLOCKED_GROUPS`), and Cancel changes nothing.
pub async fn membership_user_page_warns_when_the_identity_provider_manages_groups(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = suffix();
    let uid = create_user(
        h,
        &format!("Synced {s}"),
        &format!("synced{s}@example.com"),
        "user",
    )?;
    let (managed, kept) = (format!("Synced A {s}"), format!("Synced B {s}"));
    for n in [&managed, &kept] {
        create_group(h, json!({"name": n, "description": "e2e membership"}))?;
    }
    let before = h.api.ok(
        h.api.get("/api/v1/auths/admin/config/oauth"),
        "oauth config",
    )?;
    let on = json!({"ENABLE_OAUTH_GROUP_MANAGEMENT": true, "OAUTH_BLOCKED_GROUPS": json!([kept]).to_string()});
    h.api.ok(
        h.api.post("/api/v1/auths/admin/config/oauth", on),
        "turn on",
    )?;
    let result = async {
        signed_in_on(h, page, &h.app_url, &h.owui_url, &format!("/users/{uid}")).await?;
        page.heading("Join or leave groups").await?;
        page.fill("Filter groups", &s).await?;
        click_xpath(page, &group_box(&managed)).await?;
        click_xpath(page, &group_box(&kept)).await?;
        page.click("Review group changes").await?;
        let warn = page
            .wait_xpath("//dialog[@open]//p[contains(@class,'warning')]")
            .await?
            .text()
            .await
            .map_err(err)?;
        if warn != format!("Identity-provider group management is on: the change to {managed} is undone at the user's next sign-in.") {
            return Err(format!("the confirm warns {warn:?}"));
        }
        page.screenshot(&h.artifacts().join("membership-user-sync-warning.png")).await?;
        page.click_in_dialog("Cancel").await?;
        page.dialog_closed().await?;
        if !server_groups(h, &uid)?.is_empty() {
            return Err("Cancel changed the user's groups".into());
        }
        Ok(())
    }
    .await;
    let restore = json!({
        "ENABLE_OAUTH_GROUP_MANAGEMENT": before["ENABLE_OAUTH_GROUP_MANAGEMENT"],
        "OAUTH_BLOCKED_GROUPS": before["OAUTH_BLOCKED_GROUPS"],
    });
    let restored = h.api.ok(
        h.api.post("/api/v1/auths/admin/config/oauth", restore),
        "restore oauth config",
    );
    result.and(restored.map(|_| ()))
}

/// The new controls by keyboard alone: filter, tick with Space, review, apply, close; paste and
/// add on the Members tab.
pub async fn membership_keyboard_only(h: &Harness, page: &Page) -> Result<(), String> {
    let s = suffix();
    let uid = create_user(
        h,
        &format!("Keys {s}"),
        &format!("keys{s}@example.com"),
        "user",
    )?;
    let gname = format!("Keyboard group {s}");
    let gid = id_of(&create_group(
        h,
        json!({"name": gname, "description": "e2e"}),
    )?);
    signed_in_on(h, page, &h.app_url, &h.owui_url, &format!("/users/{uid}")).await?;
    page.heading("Join or leave groups").await?;
    page.js("document.querySelector('.user-groups').scrollIntoView(); document.activeElement?.blur(); return true;")
        .await?;
    page.tab_to("Filter groups", false, 80).await?;
    page.press(&format!("Keyboard group {s}")).await?;
    page.wait_text("1 of ").await?;
    // Review is disabled while nothing changed: Tab goes past it to the group's box.
    page.tab_to(&gname, false, 5).await?;
    page.press(" ").await?;
    page.wait_text(&format!("Join: {gname}")).await?;
    page.tab_to("Review group changes", true, 5).await?;
    page.press(&key(fantoccini::key::Key::Enter)).await?;
    page.wait_xpath("//dialog[@open]").await?;
    page.tab_to("Apply", false, 6).await?;
    page.press(&key(fantoccini::key::Key::Enter)).await?;
    page.wait_xpath("//dialog[@open]//li[@data-outcome='done']")
        .await?;
    page.tab_to("Close", false, 6).await?;
    page.press(&key(fantoccini::key::Key::Enter)).await?;
    page.dialog_closed().await?;
    if !export_ids(h, &gid)?.contains(&uid) {
        return Err("joining by keyboard did not reach the server".into());
    }
    // The Members tab: open "Paste emails", type, add.
    let other = create_user(
        h,
        &format!("Keys two {s}"),
        &format!("keystwo{s}@example.com"),
        "user",
    )?;
    page.goto(&format!("{}/groups/{gid}?tab=members", h.app_url))
        .await?;
    page.heading(&gname).await?;
    page.tab_to("Paste emails", false, 120).await?;
    page.press(&key(fantoccini::key::Key::Enter)).await?;
    page.tab_to("Emails", false, 5).await?;
    page.press(&format!("keystwo{s}@example.com")).await?;
    page.tab_to("Add pasted emails", false, 5).await?;
    page.press(&key(fantoccini::key::Key::Enter)).await?;
    page.wait_text("Added 1 member from the pasted emails")
        .await?;
    if !export_ids(h, &gid)?.contains(&other) {
        return Err("pasting by keyboard did not reach the server".into());
    }
    Ok(())
}
