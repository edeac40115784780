//! Saved views, the column chooser, CSV import and export at scale (issue 13).

use std::collections::HashSet;

use serde_json::Value;

use super::common::{signed_in_at, signed_in_on, unique, wait_rows};
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        users_views_saved_view_reopens_after_reload,
        users_views_column_chooser_survives_reload,
        users_views_csv_import_checks_only_the_files_emails,
        users_views_export_shows_pages_and_cancels_cleanly,
    ]
}

/// No critical or serious axe finding inside `css` (an open menu or dialog).
async fn accessible(page: &Page, css: &str) -> Result<(), String> {
    let blocking: Vec<String> = crate::support::axe::run(page, Some(css))
        .await?
        .iter()
        .filter(|v| v.blocking())
        .map(|v| v.to_string())
        .collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(format!("axe inside {css}: {}", blocking.join("")))
    }
}

fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

pub async fn users_views_saved_view_reopens_after_reload(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let tag = unique();
    let name = format!("Alice by email {tag}");
    let (_, expected) = h
        .api
        .get("/api/v1/users/?query=alice&order_by=email&direction=desc&page=1")?;
    let n = expected["total"].as_u64().unwrap_or(0);
    let first = expected["users"][0]["email"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    if n == 0 || n >= 30 {
        return Err(format!(
            "seed data should have a few users matching alice, has {n}"
        ));
    }
    signed_in_at(h, page, "/users?q=alice&sort=email&dir=desc&page=1").await?;
    wait_rows(page, n).await?;
    page.click("Views").await?;
    page.fill("View name", &name).await?;
    page.click("Save view").await?;
    page.button(&format!("Open view {name}")).await?;
    page.screenshot(&h.artifacts().join("users-views-menu-light.png"))
        .await?;
    accessible(page, "#views-panel").await?;
    // Kept per server: the key names the server the session talks to.
    let key = format!("owui-admin.views.{}", h.owui_url.trim_end_matches('/'));
    let stored = page
        .js(&format!("return localStorage.getItem({});", lit(&key)))
        .await?;
    let stored = stored.as_str().unwrap_or_default();
    if !stored.contains(&name) || !stored.contains("q=alice") || stored.contains("page=") {
        return Err(format!("localStorage[{key}] holds {stored:?}"));
    }

    // Elsewhere, reloaded: the menu still has it and opens the same list.
    page.goto(&format!("{}/users", h.app_url)).await?;
    wait_rows(page, 30).await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    wait_rows(page, 30).await?;
    page.click("Views").await?;
    page.click(&format!("Open view {name}")).await?;
    page.wait_js(
        "the view's URL",
        "location.search === '?q=alice&sort=email&dir=desc'",
    )
    .await?;
    wait_rows(page, n).await?;
    page.wait_js(
        "the server's first row first",
        &format!(
            "document.querySelector('table[aria-label=Users] tbody tr .cell-email')?.innerText === {}",
            lit(&first)
        ),
    )
    .await?;
    page.wait_js(
        "sorted descending by email",
        "document.querySelector('th[aria-sort=descending]')?.textContent.includes('Email')",
    )
    .await?;
    if page.value("Search users").await? != "alice" {
        return Err("the search box does not show the view's search".into());
    }

    // Copy link: a browser that refuses the clipboard gets the link to copy by hand.
    let link = format!("{}/users?q=alice&sort=email&dir=desc", h.app_url);
    page.js("Object.defineProperty(navigator, 'clipboard', {configurable: true, value: \
             {writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError'))}}); return true;")
        .await?;
    page.click("Views").await?;
    page.click(&format!("Copy link to {name}")).await?;
    let shown = page.value(&format!("Link to {name}")).await?;
    accessible(page, "#views-panel").await?;
    if shown != link {
        return Err(format!("the link shown is {shown:?}, expected {link:?}"));
    }
    page.js("window.__copied = null; Object.defineProperty(navigator, 'clipboard', {configurable: true, value: \
             {writeText: t => { window.__copied = t; return Promise.resolve(); }}}); return true;")
        .await?;
    page.click(&format!("Copy link to {name}")).await?;
    page.wait_js(
        "the link copied",
        &format!("window.__copied === {}", lit(&link)),
    )
    .await?;

    // Rename, then delete: gone, also after a reload.
    let renamed = format!("Alices {tag}");
    page.click(&format!("Rename view {name}")).await?;
    page.fill(&format!("New name for {name}"), &renamed).await?;
    page.click("Save name").await?;
    page.button(&format!("Open view {renamed}")).await?;
    page.click(&format!("Delete view {renamed}")).await?;
    let gone = format!(
        "!document.querySelector('button[aria-label=' + JSON.stringify({}) + ']')",
        lit(&format!("Open view {renamed}"))
    );
    page.wait_js("the view deleted", &gone).await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    wait_rows(page, n).await?;
    page.click("Views").await?;
    page.field("View name").await?;
    if page.js(&format!("return {gone};")).await? != Value::Bool(true) {
        return Err("the deleted view is back after a reload".into());
    }
    let stored = page
        .js(&format!("return localStorage.getItem({});", lit(&key)))
        .await?;
    if stored.as_str().unwrap_or_default().contains(&tag) {
        return Err(format!("localStorage still holds the view: {stored}"));
    }
    Ok(())
}

/// Whether the Users table's header `label` and its cells take space on screen.
fn column_shown(label: &str, cell: &str) -> String {
    format!(
        "(() => {{ const th = [...document.querySelectorAll('table[aria-label=Users] thead th')]\
           .find(t => t.textContent.trim() === {});\
         const td = document.querySelector('table[aria-label=Users] tbody tr {cell}');\
         return !!th && !!td && getComputedStyle(th).display !== 'none' && getComputedStyle(td).display !== 'none'; }})()",
        lit(label)
    )
}

pub async fn users_views_column_chooser_survives_reload(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    let groups = column_shown("Groups", ".cell-groups");
    page.wait_js("Groups shown at first", &groups).await?;
    page.click("Columns").await?;
    let checkbox = page.field("Groups").await?;
    if checkbox.prop("checked").await.map_err(|e| e.to_string())? != Some("true".into()) {
        return Err("the Groups checkbox is not checked while the column shows".into());
    }
    checkbox.click().await.map_err(|e| e.to_string())?;
    page.wait_js("Groups hidden", &format!("!{groups}")).await?;
    page.screenshot(&h.artifacts().join("users-columns-light.png"))
        .await?;
    accessible(page, "#columns-panel").await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    wait_rows(page, 30).await?;
    if page.js(&format!("return {groups};")).await? != Value::Bool(false) {
        return Err("the Groups column is back after a reload".into());
    }
    if page
        .js(&format!("return {};", column_shown("Name", ".cell-name")))
        .await?
        != Value::Bool(true)
    {
        return Err("hiding Groups hid Name".into());
    }
    page.click("Columns").await?;
    let checkbox = page.field("Groups").await?;
    if checkbox.prop("checked").await.map_err(|e| e.to_string())? != Some("false".into()) {
        return Err("after a reload the Groups checkbox is checked though hidden".into());
    }
    checkbox.click().await.map_err(|e| e.to_string())?;
    page.wait_js("Groups shown again", &groups).await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    wait_rows(page, 30).await?;
    page.wait_js("Groups shown after reload", &groups).await?;
    // Dark, and on a phone: the menus stay on screen (screenshots for people to look at).
    let dark = Page::open_dark(&h.webdriver_url).await?;
    let r = async {
        signed_in_at(h, &dark, "/users").await?;
        wait_rows(&dark, 30).await?;
        dark.click("Columns").await?;
        dark.screenshot(&h.artifacts().join("users-columns-dark.png"))
            .await?;
        accessible(&dark, "#columns-panel").await?;
        dark.click("Columns").await?;
        dark.click("Views").await?;
        dark.field("View name").await?;
        dark.screenshot(&h.artifacts().join("users-views-menu-dark.png"))
            .await?;
        accessible(&dark, "#views-panel").await?;
        dark.client
            .set_window_size(400, 850)
            .await
            .map_err(|e| e.to_string())?;
        dark.wait_js(
            "the Views panel inside the phone's width",
            "(() => { const r = document.getElementById('views-panel').getBoundingClientRect(); \
             return r.left >= 0 && r.right <= document.documentElement.clientWidth; })()",
        )
        .await?;
        dark.screenshot(&h.artifacts().join("users-views-menu-phone-dark.png"))
            .await
    }
    .await;
    dark.close().await;
    r
}

/// The Check cell of each row of the import preview, by email.
async fn preview_checks(page: &Page) -> Result<Value, String> {
    page.js(
        "return Object.fromEntries([...document.querySelectorAll('table[aria-label=\"Import preview\"] tbody tr')]\
         .map(tr => [tr.cells[2].innerText.trim() + ' ' + tr.cells[0].innerText.trim(), tr.cells[4].innerText.trim()]));",
    )
    .await
}

/// The `/users/?query=` lookups this page made, decoded, and whether it asked for `/users/all`.
async fn lookups(page: &Page) -> Result<(Vec<String>, bool), String> {
    let v = page
        .js(
            "const names = performance.getEntriesByType('resource').map(e => e.name);\
             return [names.filter(n => n.includes('/api/v1/users/?') && n.includes('query='))\
               .map(n => new URL(n).searchParams.get('query')),\
             names.some(n => n.includes('/api/v1/users/all'))];",
        )
        .await?;
    let queries = v[0]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|q| q.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok((queries, v[1] == Value::Bool(true)))
}

pub async fn users_views_csv_import_checks_only_the_files_emails(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let tag = unique();
    let all: HashSet<String> = h
        .api
        .all_users()?
        .iter()
        .filter_map(|u| u["email"].as_str().map(str::to_lowercase))
        .collect();
    // An existing email, and a part of it that no one has: the server's substring search finds
    // the existing user for it, and only an exact match may count.
    let (existing, inner) = all
        .iter()
        .filter(|e| !e.starts_with("admin"))
        .map(|e| (e.clone(), e[1..].to_string()))
        .find(|(_, inner)| {
            inner.split('@').next().is_some_and(|l| l.len() > 2) && !all.contains(inner)
        })
        .ok_or("no suitable seeded email")?;
    let fresh = format!("new{tag}@example.com");
    let lost = format!("lost{tag}@example.com");
    let file = page.downloads.join(format!("check-{tag}.csv"));
    let csv = format!(
        "Name,Email,Password,Role\nOld,{},pw-old-1,user\nInner,{inner},pw-inner-1,user\nNew,{fresh},pw-new-1,user\nLost,{lost},pw-lost-1,user\nAgain,{fresh},pw-again-1,user\n",
        existing.to_uppercase()
    );
    std::fs::write(&file, csv).map_err(|e| e.to_string())?;
    // The lookup of one email fails (a proxy's 502): that row must not count as new.
    h.faults.set(Rule::new(
        "GET",
        format!("query=lost{tag}"),
        Fault::HtmlError(502),
    ))?;
    signed_in_on(h, page, &h.fault_url, &h.fault_url, "/users").await?;
    wait_rows(page, 30).await?;
    page.js("performance.setResourceTimingBufferSize(100000); performance.clearResourceTimings(); return true;")
        .await?;
    page.click("Add user").await?;
    page.click("Import CSV").await?;
    page.field("CSV file")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|e| e.to_string())?;
    page.wait_text("Could not check 1 row").await?;
    page.wait_text("2 ready to create, 3 with problems").await?;
    page.button("Create 2 users").await?;
    page.screenshot(&h.artifacts().join("users-import-could-not-check-light.png"))
        .await?;
    accessible(page, "dialog[open]").await?;
    let checks = preview_checks(page).await?;
    let check = |email: &str, line: u32| {
        checks[format!("{email} {line}")]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    if !check(&existing, 2).contains("already exists")
        || check(&inner, 3) != "Ready"
        || check(&fresh, 4) != "Ready"
        || check(&lost, 5) != "could not check"
        || !check(&fresh, 6).contains("earlier in the file")
    {
        return Err(format!("the preview says {checks}"));
    }
    let (queries, loaded_all) = lookups(page).await?;
    let mut asked = queries.clone();
    asked.sort();
    let mut want = vec![existing.clone(), inner.clone(), fresh.clone(), lost.clone()];
    want.sort();
    if loaded_all || asked != want {
        return Err(format!(
            "the check asked {queries:?} (want one lookup per distinct email: {want:?}), /users/all loaded: {loaded_all}"
        ));
    }
    if h.faults.hits()? == 0 {
        return Err("the failing lookup never reached the fault proxy".into());
    }
    // Retry asks again about the failed email only.
    h.faults.clear()?;
    page.click_in_dialog("Retry").await?;
    page.wait_text("3 ready to create, 2 with problems").await?;
    let checks = preview_checks(page).await?;
    if checks[format!("{lost} 5")] != "Ready" {
        return Err(format!("after Retry the preview says {checks}"));
    }
    let (queries, _) = lookups(page).await?;
    if queries.len() != 5 || queries.last() != Some(&lost) {
        return Err(format!("Retry asked {queries:?}"));
    }
    page.click_in_dialog("Cancel").await?;
    if h.api.get(&format!("/api/v1/users/?query={tag}&page=1"))?.1["total"] != 0 {
        return Err("the preview created users".into());
    }
    Ok(())
}

pub async fn users_views_export_shows_pages_and_cancels_cleanly(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let (_, first) = h.api.get("/api/v1/users/?query=example&page=1")?;
    let total = first["total"].as_u64().unwrap_or(0);
    let pages = total.div_ceil(30);
    if pages < 2 {
        return Err(format!("need several pages of matches, have {total} users"));
    }
    signed_in_on(h, page, &h.fault_url, &h.fault_url, "/users?q=example").await?;
    wait_rows(page, 30).await?;
    let page2 = "query=example&order_by=created_at&direction=asc&page=2";
    // Page 2 answers late: the progress says where the walk is, then the file has everyone.
    h.faults
        .set(Rule::new("GET", page2, Fault::Delay(1.5)).times(1))?;
    page.click("Export CSV").await?;
    page.wait_text(&format!("Exporting: page 1 of {pages}"))
        .await?;
    page.screenshot(&h.artifacts().join("users-export-progress-light.png"))
        .await?;
    accessible(page, ".export-progress").await?;
    let csv = page.downloaded("users.csv").await?;
    if csv.lines().count() as u64 != total + 1 {
        return Err(format!(
            "the export has {} lines for {total} users",
            csv.lines().count()
        ));
    }
    // Page 2 never answers: Cancel stops at once and nothing is exported.
    h.faults.clear()?;
    h.faults.set(Rule::new("GET", page2, Fault::Hang))?;
    page.click("Export CSV").await?;
    page.wait_text(&format!("Exporting: page 1 of {pages}"))
        .await?;
    let end = tokio::time::Instant::now() + crate::support::page::DEADLINE;
    while h.faults.hits()? == 0 {
        if tokio::time::Instant::now() > end {
            return Err("the export never asked for page 2".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    page.click("Cancel export").await?;
    page.wait_text("Export cancelled: nothing was exported.")
        .await?;
    page.wait_js(
        "Export CSV usable again",
        "[...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Export CSV' && !b.disabled)",
    )
    .await?;
    let files: Vec<String> = std::fs::read_dir(&page.downloads)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.starts_with("users"))
        .collect();
    if files != ["users.csv"] {
        return Err(format!("after Cancel the downloads are {files:?}"));
    }
    Ok(())
}
