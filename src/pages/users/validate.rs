//! The server's input rules, checked before anything is sent, so that mistakes show next to
//! their field at once. They mirror Open WebUI 0.12.4 (utils/validate.py, utils/misc.py).

use crate::api::ROLES;

/// bcrypt only looks at the first 72 bytes; Open WebUI refuses longer passwords.
pub const MAX_PASSWORD_BYTES: usize = 72;

/// An email Open WebUI will accept: something@domain.tld, no spaces.
pub fn email_error(email: &str) -> Option<&'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Some("Enter an email address.");
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain
                    .split_once('.')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    (!valid).then_some("This is not a valid email address.")
}

pub fn role_error(role: &str) -> Option<&'static str> {
    (!ROLES.contains(&role)).then_some("The role must be admin, user or pending.")
}

pub fn name_error(name: &str) -> Option<&'static str> {
    name.trim().is_empty().then_some("Enter a name.")
}

/// For a new user (required) or a new password on edit (`required = false`: empty means keep).
pub fn password_error(password: &str, required: bool) -> Option<&'static str> {
    if password.is_empty() {
        return required.then_some("Enter a password.");
    }
    (password.len() > MAX_PASSWORD_BYTES).then_some("The password must be at most 72 bytes long.")
}

/// Open WebUI's `validate_profile_image_url`: empty, its own default images, its own image
/// endpoint, http(s) URLs with a host, or base64 PNG/JPEG/GIF/WebP data URIs.
pub fn profile_image_url_error(url: &str) -> Option<&'static str> {
    let url = url.trim();
    let ok = url.is_empty()
        || matches!(url, "/user.png" | "/favicon.png" | "/static/favicon.png")
        || is_own_image_endpoint(url)
        || is_http_url_with_host(url)
        || crate::api::is_image_data_uri(url);
    (!ok).then_some(
        "Use an http(s) address, a data:image (PNG, JPEG, GIF or WebP) URI, /user.png, or leave it empty.",
    )
}

fn is_own_image_endpoint(url: &str) -> bool {
    url.strip_prefix("/api/v1/users/")
        .and_then(|rest| rest.strip_suffix("/profile/image"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

fn is_http_url_with_host(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.and_then(|r| r.split(['/', '?', '#']).next())
        .is_some_and(|host| !host.is_empty() && !host.contains(char::is_whitespace))
}
