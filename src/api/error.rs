//! One error type for every way an Open WebUI call can fail, each with a message a person can act on.
//!
//! The server's quirks are mapped here and nowhere else: 401 means both "session over" and
//! "not an admin" (told apart by the `detail` text), users answer 400 for "not found" while groups
//! answer 404, validation errors come as a FastAPI list (per field) except under `/auths/`, and a
//! path without its trailing slash answers 200 with the web UI's HTML instead of JSON. Older
//! lines add two: groups answer "not found" with 401 (before 0.12), and a route the server does
//! not have answers 405 or the web UI's HTML ([`ApiError::Unsupported`]).

use serde_json::Value;

use super::endpoints::Endpoint;

/// Open WebUI's `ACCESS_PROHIBITED` text (constants.py), answered with 401 to non-admins.
const ACCESS_PROHIBITED: &str = "You do not have permission to access this resource";
/// Open WebUI's `NOT_FOUND` / `USER_NOT_FOUND` text, answered with 400 by the users routes.
const NOT_FOUND: &str = "We could not find what you're looking for";

/// A message about one form field, e.g. `email` → "This email is already registered".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the server spells it in its request body (`email`, `profile_image_url`).
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No HTTP answer, and the server does not answer a probe either: it is down, the address
    /// is wrong, or this browser is offline.
    #[error(
        "Could not reach Open WebUI at {0}. Check the server URL, that the server is running and \
         that this computer is online, then try again."
    )]
    Network(String),
    /// The connection broke before the answer arrived although the server is up (a proxy or
    /// network hiccup). A change may or may not have been saved.
    #[error("{}", if *write {
        "The connection to Open WebUI was interrupted before it answered. The change may not have \
         been saved: check, then try again."
    } else {
        "The connection to Open WebUI was interrupted before it answered. Try again."
    })]
    Interrupted { write: bool },
    /// A part of this console (a wasm chunk of a split build) could not be downloaded from where
    /// the console is served: not Open WebUI's fault, and nothing was sent to it.
    #[error(
        "Could not download this part of the console from the address it is served from. Check \
         the connection, then try again."
    )]
    Download,
    /// No answer within the deadline.
    #[error("{}", if *write {
        format!("Open WebUI did not answer within {secs} seconds. The change may or may not have \
                 been saved: check, then try again.")
    } else {
        format!("Open WebUI did not answer within {secs} seconds. It may be busy or unreachable.")
    })]
    Timeout { secs: u32, write: bool },
    /// A 5xx answer that is not Open WebUI's own JSON: a proxy's or gateway's error page, or the
    /// server restarting.
    #[error(
        "Open WebUI is unavailable right now (HTTP {status} from the server or a proxy in front of \
         it). Try again in a moment."
    )]
    Unavailable { status: u16 },
    /// The server answers, but the browser may not read the answer: Open WebUI's CORS setting
    /// does not list this page's origin.
    #[error(
        "Open WebUI at {server} is running but does not allow requests from this page's origin \
         ({origin}). Add {origin} to its CORS_ALLOW_ORIGIN setting (several origins are separated \
         by ;) and restart it, or serve this console from Open WebUI's own address."
    )]
    Cors { server: String, origin: String },
    /// The token is missing, expired, revoked or invalid: the person has to sign in again.
    #[error("{0}")]
    SessionExpired(String),
    /// Signed in, but not allowed (Open WebUI says so with 401 for non-admins, 403 elsewhere).
    #[error("{0}")]
    Forbidden(String),
    /// The user or group does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// The server rejected the input; `fields` holds what it said per field.
    #[error("{message}")]
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    #[error("Too many attempts: {0} Wait a few minutes and try again.")]
    RateLimited(String),
    #[error("Open WebUI failed ({status}): {detail}")]
    Server { status: u16, detail: String },
    /// HTML or other non-JSON where JSON was expected: usually a wrong server URL (a page, not
    /// Open WebUI) or an API path without its trailing slash.
    #[error(
        "The server at {url} answered with a web page instead of data (HTTP {status}). Is this the \
         address of Open WebUI itself?"
    )]
    NotJson { status: u16, url: String },
    /// Signed in, and the server answers a `/api/v1/` route with 405 or with its web UI's HTML:
    /// this Open WebUI does not have the route (an older line). `version` as the server said it.
    #[error(
        "This Open WebUI (version {}) does not have this feature. It needs a newer Open WebUI.",
        version.as_deref().unwrap_or("unknown")
    )]
    Unsupported { version: Option<String> },
    /// JSON that does not have the expected shape.
    #[error("Open WebUI sent a response this console could not read: {0}")]
    Decode(String),
    /// The request was cancelled because a newer one replaced it.
    #[error("The request was cancelled.")]
    Aborted,
}

impl ApiError {
    /// Maps a non-2xx answer (or a 2xx answer that is not JSON) to an error.
    pub fn from_response(status: u16, content_type: &str, body: &str, url: &str) -> ApiError {
        let json: Option<Value> = if content_type.contains("json") {
            serde_json::from_str(body).ok()
        } else {
            None
        };
        let Some(json) = json else {
            if status >= 500 {
                return ApiError::Unavailable { status };
            }
            if status < 300 || content_type.contains("html") {
                return ApiError::NotJson {
                    status,
                    url: url.to_string(),
                };
            }
            let text = body.trim();
            let detail = if text.is_empty() {
                status_text(status)
            } else {
                text.chars().take(300).collect()
            };
            return by_status(status, detail, Vec::new());
        };
        let (detail, fields) = match json.get("detail") {
            Some(Value::String(s)) => (s.clone(), Vec::new()),
            Some(Value::Array(items)) => validation_fields(items),
            Some(other) => (other.to_string(), Vec::new()),
            None => (status_text(status), Vec::new()),
        };
        by_status(status, detail, fields)
    }

    /// After sign-in succeeded, an answer that means "this server does not have it": a 405 on
    /// any `/api/v1/` route (every route the console calls exists on some line with exactly
    /// that method), or a 2xx web page (the web UI's index.html) on a route that not every
    /// supported line has (`endpoint.needs`). On a route every line has, a web page means
    /// something else (a proxy's page, a wrong path): [`ApiError::NotJson`]. `None` otherwise.
    pub fn missing_feature(
        status: u16,
        content_type: &str,
        endpoint: &Endpoint,
        version: Option<&str>,
    ) -> Option<ApiError> {
        let api = endpoint.path.starts_with("/api/v1/");
        let page = (200..300).contains(&status) && content_type.contains("html");
        (api && (status == 405 || (page && endpoint.needs.is_some()))).then(|| {
            ApiError::Unsupported {
                version: version.map(str::to_string),
            }
        })
    }

    /// Errors meant for one form field, including a 400 whose text names a field (email taken).
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ApiError::Invalid { message, fields } if fields.is_empty() => guess_field(message)
                .map(|field| {
                    vec![FieldError {
                        field: field.into(),
                        message: message.clone(),
                    }]
                })
                .unwrap_or_default(),
            ApiError::Invalid { fields, .. } => fields.clone(),
            _ => Vec::new(),
        }
    }

    /// The field errors a form shows, keyed by the form's own field names: only the `fields` the
    /// form has; messages the server wrote for its sign-up page are put in an admin's words.
    pub fn field_errors_for(
        &self,
        fields: &[&'static str],
    ) -> std::collections::HashMap<&'static str, String> {
        self.field_errors()
            .into_iter()
            .filter_map(|f| {
                let name = fields.iter().find(|n| **n == f.field)?;
                Some((*name, admin_wording(&f.message)))
            })
            .collect()
    }

    /// The error for `field`, if the server named it.
    pub fn field_error(&self, field: &str) -> Option<String> {
        self.field_errors()
            .into_iter()
            .find(|f| f.field == field)
            .map(|f| f.message)
    }

    /// True when the failure says nothing about the request itself (no answer, a broken
    /// connection, an unavailable server): sending it again may well work.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Interrupted { .. }
                | ApiError::Download
                | ApiError::Timeout { .. }
                | ApiError::Unavailable { .. }
                | ApiError::Server { .. }
        )
    }

    /// True when the person must sign in again (as opposed to lacking rights).
    pub fn is_session_expired(&self) -> bool {
        matches!(self, ApiError::SessionExpired(_))
    }
}

/// Open WebUI's `EMAIL_TAKEN` text, written for its own sign-up page.
const EMAIL_TAKEN_PREFIX: &str = "Uh-oh! This email is already";

/// A server message in words meant for an administrator editing someone else, with the server's
/// own text kept after it.
pub fn admin_wording(message: &str) -> String {
    if message.starts_with(EMAIL_TAKEN_PREFIX) {
        format!("Another account already uses this email. (The server said: “{message}”)")
    } else {
        message.to_string()
    }
}

fn by_status(status: u16, detail: String, fields: Vec<FieldError>) -> ApiError {
    match status {
        401 if detail.starts_with(ACCESS_PROHIBITED) => ApiError::Forbidden(detail),
        // Groups before 0.12 answer "not found" with 401: the group is gone, the session is fine.
        401 if detail.starts_with(NOT_FOUND) => ApiError::NotFound(detail),
        401 => ApiError::SessionExpired(
            if matches!(
                detail.as_str(),
                "Not authenticated" | "Invalid token" | "401 Unauthorized"
            ) {
                "Your session has expired or the token is invalid. Please sign in again.".into()
            } else {
                detail
            },
        ),
        403 => ApiError::Forbidden(detail),
        404 => ApiError::NotFound(detail),
        400 if detail.starts_with(NOT_FOUND) => ApiError::NotFound(detail),
        400 | 409 | 422 => ApiError::Invalid {
            message: detail,
            fields,
        },
        429 => ApiError::RateLimited(detail),
        _ => ApiError::Server { status, detail },
    }
}

/// FastAPI's `[{loc: ["body", "email"], msg, type}]` → one summary plus per-field messages.
fn validation_fields(items: &[Value]) -> (String, Vec<FieldError>) {
    let fields: Vec<FieldError> = items
        .iter()
        .filter_map(|item| {
            let msg = item.get("msg")?.as_str()?.to_string();
            let loc = item.get("loc")?.as_array()?;
            let field = loc
                .iter()
                .rev()
                .find_map(|p| {
                    p.as_str()
                        .filter(|s| !matches!(*s, "body" | "query" | "path"))
                })
                .unwrap_or("request")
                .to_string();
            Some(FieldError {
                field,
                message: msg,
            })
        })
        .collect();
    let summary = match fields.as_slice() {
        [] => "The server rejected the request as invalid.".to_string(),
        [one] => format!("{}: {}", one.field, one.message),
        many => format!(
            "{} fields are invalid: {}",
            many.len(),
            many.iter()
                .map(|f| f.field.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    (summary, fields)
}

/// Open WebUI's plain-text 400s name their field only in prose.
fn guess_field(detail: &str) -> Option<&'static str> {
    let d = detail.to_ascii_lowercase();
    if d.contains("email") {
        Some("email")
    } else if d.contains("password") {
        Some("password")
    } else if d.contains("parent group") || d.contains("descendant of itself") {
        Some("parent_group_id")
    } else if d.contains("url") {
        // A webhook's address (Open WebUI's INVALID_URL: not a public address).
        Some("url")
    } else {
        None
    }
}

fn status_text(status: u16) -> String {
    match status {
        400 => "The server rejected the request.".into(),
        401 => "Not signed in.".into(),
        403 => "Not allowed.".into(),
        404 => "Not found.".into(),
        429 => "Too many requests.".into(),
        500..=599 => "The server had an internal error.".into(),
        s => format!("HTTP {s}"),
    }
}
