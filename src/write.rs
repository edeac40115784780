//! The one write primitive: a save, delete or any other change sent to the server.
//!
//! Built on `Action::new_local` (gloo-net futures are `!Send`). It gives every form the same
//! behaviour: `pending()` for `disabled` / `aria-busy`, the client's deadline (no Save greyed out
//! forever), a typed error kept for [`crate::components::alert::WriteError`] (with the field
//! errors for the form), and an expired session handled once: Sign in opens over the screen, the
//! form keeps what was typed, and the same change can be sent again with one click.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{ApiError, Client};
use crate::session::use_session;

/// A change the person can send, see [`use_write`].
pub struct Write<I: 'static> {
    action: Action<I, ()>,
    /// Why the last attempt failed (None after a success or before any attempt).
    pub error: RwSignal<Option<ApiError>>,
    /// The last input sent, for "Send again".
    last: StoredValue<Option<I>, LocalStorage>,
}

impl<I: 'static> Clone for Write<I> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I: 'static> Copy for Write<I> {}

impl<I: Clone + 'static> Write<I> {
    /// Sends `input` (ignored while an attempt is still pending).
    pub fn dispatch(&self, input: I) {
        if self.action.pending().get_untracked() {
            return;
        }
        self.last.set_value(Some(input.clone()));
        self.error.set(None);
        self.action.dispatch_local(input);
    }

    /// Sends the last input again (after signing in again, or after a broken connection).
    pub fn retry(&self) {
        if let Some(input) = self.last.get_value() {
            self.dispatch(input);
        }
    }

    /// True while the change is on its way (tracked).
    pub fn pending(&self) -> Signal<bool> {
        self.action.pending().into()
    }

    /// The error the server gave for one of the form's fields (tracked).
    pub fn field_error(&self, field: &'static str) -> Option<String> {
        self.error
            .with(|e| e.as_ref()?.field_errors_for(&[field]).remove(field))
    }
}

/// A change sent with `run`; `done` sees every outcome except a cancelled one (toast the
/// success, close the dialog, map field errors). Errors are also kept in `Write::error`.
pub fn use_write<I, O, F, Fut>(run: F, done: impl Fn(Result<O, ApiError>) + 'static) -> Write<I>
where
    I: Clone + 'static,
    O: 'static,
    F: Fn(Client, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    let session = use_session();
    let error = RwSignal::new(None);
    let run = std::rc::Rc::new(run);
    let done = std::rc::Rc::new(done);
    let action = Action::new_local(move |input: &I| {
        let input = input.clone();
        let run = run.clone();
        let done = done.clone();
        async move {
            let Some(client) = session.client_untracked() else {
                return;
            };
            let result = run(client, input).await;
            if let Err(e) = &result {
                if matches!(e, ApiError::Aborted) {
                    return;
                }
                session.handle(e);
                error.try_set(Some(e.clone()));
            }
            done(result);
        }
    });
    Write {
        action,
        error,
        last: StoredValue::new_local(None),
    }
}
