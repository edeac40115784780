//! The client's usage route: messages and tokens per user from Open WebUI's admin analytics
//! (`GET /api/v1/analytics/users`), one call for every user, never one per user, and never a
//! route that returns message contents.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::client::Client;
use super::compat::Capability;
use super::endpoints as ep;
use super::error::ApiError;
use super::models::JsonMap;

/// What a person is told when the server has the route but analytics is switched off.
pub const ANALYTICS_OFF: &str = "Usage needs admin analytics (ENABLE_ADMIN_ANALYTICS)";

/// One user's usage in the period. Lenient: a missing or unreadable number is 0, unknown keys
/// are kept.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct UserUsage {
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Messages: the assistant replies in the user's chats (what Open WebUI's analytics counts).
    #[serde(deserialize_with = "lenient_u64")]
    pub count: u64,
    #[serde(deserialize_with = "lenient_u64")]
    pub input_tokens: u64,
    #[serde(deserialize_with = "lenient_u64")]
    pub output_tokens: u64,
    #[serde(deserialize_with = "lenient_u64")]
    pub total_tokens: u64,
    #[serde(flatten)]
    pub extra: JsonMap,
}

impl UserUsage {
    /// The total, or input + output where a server sends no total.
    pub fn tokens(&self) -> u64 {
        if self.total_tokens > 0 {
            self.total_tokens
        } else {
            self.input_tokens.saturating_add(self.output_tokens)
        }
    }
}

/// `{users: [...]}`, only users with messages in the period, ranked by the server.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct UserUsageList {
    pub users: Vec<UserUsage>,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// A count as the server sent it: a whole number, a float (floored), a numeric string; anything
/// else (null, missing, negative) is 0.
fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = Value::deserialize(d)?;
    Ok(match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

impl Client {
    /// Usage per user between `start` and `end` (epoch seconds), at most `limit` users.
    /// `Ok(None)`: the server has the route in its version but it is not mounted (analytics
    /// switched off: 404, or the web UI's page); an older server: `Err(Unsupported)` without
    /// asking.
    pub async fn user_usage(
        &self,
        start: i64,
        end: i64,
        limit: u32,
    ) -> Result<Option<UserUsageList>, ApiError> {
        self.lacking(Capability::UserAnalytics)?;
        match self.get(ep::analytics_users(start, end, limit)).await {
            Ok(list) => Ok(Some(list)),
            Err(ApiError::NotFound(_) | ApiError::Unsupported { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
