//! Running one API call per item for many items: at most a few at once (kind to the server),
//! counting progress as they finish, and keeping each item's own outcome.

use std::future::Future;

use futures::StreamExt;
use leptos::prelude::*;

/// How many calls of a batch run at the same time.
pub const CONCURRENCY: usize = 4;

/// Runs `f` for each item, `CONCURRENCY` at a time; `done` counts finished items. The outcomes
/// come back in the items' order.
pub async fn run_batch<T, F, Fut>(
    items: Vec<T>,
    done: RwSignal<usize>,
    f: F,
) -> Vec<(T, Result<(), String>)>
where
    T: Clone + 'static,
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    done.set(0);
    let mut results: Vec<(usize, T, Result<(), String>)> =
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
