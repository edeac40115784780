//! Filters on the users list (role, group, last active, created, suspended), the pending queue and role counts (issue 13).

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
