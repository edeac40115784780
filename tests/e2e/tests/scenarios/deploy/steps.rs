//! Steps of the deployment scenarios: starting as Open WebUI's own web UI leaves things on the
//! console's origin, following the Main navigation, checking a screen's address and that a
//! reload brings back the same screen, and that the CSP blocked nothing.

use crate::support::page::xp_lit;
use crate::support::{Harness, Page};

/// Signed in to Open WebUI on nginx's origin (the console's too), the way its web UI keeps the
/// token: `localStorage.token`. Records CSP violations from the next page load on.
pub async fn open_as_open_webui(h: &Harness, page: &Page, token: &str) -> Result<(), String> {
    page.record_csp_violations().await?;
    page.goto(&format!("{}/health", h.nginx_url)).await?;
    let lit = serde_json::to_string(token).map_err(|e| e.to_string())?;
    page.js(&format!("localStorage.setItem('token', {lit}); return 1;"))
        .await
        .map(|_| ())
}

/// Clicks a link of the Main navigation.
pub async fn nav(page: &Page, name: &str) -> Result<(), String> {
    page.wait_xpath(&format!(
        "//nav[@aria-label='Main']//a[normalize-space()={}]",
        xp_lit(name)
    ))
    .await?
    .click()
    .await
    .map_err(|e| e.to_string())
}

/// The address becomes exactly `want` (path and query: the sub-path once, the state in the
/// query), the screen shows the heading `heading` (not "Not found") and every JS expression in
/// `state` holds; then the same again after a reload.
pub async fn reloads_the_same(
    page: &Page,
    want: &str,
    heading: &str,
    state: &[&str],
) -> Result<(), String> {
    let lit = serde_json::to_string(want).map_err(|e| e.to_string())?;
    for round in ["", " after a reload"] {
        if !round.is_empty() {
            page.client.refresh().await.map_err(|e| e.to_string())?;
        }
        if page
            .wait_js(
                &format!("the address {want}"),
                &format!("location.pathname + location.search === {lit}"),
            )
            .await
            .is_err()
        {
            let at = page.current_url().await?;
            let doubled = if at.contains("/admin-console/admin-console") {
                " (the sub-path twice)"
            } else {
                ""
            };
            return Err(format!("expected {want}{round}, at {at}{doubled}"));
        }
        page.heading(heading)
            .await
            .map_err(|e| format!("{want}{round}: {e}"))?;
        for expr in state {
            page.wait_js(&format!("{expr}{round} at {want}"), expr)
                .await?;
        }
        let not_found = page
            .js("return [...document.querySelectorAll('h1')].some(h => h.textContent.trim() === 'Not found');")
            .await?;
        if not_found.as_bool() != Some(false) {
            return Err(format!("{want}{round} shows Not found"));
        }
    }
    Ok(())
}

/// Nothing was blocked by the page's CSP since `record_csp_violations` (and the recording is
/// shown to work, so "nothing" means something).
pub async fn no_csp_violations(page: &Page) -> Result<(), String> {
    let seen = page.csp_violations().await?;
    if !seen.is_empty() {
        return Err(format!("the CSP blocked: {seen:?}"));
    }
    page.csp_recording_works().await
}
