//! Typing-driven work (searches) waits for a pause: one helper for every search box.

use std::time::Duration;

use leptos::prelude::*;

/// How long typing pauses before a search runs.
pub const SEARCH_PAUSE: Duration = Duration::from_millis(300);

/// Returns a function that runs `f(value)` once calls have paused for `pause`; each call
/// cancels the one waiting. `is_waiting` tells whether a call is still pending (e.g. so that
/// back/forward does not overwrite what is being typed). The timer goes with the component.
pub fn debounced<T: 'static>(
    pause: Duration,
    f: impl Fn(T) + 'static,
) -> (impl Fn(T) + Copy + 'static, Signal<bool>) {
    let waiting = StoredValue::new(None::<TimeoutHandle>);
    let is_waiting = RwSignal::new(false);
    let f = StoredValue::new_local(f);
    on_cleanup(move || {
        if let Some(h) = waiting.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });
    let call = move |value: T| {
        if let Some(h) = waiting.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let value = send_wrapper::SendWrapper::new(value);
        let handle = set_timeout_with_handle(
            move || {
                waiting.try_set_value(None);
                is_waiting.try_set(false);
                let value = value.take();
                f.try_with_value(|f| f(value));
            },
            pause,
        )
        .ok();
        is_waiting.set(handle.is_some());
        waiting.set_value(handle);
    };
    (call, is_waiting.into())
}
