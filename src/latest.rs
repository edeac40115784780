//! The one read primitive: server data for a view, where only the newest request may win.
//!
//! - The source is memoised: the fetch runs again only when its input really changes (or on
//!   `reload()`, or when the session's token changes after signing in again).
//! - A new request cancels the one in flight (dropping it aborts the fetch); so does leaving
//!   the screen. An answer for an older request can never land.
//! - The client's deadline turns a server that never answers into an error with Retry.
//! - The last good value stays visible while the next one loads (no flashing empty tables);
//!   an error is kept beside it, typed, for [`crate::components::alert::LoadError`].
//! - A fetcher only returns its value: it never writes other signals (a form seeded from the
//!   value decides itself when to take it, see `components::draft`).
//!
//! Why not `LocalResource`: it neither cancels the superseded future (the request stays open
//! and its answer is discarded late) nor keeps the last value beside a typed error outside
//! `<Transition>`/`<ErrorBoundary>`, and every screen here shows stale rows + error + Retry
//! together. The core below is not generic (one boxed future), so the 30-odd call sites do not
//! each get a copy of it.

use std::future::Future;
use std::pin::Pin;

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiError, Client};
use crate::session::{SessionCtx, use_session};

/// Loading and error state of one server-backed view, without its value: what the error
/// block and a busy region need. `Copy`, not generic.
#[derive(Clone, Copy)]
pub struct LoadState {
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    reload: RwSignal<u64>,
}

impl LoadState {
    fn new() -> Self {
        LoadState {
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            reload: RwSignal::new(0),
        }
    }

    /// Fetches again with the same inputs (Retry, or after a change was saved).
    pub fn reload(&self) {
        self.reload.update(|n| *n += 1);
    }
}

/// The state of one server-backed view.
pub struct Latest<T: Send + Sync + 'static> {
    pub value: RwSignal<Option<T>>,
    pub state: LoadState,
}

impl<T: Send + Sync + 'static> Clone for Latest<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Latest<T> {}

impl<T: Send + Sync + 'static> Latest<T> {
    /// Fetches again with the same inputs (after a change was saved).
    pub fn reload(&self) {
        self.state.reload();
    }
    /// True while a request is in flight (tracked).
    pub fn loading(&self) -> bool {
        self.state.loading.get()
    }
}

type Job = Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;

/// Runs `fetch` whenever `source` changes (or `reload()` is called), newest request wins.
pub fn use_latest<S, T, F, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetch: F,
) -> Latest<T>
where
    S: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    F: Fn(Client, S) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let source = Memo::new(move |_| source());
    let value = RwSignal::new(None::<T>);
    let state = LoadState::new();
    // Reads `source` while the effect runs (so it is tracked), returns the work to do.
    let start = move |client: Client| -> Job {
        let fut = fetch(client, source.get());
        Box::pin(async move {
            let v = fut.await?;
            value.try_set(Some(v));
            Ok(())
        })
    };
    drive(use_session(), state, Box::new(start));
    Latest { value, state }
}

/// The non-generic part: one effect that starts the job, cancels the previous one, and keeps
/// `state` honest.
fn drive(session: SessionCtx, state: LoadState, start: Box<dyn Fn(Client) -> Job>) {
    let in_flight = StoredValue::new(None::<AbortHandle>);
    let cancel = move || {
        if let Some(h) = in_flight.try_update_value(Option::take).flatten() {
            h.abort();
        }
    };
    on_cleanup(cancel);
    // An effect because this synchronises with the outside world (the server).
    Effect::new(move |_| {
        state.reload.track();
        let Some(client) = session.client() else {
            return;
        };
        cancel();
        let (handle, registration) = AbortHandle::new_pair();
        in_flight.set_value(Some(handle));
        let job = Abortable::new(start(client), registration);
        state.loading.set(true);
        spawn_local(async move {
            let outcome = match job.await {
                Err(_) => return, // superseded or left: the newer request owns the state
                Ok(outcome) => outcome,
            };
            match outcome {
                Ok(()) => {
                    state.error.try_set(None);
                }
                Err(ApiError::Aborted) => {}
                Err(e) => {
                    session.handle(&e);
                    state.error.try_set(Some(e));
                }
            }
            state.loading.try_set(false);
        });
    });
}
