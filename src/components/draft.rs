//! A form's editable copy of loaded data: what the person changes is never overwritten by the
//! server.
//!
//! Until the person changes something, the form shows the loaded value as it is (derived, not
//! copied: no effect syncs it). The first change seeds the draft from the loaded value, once;
//! from then on the draft is the person's, and a later refetch (a Retry, signing in again after
//! the session expired) never touches it. Before anything is loaded a change is refused, so
//! nothing typed into a form that is still loading can be lost (the inputs are disabled then:
//! see [`Draft::ready`]). After a save, the form's owner puts the server's answer in place and
//! calls [`Draft::discard`].

use leptos::prelude::*;

/// See the module documentation. `Copy`, like a signal.
pub struct Draft<T: Send + Sync + 'static> {
    loaded: Memo<Option<T>>,
    edits: RwSignal<Option<T>>,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Draft<T> {
    /// A draft over `loaded` (typically the form's value made from `Latest::value`).
    pub fn new(loaded: impl Fn() -> Option<T> + Send + Sync + 'static) -> Self {
        Draft {
            loaded: Memo::new(move |_| loaded()),
            edits: RwSignal::new(None),
        }
    }

    /// True once there is something to edit (tracked): enable the inputs and Save from then on.
    pub fn ready(&self) -> bool {
        self.edits.with(Option::is_some) || self.loaded.with(Option::is_some)
    }

    /// True once the person changed something (tracked).
    pub fn is_edited(&self) -> bool {
        self.edits.with(Option::is_some)
    }

    /// What the form shows: the person's draft, else the loaded value (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.edits.with(|e| match e {
            Some(t) => Some(f(t)),
            None => self.loaded.with(|l| l.as_ref().map(f)),
        })
    }

    /// What the form shows, without tracking (for event handlers).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        untrack(|| self.with(f))
    }

    /// What the form shows, cloned (tracked).
    pub fn get(&self) -> Option<T> {
        self.with(T::clone)
    }

    /// What the form shows, cloned, without tracking (for event handlers).
    pub fn get_untracked(&self) -> Option<T> {
        self.with_untracked(T::clone)
    }

    /// A change by the person. The first one seeds the draft from the loaded value; before
    /// anything is loaded the change is refused (returns false).
    pub fn update(&self, f: impl FnOnce(&mut T)) -> bool {
        if self.edits.with_untracked(Option::is_none) {
            let Some(seed) = self.loaded.get_untracked() else {
                return false;
            };
            self.edits.set(Some(seed));
        }
        self.edits.update(|e| {
            if let Some(t) = e {
                f(t)
            }
        });
        true
    }

    /// Replaces the whole draft (e.g. "Clear status", "Discard changes" to an older version).
    pub fn set(&self, value: T) {
        self.edits.set(Some(value));
    }

    /// Drops the person's changes: the form shows the loaded value again.
    pub fn discard(&self) {
        self.edits.set(None);
    }
}
