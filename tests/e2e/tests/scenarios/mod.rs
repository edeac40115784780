//! The scenarios, one module per area of the app. Each area lists its own in `all()`, so areas
//! can grow without touching each other.
pub mod a11y;
pub mod access;
pub mod account;
pub mod common;
pub mod deploy;
pub mod faults;
pub mod groups;
pub mod keyboard;
pub mod lazy;
pub mod signin;
pub mod users;
pub mod users_bulk;
pub mod users_edit;
pub mod users_filters;
pub mod users_matching;
pub mod users_views;

use crate::Scenario;

/// Makes a `(name, Scenario)` list from async fns `fn(&Harness, &Page) -> Result<(), String>`.
#[macro_export]
macro_rules! scenarios {
    ($($path:path),* $(,)?) => {
        vec![$((stringify!($path), (|h, p| Box::pin($path(h, p))) as $crate::Scenario)),*]
    };
}

/// Every scenario, in the order they run.
pub fn all() -> Vec<(&'static str, Scenario)> {
    [
        signin::all(),
        users::all(),
        users_edit::all(),
        users_bulk::all(),
        users_filters::all(),
        users_matching::all(),
        users_views::all(),
        groups::all(),
        account::all(),
        access::all(),
        deploy::all(),
        lazy::all(),
        keyboard::all(),
        faults::all(),
        a11y::all(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
