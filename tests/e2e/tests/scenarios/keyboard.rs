//! Keyboard users never get lost: skip link, focus kept and returned, one keyboard-only flow.

use crate::Scenario;

pub fn all() -> Vec<(&'static str, Scenario)> {
    Vec::new()
}
