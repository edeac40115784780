//! What happens under every request: its deadline, cancelling it when nobody waits any more,
//! and telling apart the ways a request can end without an answer.

use web_sys::{AbortController, AbortSignal};

use super::error::ApiError;

/// A request without any HTTP answer: the server is down (or the address wrong), the
/// connection broke, or (cross-origin only) CORS refused it; browsers report all three the
/// same way. Two probes tell them apart: a readable `/api/version` means the server is up and
/// allows this origin (so the connection broke); an unreadable but answered `no-cors`
/// `/health` means it is up and refuses this origin (CORS); neither means unreachable.
pub(super) async fn diagnose(base_url: &str, write: bool) -> ApiError {
    let server = base_url.to_string();
    let Some(window) = web_sys::window() else {
        return ApiError::Network(server);
    };
    let probe = |path: &str, mode: web_sys::RequestMode| {
        let init = web_sys::RequestInit::new();
        init.set_mode(mode);
        wasm_bindgen_futures::JsFuture::from(
            window.fetch_with_str_and_init(&format!("{server}{path}"), &init),
        )
    };
    let readable = probe("/api/version", web_sys::RequestMode::Cors);
    if let Some(Ok(_)) = with_deadline(readable, PROBE_MS).await {
        return ApiError::Interrupted { write };
    }
    let origin = crate::api::page_origin();
    if origin.is_empty() || server.starts_with(&origin) {
        return ApiError::Network(server); // same origin: CORS cannot be the cause
    }
    match with_deadline(probe("/health", web_sys::RequestMode::NoCors), PROBE_MS).await {
        Some(Ok(_)) => ApiError::Cors { server, origin },
        _ => ApiError::Network(server),
    }
}

/// What a call wants of a successful answer's body.
#[derive(PartialEq)]
pub(super) enum Want {
    Text,
    Bytes,
}

pub(super) enum Body {
    Text(String),
    Bytes(Vec<u8>),
}

pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) body: Body,
}

impl Answer {
    pub(super) fn text(&self) -> &str {
        match &self.body {
            Body::Text(t) => t,
            Body::Bytes(_) => "",
        }
    }
}

/// Aborts the fetch when dropped, unless it finished: a caller that loses interest (a newer
/// request, a closed screen) or a deadline ends the request instead of leaving it open.
pub(super) struct AbortOnDrop {
    controller: AbortController,
    armed: bool,
}

impl AbortOnDrop {
    pub(super) fn new() -> Result<Self, ApiError> {
        AbortController::new()
            .map(|controller| AbortOnDrop {
                controller,
                armed: true,
            })
            .map_err(|_| ApiError::Decode("this browser cannot cancel requests".into()))
    }
    pub(super) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }
    pub(super) fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if self.armed {
            self.controller.abort();
        }
    }
}

/// How long the diagnosis probes may take.
const PROBE_MS: u32 = 5_000;
/// How long a request may take before it is given up.
pub const DEFAULT_DEADLINE_MS: u32 = 30_000;
/// localStorage key that overrides [`DEFAULT_DEADLINE_MS`] (milliseconds), for a slow server or
/// a test that must not wait 30 s.
pub const DEADLINE_KEY: &str = "owui-admin.deadline-ms";

/// The request deadline in milliseconds (read once).
pub fn deadline_ms() -> u32 {
    thread_local! {
        static MS: u32 = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(DEADLINE_KEY).ok().flatten())
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|ms| *ms >= 100)
            .unwrap_or(DEFAULT_DEADLINE_MS);
    }
    MS.with(|ms| *ms)
}

/// Runs `work` for at most `ms` milliseconds: `None` when the time ran out first.
pub async fn with_deadline<F: std::future::Future>(work: F, ms: u32) -> Option<F::Output> {
    let work = std::pin::pin!(work);
    let timer = gloo_timers::future::TimeoutFuture::new(ms);
    match futures::future::select(work, timer).await {
        futures::future::Either::Left((out, _)) => Some(out),
        futures::future::Either::Right(_) => None,
    }
}

/// A transport failure that needs no diagnosis (`Some`), or `None` for "no answer at all".
pub(super) fn transport_error(e: gloo_net::Error) -> Option<ApiError> {
    match e {
        gloo_net::Error::JsError(js) if js.name == "AbortError" => Some(ApiError::Aborted),
        gloo_net::Error::SerdeError(e) => Some(ApiError::Decode(e.to_string())),
        _ => None,
    }
}
