//! Which events a webhook can subscribe to, as the form offers them: every event (`*`), one
//! pattern per area (`user.*`, …: the server accepts `prefix.*` when a catalog event has that
//! prefix), and single events a webhook already has. Pure, so the host tests cover it.

use crate::api::EventCatalog;

/// What "Admin audit trail" subscribes to: who signed in, and every change to users and groups.
pub const AUDIT_TRAIL: [&str; 3] = ["user.*", "group.*", "auth.*"];

/// One choice in the form.
#[derive(Debug, Clone, PartialEq)]
pub struct EventChoice {
    /// What is sent: `*`, `user.*` or a single event.
    pub value: String,
    /// "All user events (8): user.created, user.updated, …".
    pub text: String,
}

/// `*`, then one `area.*` per first segment of the catalog (in catalog order), then the events in
/// `current` that are none of these (single events or patterns the catalog does not explain).
pub fn choices(catalog: &EventCatalog, current: &[String]) -> Vec<EventChoice> {
    let mut areas: Vec<(String, Vec<String>)> = Vec::new();
    for e in &catalog.events {
        let area = e.event.split('.').next().unwrap_or(&e.event).to_string();
        match areas.iter_mut().find(|(a, _)| *a == area) {
            Some((_, list)) => list.push(e.event.clone()),
            None => areas.push((area, vec![e.event.clone()])),
        }
    }
    let mut out = vec![EventChoice {
        value: "*".into(),
        text: format!("Every event ({})", catalog.events.len()),
    }];
    for (area, list) in areas {
        let sample: Vec<&str> = list.iter().take(4).map(String::as_str).collect();
        let more = if list.len() > 4 { ", …" } else { "" };
        out.push(EventChoice {
            value: format!("{area}.*"),
            text: format!(
                "All {area} events ({}): {}{more}",
                list.len(),
                sample.join(", ")
            ),
        });
    }
    for c in current {
        if !out.iter().any(|o| &o.value == c) {
            out.push(EventChoice {
                value: c.clone(),
                text: c.clone(),
            });
        }
    }
    out
}

/// "user.*, group.*, auth.*" or "every event".
pub fn summary(events: &[String]) -> String {
    if events.is_empty() || events.iter().any(|e| e == "*") {
        "every event".into()
    } else {
        events.join(", ")
    }
}
