//! Steps shared by scenarios.

use serde_json::json;

use crate::support::session::{admin_session, open_with_session};
use crate::support::{Harness, Page};

/// Signs in through the form. `server` replaces the prefilled Server URL when given.
pub async fn sign_in_with_form(
    page: &Page,
    app_url: &str,
    server: Option<&str>,
    email: &str,
    password: &str,
) -> Result<(), String> {
    page.goto(&format!("{app_url}/users")).await?;
    page.heading("Sign in").await?;
    if let Some(server) = server {
        page.fill("Server URL", server).await?;
    }
    page.fill("Email", email).await?;
    page.fill("Password", password).await?;
    page.click("Sign in").await
}

/// Starts signed in as the admin without the form (the server limits sign-ins per email to 15
/// per 3 minutes): puts a session for the harness's token where the app keeps it, then opens `path`.
pub async fn signed_in_at(h: &Harness, page: &Page, path: &str) -> Result<(), String> {
    signed_in_on(h, page, &h.app_url, &h.owui_url, path).await
}

/// The same for the app served at `app` talking to the server at `server`.
pub async fn signed_in_on(
    h: &Harness,
    page: &Page,
    app: &str,
    server: &str,
    path: &str,
) -> Result<(), String> {
    // With the server's version, as sign-in keeps it (the console adapts to it from the start).
    let session = admin_session(h, server, true)?;
    open_with_session(
        page,
        &format!("{app}/"),
        &session,
        "",
        &format!("{app}{path}"),
    )
    .await?;
    main_nav(page).await
}

/// Waits for the signed-in frame.
pub async fn main_nav(page: &Page) -> Result<(), String> {
    page.wait_xpath("//nav[@aria-label='Main']")
        .await
        .map(|_| ())
}

/// Waits until the users table shows `n` rows.
pub async fn wait_rows(page: &Page, n: u64) -> Result<(), String> {
    let end = tokio::time::Instant::now() + crate::support::page::DEADLINE;
    let mut last = 0;
    while tokio::time::Instant::now() < end {
        last = page.row_count("Users").await?;
        if last == n {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the Users table shows {last} rows, expected {n}"))
}

/// Creates a user through the API (like seeding) and returns its id.
pub fn create_user(h: &Harness, name: &str, email: &str, role: &str) -> Result<String, String> {
    let body = json!({"name": name, "email": email, "password": "e2e-password-1", "role": role});
    let v = h
        .api
        .ok(h.api.post("/api/v1/auths/add", body), "add user")?;
    v["id"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "no id".into())
}

/// The user as the server has it now (`None` when it does not exist).
pub fn server_user(h: &Harness, id: &str) -> Result<Option<serde_json::Value>, String> {
    match h.api.get(&format!("/api/v1/users/{id}"))? {
        (200, v) => Ok(Some(v)),
        (400, _) => Ok(None),
        (s, v) => Err(format!("GET user {id}: HTTP {s}: {v}")),
    }
}

/// Types a search and waits for the table to show `n` rows.
pub async fn search(page: &Page, text: &str, n: u64) -> Result<(), String> {
    page.fill("Search users", text).await?;
    wait_rows(page, n).await
}

/// A unique suffix so scenarios never collide on the shared server.
pub fn unique() -> String {
    format!(
        "{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() % 100_000_000)
            .unwrap_or(0)
    )
}
