//! Accessibility: axe-core (WCAG 2.0/2.1 A and AA, best practices) on every screen and dialog,
//! in light and in dark. Each scenario walks its screens once in the light tab it is given and
//! once in a dark tab of its own, prints a table of failing elements per screen × scheme and
//! impact (also kept in target/e2e-artifacts/axe-table.md for the whole run), saves a screenshot
//! of each audited state (target/e2e-artifacts/a11y/), and fails on any critical or serious one.
//! Nothing stops at the first finding: the table always covers every screen.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use serde_json::json;

use super::common::{create_user, main_nav, sign_in_with_form, signed_in_at, unique, wait_rows};
use crate::support::axe::{self, Violation};
use crate::support::page::xp_lit;
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        a11y_sign_in_and_non_admin,
        a11y_frame_not_found_sign_out_reauth,
        a11y_users_and_dialogs,
        a11y_groups_and_permissions,
        a11y_my_account,
    ]
}

pub async fn a11y_sign_in_and_non_admin(h: &Harness, page: &Page) -> Result<(), String> {
    both(h, page, |h, p, a| Box::pin(sign_in_pass(h, p, a))).await
}

pub async fn a11y_frame_not_found_sign_out_reauth(h: &Harness, page: &Page) -> Result<(), String> {
    both(h, page, |h, p, a| Box::pin(frame_pass(h, p, a))).await
}

pub async fn a11y_users_and_dialogs(h: &Harness, page: &Page) -> Result<(), String> {
    both(h, page, |h, p, a| Box::pin(users_pass(h, p, a))).await
}

pub async fn a11y_groups_and_permissions(h: &Harness, page: &Page) -> Result<(), String> {
    both(h, page, |h, p, a| Box::pin(groups_pass(h, p, a))).await
}

pub async fn a11y_my_account(h: &Harness, page: &Page) -> Result<(), String> {
    both(h, page, |h, p, a| Box::pin(account_pass(h, p, a))).await
}

/// One walk over some screens in one colour scheme, auditing each state it reaches.
type Pass = for<'a> fn(
    &'a Harness,
    &'a Page,
    &'a mut Audit,
) -> Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

/// What axe found in one scheme, screen by screen.
pub struct Audit {
    scheme: &'static str,
    rows: Vec<(String, Vec<Violation>)>,
}

impl Audit {
    /// Audits the whole page as it is now.
    async fn screen(&mut self, h: &Harness, page: &Page, name: &str) -> Result<(), String> {
        self.record(h, page, name, None).await
    }

    /// Waits for the open modal dialog and audits only it (the page behind is inert and audited
    /// as its own screen).
    async fn dialog(&mut self, h: &Harness, page: &Page, name: &str) -> Result<(), String> {
        page.wait_css("dialog[open]").await?;
        self.record(h, page, name, Some("dialog[open]")).await
    }

    async fn record(
        &mut self,
        h: &Harness,
        page: &Page,
        name: &str,
        within: Option<&str>,
    ) -> Result<(), String> {
        let found = axe::run(page, within).await?;
        let dir = h.artifacts().join("a11y");
        let _ = std::fs::create_dir_all(&dir);
        let slug = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        page.screenshot(&dir.join(format!("{slug}-{}.png", self.scheme)))
            .await?;
        self.rows.push((name.to_string(), found));
        Ok(())
    }
}

/// The table rows of the whole run so far (each scenario adds its own).
static TABLE: Mutex<Vec<String>> = Mutex::new(Vec::new());

const HEAD: &str =
    "| screen | scheme | critical | serious | moderate | minor |\n|---|---|---|---|---|---|";

/// Runs `pass` light (in `page`) and dark (in a tab of its own), prints and keeps the table, and
/// fails with what and where on any critical or serious violation.
async fn both(h: &Harness, page: &Page, pass: Pass) -> Result<(), String> {
    let mut light = Audit {
        scheme: "light",
        rows: Vec::new(),
    };
    pass(h, page, &mut light).await?;
    let dark_page = Page::open_dark(&h.webdriver_url).await?;
    let mut dark = Audit {
        scheme: "dark",
        rows: Vec::new(),
    };
    let r = pass(h, &dark_page, &mut dark).await;
    if r.is_err() {
        let _ = dark_page
            .screenshot(&h.artifacts().join("a11y-dark-failure.png"))
            .await;
    }
    dark_page.close().await;
    r?;

    let mut rows = Vec::new();
    let mut blocking = Vec::new();
    for audit in [&light, &dark] {
        for (screen, found) in &audit.rows {
            let [c, s, m, n] = axe::counts(found);
            rows.push(format!(
                "| {screen} | {} | {c} | {s} | {m} | {n} |",
                audit.scheme
            ));
            for v in found.iter().filter(|v| v.blocking()) {
                blocking.push(format!("  {screen} ({}): {v}", audit.scheme));
            }
            for v in found.iter().filter(|v| !v.blocking()) {
                eprintln!("[a11y] {screen} ({}): {v}", audit.scheme);
            }
        }
    }
    println!("{HEAD}\n{}", rows.join("\n"));
    let whole = {
        let mut table = TABLE.lock().map_err(|e| e.to_string())?;
        table.extend(rows);
        format!("{HEAD}\n{}\n", table.join("\n"))
    };
    std::fs::write(h.artifacts().join("axe-table.md"), whole).map_err(|e| e.to_string())?;
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "axe found critical or serious violations:\n{}",
            blocking.join("")
        ))
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

async fn click_xpath(page: &Page, xpath: &str) -> Result<(), String> {
    page.wait_xpath(xpath).await?.click().await.map_err(err)
}

/// Sign in (empty and with an error), and the screen a non-admin gets.
async fn sign_in_pass(h: &Harness, page: &Page, a: &mut Audit) -> Result<(), String> {
    page.goto(&format!("{}/users", h.app_url)).await?;
    page.heading("Sign in").await?;
    a.screen(h, page, "Sign in").await?;
    // An address nobody has: the server's refusal, without using up the admin's sign-ins.
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.owui_url),
        &format!("nobody{}@example.com", unique()),
        "wrong-password-1",
    )
    .await?;
    page.wait_xpath("//*[@role='alert'][normalize-space()]")
        .await?;
    a.screen(h, page, "Sign in, error shown").await?;

    let tag = unique();
    let email = format!("plain{}{tag}@example.com", a.scheme);
    create_user(h, &format!("Plain User {tag}"), &email, "user")?;
    page.goto(&format!("{}/", h.app_url)).await?;
    page.js("sessionStorage.clear(); localStorage.clear(); return true;")
        .await?;
    sign_in_with_form(
        page,
        &h.app_url,
        Some(&h.owui_url),
        &email,
        "e2e-password-1",
    )
    .await?;
    page.heading("This console needs an admin account").await?;
    a.screen(h, page, "Needs an admin account").await
}

/// Not found, the Sign out dialog (on Open WebUI's origin behind nginx, under its strict CSP), and
/// Sign in again after the session ended (dialog, then the banner Cancel leaves).
async fn frame_pass(h: &Harness, page: &Page, a: &mut Audit) -> Result<(), String> {
    signed_in_at(h, page, "/no/such/screen").await?;
    page.heading("Not found").await?;
    a.screen(h, page, "Not found").await?;

    page.goto(&format!("{}/health", h.nginx_url)).await?;
    let token = serde_json::to_string(&h.api.token).map_err(err)?;
    page.js(&format!(
        "localStorage.setItem('token', {token}); return 1;"
    ))
    .await?;
    page.goto(&format!("{}/admin-console/users", h.nginx_url))
        .await?;
    main_nav(page).await?;
    wait_rows(page, 30).await?;
    page.click("Sign out").await?;
    a.dialog(h, page, "Sign out (nginx, strict CSP)").await?;
    page.click_in_dialog("Cancel").await?;

    // A second admin signed in here, whose sessions the server then ends.
    let tag = unique();
    let email = format!("reauth{}{tag}@example.com", a.scheme);
    let id = create_user(h, &format!("Reauth Admin {tag}"), &email, "admin")?;
    let their = h.api.as_token(&h.api.signin(&email, "e2e-password-1")?);
    let (_, me) = their.get("/api/v1/auths/")?;
    let session =
        json!({"base_url": h.owui_url, "token": their.token, "user": me, "remember": false});
    page.goto(&format!("{}/", h.app_url)).await?;
    let lit = serde_json::to_string(&session.to_string()).map_err(err)?;
    page.js(&format!(
        "sessionStorage.setItem('owui-admin.session', {lit}); return true;"
    ))
    .await?;
    page.goto(&format!("{}/users", h.app_url)).await?;
    wait_rows(page, 30).await?;
    h.api.ok(
        h.api
            .post(&format!("/api/v1/users/{id}/sessions/revoke"), json!({})),
        "revoke",
    )?;
    page.fill("Search users", "a").await?;
    page.wait_xpath("//dialog[@open]//h2[normalize-space()='Sign in']")
        .await?;
    a.dialog(h, page, "Sign in again (session ended)").await?;
    page.click_in_dialog("Cancel").await?;
    page.wait_css(".reauth-banner").await?;
    a.screen(h, page, "Session ended banner").await
}

/// The users list (plain and with a selection), every users dialog, and a user's own page.
async fn users_pass(h: &Harness, page: &Page, a: &mut Audit) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    a.screen(h, page, "Users").await?;

    page.field("Select all on this page")
        .await?
        .click()
        .await
        .map_err(err)?;
    page.wait_text("30 selected").await?;
    a.screen(h, page, "Users, rows selected").await?;
    for (button, screen) in [
        ("Change role", "Change role (bulk)"),
        ("Add to group", "Add to group (bulk)"),
        ("Delete selected", "Delete selected (bulk)"),
    ] {
        page.click(button).await?;
        a.dialog(h, page, screen).await?;
        page.click_in_dialog("Cancel").await?;
        page.dialog_closed().await?;
    }
    page.click("Clear selection").await?;

    // The first row that can be deleted (not the signed-in admin's own).
    let first = page
        .js("const b = document.querySelector('table[aria-label=Users] tbody button[aria-label^=\"Delete \"]'); \
             return b ? b.getAttribute('aria-label').slice(7) : '';")
        .await?;
    let first = first.as_str().unwrap_or_default().to_string();
    if first.is_empty() {
        return Err("no row with a Delete button".into());
    }
    page.click(&format!("Edit {first}")).await?;
    page.field("Profile image URL").await?;
    a.dialog(h, page, "Edit user").await?;
    page.click_in_dialog("Sign out all devices").await?;
    page.wait_xpath("//dialog[@open]//h2[normalize-space()='Sign out all devices']")
        .await?;
    a.dialog(h, page, "Sign out all devices (confirm)").await?;
    page.click_in_dialog("Cancel").await?;
    page.wait_js(
        "the confirm closed",
        "![...document.querySelectorAll('dialog[open] h2')].some(t => t.textContent.trim() === 'Sign out all devices')",
    )
    .await?;
    if page
        .js("return !!document.querySelector('dialog[open]');")
        .await?
        == json!(true)
    {
        page.click_in_dialog("Cancel").await?;
    }
    page.dialog_closed().await?;
    page.click(&format!("Delete {first}")).await?;
    a.dialog(h, page, "Delete user").await?;
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await?;

    page.click("Add user").await?;
    page.field("Password").await?;
    a.dialog(h, page, "Add user").await?;
    page.click("Import CSV").await?;
    let tag = unique();
    let file = page.downloads.join(format!("a11y-{tag}.csv"));
    let csv = format!(
        "Name,Email,Password,Role\r\nA11y One {tag},a11y1x{tag}@example.com,pw-one-1,user\r\nA11y Bad {tag},not-an-email,pw,user\r\n"
    );
    std::fs::write(&file, csv).map_err(err)?;
    page.field("CSV file")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(err)?;
    page.wait_text("1 ready to create, 1 with problems").await?;
    a.dialog(h, page, "Add user: CSV import preview").await?;
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await?;

    // A user's own page: one in a group inside a group, so groups and access show.
    let s = unique();
    let uid = create_user(
        h,
        &format!("Page User {s}"),
        &format!("pageuser{}{s}@example.com", a.scheme),
        "user",
    )?;
    let parent = h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": format!("A11y parent {s}"), "description": "Outer"}),
        ),
        "create group",
    )?;
    let child = h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": format!("A11y child {s}"), "description": "Inner",
                   "parent_group_id": parent["id"]}),
        ),
        "create group",
    )?;
    let cid = child["id"].as_str().unwrap_or_default();
    h.api.ok(
        h.api.post(
            &format!("/api/v1/groups/id/{cid}/users/add"),
            json!({"user_ids": [uid]}),
        ),
        "add member",
    )?;
    page.goto(&format!("{}/users/{uid}", h.app_url)).await?;
    page.heading(&format!("Page User {s}")).await?;
    page.wait_text(&format!("A11y child {s}")).await?;
    a.screen(h, page, "User page").await
}

/// The groups tree, a group's three tabs (and the inherited members view), its confirm dialogs,
/// New group, Default permissions.
async fn groups_pass(h: &Harness, page: &Page, a: &mut Audit) -> Result<(), String> {
    let s = unique();
    let users = h.api.all_users()?;
    let plain: Vec<&serde_json::Value> = users.iter().filter(|u| u["role"] == "user").collect();
    if plain.len() < 3 {
        return Err("seed data should have users with the role user".into());
    }
    let parent = h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": format!("A11y outer {s}"), "description": "Outer group",
                   "permissions": {"chat": {"file_upload": false}}}),
        ),
        "create group",
    )?;
    let pid = parent["id"].as_str().unwrap_or_default().to_string();
    let child = h.api.ok(
        h.api.post(
            "/api/v1/groups/create",
            json!({"name": format!("A11y inner {s}"), "description": "Inner group",
                   "parent_group_id": pid}),
        ),
        "create group",
    )?;
    let cid = child["id"].as_str().unwrap_or_default().to_string();
    for (gid, who) in [(&pid, &plain[0..1]), (&cid, &plain[1..3])] {
        let ids: Vec<_> = who.iter().map(|u| u["id"].clone()).collect();
        h.api.ok(
            h.api.post(
                &format!("/api/v1/groups/id/{gid}/users/add"),
                json!({"user_ids": ids}),
            ),
            "add members",
        )?;
    }

    signed_in_at(h, page, &format!("/groups?q=A11y%20inner%20{s}")).await?;
    page.wait_xpath(&format!(
        "//a[normalize-space()={}]",
        xp_lit(&format!("A11y inner {s}"))
    ))
    .await?;
    a.screen(h, page, "Groups").await?;

    page.goto(&format!("{}/groups/{cid}", h.app_url)).await?;
    page.heading(&format!("A11y inner {s}")).await?;
    page.field("Description").await?;
    a.screen(h, page, "Group: General").await?;
    click_xpath(
        page,
        "//button[@role='tab' and normalize-space()='Permissions']",
    )
    .await?;
    page.wait_css("input[name='chat.file_upload']").await?;
    a.screen(h, page, "Group: Permissions").await?;
    click_xpath(
        page,
        "//button[@role='tab' and normalize-space()='Members']",
    )
    .await?;
    let member = plain[1]["name"].as_str().unwrap_or_default();
    page.button(&format!("Remove {member}")).await?;
    a.screen(h, page, "Group: Members").await?;
    click_xpath(page, "//summary[contains(.,'Import members from CSV')]").await?;
    page.fill(
        "Emails or CSV",
        &format!(
            "Name,Email\nA,{}\nNobody,nobody-{s}@example.com",
            plain[0]["email"].as_str().unwrap_or_default()
        ),
    )
    .await?;
    page.click("Preview import").await?;
    page.wait_text(&format!("not added: nobody-{s}@example.com"))
        .await?;
    a.screen(h, page, "Group: Members, CSV import preview")
        .await?;
    page.click(&format!("Remove {member}")).await?;
    a.dialog(h, page, "Remove member").await?;
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await?;
    page.click("Delete group").await?;
    a.dialog(h, page, "Delete group").await?;
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await?;

    page.goto(&format!("{}/groups/{pid}?tab=members", h.app_url))
        .await?;
    page.heading(&format!("A11y outer {s}")).await?;
    click_xpath(page, "//button[starts-with(normalize-space(),'Inherited')]").await?;
    page.wait_text(plain[2]["name"].as_str().unwrap_or_default())
        .await?;
    a.screen(h, page, "Group: Members, inherited").await?;

    page.goto(&format!("{}/groups/new", h.app_url)).await?;
    page.heading("New group").await?;
    page.field("Name").await?;
    a.screen(h, page, "New group").await?;

    page.goto(&format!("{}/permissions", h.app_url)).await?;
    page.heading("Default permissions").await?;
    page.wait_css("input[name='chat.file_upload']").await?;
    a.screen(h, page, "Default permissions").await
}

/// My account with every section loaded, and the settings diff dialog.
async fn account_pass(h: &Harness, page: &Page, a: &mut Audit) -> Result<(), String> {
    signed_in_at(h, page, "/account").await?;
    page.heading("My account").await?;
    for s in ["Status", "Settings", "Info", "Permissions", "Groups"] {
        page.heading(s).await?;
    }
    page.wait_js(
        "every section loaded",
        "!document.body.innerText.includes('Loading…') && \
         document.querySelector('#settings-json') && \
         document.querySelectorAll('.perm-list li').length > 0",
    )
    .await?;
    a.screen(h, page, "My account").await?;

    let bubble = page.wait_css("input[name='ui.chatBubble']").await?;
    bubble.click().await.map_err(err)?;
    page.click("Save settings").await?;
    a.dialog(h, page, "Save settings? (diff)").await?;
    page.click_in_dialog("Cancel").await?;
    page.dialog_closed().await?;
    // Back as it was: nothing left unsaved.
    bubble.click().await.map_err(err)
}
