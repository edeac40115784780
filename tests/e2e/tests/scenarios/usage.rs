//! Usage columns and the inactivity view from /api/v1/analytics/users (issue 14).

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
