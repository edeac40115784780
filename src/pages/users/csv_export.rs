//! Export of users as CSV (what the admin sees, plus ids and timestamps for spreadsheets).

use std::collections::HashMap;

use crate::api::User;

/// Epoch seconds as `YYYY-MM-DD HH:MM:SS` UTC (spreadsheets read it; no time zone surprises).
pub fn utc_timestamp(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

pub fn users_csv(users: &[User], group_names: &HashMap<String, String>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "Name",
        "Email",
        "Role",
        "Groups",
        "Last active (UTC)",
        "Created (UTC)",
        "Updated (UTC)",
        "ID",
    ]);
    let ts = |t: Option<i64>| t.map(utc_timestamp).unwrap_or_default();
    for u in users {
        let groups: Vec<&str> = u
            .group_ids
            .iter()
            .map(|g| group_names.get(g).map(String::as_str).unwrap_or(g.as_str()))
            .collect();
        let _ = w.write_record([
            u.name.as_str(),
            u.email.as_str(),
            u.role.as_str(),
            &groups.join("; "),
            &ts(u.last_active_at),
            &ts(u.created_at),
            &ts(u.updated_at),
            u.id.as_str(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
