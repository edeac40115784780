//! The app's own URLs. When the console is served under a sub-path (trunk `--public-url`, which
//! fills `<base href>` in index.html), every internal link and navigation goes through `href`.

/// The router base: the path of `<base href>` without its trailing slash ("" at the root).
pub fn base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    base_from_href(&href)
}

/// `"/admin-console/"` → `"/admin-console"`; `"/"`, `""` or a full URL's root → `""`.
pub fn base_from_href(href: &str) -> String {
    let path = match href.find("://") {
        Some(i) => href[i + 3..]
            .find('/')
            .map(|j| &href[i + 3 + j..])
            .unwrap_or(""),
        None => href,
    };
    path.trim_end_matches('/').to_string()
}

/// An app path (`/users?page=2`) as a link target under the base.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

pub fn user_page(id: &str) -> String {
    href(&format!("/users/{}", crate::api::endpoints::encode(id)))
}
