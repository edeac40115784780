//! Component tests in a real browser (wasm-bindgen-test in headless Chromium): rendering and
//! events of single components, without a server.
#![cfg(target_arch = "wasm32")]

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::tick;
use owui_admin::api::User;
use owui_admin::components::avatar::Avatar;
use owui_admin::components::toast::{ToastRegion, Toasts};
use owui_admin::pages::users::query::{SortKey, UsersQuery};
use owui_admin::pages::users::table::UsersTable;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page, and the app mounted into it (kept mounted).
fn mount<F, V>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    std::mem::forget(leptos::mount::mount_to(host.clone(), f));
    host
}

fn user(id: &str, name: &str, role: &str, groups: &[&str]) -> User {
    User {
        id: id.into(),
        name: name.into(),
        email: format!("{id}@example.com"),
        role: role.into(),
        created_at: Some(1_700_000_000),
        last_active_at: Some(1_700_000_000),
        group_ids: groups.iter().map(|g| g.to_string()).collect(),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn avatar_shows_initials_until_an_image_is_given() {
    let src = RwSignal::new(None::<String>);
    let host = mount(move || view! { <Avatar name="Grace Hopper" src=src /> });
    tick().await;
    assert_eq!(host.text_content().unwrap_or_default(), "GH");
    assert!(host.query_selector("img").unwrap().is_none());
    src.set(Some("data:image/png;base64,AAAA".into()));
    tick().await;
    assert!(host.query_selector("img").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn users_table_renders_rows_group_names_and_sort_state() {
    let users = RwSignal::new(vec![
        user("u1", "Ada Admin", "admin", &["g1"]),
        user("u2", "<b>Bob</b>", "pending", &["g1", "gone"]),
    ]);
    let clicked = RwSignal::new(None::<SortKey>);
    let names: HashMap<String, String> = [("g1".to_string(), "Engineering".to_string())].into();
    let host = mount(move || {
        view! {
            <UsersTable
                users=users.into()
                loaded=Signal::derive(|| true)
                busy=Signal::derive(|| false)
                query=Signal::derive(UsersQuery::default)
                group_names=Signal::derive(move || names.clone())
                on_sort=Callback::new(move |k| clicked.set(Some(k)))
            />
        }
    });
    tick().await;
    let rows = host.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("Engineering, gone"),
        "unknown group ids show as the id: {text}"
    );
    // Server data is text, never markup.
    assert!(text.contains("<b>Bob</b>") && host.query_selector("tbody b").unwrap().is_none());
    // Default order: oldest first, shown on the Created header.
    let sorted = host.query_selector("th[aria-sort]").unwrap().unwrap();
    assert_eq!(
        sorted.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    assert_eq!(sorted.text_content().unwrap_or_default().trim(), "Created");
    // Clicking a header asks for that sort.
    let name_button: web_sys::HtmlElement = host
        .query_selector("th button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    name_button.click();
    tick().await;
    assert_eq!(clicked.get_untracked(), Some(SortKey::Name));
    // Rows follow the signal.
    users.update(|u| u.truncate(1));
    tick().await;
    assert_eq!(host.query_selector_all("tbody tr").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn toasts_land_in_live_regions() {
    let toasts = Toasts::new();
    let host = mount(move || {
        provide_context(toasts);
        view! { <ToastRegion /> }
    });
    toasts.success("Saved Ada");
    toasts.error("This email is already registered");
    tick().await;
    let status = host
        .query_selector("[role=status]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    let alert = host
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(status.contains("Saved Ada") && !status.contains("email"));
    assert!(alert.contains("already registered"));
}

// --- groups and permissions -------------------------------------------------------------------

/// Guards: unknown keys rendered as checkboxes with their dotted name, a toggle edits only its
/// key, the diff appears, and defaults/parent grants are marked.
#[wasm_bindgen_test]
async fn permission_editor_shows_every_key_and_edits_one() {
    use owui_admin::api::JsonMap;
    use owui_admin::components::permissions::PermissionEditor;
    let obj = |v: serde_json::Value| serde_json::from_value::<JsonMap>(v).unwrap();
    let defaults = obj(serde_json::json!({"chat": {"share": true, "file_upload": false}}));
    let stored = obj(serde_json::json!({"chat": {"mystery": true}, "labs": {"x": false}}));
    let value = RwSignal::new(stored.clone());
    let parent = vec![(
        "Engineering".to_string(),
        obj(serde_json::json!({"chat": {"file_upload": true}})),
    )];
    let host = mount(move || {
        view! {
            <PermissionEditor
                value=value
                saved=Signal::stored(stored)
                layout_from=Signal::stored(defaults)
                mark_defaults=true
                inherited=Signal::stored(parent)
            />
        }
    });
    tick().await;
    let boxes = host.query_selector_all("input[type=checkbox]").unwrap();
    let names: Vec<String> = (0..boxes.length())
        .map(|i| {
            boxes
                .get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("name")
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        names,
        ["chat.share", "chat.file_upload", "chat.mystery", "labs.x"]
    );
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Share chats") && text.contains("mystery") && text.contains("labs"));
    assert!(text.contains("On by default") && text.contains("Granted by Engineering"));
    assert!(text.contains("No unsaved permission changes."));
    let upload: web_sys::HtmlInputElement = host
        .query_selector("input[name='chat.file_upload']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    upload.click();
    tick().await;
    assert_eq!(
        serde_json::to_value(value.get_untracked()).unwrap(),
        serde_json::json!({"chat": {"mystery": true, "file_upload": true}, "labs": {"x": false}})
    );
    let text = host.text_content().unwrap_or_default();
    assert!(
        text.contains("Upload files (chat.file_upload): not set → on"),
        "{text}"
    );
}
