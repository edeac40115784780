//! Everything that knows Open WebUI's HTTP API: paths, JSON shapes, errors. Nothing else in the
//! app builds a URL or parses a response.

pub mod adapters;
pub mod client;
mod client_groups;
mod client_usage;
pub mod compat;
pub mod endpoints;
pub mod error;
pub mod models;
mod transport;

pub use client::{Client, decode, normalize_base_url};
pub use client_usage::{ANALYTICS_OFF, UserUsage, UserUsageList};
pub use compat::{Capability, ServerInfo, Version};
pub use endpoints::{Membership, UserListParams};
pub use error::{ApiError, FieldError};
pub use models::*;
pub use transport::{DEADLINE_KEY, deadline_ms, with_deadline};

/// Open WebUI's fixed page size for user lists and group members.
pub const PAGE_SIZE: u64 = 30;

/// The page's own origin: the default server URL (the console served next to Open WebUI), and
/// the origin named when CORS refuses it.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// `data:image/(png|jpeg|gif|webp);base64,…` — the only inline images the server keeps.
pub fn is_image_data_uri(url: &str) -> bool {
    ["png", "jpeg", "gif", "webp"].iter().any(|t| {
        url.strip_prefix("data:image/")
            .and_then(|r| r.strip_prefix(t))
            .and_then(|r| r.strip_prefix(";base64,"))
            .is_some_and(|data| !data.is_empty())
    })
}
