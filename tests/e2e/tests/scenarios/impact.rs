//! The change-impact preview before permission, member and parent changes (issue 14): with
//! nested groups whose permissions differ and overlapping members, the counts the preview
//! shows for a group permission change, an added member, a parent change and a defaults change
//! equal what the server enforces afterwards (asked as each user: `/users/permissions`). A
//! failing preview read never blocks Save. Everything made is removed, the defaults restored.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::access::create_group;
use super::common::{create_user, signed_in_at, signed_in_on, unique};
use super::groups::steps::{click_css, err, screenshots, wait_group};
use crate::support::page::xp_lit;
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        impact_preview_counts_match_the_server_after_saving,
        impact_defaults_preview_counts_every_user,
    ]
}

/// A preview row: (dotted key, gain count, lose count, text).
type Row = (String, u64, u64, String);

/// The rows of the preview inside `scope` (a CSS selector), once it has rendered.
async fn preview_rows(page: &Page, scope: &str) -> Result<Vec<Row>, String> {
    // Settled: a read of exactly the current change is in (busy until then).
    let settled = serde_json::to_string(&format!("{scope} section.impact[aria-busy='false']"))
        .map_err(err)?;
    page.wait_js(
        "the preview of the current change",
        &format!("!!document.querySelector({settled})"),
    )
    .await?;
    let css = format!("{scope} ul.impact-list li[data-perm]");
    page.wait_css(&css).await?;
    let lit = serde_json::to_string(&css).map_err(err)?;
    let v = page
        .js(&format!("return [...document.querySelectorAll({lit})].map(li => [li.dataset.perm, +li.dataset.gain, +li.dataset.lose, li.textContent]);"))
        .await?;
    Ok(v.as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_u64().unwrap_or(0),
                r[2].as_u64().unwrap_or(0),
                r[3].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

/// One of the test's users, signed in once (the token is reused).
struct Person {
    name: String,
    token: String,
}

/// What the server enforces for each person now, asked as them.
fn enforced(h: &Harness, people: &[Person]) -> Result<Vec<Value>, String> {
    people
        .iter()
        .map(|p| {
            h.api.ok(
                h.api.as_token(&p.token).get("/api/v1/users/permissions"),
                &format!("permissions as {}", p.name),
            )
        })
        .collect()
}

fn on(perms: &Value, path: &str) -> bool {
    let (s, k) = path.split_once('.').unwrap_or((path, ""));
    match &perms[s][k] {
        Value::Bool(b) => *b,
        Value::Null => false,
        _ => true,
    }
}

/// Every row's counts equal who gained / lost the key on the server, every key that changed
/// for someone has a row, and `want` (key, gain, lose) holds (so a preview that says nothing
/// cannot pass).
fn matches(
    what: &str,
    rows: &[Row],
    before: &[Value],
    after: &[Value],
    want: &[(&str, u64, u64)],
) -> Result<(), String> {
    let flips = |path: &str| {
        before
            .iter()
            .zip(after)
            .fold((0, 0), |(g, l), (b, a)| match (on(b, path), on(a, path)) {
                (false, true) => (g + 1, l),
                (true, false) => (g, l + 1),
                _ => (g, l),
            })
    };
    for (path, gain, lose, text) in rows {
        if flips(path) != (*gain, *lose) {
            return Err(format!(
                "{what}: {path}: the preview says +{gain} -{lose} ({text}), the server changed {:?}",
                flips(path)
            ));
        }
    }
    for (section, keys) in after[0].as_object().into_iter().flatten() {
        for key in keys.as_object().into_iter().flatten().map(|(k, _)| k) {
            let path = format!("{section}.{key}");
            if flips(&path) != (0, 0) && !rows.iter().any(|r| r.0 == path) {
                return Err(format!(
                    "{what}: {path} changed on the server but has no row"
                ));
            }
        }
    }
    for (path, gain, lose) in want {
        let row = rows
            .iter()
            .find(|r| r.0 == *path)
            .ok_or(format!("{what}: no row for {path}: {rows:?}"))?;
        if (row.1, row.2) != (*gain, *lose) {
            return Err(format!("{what}: {path}: {row:?}, expected +{gain} -{lose}"));
        }
    }
    Ok(())
}

/// Research (knowledge, prompts) ← Vision (models); Support (knowledge); New Parent (tools,
/// knowledge). Ada in Vision, Bob in Research, Cy in Vision and Support, Dee in none.
/// (a) Research drops knowledge and adds tools, (b) Dee joins Vision, (c) Vision moves under
/// New Parent: each preview's counts equal the server's answers afterwards.
pub async fn impact_preview_counts_match_the_server_after_saving(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let defaults = h
        .api
        .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
    for k in [
        "workspace.knowledge",
        "workspace.prompts",
        "workspace.models",
        "workspace.tools",
    ] {
        if on(&defaults, k) {
            return Err(format!(
                "the scenario needs {k} off in the defaults: {defaults}"
            ));
        }
    }
    let research = format!("Impact Research {u}");
    let r = create_group(
        h,
        &research,
        None,
        json!({"workspace": {"knowledge": true, "prompts": true}}),
    )?;
    let v = create_group(
        h,
        &format!("Impact Vision {u}"),
        Some(&r),
        json!({"workspace": {"models": true}}),
    )?;
    let s = create_group(
        h,
        &format!("Impact Support {u}"),
        None,
        json!({"workspace": {"knowledge": true}}),
    )?;
    let np = format!("Impact New Parent {u}");
    let n = create_group(
        h,
        &np,
        None,
        json!({"workspace": {"tools": true, "knowledge": true}}),
    )?;
    let mut ids = Vec::new();
    let result = async {
        let mut people = Vec::new();
        for who in ["Ada", "Bob", "Cy", "Dee"] {
            let name = format!("{who} Impact {u}");
            let email = format!("{}impact{u}@example.com", who.to_lowercase());
            ids.push(create_user(h, &name, &email, "user")?);
            people.push(Person {
                name,
                token: h.api.signin(&email, "e2e-password-1")?,
            });
        }
        let add = |g: &str, who: &[usize]| {
            let list: Vec<&String> = who.iter().map(|i| &ids[*i]).collect();
            h.api.ok(
                h.api.post(
                    &format!("/api/v1/groups/id/{g}/users/add"),
                    json!({"user_ids": list}),
                ),
                "add members",
            )
        };
        add(&v, &[0, 2])?;
        add(&r, &[1])?;
        add(&s, &[2])?;

        // (a) A group's permissions: knowledge off (Ada and Bob lose it; Cy keeps it through
        // Support), tools on (all three members gain it).
        let before = enforced(h, &people)?;
        signed_in_at(h, page, &format!("/groups/{r}?tab=permissions")).await?;
        page.heading(&research).await?;
        click_css(page, "input[name='workspace.knowledge']").await?;
        click_css(page, "input[name='workspace.tools']").await?;
        page.heading("Effect of this change").await?;
        let rows = preview_rows(page, "main").await?;
        page.wait_text("3 users affected").await?;
        screenshots(h, page, "impact-group-permissions").await?;
        page.click("Save").await?;
        wait_group(h, &r, "the new permissions", |g| {
            g["permissions"]["workspace"]["tools"] == json!(true)
        })
        .await?;
        let after = enforced(h, &people)?;
        matches(
            "group permissions",
            &rows,
            &before,
            &after,
            &[("workspace.knowledge", 0, 2), ("workspace.tools", 3, 0)],
        )?;

        // (b) Adding Dee to Vision: the keys of Vision and its parent Research.
        let before = after;
        signed_in_at(h, page, &format!("/groups/{v}?tab=members")).await?;
        page.fill("Search users to add", &people[3].name).await?;
        page.field(&format!("Select {}", people[3].name))
            .await?
            .click()
            .await
            .map_err(err)?;
        let rows = preview_rows(page, ".add-members").await?;
        page.wait_text("1 user affected").await?;
        page.js("document.querySelector('.add-members .impact').scrollIntoView({block: 'center'}); return true;").await?;
        screenshots(h, page, "impact-add-member").await?;
        page.click("Add selected").await?;
        page.wait_text("Added 1 member.").await?;
        let after = enforced(h, &people)?;
        matches(
            "adding a member",
            &rows,
            &before,
            &after,
            &[
                ("workspace.models", 1, 0),
                ("workspace.prompts", 1, 0),
                ("workspace.tools", 1, 0),
            ],
        )?;

        // (c) Vision moves from Research (prompts, tools) to New Parent (tools, knowledge): its
        // members lose prompts, keep tools, and gain knowledge unless Support gives it (Cy).
        let before = after;
        signed_in_at(h, page, &format!("/groups/{v}")).await?;
        // The form is drawn once the group and the list of groups are in.
        page.heading(&format!("Impact Vision {u}")).await?;
        page.wait_xpath(&format!("//select[@name='parent_group_id']/option[normalize-space()={}]", xp_lit(&np))).await?;
        page.field("Parent group")
            .await?
            .select_by_label(&np)
            .await
            .map_err(err)?;
        let rows = preview_rows(page, "main").await?;
        page.wait_text("3 users affected").await?;
        screenshots(h, page, "impact-parent-change").await?;
        page.click("Save").await?;
        wait_group(h, &v, "the new parent", |g| {
            g["parent_group_id"] == json!(n)
        })
        .await?;
        let after = enforced(h, &people)?;
        matches(
            "a parent change",
            &rows,
            &before,
            &after,
            &[
                ("workspace.prompts", 0, 3),
                ("workspace.knowledge", 2, 0),
                ("workspace.tools", 0, 0),
            ],
        )
    }
    .await;
    for id in &ids {
        let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    }
    for g in [&v, &r, &s, &n] {
        let _ = h.api.delete(&format!("/api/v1/groups/id/{g}/delete"));
    }
    result
}

/// The ids of every effective member of the server's groups that grant `path`, read straight
/// from the server (its own member listing).
fn granted_through_groups(h: &Harness, path: &str) -> Result<HashSet<String>, String> {
    let groups = h.api.ok(h.api.get("/api/v1/groups/"), "groups")?;
    let mut out = HashSet::new();
    for g in groups
        .as_array()
        .into_iter()
        .flatten()
        .filter(|g| on(&g["permissions"], path))
    {
        let id = g["id"].as_str().unwrap_or_default();
        for p in 1..100 {
            let page = h.api.ok(
                h.api.get(&format!(
                    "/api/v1/groups/id/{id}/members?membership=effective&page={p}"
                )),
                "members",
            )?;
            let items = page["items"].as_array().cloned().unwrap_or_default();
            out.extend(
                items
                    .iter()
                    .filter_map(|m| m["id"].as_str().map(str::to_string)),
            );
            if items.len() < 30 {
                break;
            }
        }
    }
    Ok(out)
}

/// Turning workspace.models on in the defaults: "N users gain it" is every user but the members
/// of the groups granting it, and afterwards the server gives it to Bob (no such group) while
/// Ada keeps it through Vision. A preview whose reads fail says so and still saves.
pub async fn impact_defaults_preview_counts_every_user(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let stored = h
        .api
        .ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
    if on(&stored, "workspace.models") {
        return Err(format!(
            "the scenario needs workspace.models off in the defaults: {stored}"
        ));
    }
    let v = create_group(
        h,
        &format!("Impact Models {u}"),
        None,
        json!({"workspace": {"models": true}}),
    )?;
    let mut ids = Vec::new();
    let result = async {
        let mut people = Vec::new();
        for who in ["Ada", "Bob"] {
            let name = format!("{who} Defaults {u}");
            let email = format!("{}defaults{u}@example.com", who.to_lowercase());
            ids.push(create_user(h, &name, &email, "user")?);
            people.push(Person { name, token: h.api.signin(&email, "e2e-password-1")? });
        }
        h.api.ok(h.api.post(&format!("/api/v1/groups/id/{v}/users/add"), json!({"user_ids": [ids[0]]})), "add Ada")?;
        let total = h.api.user_total()?;
        let have = granted_through_groups(h, "workspace.models")?;
        let before = enforced(h, &people)?;
        signed_in_at(h, page, "/permissions").await?;
        click_css(page, "input[name='workspace.models']").await?;
        page.heading("Effect of this change").await?;
        let rows = preview_rows(page, "main").await?;
        page.wait_text(&format!("Every user is affected ({total} in all).")).await?;
        page.wait_text("Admins have every permission").await?;
        let row = rows.iter().find(|r| r.0 == "workspace.models").ok_or(format!("no row for workspace.models: {rows:?}"))?;
        let gain = total - have.len() as u64;
        if (row.1, row.2) != (gain, 0) || !row.3.contains(&format!("turned on in the defaults — {gain} users gain it; {} already have it through", have.len())) {
            return Err(format!("defaults preview {row:?}; the server has {total} users, {} with models through groups", have.len()));
        }
        screenshots(h, page, "impact-defaults").await?;
        page.click("Save").await?;
        page.wait_text("Default permissions saved.").await?;
        let after = enforced(h, &people)?;
        // Everyone without it through a group gained it: Bob did, Ada had it already.
        if on(&before[1], "workspace.models") || !on(&after[1], "workspace.models") || !on(&before[0], "workspace.models") {
            return Err(format!("models before {:?}, after {:?}", before.iter().map(|p| on(p, "workspace.models")).collect::<Vec<_>>(), after.iter().map(|p| on(p, "workspace.models")).collect::<Vec<_>>()));
        }
        h.api.ok(h.api.post("/api/v1/users/default/permissions", stored.clone()), "restore defaults")?;

        // The preview's reads fail (groups answer 503): it says so, offers Retry, Save still works.
        let fault = async {
            h.faults.set(Rule::new("GET", "/api/v1/groups/", Fault::HtmlError(503)))?;
            signed_in_on(h, page, &h.fault_url, &h.fault_url, "/permissions").await?;
            click_css(page, "input[name='workspace.models']").await?;
            page.wait_xpath("//main//*[@role='alert'][contains(., 'Could not compute the effect')]").await?;
            page.wait_xpath("//main//*[@role='alert']//button[normalize-space()='Retry']").await?;
            screenshots(h, page, "impact-read-failed").await?;
            page.click("Save").await?;
            page.wait_text("Default permissions saved.").await?;
            let now = h.api.ok(h.api.get("/api/v1/users/default/permissions"), "defaults")?;
            if !on(&now, "workspace.models") {
                return Err(format!("Save during a failed preview did not save: {now}"));
            }
            Ok(())
        }
        .await;
        h.faults.clear()?;
        fault
    }
    .await;
    let restored = h.api.ok(
        h.api
            .post("/api/v1/users/default/permissions", stored.clone()),
        "restore defaults",
    );
    for id in &ids {
        let _ = h.api.delete(&format!("/api/v1/users/{id}"));
    }
    let _ = h.api.delete(&format!("/api/v1/groups/id/{v}/delete"));
    result.and(restored.map(|_| ()))
}
