//! Text shown for times and names.

use owui_admin::format::{initials, is_active, relative_time};
use owui_admin::routes::base_from_href;

#[test]
fn relative_times() {
    let now = 1_800_000_000;
    assert_eq!(relative_time(now, now), "just now");
    assert_eq!(relative_time(now, now - 44), "just now");
    assert_eq!(relative_time(now, now - 60), "1 minute ago");
    assert_eq!(relative_time(now, now - 5 * 60), "5 minutes ago");
    assert_eq!(relative_time(now, now - 3600), "1 hour ago");
    assert_eq!(relative_time(now, now - 3 * 86_400), "3 days ago");
    assert_eq!(relative_time(now, now - 400 * 86_400), "1 year ago");
    assert_eq!(relative_time(now, now + 2 * 3600), "in 2 hours");
}

#[test]
fn active_means_seen_within_180_seconds() {
    assert!(is_active(1000, Some(820)));
    assert!(!is_active(1000, Some(819)));
    assert!(!is_active(1000, None));
}

#[test]
fn initials_from_names() {
    assert_eq!(initials("Ada Lovelace"), "AL");
    assert_eq!(initials("Jean Luc Picard"), "JP");
    assert_eq!(initials("bob"), "B");
    assert_eq!(initials("élodie"), "É");
    assert_eq!(initials("   "), "?");
}

#[test]
fn router_base_from_base_href() {
    assert_eq!(base_from_href("/"), "");
    assert_eq!(base_from_href(""), "");
    assert_eq!(base_from_href("/admin-console/"), "/admin-console");
    assert_eq!(
        base_from_href("http://example.com/admin-console/"),
        "/admin-console"
    );
    assert_eq!(base_from_href("http://example.com"), "");
}
