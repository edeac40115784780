//! A piece of a screen that a split release build (`split` feature, scripts/split-build) keeps
//! in a wasm chunk until it is first wanted (issue 12): the users dialogs, the filter controls,
//! the filter summary. Each unit has a `#[lazy]` fn in a `chunk` module that takes its host (the
//! `Copy` handles it gets from the screen, boxed: one pointer across the chunk boundary) and
//! returns its view; the screen calls it through [`when_first_wanted`]. Without `split` the
//! screen calls the unit's view function directly: every screen in one wasm, as before.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

/// Nothing until `wanted` first holds; then `load()` once (fetching the chunk the first time)
/// and its view stays, whatever `wanted` says later (the unit shows and hides itself). When the
/// chunk cannot be fetched (a dropped connection, the server that serves the console gone), it
/// says so with Retry, which fetches again: a failed fetch is not remembered.
pub fn when_first_wanted<Fut>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    load: impl Fn() -> Fut + Send + Sync + 'static,
) -> AnyView
where
    Fut: Future<Output = Result<AnyView, ApiError>> + Send + 'static,
{
    let latched = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || wanted());
    let attempt = RwSignal::new(0u32);
    (move || {
        attempt.track();
        latched.get().then(|| {
            let fut = load();
            Suspend::new(async move { fut.await.unwrap_or_else(|e| failed(e, attempt)) })
        })
    })
    .into_any()
}

/// A chunk that could not be fetched: what happened, announced, and Retry.
fn failed(e: ApiError, attempt: RwSignal<u32>) -> AnyView {
    view! {
        <div class="error" role="alert">
            <span>{e.to_string()}</span>
            " "
            <button type="button" class="btn btn-small" on:click=move |_| attempt.update(|n| *n += 1)>
                "Retry"
            </button>
        </div>
    }
    .into_any()
}

/// A failed chunk fetch, as the error every screen already shows (split builds only).
#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ApiError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ApiError {
        ApiError::Download
    }
}

/// `pub fn $name` in the wasm chunk named `$chunk` (split builds only): unlike `#[lazy]`, which
/// gives every function a chunk of its own, every function declared with the same `$chunk`
/// lands in one chunk, fetched the first time one of them is called, so units needed together
/// share their code instead of splitting it into small shared chunks. It must return
/// `Result<_, ApiError>`: a chunk that cannot be fetched is `ApiError::Download` (`fallible`),
/// never a panic, which would stop the whole console. The call is `async`; an
/// `async fn` body is boxed to cross the boundary (as `#[lazy]` does). Its one argument should
/// be a `Box` (one pointer across the `extern "C"` call), if it has one.
#[cfg(feature = "split")]
macro_rules! chunk_fn {
    ($chunk:ident, fn $name:ident() -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> $out $body
    };
    ($chunk:ident, fn $name:ident($arg:ident: $ty:ty) -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($arg: $ty) -> $out $body
    };
    ($chunk:ident, async fn $name:ident($arg:ident: $ty:ty) -> $out:ty $body:block) => {
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
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
