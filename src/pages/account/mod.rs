//! `/account`: the signed-in user's own status, settings, info, permissions and groups.
//!
//! Each section loads and saves on its own, so one failing endpoint (e.g. status turned off on the
//! server) leaves the others usable. The logic lives in the `*_model` / `status_time` modules.

pub mod access;
pub mod info;
pub mod info_model;
pub mod settings;
pub mod settings_keys;
pub mod settings_model;
pub mod status;
pub mod status_time;

use leptos::prelude::*;

use access::{GroupsSection, PermissionsSection};
use info::InfoSection;
use settings::SettingsSection;
use status::StatusSection;

/// The My account screen: one panel per section.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <section class="page account">
            <div class="page-head">
                <h1>"My account"</h1>
            </div>
            <StatusSection />
            <SettingsSection />
            <InfoSection />
            <div class="account-access">
                <PermissionsSection />
                <GroupsSection />
            </div>
        </section>
    }
}
