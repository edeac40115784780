//! The seed-once draft every My account form edits (status, settings, info): what the person
//! typed is never overwritten by data that arrives later, and nothing can be typed before.

use leptos::prelude::*;
use owui_admin::components::draft::Draft;

/// Guards issue 9: on a slow server, text typed into Status while it loaded was overwritten
/// when the stored status arrived, and Save then stored an empty status.
#[test]
fn a_refetch_never_overwrites_what_was_typed() {
    let owner = Owner::new();
    owner.set();
    let loaded = RwSignal::new(None::<String>);
    let draft = Draft::new(move || loaded.get());
    // Still loading: nothing to edit, a change is refused (the inputs are disabled then).
    assert!(!draft.ready());
    assert!(!draft.update(|s| s.push_str("typed too early")));
    assert_eq!(draft.get(), None);
    // Loaded: the form shows the stored value until the person changes something.
    loaded.set(Some("stored".into()));
    assert!(draft.ready() && !draft.is_edited());
    assert_eq!(draft.get().as_deref(), Some("stored"));
    // The first change seeds the draft from the loaded value, once.
    assert!(draft.update(|s| s.push_str(" + mine")));
    assert_eq!(draft.get().as_deref(), Some("stored + mine"));
    // A refetch (Retry, signing in again) changes the loaded value: the draft stays.
    loaded.set(Some("newer on the server".into()));
    assert_eq!(draft.get().as_deref(), Some("stored + mine"));
    assert!(draft.update(|s| s.push('!')));
    assert_eq!(draft.get_untracked().as_deref(), Some("stored + mine!"));
    // After a save the owner puts the answer in place and discards the draft.
    loaded.set(Some("saved".into()));
    draft.discard();
    assert!(!draft.is_edited());
    assert_eq!(draft.get().as_deref(), Some("saved"));
}

/// Before the first change the form follows the server (nothing of the person's to keep).
#[test]
fn an_untouched_form_shows_the_newest_value() {
    let owner = Owner::new();
    owner.set();
    let loaded = RwSignal::new(Some(1));
    let draft = Draft::new(move || loaded.get());
    loaded.set(Some(2));
    assert_eq!(draft.with(|n| n * 10), Some(20));
    draft.set(7);
    loaded.set(Some(3));
    assert_eq!(draft.get(), Some(7));
}
