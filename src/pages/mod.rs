//! One module per screen.
pub mod account;
pub mod groups;
pub mod not_found;
pub mod permissions;
pub mod signin;
pub mod users;
pub mod webhooks;
