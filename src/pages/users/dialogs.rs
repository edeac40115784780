//! The users list's dialog host: at most one of Add, Edit, Delete, Reject or a bulk action is open.
//!
//! In a split release build (`split` feature, scripts/split-build) every dialog is in one wasm
//! chunk fetched the first time a dialog opens: the users table does not need them to appear.
//! So a dialog is only reachable through [`UsersDialogs`] (set `open`), and a new one goes into
//! [`dialogs`]'s match: it lands in the chunk by itself.

use leptos::prelude::*;

use super::add_dialog::AddUserDialog;
use super::bulk::{BulkAction, Guard};
use super::bulk_dialog::BulkDialog;
use super::delete_dialog::DeleteUserDialog;
use super::edit_dialog::EditUserDialog;
use super::pending::RejectDialog;
use super::query::UsersQuery;
use crate::api::{Group, User};

/// Which dialog is open.
#[derive(Clone, PartialEq)]
pub enum Open {
    Nothing,
    Add,
    Edit(User),
    Delete(User),
    /// Reject a pending user (the pending queue).
    Reject(User),
    /// A bulk action on the selection (or everything matching).
    Bulk(BulkAction),
    /// A bulk action on these users (e.g. "Suspend instead" from a Delete).
    BulkFor(BulkAction, Vec<User>),
}

/// What the dialogs get from the users page: `Copy` handles, so they cross into the chunk as is.
#[derive(Clone, Copy)]
pub struct Host {
    pub open: RwSignal<Open>,
    pub self_id: Signal<String>,
    pub primary_id: Signal<Option<String>>,
    pub selected: Signal<Vec<User>>,
    pub matching: Signal<Option<UsersQuery>>,
    pub groups: Signal<Vec<Group>>,
    pub on_changed: Callback<()>,
    pub on_bulk_done: Callback<()>,
}

/// Shows the dialog `open` names; each one closes by setting it back to `Open::Nothing`.
#[component]
pub fn UsersDialogs(
    open: RwSignal<Open>,
    /// The signed-in admin's id and the primary admin's: protected from role changes and deletes.
    self_id: Signal<String>,
    primary_id: Signal<Option<String>>,
    /// The selected users (for a bulk action), read when it opens.
    selected: Signal<Vec<User>>,
    /// "Select all N matching" is on: the query whose every match a bulk action works on.
    matching: Signal<Option<UsersQuery>>,
    /// Every group (for "Add to group"), read when it opens.
    groups: Signal<Vec<Group>>,
    /// Something changed on the server: the list reloads.
    on_changed: Callback<()>,
    /// A bulk action ran: the selection is cleared and the list reloads.
    on_bulk_done: Callback<()>,
) -> impl IntoView {
    load(Host {
        open,
        self_id,
        primary_id,
        selected,
        matching,
        groups,
        on_changed,
        on_bulk_done,
    })
}

#[cfg(not(feature = "split"))]
fn load(host: Host) -> AnyView {
    dialogs(host)
}

/// Nothing until a dialog first opens; then the chunk is fetched (once) and the host stays.
#[cfg(feature = "split")]
fn load(host: Host) -> AnyView {
    crate::components::lazy::when_first_wanted(
        move || host.open.with(|o| *o != Open::Nothing),
        move || chunk::users_dialogs(Box::new(host)),
    )
}

#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::Host;
    use crate::api::ApiError;
    use crate::components::lazy::chunk_fn;

    // In the users chunk, with a user's page and the CSV export (src/routes.rs).
    chunk_fn!(
        users_chunk,
        fn users_dialogs(host: Box<Host>) -> Result<AnyView, ApiError> {
            Ok(super::dialogs(*host))
        }
    );
}

/// The host itself: every dialog of the users list.
fn dialogs(host: Host) -> AnyView {
    let Host {
        open,
        self_id,
        primary_id,
        selected,
        matching,
        groups,
        on_changed,
        on_bulk_done,
    } = host;
    let close = Callback::new(move |_| open.set(Open::Nothing));
    let closed_after = Callback::new(move |_| {
        open.set(Open::Nothing);
        on_changed.run(());
    });
    let guard = move || Guard {
        self_id: self_id.get_untracked(),
        primary_id: primary_id.get_untracked(),
        ..Default::default()
    };
    let switch = Callback::new(move |(a, users)| open.set(Open::BulkFor(a, users)));
    let bulk = move |action, users: Vec<User>, matching: Option<UsersQuery>| {
        view! {
            <BulkDialog
                action=action
                selected=users
                matching=matching
                guard=guard()
                groups=groups.get_untracked()
                on_close=close
                on_done=on_bulk_done
                on_switch=switch
            />
        }
        .into_any()
    };
    (move || match open.get() {
        Open::Nothing => ().into_any(),
        Open::Add => view! { <AddUserDialog on_close=close on_created=on_changed /> }.into_any(),
        Open::Edit(user) => {
            let is_self = user.id == self_id.get_untracked();
            let is_primary = Some(&user.id) == primary_id.get_untracked().as_ref();
            view! {
                <EditUserDialog
                    user=user
                    is_self=is_self
                    is_primary=is_primary
                    on_close=close
                    on_saved=Callback::new(move |_| closed_after.run(()))
                />
            }
            .into_any()
        }
        Open::Delete(user) => {
            let u = user.clone();
            view! {
                <DeleteUserDialog
                    user=user
                    on_close=close
                    on_deleted=Callback::new(move |_| closed_after.run(()))
                    on_suspend_instead=Callback::new(move |_| open.set(Open::BulkFor(BulkAction::Suspend, vec![u.clone()])))
                />
            }
            .into_any()
        }
        Open::Bulk(action) => bulk(action, selected.get_untracked(), matching.get_untracked()),
        Open::BulkFor(action, users) => bulk(action, users, None),
        Open::Reject(user) => view! {
            <RejectDialog user=user on_close=close on_done=closed_after />
        }
        .into_any(),
    })
    .into_any()
}
