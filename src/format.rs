//! Turning server values into text people read: relative times, dates, initials.

/// "just now", "5 minutes ago", "3 days ago", "in 2 hours" — `now` and `then` in epoch seconds.
pub fn relative_time(now: i64, then: i64) -> String {
    let d = now - then;
    let (future, s) = if d < 0 { (true, -d) } else { (false, d) };
    if s < 45 {
        return "just now".into();
    }
    let (n, unit) = match s {
        s if s < 3600 => ((s + 30) / 60, "minute"),
        s if s < 86_400 => ((s + 1800) / 3600, "hour"),
        s if s < 30 * 86_400 => ((s + 43_200) / 86_400, "day"),
        s if s < 365 * 86_400 => ((s + 15 * 86_400) / (30 * 86_400), "month"),
        s => ((s + 182 * 86_400) / (365 * 86_400), "year"),
    };
    let n = n.max(1);
    let plural = if n == 1 { "" } else { "s" };
    if future {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

/// Open WebUI's own rule: active when seen within the last 180 seconds.
pub fn is_active(now: i64, last_active_at: Option<i64>) -> bool {
    last_active_at.is_some_and(|t| now - t <= 180)
}

/// Up to two initials for an avatar placeholder: "Ada Lovelace" → "AL", "bob" → "B".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let pick = match words.as_slice() {
        [] => vec![],
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    let s: String = pick
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if s.is_empty() { "?".into() } else { s }
}

/// Now, in epoch seconds (browser clock).
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A date in the browser's locale and time zone, e.g. "22/11/2026".
pub fn local_date(epoch: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch as f64 * 1000.0))
        .to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A date and time in the browser's locale and time zone.
pub fn local_date_time(epoch: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch as f64 * 1000.0))
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// "1 user", "3 users": `n` with the singular or plural noun (plurals that just add "s").
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    format!("{n} {noun}{}", plural(n))
}

/// The "s" a count other than one takes.
pub fn plural(n: impl Into<u64>) -> &'static str {
    if n.into() == 1 { "" } else { "s" }
}
