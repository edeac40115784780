//! The keyboard as a person uses it: keys go to whatever has focus, and what has focus is read
//! back by its accessible name.

use fantoccini::key::Key;
use serde_json::Value;

use super::Page;

/// What has focus now.
#[derive(Debug, Clone)]
pub struct Focused {
    /// Its accessible name, roughly: aria-label, its label, else its text.
    pub name: String,
    pub tag: String,
    /// Inside an open `<dialog>`.
    pub in_dialog: bool,
    /// Something shows where focus is (an outline or a focus ring).
    pub visible: bool,
}

pub fn key(k: Key) -> String {
    char::from(k).to_string()
}

/// Tab, or Shift+Tab when `back` (the modifier released after it).
pub fn tab(back: bool) -> String {
    if back {
        format!("{}{}{}", key(Key::Shift), key(Key::Tab), key(Key::Null))
    } else {
        key(Key::Tab)
    }
}

impl Page {
    /// Sends keys to the focused element (the page itself when nothing is focused).
    pub async fn press(&self, keys: &str) -> Result<(), String> {
        let el = self
            .client
            .active_element()
            .await
            .map_err(|e| e.to_string())?;
        el.send_keys(keys).await.map_err(|e| e.to_string())
    }

    pub async fn focused(&self) -> Result<Focused, String> {
        let v = self
            .js(
                "const a = document.activeElement; if (!a) return null;\
                 const label = a.labels && a.labels[0] ? a.labels[0].innerText : '';\
                 const s = getComputedStyle(a);\
                 const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';\
                 return { name: (a.getAttribute('aria-label') || label || a.innerText || a.value || '').trim().slice(0, 80),\
                          tag: a.tagName.toLowerCase(), in_dialog: !!a.closest('dialog[open]'), visible: ring };",
            )
            .await?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        Ok(Focused {
            name: s("name"),
            tag: s("tag"),
            in_dialog: v["in_dialog"] == Value::Bool(true),
            visible: v["visible"] == Value::Bool(true),
        })
    }

    /// Presses Tab (Shift+Tab when `back`) until the focused element's name is `name`, at most
    /// `max` times; returns how many presses it took. Every stop on the way must show focus.
    pub async fn tab_to(&self, name: &str, back: bool, max: usize) -> Result<usize, String> {
        let tab = tab(back);
        let mut seen = Vec::new();
        for n in 1..=max {
            self.press(&tab).await?;
            let f = self.focused().await?;
            if !f.visible && f.tag != "body" && f.tag != "main" {
                return Err(format!("focus on {:?} ({}) is not visible", f.name, f.tag));
            }
            if f.name.eq_ignore_ascii_case(name) {
                return Ok(n);
            }
            seen.push(format!("{}:{}", f.tag, f.name));
        }
        Err(format!(
            "{name:?} not reached in {max} Tabs; went through {seen:?}"
        ))
    }
}
