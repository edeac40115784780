//! Best-effort localStorage for preferences (saved views, columns): a browser that refuses
//! storage (private mode, quota, policy) just forgets them, and nothing here can panic.

/// The value under `key`, if storage is there and holds one.
pub fn load(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

/// Stores `value` under `key`; false when the browser refused.
pub fn store(key: &str, value: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}
