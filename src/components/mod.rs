//! Reusable widgets and the app frame.
pub mod avatar;
pub mod dialog;
pub mod permissions;
pub mod shell;
pub mod toast;
