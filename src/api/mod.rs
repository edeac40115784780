//! Everything that knows Open WebUI's HTTP API: paths, JSON shapes, errors. Nothing else in the
//! app builds a URL or parses a response.

pub mod client;
pub mod endpoints;
pub mod error;
pub mod models;

pub use client::{Client, decode, normalize_base_url};
pub use endpoints::{Membership, UserListParams};
pub use error::{ApiError, FieldError};
pub use models::*;

/// Open WebUI's fixed page size for user lists and group members.
pub const PAGE_SIZE: u64 = 30;
