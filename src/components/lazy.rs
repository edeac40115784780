//! A piece of a screen that a split release build (`split` feature, scripts/split-build) keeps
//! in a wasm chunk until it is first wanted (issue 12): the users dialogs, the filter controls,
//! the filter summary. Each unit has a `#[lazy]` fn in a `chunk` module that takes its host (the
//! `Copy` handles it gets from the screen, boxed: one pointer across the chunk boundary) and
//! returns its view; the screen calls it through [`when_first_wanted`]. Without `split` the
//! screen calls the unit's view function directly: every screen in one wasm, as before.

use std::future::Future;

use leptos::prelude::*;

/// Nothing until `wanted` first holds; then `load()` once (fetching the chunk the first time)
/// and its view stays, whatever `wanted` says later (the unit shows and hides itself).
pub fn when_first_wanted<Fut>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    load: impl Fn() -> Fut + Send + Sync + 'static,
) -> AnyView
where
    Fut: Future<Output = AnyView> + Send + 'static,
{
    let latched = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    (move || latched.get().then(|| Suspend::new(load()))).into_any()
}
