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

/// `pub fn $name` in the wasm chunk named `$chunk` (split builds only): unlike `#[lazy]`, which
/// gives every function a chunk of its own, every function declared with the same `$chunk`
/// lands in one chunk, fetched the first time one of them is called, so units needed together
/// share their code instead of splitting it into small shared chunks. The call is `async`; an
/// `async fn` body is boxed to cross the boundary (as `#[lazy]` does). Its one argument should
/// be a `Box` (one pointer across the `extern "C"` call), if it has one.
#[cfg(feature = "split")]
macro_rules! chunk_fn {
    ($chunk:ident, fn $name:ident() -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split)]
        pub fn $name() -> $out $body
    };
    ($chunk:ident, fn $name:ident($arg:ident: $ty:ty) -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split)]
        pub fn $name($arg: $ty) -> $out $body
    };
    ($chunk:ident, async fn $name:ident($arg:ident: $ty:ty) -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            return_wrapper(let future = _; { future.await } -> $out)
        )]
        pub fn $name(
            $arg: $ty,
        ) -> ::std::pin::Pin<
            ::std::boxed::Box<dyn ::std::future::Future<Output = $out> + Send + Sync>,
        > {
            ::std::boxed::Box::pin(::send_wrapper::SendWrapper::new(async move $body))
        }
    };
}
#[cfg(feature = "split")]
pub(crate) use chunk_fn;
