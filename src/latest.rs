//! Loading server data where only the newest request may win: each new request aborts the one in
//! flight, and a response that arrives for an older request is dropped. The last good value stays
//! visible while the next one loads (no flashing empty tables).

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use crate::api::{ApiError, Client};
use crate::session::use_session;

/// The state of one server-backed view.
pub struct Latest<T: Send + Sync + 'static> {
    pub value: RwSignal<Option<T>>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    reload: RwSignal<u64>,
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
        self.reload.update(|n| *n += 1);
    }
}

/// Runs `fetch` whenever `source` changes (or `reload()` is called), newest request wins.
pub fn use_latest<S, T, F, Fut>(source: impl Fn() -> S + 'static, fetch: F) -> Latest<T>
where
    S: Clone + PartialEq + 'static,
    T: Send + Sync + 'static,
    F: Fn(Client, S, AbortSignal) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let session = use_session();
    let state = Latest {
        value: RwSignal::new(None),
        loading: RwSignal::new(false),
        error: RwSignal::new(None),
        reload: RwSignal::new(0),
    };
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let seq = StoredValue::new(0u64);
    // An effect because this synchronises with the outside world (the server).
    Effect::new(move |_| {
        let input = source();
        state.reload.track();
        let Some(client) = session.client() else {
            return;
        };
        if let Some(prev) = in_flight.get_value() {
            prev.abort();
        }
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight.set_value(controller);
        let my_seq = seq.get_value() + 1;
        seq.set_value(my_seq);
        state.loading.set(true);
        let Some(signal) = signal else {
            state.error.set(Some(
                "This browser cannot run requests (no AbortController).".into(),
            ));
            return;
        };
        let fut = fetch(client, input, signal);
        spawn_local(async move {
            let result = fut.await;
            if seq.try_get_value() != Some(my_seq) {
                return; // a newer request owns the screen now (or the view is gone)
            }
            match result {
                Ok(v) => {
                    state.value.set(Some(v));
                    state.error.set(None);
                }
                Err(ApiError::Aborted) => {}
                Err(e) => state.error.set(Some(session.handle(&e))),
            }
            state.loading.set(false);
        });
    });
    state
}
