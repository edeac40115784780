//! Which Open WebUI line the run is against (`OWUI_VERSION` / `OWUI_VENV`, read back from the
//! server's own `/api/version`), and from which version each feature a scenario depends on is
//! there: the same facts as the app's `api::compat` table, restated here so that the tests do
//! not take them from the code under test.

/// `major.minor.patch` of a version text (`0.12.4`, `0.6.43`); `None` if it is not one.
pub fn parse(text: &str) -> Option<(u32, u32, u32)> {
    let mut it = text.trim().split('.').map(|p| {
        let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<u32>().ok()
    });
    Some((it.next()??, it.next()??, it.next().flatten().unwrap_or(0)))
}

/// A feature the scenarios check differently on a line without it, with its first version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// Nested groups (`parent_group_id`), the paginated members route with inherited members,
    /// a user's inherited groups, "Sign out all devices".
    Nesting,
    /// `GET /users/default/permissions/defaults`: "Reset to defaults".
    FactoryDefaults,
    /// `GET /users/{id}/preview`: the user page's access preview.
    AccessPreview,
    /// `data.config.share = "members"`.
    ShareMembers,
    /// Six default permission sections (0.6.43 has four: no `settings`, no `access_grants`).
    SixSections,
    /// `ui.<key>: null` in a settings update deletes the key (before: `ui` is replaced whole).
    SettingsUiPatch,
}

impl Feature {
    pub fn since(self) -> (u32, u32, u32) {
        match self {
            Feature::Nesting => (0, 12, 0),
            Feature::FactoryDefaults => (0, 10, 0),
            Feature::AccessPreview => (0, 9, 6),
            Feature::ShareMembers | Feature::SixSections => (0, 7, 0),
            Feature::SettingsUiPatch => (0, 11, 0),
        }
    }

    /// What the console says where the feature is missing.
    pub fn needs_text(self) -> &'static str {
        match self {
            Feature::Nesting => "Needs Open WebUI 0.12 or newer",
            Feature::FactoryDefaults => "Needs Open WebUI 0.10 or newer",
            Feature::AccessPreview => "needs Open WebUI 0.9.6 or newer",
            Feature::ShareMembers | Feature::SixSections => "Needs Open WebUI 0.7 or newer",
            Feature::SettingsUiPatch => "Needs Open WebUI 0.11 or newer",
        }
    }
}
