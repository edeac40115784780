//! The client's usage route: messages and tokens per user from Open WebUI's admin analytics
//! (`GET /api/v1/analytics/users`), one call for every user, never one per user, and never a
//! route that returns message contents.

use serde_json::Value;

use super::client::Client;
use super::compat::Capability;
use super::endpoints as ep;
use super::error::ApiError;
use super::models::JsonMap;

/// What a person is told when the server has the route but analytics is switched off.
pub const ANALYTICS_OFF: &str = "Usage needs admin analytics (ENABLE_ADMIN_ANALYTICS)";

/// One user's usage in the period. Lenient: a missing or unreadable number is 0, unknown keys
/// are kept. Read by hand from the JSON value (no derived decoder: this is in the first
/// download, and a derive with kept keys costs kilobytes there).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserUsage {
    pub user_id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// Messages: the assistant replies in the user's chats (what Open WebUI's analytics counts).
    pub count: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub total_tokens: u64,
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

    /// From one entry of the answer; what is left of the object is `extra`.
    pub fn from_json(mut o: JsonMap) -> UserUsage {
        let mut text = |k: &str| match o.remove(k) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let (user_id, name, email) = (
            text("user_id").unwrap_or_default(),
            text("name"),
            text("email"),
        );
        let mut num = |k: &str| o.remove(k).map_or(0, |v| lenient_u64(&v));
        UserUsage {
            user_id,
            name,
            email,
            count: num("count"),
            input_tokens: num("input_tokens"),
            output_tokens: num("output_tokens"),
            total_tokens: num("total_tokens"),
            extra: o,
        }
    }
}

/// `{users: [...]}`, only users with messages in the period, ranked by the server.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserUsageList {
    pub users: Vec<UserUsage>,
    pub extra: JsonMap,
}

impl UserUsageList {
    /// From the answer: `None` unless it is an object (a missing or odd `users` is none; an
    /// entry that is not an object is skipped).
    pub fn from_json(v: Value) -> Option<UserUsageList> {
        let Value::Object(mut o) = v else {
            return None;
        };
        let users = match o.remove("users") {
            Some(Value::Array(a)) => a
                .into_iter()
                .filter_map(|u| match u {
                    Value::Object(m) => Some(UserUsage::from_json(m)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(UserUsageList { users, extra: o })
    }
}

/// A count as the server sent it: a whole number, a float (floored), a numeric string; anything
/// else (null, missing, negative) is 0.
fn lenient_u64(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    }
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
        match self
            .get::<Value>(ep::analytics_users(start, end, limit))
            .await
        {
            Ok(v) => UserUsageList::from_json(v)
                .map(Some)
                .ok_or_else(|| ApiError::Decode("the usage answer is not an object".into())),
            Err(ApiError::NotFound(_) | ApiError::Unsupported { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
