//! Accessibility: axe-core on every screen and dialog, light and dark.

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
