//! Reusable widgets and the app frame.
pub mod avatar;
pub mod dialog;
pub mod field;
pub mod permissions;
pub mod profile_images;
pub mod progress;
pub mod shell;
pub mod toast;
