//! Filters on the users list (role, group, last active, created, suspended), the pending queue
//! and role counts (issue 13). What the app shows is compared with what the server's data says,
//! computed here from `/users/all` (roles, last active), the groups' exports (members) and the
//! paged list (creation times).

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use super::common::{create_user, server_user, signed_in_at, unique, wait_rows};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        users_filters_match_the_server,
        users_filters_live_in_the_url,
        users_filters_pending_queue_approves_and_rejects,
        users_filters_look_right_light_dark_and_phone,
    ]
}

/// The summary says how many users match (the filters are resolved).
const MATCHING: &str = "/\\d+ users? matching/.test(document.body.innerText)";

/// Users added for a scenario, deleted again at its end whatever happened.
async fn with_users<F, Fut>(h: &Harness, specs: &[(String, &str)], f: F) -> Result<(), String>
where
    F: FnOnce(Vec<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let mut ids = Vec::new();
    let mut made = Ok(());
    for (name, role) in specs {
        let email = format!(
            "{}@filters.example.com",
            name.to_lowercase().replace(' ', ".")
        );
        match create_user(h, name, &email, role) {
            Ok(id) => ids.push(id),
            Err(e) => {
                made = Err(e);
                break;
            }
        }
    }
    let r = match made {
        Ok(()) => f(ids.clone()).await,
        Err(e) => Err(e),
    };
    for id in ids {
        let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    }
    r
}

/// Every user with what the filters look at: role and last active from `/users/all`, creation
/// time and direct groups from the paged list.
fn server_users(h: &Harness) -> Result<Vec<Value>, String> {
    let all = h.api.all_users()?;
    let mut paged: HashMap<String, Value> = HashMap::new();
    for p in 1.. {
        let v = h
            .api
            .ok(h.api.get(&format!("/api/v1/users/?page={p}")), "list")?;
        let users = v["users"].as_array().cloned().unwrap_or_default();
        if users.is_empty() {
            break;
        }
        for u in users {
            paged.insert(u["id"].as_str().unwrap_or_default().to_string(), u);
        }
    }
    Ok(all
        .into_iter()
        .filter_map(|u| {
            let id = u["id"].as_str()?.to_string();
            let p = paged.get(&id)?;
            Some(json!({
                "id": id, "email": u["email"], "role": u["role"], "last_active_at": u["last_active_at"],
                "created_at": p["created_at"], "group_ids": p["group_ids"],
            }))
        })
        .collect())
}

/// Direct members of a group, from its export.
fn members(h: &Harness, gid: &str) -> Result<BTreeSet<String>, String> {
    let v = h.api.ok(
        h.api.get(&format!("/api/v1/groups/id/{gid}/export")),
        "export",
    )?;
    Ok(v["user_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect())
}

fn group_id(h: &Harness, name: &str) -> Result<String, String> {
    let v = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
    v.as_array()
        .into_iter()
        .flatten()
        .find(|g| g["name"] == name)
        .and_then(|g| g["id"].as_str().map(str::to_string))
        .ok_or_else(|| format!("no group {name}"))
}

/// The emails the app shows for `/users?{filter}` across all its pages (each page by URL).
async fn shown(
    page: &Page,
    h: &Harness,
    filter: &str,
    expected: usize,
) -> Result<BTreeSet<String>, String> {
    page.goto(&format!("{}/users?{filter}", h.app_url)).await?;
    let noun = if expected == 1 { "user" } else { "users" };
    page.wait_text(&format!("{expected} {noun} matching"))
        .await?;
    let pages = expected.div_ceil(30).max(1);
    page.wait_text(&format!("Page 1 of {pages}")).await?;
    let mut emails = BTreeSet::new();
    for p in 1..=pages {
        if p > 1 {
            page.goto(&format!("{}/users?{filter}&page={p}", h.app_url))
                .await?;
            page.wait_text(&format!("Page {p} of {pages}")).await?;
        }
        let want = if p < pages {
            30
        } else {
            expected - 30 * (pages - 1)
        };
        wait_rows(page, want as u64).await?;
        let v = page
            .js("return [...document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row) .cell-email')].map(e => e.textContent);")
            .await?;
        emails.extend(
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e.as_str().map(str::to_string)),
        );
    }
    Ok(emails)
}

fn emails_where(users: &[Value], keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    users
        .iter()
        .filter(|u| keep(u))
        .filter_map(|u| u["email"].as_str().map(str::to_string))
        .collect()
}

/// Each filter and two combinations show exactly the users the server's data says, with the
/// count and "Page X of Y"; over three pages of users in all three roles.
pub async fn users_filters_match_the_server(h: &Harness, page: &Page) -> Result<(), String> {
    let s = unique();
    let specs: Vec<(String, &str)> = (0..36)
        .map(|i| {
            (
                format!("Filter {s} {i:02}"),
                ["pending", "user", "user"][i % 3],
            )
        })
        .collect();
    with_users(h, &specs, |ids| async move {
        // Some new users join Support directly, some Platform (a child of Engineering).
        let support = group_id(h, "Support")?;
        let platform = group_id(h, "Platform")?;
        let eng = group_id(h, "Engineering")?;
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{support}/users/add"), json!({"user_ids": ids[0..9]})), "add")?;
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{platform}/users/add"), json!({"user_ids": ids[9..15]})), "add")?;
        // The console's suspension group (a group marked in its data): the one there is, or
        // one made for this scenario; three of the new users in it.
        let groups = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
        let marked = groups
            .as_array()
            .into_iter()
            .flatten()
            .find(|g| g["data"]["owui_admin_suspended_group"] == json!(true))
            .and_then(|g| g["id"].as_str().map(str::to_string));
        let made = marked.is_none();
        let suspended = match marked {
            Some(id) => id,
            None => h
                .api
                .ok(h.api.post("/api/v1/groups/create", json!({"name": format!("Suspended {s}"), "description": "", "data": {"owui_admin_suspended_group": true}})), "create")?["id"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        };
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{suspended}/users/add"), json!({"user_ids": ids[15..18]})), "add")?;
        let r = async {
        signed_in_at(h, page, "/users").await?;
        let users = server_users(h)?;
        if users.len() <= 60 {
            return Err(format!("expected more than two pages of users, the server has {}", users.len()));
        }
        let role = |r: &'static str| move |u: &Value| u["role"] == r;
        let in_set = |set: BTreeSet<String>| move |u: &Value| set.contains(u["id"].as_str().unwrap_or_default());
        let eng_direct = members(h, &eng)?;
        let mut eng_all = eng_direct.clone();
        eng_all.extend(members(h, &platform)?);
        let support_members = members(h, &support)?;
        let never = |u: &Value| u["last_active_at"].as_i64() <= u["created_at"].as_i64();
        let now = page.js("return Math.floor(Date.now() / 1000);").await?.as_i64().unwrap_or(0);
        let today = page
            .js("const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-');")
            .await?;
        let today = today.as_str().unwrap_or_default().to_string();
        let midnight = page
            .js("const d = new Date(); return Math.floor(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 1000);")
            .await?
            .as_i64()
            .unwrap_or(0);
        let cases: Vec<(String, BTreeSet<String>)> = vec![
            ("role=pending".into(), emails_where(&users, role("pending"))),
            ("role=admin".into(), emails_where(&users, role("admin"))),
            ("role=admin,user".into(), emails_where(&users, |u| u["role"] != "pending")),
            (format!("group={eng}"), emails_where(&users, in_set(eng_direct.clone()))),
            (format!("group={eng}&children=1"), emails_where(&users, in_set(eng_all.clone()))),
            (format!("group={eng},{support}"), emails_where(&users, |u| {
                let id = u["id"].as_str().unwrap_or_default();
                eng_direct.contains(id) || support_members.contains(id)
            })),
            ("last=never".into(), emails_where(&users, never)),
            ("last=active-1".into(), emails_where(&users, |u| u["last_active_at"].as_i64().unwrap_or(0) >= now - 86_400)),
            ("last=inactive-1".into(), emails_where(&users, |u| u["last_active_at"].as_i64().unwrap_or(0) < now - 86_400)),
            (format!("from={today}&to={today}"), emails_where(&users, |u| u["created_at"].as_i64().unwrap_or(0) >= midnight)),
            (format!("to={today}&from=2000-01-01"), emails_where(&users, |u| u["created_at"].as_i64().unwrap_or(0) < midnight + 86_400)),
            ("from=2100-01-01".into(), BTreeSet::new()),
            // Combinations: pending members of Support (with child groups), never-active users.
            (format!("role=pending&group={support}&children=1"), emails_where(&users, |u| role("pending")(u) && support_members.contains(u["id"].as_str().unwrap_or_default()))),
            ("role=user&last=never".into(), emails_where(&users, |u| role("user")(u) && never(u))),
            ("suspended=1".into(), emails_where(&users, in_set(members(h, &suspended)?))),
        ];
        for (filter, want) in cases {
            let got = shown(page, h, &filter, want.len()).await?;
            if got != want {
                let missing: Vec<_> = want.difference(&got).collect();
                let extra: Vec<_> = got.difference(&want).collect();
                return Err(format!("{filter}: {} shown, {} expected; missing {missing:?}, extra {extra:?}", got.len(), want.len()));
            }
        }
        // The header's role counts are the server's.
        page.goto(&format!("{}/users", h.app_url)).await?;
        let n = |r: &str| users.iter().filter(|u| u["role"] == r).count();
        let plural = |k: usize, w: &str| if k == 1 { format!("{k} {w}") } else { format!("{k} {w}s") };
        page.wait_text(&format!("{} · {} · {} pending", plural(n("admin"), "admin"), plural(n("user"), "user"), n("pending"))).await
        }
        .await;
        if made {
            let _ = h.api.delete(&format!("/api/v1/groups/id/{suspended}/delete"));
        } else {
            let _ = h.api.post(&format!("/api/v1/groups/id/{suspended}/users/remove"), json!({"user_ids": ids[15..18]}));
        }
        r
    })
    .await
}

/// Filters set with the controls land in the URL, survive a reload, follow back/forward, and
/// "Clear filters" removes them; a filter change goes back to page 1.
pub async fn users_filters_live_in_the_url(h: &Harness, page: &Page) -> Result<(), String> {
    signed_in_at(h, page, "/users?page=2").await?;
    page.wait_text("Page 2 of").await?;
    let checkbox = |name: &str| {
        format!(
            "[...document.querySelectorAll('.filters label')].find(l => l.textContent.trim() === {}).querySelector('input')",
            serde_json::to_string(name).unwrap_or_default()
        )
    };
    // Without a filter the disclosure starts closed; a person opens it first.
    let summary = page
        .wait_xpath("//details[contains(@class,'filters') and not(@open)]/summary[normalize-space()='Filters']")
        .await?;
    summary.click().await.map_err(|e| e.to_string())?;
    page.wait_xpath("//details[contains(@class,'filters') and @open]")
        .await?;
    // The controls are a lazily loaded chunk in the release build: they arrive after opening.
    page.wait_xpath(
        "//details[contains(@class,'filters')]//label[normalize-space()='Pending']/input",
    )
    .await?;
    page.js(&format!("{}.click(); return true;", checkbox("Pending")))
        .await?;
    page.wait_js(
        "role in the URL, page 1",
        "location.search === '?role=pending'",
    )
    .await?;
    page.wait_text("Filtered: role: pending").await?;
    // The last-active select.
    page.js("const s = document.getElementById('f-last'); s.value = 'never'; s.dispatchEvent(new Event('change', {bubbles: true})); return true;").await?;
    page.wait_js(
        "both in the URL",
        "location.search === '?role=pending&last=never'",
    )
    .await?;
    page.wait_text("role: pending · never active").await?;
    page.client.refresh().await.map_err(|e| e.to_string())?;
    page.wait_text("role: pending · never active").await?;
    page.wait_js(
        "still checked after reload",
        &format!(
            "{}.checked && document.getElementById('f-last').value === 'never'",
            checkbox("Pending")
        ),
    )
    .await?;
    page.client.back().await.map_err(|e| e.to_string())?;
    page.wait_js("back: role only", "location.search === '?role=pending'")
        .await?;
    page.wait_js(
        "back: select shows any time",
        "document.getElementById('f-last').value === ''",
    )
    .await?;
    page.client.forward().await.map_err(|e| e.to_string())?;
    page.wait_js("forward: both", "location.search === '?role=pending&last=never' && document.getElementById('f-last').value === 'never'").await?;
    page.click("Clear filters").await?;
    page.wait_js("no filters in the URL", "location.search === ''")
        .await?;
    page.wait_js("unchecked", &format!("!{}.checked", checkbox("Pending")))
        .await?;
    let total = h.api.user_total()?;
    page.wait_text(&format!("Page 1 of {}", total.div_ceil(30)))
        .await
}

/// The header's "N pending" opens the queue; Approve makes a user a user, Reject (after a
/// confirm that says their chats go) deletes them.
pub async fn users_filters_pending_queue_approves_and_rejects(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let s = unique();
    let specs = vec![
        (format!("Waiting A{s}"), "pending"),
        (format!("Waiting B{s}"), "pending"),
    ];
    with_users(h, &specs, |ids| async move {
        let pending = h.api.all_users()?.iter().filter(|u| u["role"] == "pending").count();
        signed_in_at(h, page, "/users").await?;
        let link = page.wait_xpath(&format!("//a[normalize-space()='{pending} pending']")).await?;
        link.click().await.map_err(|e| e.to_string())?;
        page.wait_js("the queue's URL", "location.search === '?role=pending'").await?;
        page.wait_text(&format!("{pending} users matching")).await?;
        let (a, b) = (format!("Waiting A{s}"), format!("Waiting B{s}"));
        page.click(&format!("Approve {a}")).await?;
        page.wait_text(&format!("Approved {a}")).await?;
        let role = server_user(h, &ids[0])?.map(|u| u["role"].clone());
        if role != Some(json!("user")) {
            return Err(format!("approved user's role on the server: {role:?}"));
        }
        page.wait_text(&format!("{} users matching", pending - 1)).await?;
        page.click(&format!("Reject {b}")).await?;
        page.wait_xpath("//*[@role='dialog']//*[contains(., 'chats')]").await?;
        let buttons = page
            .js("return [...document.querySelectorAll('[role=dialog] button')].map(b => b.textContent.trim()).filter(t => t && t !== '×' && t !== 'Close');")
            .await?;
        if buttons != json!(["Cancel", "Reject"]) {
            return Err(format!("the reject confirm offers {buttons}"));
        }
        page.click_in_dialog("Reject").await?;
        page.wait_text(&format!("Rejected {b}")).await?;
        if server_user(h, &ids[1])?.is_some() {
            return Err("the rejected user still exists".into());
        }
        page.wait_text(&format!("{} pending", pending - 2)).await
    })
    .await
}

/// Screenshots of the filters (light, dark, phone) for people to look at; and the checkable
/// facts: on a phone nothing scrolls sideways, and the summary is readable in the dark.
pub async fn users_filters_look_right_light_dark_and_phone(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let eng = group_id(h, "Engineering")?;
    let path = format!("/users?role=user,admin&group={eng}&children=1&last=active-30");
    signed_in_at(h, page, &path).await?;
    page.wait_js("the matching count", MATCHING).await?;
    page.screenshot(&h.artifacts().join("users-filters-light.png"))
        .await?;
    page.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
    )
    .await?;
    page.goto(&format!("{}{path}", h.app_url)).await?;
    page.wait_js("the matching count", MATCHING).await?;
    page.screenshot(&h.artifacts().join("users-filters-phone.png"))
        .await?;
    let fits = page
        .js("return document.documentElement.scrollWidth <= innerWidth + 1;")
        .await?;
    page.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
        .await?;
    if fits != json!(true) {
        return Err("on a phone the filters scroll sideways".into());
    }
    let dark = Page::open_dark(&h.webdriver_url).await?;
    let r = async {
        signed_in_at(h, &dark, &path).await?;
        dark.wait_js("the matching count", MATCHING).await?;
        dark.screenshot(&h.artifacts().join("users-filters-dark.png"))
            .await?;
        let c = dark
            .js("return getComputedStyle(document.querySelector('.filters')).backgroundColor;")
            .await?;
        if c != json!("rgb(23, 26, 33)") {
            return Err(format!("the filters' panel in dark mode is {c}"));
        }
        Ok(())
    }
    .await;
    dark.close().await;
    r
}
