//! My account (status, settings, info, permissions, groups) against the live server.
use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
