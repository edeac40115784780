//! User-centric membership: several groups from a user's page, pasted emails into a group (issue 14).

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
