//! Faults while the users filters resolve, and the filter chunk under the sub-path.

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
