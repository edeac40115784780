//! Running one API call per item for many items: at most a few at once (kind to the server),
//! counting progress as they finish, and keeping each item's own outcome.

use std::future::Future;
use std::pin::Pin;

use futures::StreamExt;
use leptos::prelude::*;

/// How many calls of a batch run at the same time.
pub const CONCURRENCY: usize = 4;

/// Runs `f` for each item, `CONCURRENCY` at a time; `done` counts finished items. The outcomes
/// come back in the items' order.
/// Each call ends (the client's deadline), so a batch always finishes.
pub async fn run_batch<T, E, F, Fut>(
    items: Vec<T>,
    done: RwSignal<usize>,
    f: F,
) -> Vec<(T, Result<(), E>)>
where
    T: Clone + 'static,
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    // Without a Cancel every item has an outcome.
    run_cancellable(items, done, None, f)
        .await
        .into_iter()
        .filter_map(|(item, r)| r.map(|r| (item, r)))
        .collect()
}

/// [`run_batch`] with a Cancel: once `cancel` is set, no new call starts; the calls under way
/// finish and keep their outcome. An item whose call never started comes back with `None`
/// ("not attempted"), so the caller can say exactly who was done, who failed and who was not
/// tried.
pub async fn run_cancellable<T, E, F, Fut>(
    items: Vec<T>,
    done: RwSignal<usize>,
    cancel: Option<Cancel>,
    f: F,
) -> Vec<(T, Option<Result<(), E>>)>
where
    T: Clone + 'static,
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    // The stream machinery is built once per item/error type, not once per call site (it is
    // most of the code, and every byte is in the first download).
    let boxed =
        |item: T| -> Pin<Box<dyn Future<Output = Result<(), E>> + '_>> { Box::pin(f(item)) };
    run_boxed(items, done, cancel, &boxed).await
}

type CallFn<'a, T, E> = dyn Fn(T) -> Pin<Box<dyn Future<Output = Result<(), E>> + 'a>> + 'a;

async fn run_boxed<'a, T: Clone + 'static, E>(
    items: Vec<T>,
    done: RwSignal<usize>,
    cancel: Option<Cancel>,
    f: &'a CallFn<'a, T, E>,
) -> Vec<(T, Option<Result<(), E>>)> {
    done.try_set(0);
    let mut results: Vec<_> = futures::stream::iter(items.into_iter().enumerate())
        .map(|(i, item)| async move {
            // Checked when the call would start (a slot is free), not when it was queued.
            if cancel.is_some_and(|c| c.is_cancelled()) {
                return (i, item, None);
            }
            let r = f(item.clone()).await;
            done.try_update(|n| *n += 1);
            (i, item, Some(r))
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    results.sort_by_key(|(i, _, _)| *i);
    results.into_iter().map(|(_, item, r)| (item, r)).collect()
}

/// Runs `f` over `items` a chunk at a time, one chunk after another (a call that takes a list,
/// e.g. a group's members: one call for all, split only when the list is very long). `done`
/// (when the caller shows progress) counts items; once `cancel` is set no further chunk starts,
/// its items come back `None`.
pub async fn run_chunked<T, E, F, Fut>(
    items: Vec<T>,
    chunk: usize,
    done: Option<RwSignal<usize>>,
    cancel: Option<Cancel>,
    f: F,
) -> Vec<(T, Option<Result<(), E>>)>
where
    T: Clone + 'static,
    E: Clone,
    F: Fn(Vec<T>) -> Fut,
    Fut: Future<Output = Result<(), E>>,
{
    let count = |n: Option<usize>| {
        if let Some(d) = done {
            d.try_update(|d| *d = n.map_or(0, |n| *d + n));
        }
    };
    count(None);
    let mut out = Vec::with_capacity(items.len());
    for part in items.chunks(chunk.max(1)) {
        if cancel.is_some_and(|c| c.is_cancelled()) {
            out.extend(part.iter().map(|t| (t.clone(), None)));
            continue;
        }
        let r = f(part.to_vec()).await;
        count(Some(part.len()));
        out.extend(part.iter().map(|t| (t.clone(), Some(r.clone()))));
    }
    out
}

/// A Cancel button's flag for long work (a batch, a walk over many pages): the work checks it
/// between calls and stops cleanly, keeping what finished. `Copy`, so closures can share it.
#[derive(Debug, Clone, Copy)]
pub struct Cancel(RwSignal<bool>);

impl Cancel {
    pub fn new() -> Self {
        Cancel(RwSignal::new(false))
    }
    /// Asks the work to stop after the calls already under way.
    pub fn cancel(&self) {
        self.0.try_set(true);
    }
    pub fn reset(&self) {
        self.0.try_set(false);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.try_get_untracked().unwrap_or(true)
    }
    /// For a view: whether Cancel was pressed.
    pub fn cancelled(&self) -> Signal<bool> {
        let s = self.0;
        Signal::derive(move || s.get())
    }
}

impl Default for Cancel {
    fn default() -> Self {
        Cancel::new()
    }
}

/// The first "session expired" among a cancellable run's outcomes, so that Sign in opens once
/// for the whole run while each item keeps its own reason.
pub fn first_expired<T>(
    out: &[(T, Option<Result<(), crate::api::ApiError>>)],
) -> Option<&crate::api::ApiError> {
    out.iter().find_map(|(_, r)| {
        r.as_ref()
            .and_then(|r| r.as_ref().err())
            .filter(|e| e.is_session_expired())
    })
}
