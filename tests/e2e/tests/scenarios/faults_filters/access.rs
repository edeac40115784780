//! Faults on the issue-14 screens: the user page's "Why can this user do this?", a group's
//! "Effect on members", and the identity-provider config reads behind the Members tab (which
//! fail softly: no warning, never an error).

use serde_json::json;

use super::super::common::{create_user, unique};
use super::super::faults::{DEADLINE_MS, alert_gone, click_in_alert, not_cors, open_signed_in};
use super::{no_alert_text, no_longer_loading};
use crate::support::{Fault, Harness, Page, Rule};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        fault_explainer_defaults_fail_inside_the_section_and_retry,
        fault_group_effect_fails_then_retry_computes,
        fault_identity_config_reads_fail_softly,
    ]
}

fn create_group(h: &Harness, name: &str, perms: serde_json::Value) -> Result<String, String> {
    let body = json!({"name": name, "description": "e2e faults", "permissions": perms});
    let g = h
        .api
        .ok(h.api.post("/api/v1/groups/create", body), "create group")?;
    g["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "group without id".into())
}

/// An alert inside the element matching `css` that contains `part` (waits for it).
async fn alert_in(page: &Page, css_class: &str, part: &str) -> Result<String, String> {
    page.wait_xpath(&format!(
        "//*[contains(concat(' ', @class, ' '), ' {css_class} ')]//*[@role='alert'][contains(., '{part}')]"
    ))
    .await
    .map_err(|e| format!("no alert saying {part:?} in .{css_class}: {e}"))?
    .text()
    .await
    .map_err(|e| e.to_string())
}

/// The explainer's default permissions hang, then answer 502: each time the message stays in
/// the section (the user's page around it works), Retry asks again, and once the server answers
/// the table comes.
pub async fn fault_explainer_defaults_fail_inside_the_section_and_retry(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let u = unique();
    let name = format!("Explained Faults {u}");
    let uid = create_user(h, &name, &format!("explainedfaults{u}@example.com"), "user")?;
    let result = async {
        let defaults = "/api/v1/users/default/permissions";
        h.faults.set(Rule::new("GET", defaults, Fault::Hang))?;
        open_signed_in(
            h,
            page,
            &h.fault_url,
            &h.fault_url,
            &format!("/users/{uid}"),
            Some(DEADLINE_MS),
        )
        .await?;
        page.heading(&name).await?;
        page.heading("Why can this user do this?").await?;
        let text = alert_in(page, "explainer", "did not answer").await?;
        if !text.contains("within 3 seconds") || !text.contains("Retry") {
            return Err(format!("the explainer's hang is told as {text:?}"));
        }
        not_cors(&text)?;
        no_longer_loading(page, "Loading permissions").await?;
        // Only the section failed: the page's own parts are there.
        page.heading("Groups").await?;
        page.js("document.querySelector('.explainer').scrollIntoView(); return true;")
            .await?;
        page.screenshot(&h.artifacts().join("fault-explainer-hang.png"))
            .await?;
        h.faults.clear()?;
        h.faults
            .set(Rule::new("GET", defaults, Fault::HtmlError(502)))?;
        click_in_alert(page, "did not answer", "Retry").await?;
        let text = alert_in(page, "explainer", "unavailable").await?;
        if !text.contains("502") || text.contains("address of Open WebUI") {
            return Err(format!("the explainer's 502 is told as {text:?}"));
        }
        alert_gone(page, "did not answer").await?;
        h.faults.clear()?;
        click_in_alert(page, "unavailable", "Retry").await?;
        page.wait_css("table.explainer-table tbody tr[data-perm]")
            .await?;
        alert_gone(page, "unavailable").await
    }
    .await;
    let _ = h.api.delete(&format!("/api/v1/users/{uid}"));
    result
}

/// "Show the effect on members" while the members route answers 502, then hangs: each said in
/// the section (unavailable; the deadline), Retry asks again, and once the server answers the
/// effect is computed (the member has the group's key only through it).
pub async fn fault_group_effect_fails_then_retry_computes(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let u = unique();
    let group = format!("E2E Effect Faults {u}");
    let gid = create_group(h, &group, json!({"workspace": {"knowledge": true}}))?;
    let member = format!("Effect Member {u}");
    let result = async {
        let uid = create_user(h, &member, &format!("effectmember{u}@example.com"), "user")?;
        h.api.ok(
            h.api.post(
                &format!("/api/v1/groups/id/{gid}/users/add"),
                json!({"user_ids": [uid]}),
            ),
            "add member",
        )?;
        open_signed_in(
            h,
            page,
            &h.fault_url,
            &h.fault_url,
            &format!("/groups/{gid}?tab=permissions"),
            Some(DEADLINE_MS),
        )
        .await?;
        page.button("Show the effect on members").await?;
        let members = format!("/api/v1/groups/id/{gid}/members");
        h.faults
            .set(Rule::new("GET", members.clone(), Fault::HtmlError(502)))?;
        page.click("Show the effect on members").await?;
        let text = alert_in(page, "group-effect", "unavailable").await?;
        if !text.contains("502") || text.contains("address of Open WebUI") {
            return Err(format!("the effect's 502 is told as {text:?}"));
        }
        page.js("document.querySelector('.group-effect').scrollIntoView(); return true;")
            .await?;
        page.screenshot(&h.artifacts().join("fault-group-effect-502.png"))
            .await?;
        h.faults.clear()?;
        h.faults.set(Rule::new("GET", members, Fault::Hang))?;
        click_in_alert(page, "unavailable", "Retry").await?;
        let text = alert_in(page, "group-effect", "did not answer").await?;
        if !text.contains("within 3 seconds") {
            return Err(format!("the effect's hang is told as {text:?}"));
        }
        alert_gone(page, "unavailable").await?;
        h.faults.clear()?;
        click_in_alert(page, "did not answer", "Retry").await?;
        let row = page.wait_css("li[data-perm='workspace.knowledge']").await?;
        let text = row.text().await.map_err(|e| e.to_string())?;
        if row
            .attr("data-only-here")
            .await
            .map_err(|e| e.to_string())?
            .as_deref()
            != Some("1")
            || !text.contains(&member)
        {
            return Err(format!("after Retry the effect says {text:?}"));
        }
        page.wait_text("Considered all 1 member(s)").await?;
        alert_gone(page, "did not answer").await?;
        let _ = h.api.delete(&format!("/api/v1/users/{uid}"));
        Ok(())
    }
    .await;
    let _ = h.api.delete(&format!("/api/v1/groups/id/{gid}/delete"));
    result
}

/// The OAuth and LDAP settings behind the Members tab's warning, read through faults (refused,
/// a proxy's 502 page, a route an older server lacks, hanging, cut-off JSON): each time no
/// warning, no error, the members controls usable, and the reads settle as "not managed".
pub async fn fault_identity_config_reads_fail_softly(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let _scope = h.faults.scope()?;
    let u = unique();
    let gid = create_group(h, &format!("E2E Sync Faults {u}"), json!({}))?;
    let oauth = "/api/v1/auths/admin/config/oauth";
    let ldap = "/api/v1/auths/admin/config/ldap/server";
    let json_answer = |status: u16, detail: &str| Fault::Respond {
        status,
        body: json!({ "detail": detail }).to_string(),
        content_type: "application/json".into(),
    };
    let rounds: Vec<(&str, Fault, Fault)> = vec![
        (
            "403 and a 502 page",
            json_answer(403, "Not allowed"),
            Fault::HtmlError(502),
        ),
        (
            "not an admin (401) and a route the server lacks (404)",
            json_answer(401, "You do not have permission to access this resource."),
            json_answer(404, "Not Found"),
        ),
        ("hanging and cut-off JSON", Fault::Hang, Fault::Truncate),
    ];
    let result = async {
        for (what, o, l) in rounds {
            h.faults.clear()?;
            h.faults.set(Rule::new("GET", oauth, o))?;
            h.faults.set(Rule::new("GET", ldap, l))?;
            open_signed_in(
                h,
                page,
                &h.fault_url,
                &h.fault_url,
                &format!("/groups/{gid}?tab=members"),
                Some(DEADLINE_MS),
            )
            .await?;
            // The members controls do not wait for the settings.
            page.field("Search users to add").await?;
            page.wait_css("[data-group-sync='off']")
                .await
                .map_err(|e| format!("{what}: the reads never settled: {e}"))?;
            no_alert_text(page, what).await?;
            let body = page.body_text().await?;
            if body.contains("undone at") || body.contains("group management") {
                return Err(format!(
                    "{what}: a warning from settings that were not read"
                ));
            }
            if h.faults.hits()? < 2 {
                return Err(format!(
                    "{what}: the settings were not read through the faults"
                ));
            }
            // Still signed in (a refused settings read is not an expired session).
            if page
                .js("return !!document.querySelector('dialog[open] input[type=password]');")
                .await?
                == json!(true)
            {
                return Err(format!("{what}: Sign in opened"));
            }
        }
        page.screenshot(&h.artifacts().join("fault-identity-soft.png"))
            .await
    }
    .await;
    let _ = h.api.delete(&format!("/api/v1/groups/id/{gid}/delete"));
    result
}
