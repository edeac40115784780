//! The scenarios, one module per area of the app.
pub mod common;
pub mod signin;
pub mod users;
