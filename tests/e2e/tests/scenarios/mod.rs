//! The scenarios, one module per area of the app. Each area lists its own in `all()`, so areas
//! can grow without touching each other.
pub mod a11y;
pub mod access;
pub mod account;
pub mod common;
pub mod compat;
pub mod deploy;
pub mod faults;
pub mod faults_filters;
pub mod groups;
pub mod impact;
pub mod keyboard;
pub mod lazy;
pub mod membership;
pub mod signin;
pub mod usage;
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
        compat::all(),
        access::all(),
        impact::all(),
        usage::all(),
        membership::all(),
        deploy::all(),
        lazy::all(),
        keyboard::all(),
        faults::all(),
        faults_filters::all(),
        a11y::all(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The core scenarios, run against every older supported Open WebUI line too (issue 11): sign
/// in, list/search/page, edit role and name, bulk role change, group create + members, default
/// permissions, my settings, and what each line lacks. `E2E_CORE=1` runs only these.
pub const CORE: &[&str] = &[
    "password_sign_in_cross_origin_shows_first_page",
    "token_sign_in_then_sign_out",
    "search_sort_page_survive_reload",
    "users_page_turns_make_one_list_request",
    "users_edit_role_and_name_reach_the_server",
    "users_edit_email_taken_shows_on_the_field",
    "users_bulk_role_change",
    "groups_members_add_remove_inherited_csv",
    "groups_permissions_keep_other_and_unknown_keys",
    "groups_tab_and_members_page_survive_reload",
    "permissions_defaults_change_and_reset",
    "account_status_set_and_clear",
    "account_settings_number_enables_save_while_typing",
    "account_settings_keep_unknown_keys",
    "compat_missing_features_say_what_they_need",
    "compat_group_members_page_and_filter_on_every_line",
    "compat_settings_key_removed_is_gone_on_every_line",
];
