//! Keyboard users never get lost: skip link, focus kept and returned, one keyboard-only flow;
//! and the users table fits common screen widths.

use fantoccini::key::Key;
use serde_json::json;

use super::common::{create_user, server_user, signed_in_at, unique, wait_rows};
use crate::support::keys::{key, tab};
use crate::support::{Harness, Page};
use crate::{Scenario, scenarios};

pub fn all() -> Vec<(&'static str, Scenario)> {
    scenarios![
        keyboard_only_search_edit_save_returns_focus_to_the_row,
        keyboard_dialog_keeps_focus_and_escape_returns_it,
        users_table_fits_common_widths_and_a_phone
    ]
}

/// Skip link → search → the row's Edit → change the name → Save, all from the keyboard; focus
/// ends on the row's Edit button again (a new button: the row was rebuilt with the new name).
pub async fn keyboard_only_search_edit_save_returns_focus_to_the_row(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let name = format!("Keys Person {u}");
    let id = create_user(h, &name, &format!("keys{u}@example.com"), "user")?;
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;

    // The first Tab reaches the skip link; it moves focus to the screen itself.
    let first = page.tab_to("Skip to main content", false, 1).await;
    first.map_err(|e| format!("the first Tab does not reach the skip link: {e}"))?;
    page.press(&key(Key::Enter)).await?;
    let f = page.focused().await?;
    if f.tag != "main" {
        return Err(format!(
            "the skip link moved focus to {f:?}, not the main content"
        ));
    }
    let tabs = page.tab_to("Search users", false, 8).await?;
    eprintln!("[keyboard] Search users reached with skip link + {tabs} Tabs");

    page.press(&format!("keys{u}")).await?;
    wait_rows(page, 1).await?;
    page.tab_to(&format!("Edit {name}"), false, 25).await?;
    page.press(&key(Key::Enter)).await?;
    page.wait_js(
        "the Edit user dialog",
        "document.querySelector('dialog[open]')",
    )
    .await?;
    let f = page.focused().await?;
    if !f.in_dialog || f.name != "Name" {
        return Err(format!(
            "the dialog opened with focus on {f:?}, not its Name field"
        ));
    }
    let renamed = format!("Keys Renamed {u}");
    // Select all, delete, type: as a person replaces a field's text.
    page.press(&format!(
        "{}a{}{}{renamed}",
        key(Key::Control),
        key(Key::Null),
        key(Key::Backspace)
    ))
    .await?;
    let typed = page.js("return document.activeElement.value;").await?;
    if typed != json!(renamed) {
        return Err(format!("the Name field holds {typed} after typing"));
    }
    page.tab_to("Save", false, 25).await?;
    page.press(&key(Key::Enter)).await?;

    page.dialog_closed().await?;
    page.wait_text(&format!("Saved {renamed}")).await?;
    let saved = server_user(h, &id)?.ok_or("the user is gone")?;
    if saved["name"] != json!(renamed) {
        return Err(format!(
            "the server has {:?}, not the new name",
            saved["name"]
        ));
    }
    let target = serde_json::to_string(&format!("Edit {renamed}")).map_err(|e| e.to_string())?;
    let back = page
        .wait_js(
            "focus back on the row's Edit button",
            &format!("document.activeElement && document.activeElement.getAttribute('aria-label') === {target}"),
        )
        .await;
    if let Err(e) = back {
        return Err(format!("{e}; focus is on {:?}", page.focused().await?));
    }
    Ok(())
}

/// Tab and Shift+Tab cycle inside an open dialog; Escape closes it and focus goes back to the
/// button that opened it.
pub async fn keyboard_dialog_keeps_focus_and_escape_returns_it(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    page.button("Add user")
        .await?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    page.wait_js(
        "the Add user dialog",
        "document.querySelector('dialog[open]')",
    )
    .await?;
    let count = page
        .js("return document.querySelector('dialog[open]').querySelectorAll('input, select, textarea, button, a[href], summary').length;")
        .await?
        .as_u64()
        .unwrap_or(0);
    // Twice round the dialog each way: focus never leaves it.
    for back in [false, true] {
        let tab = tab(back);
        for n in 0..(2 * count + 2) {
            page.press(&tab).await?;
            let f = page.focused().await?;
            if !f.in_dialog {
                return Err(format!(
                    "{} {n}: focus left the open dialog for {f:?}",
                    if back { "Shift+Tab" } else { "Tab" }
                ));
            }
            if !f.visible {
                return Err(format!("focus on {f:?} is not visible"));
            }
        }
    }
    page.press(&key(Key::Escape)).await?;
    page.dialog_closed().await?;
    page.wait_js(
        "focus back on Add user",
        "document.activeElement && document.activeElement.innerText.trim() === 'Add user'",
    )
    .await
    .map(|_| ())
}

/// At 1280, 1400 and 1440 px the users table fits without sideways scrolling, even with a long
/// name and email; on a phone it keeps name (with the email), role and the row's actions.
pub async fn users_table_fits_common_widths_and_a_phone(
    h: &Harness,
    page: &Page,
) -> Result<(), String> {
    let u = unique();
    let name = format!("Maximiliana Konstantinopoulou-Vanderberg {u}");
    create_user(
        h,
        &name,
        &format!("maximiliana.konstantinopoulou-vanderberg.{u}@engineering.example.com"),
        "pending",
    )?;
    signed_in_at(h, page, "/users").await?;
    wait_rows(page, 30).await?;
    let fits = "(() => { const w = document.querySelector('.table-wrap'); \
        const d = [...document.querySelectorAll('button[aria-label^=\"Delete \"], button[aria-label^=\"Edit \"]')]; \
        return { wrap: w.scrollWidth <= w.clientWidth + 1, page: document.documentElement.scrollWidth <= innerWidth, \
                 buttons: d.length > 0 && d.every(b => { const r = b.getBoundingClientRect(); return r.width > 0 && r.right <= innerWidth; }) }; })()";
    for (width, search) in [
        (1280, ""),
        (1400, ""),
        (1440, ""),
        (1280, u.as_str()),
        (1400, u.as_str()),
    ] {
        viewport(page, width, 900, false).await?;
        if !search.is_empty() {
            page.fill("Search users", search).await?;
            wait_rows(page, 1).await?;
        }
        let r = page.js(&format!("return {fits};")).await?;
        if r != json!({"wrap": true, "page": true, "buttons": true}) {
            page.screenshot(&h.artifacts().join(format!("users-{width}-overflow.png")))
                .await?;
            return Err(format!(
                "at {width} px (search {search:?}) the table does not fit: {r}"
            ));
        }
        page.screenshot(&h.artifacts().join(format!(
            "users-{width}{}.png",
            if search.is_empty() { "" } else { "-long" }
        )))
        .await?;
    }
    // A phone: the email moves under the name; Edit and Delete stay on screen, no sideways scroll.
    viewport(page, 390, 844, true).await?;
    let phone = page
        .js("const row = [...document.querySelectorAll('table[aria-label=Users] tbody tr')][0]; \
             const e = row.querySelector('.name-email'); const b = [...row.querySelectorAll('button')]; \
             const w = document.querySelector('.table-wrap'); \
             return { email: !!e && e.getBoundingClientRect().height > 0, buttons: b.length == 2 && b.every(x => x.getBoundingClientRect().right <= innerWidth), \
                      wrap: w.scrollWidth <= w.clientWidth + 1 };")
        .await?;
    page.screenshot(&h.artifacts().join("users-phone.png"))
        .await?;
    if phone != json!({"email": true, "buttons": true, "wrap": true}) {
        return Err(format!("on a phone the row shows: {phone}"));
    }
    page.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
        .await
        .map(|_| ())
}

async fn viewport(page: &Page, width: u32, height: u32, mobile: bool) -> Result<(), String> {
    page.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
    )
    .await
    .map(|_| ())
}
