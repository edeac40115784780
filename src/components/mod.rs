//! Reusable widgets and the app frame.
pub mod alert;
pub mod avatar;
pub mod debounce;
pub mod dialog;
pub mod draft;
pub mod field;
pub mod focus;
pub mod lazy;
pub mod pagination;
pub mod permissions;
pub mod profile_images;
pub mod progress;
pub mod shell;
pub mod toast;
