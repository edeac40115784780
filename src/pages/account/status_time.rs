//! Status expiry: epoch seconds (what the server stores) <-> the value of an
//! `<input type="datetime-local">` (`YYYY-MM-DDTHH:MM`) in the person's time zone.
//!
//! The arithmetic is plain Rust so it runs in host tests; the time-zone offset comes in from the
//! outside, in JavaScript's `Date.getTimezoneOffset()` convention: minutes to ADD to local time to
//! get UTC (e.g. -60 for Central European winter time, 300 for New York winter time).

/// Formats `epoch` (seconds) as a `datetime-local` value, given the offset in force at that
/// instant.
pub fn epoch_to_local_input(epoch: i64, offset_minutes: i64) -> String {
    let local = epoch - offset_minutes * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// Reads a `datetime-local` value (`YYYY-MM-DDTHH:MM`, optionally `:SS`) as local time and returns
/// epoch seconds. `offset_at(epoch)` gives the offset in force at an instant; it is asked twice so
/// that a date on the other side of a daylight-saving change gets its own offset.
pub fn local_input_to_epoch(input: &str, offset_at: impl Fn(i64) -> i64) -> Result<i64, String> {
    let naive = parse_local(input.trim())?;
    let first = naive + offset_at(naive) * 60;
    Ok(naive + offset_at(first) * 60)
}

/// The local date-time as if it were UTC, in seconds.
fn parse_local(s: &str) -> Result<i64, String> {
    let bad = || format!("“{s}” is not a date and time (expected YYYY-MM-DDTHH:MM).");
    let (date, time) = s.split_once(['T', ' ']).ok_or_else(bad)?;
    let mut d = date.splitn(3, '-');
    let (y, m, day) = (num(d.next()), num(d.next()), num(d.next()));
    let mut t = time.splitn(3, ':');
    let (h, min) = (num(t.next()), num(t.next()));
    let sec = match t.next() {
        // Seconds may carry a fraction (`05.000`): whole seconds are enough here.
        Some(x) => num(x.split('.').next()),
        None => Some(0),
    };
    let (Some(y), Some(m), Some(day), Some(h), Some(min), Some(sec)) = (y, m, day, h, min, sec)
    else {
        return Err(bad());
    };
    if !(1..=12).contains(&m)
        || day < 1
        || day > days_in_month(y, m)
        || h > 23
        || min > 59
        || sec > 59
    {
        return Err(bad());
    }
    Ok(days_from_civil(y, m, day) * 86_400 + h * 3600 + min * 60 + sec)
}

fn num(part: Option<&str>) -> Option<i64> {
    let p = part?;
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The browser's offset at an instant (`Date.getTimezoneOffset()`), for the functions above.
#[cfg(target_arch = "wasm32")]
pub fn browser_offset_at(epoch: i64) -> i64 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch as f64 * 1000.0));
    date.get_timezone_offset() as i64
}

/// Off the browser (host tests) the offset is UTC.
#[cfg(not(target_arch = "wasm32"))]
pub fn browser_offset_at(_epoch: i64) -> i64 {
    0
}
