//! One module per screen.
pub mod not_found;
pub mod placeholder;
pub mod signin;
pub mod users;
