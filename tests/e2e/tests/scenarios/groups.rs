//! Groups, group permissions and default permissions against the live server.
use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
