//! Running one API call per item for many items: at most a few at once (kind to the server),
//! counting progress as they finish, and keeping each item's own outcome.

use std::future::Future;

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
    done.try_set(0);
    let mut results: Vec<(usize, T, Result<(), E>)> =
        futures::stream::iter(items.into_iter().enumerate())
            .map(|(i, item)| {
                let fut = f(item.clone());
                async move {
                    let r = fut.await;
                    done.try_update(|n| *n += 1);
                    (i, item, r)
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    results.sort_by_key(|(i, _, _)| *i);
    results.into_iter().map(|(_, item, r)| (item, r)).collect()
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
