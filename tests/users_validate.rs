//! The server's input rules, checked in the browser before sending.

use owui_admin::pages::users::validate::*;

#[test]
fn emails() {
    for ok in [
        "a@b.co",
        "first.last+tag@example.com",
        " padded@example.com ",
    ] {
        assert_eq!(email_error(ok), None, "{ok}");
    }
    for bad in [
        "",
        "plain",
        "@example.com",
        "a@b",
        "a@b.",
        "a@@b.com",
        "a b@example.com",
        "a@.com",
    ] {
        assert!(email_error(bad).is_some(), "{bad:?} should be refused");
    }
}

#[test]
fn roles_are_only_the_three() {
    for r in ["admin", "user", "pending"] {
        assert_eq!(role_error(r), None);
    }
    for r in ["superuser", "Admin", "", "root"] {
        assert!(role_error(r).is_some(), "{r}");
    }
}

#[test]
fn passwords() {
    assert!(password_error("", true).is_some());
    assert_eq!(
        password_error("", false),
        None,
        "empty on edit keeps the password"
    );
    assert_eq!(password_error(&"x".repeat(72), true), None);
    assert!(password_error(&"x".repeat(73), true).is_some());
    assert!(
        password_error(&"é".repeat(37), true).is_some(),
        "72 bytes, not characters"
    );
}

#[test]
fn profile_image_urls_follow_the_server() {
    for ok in [
        "",
        "/user.png",
        "/favicon.png",
        "/static/favicon.png",
        "/api/v1/users/abc-123/profile/image",
        "https://example.com/a.png",
        "http://localhost:8080/x",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/webp;base64,UklGR",
    ] {
        assert_eq!(profile_image_url_error(ok), None, "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:text/html;base64,PGI+",
        "data:image/png;base64,",
        "/etc/passwd",
        "https://",
        "ftp://example.com/a.png",
        "/api/v1/users//profile/image",
    ] {
        assert!(
            profile_image_url_error(bad).is_some(),
            "{bad:?} should be refused"
        );
    }
}

#[test]
fn names() {
    assert!(name_error("  ").is_some());
    assert_eq!(name_error("Ada"), None);
}
