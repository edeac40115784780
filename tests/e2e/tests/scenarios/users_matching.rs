//! "Select all N matching" bulk actions over more than one page, Cancel, per-user results; suspend and reactivate (issue 13).

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
