//! The change-impact preview before permission, member and parent changes (issue 14).

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
