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

/// A fresh, empty container at the end of the page's body.
fn fresh_host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// A fresh container in the page, and the app mounted into it (kept mounted).
fn mount<F, V>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let host = fresh_host();
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
    // The sort mark is shown but hidden from assistive technology, so the button's accessible
    // name stays the column's.
    let mark = sorted.query_selector(".sort-mark").unwrap().unwrap();
    assert_eq!(mark.get_attribute("aria-hidden").as_deref(), Some("true"));
    assert_eq!(mark.text_content().unwrap_or_default().trim(), "▲");
    let label = sorted.text_content().unwrap_or_default();
    assert_eq!(label.replace('▲', "").trim(), "Created");
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

// --- the read and write primitives (latest.rs, write.rs, api::with_deadline, debounce) ----------
//
// Fetchers and saves here are futures the test controls through oneshot channels, so every step
// (which request started, which answer lands, whether a request was dropped) is decided by the
// test, not by timing.

mod primitives {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use std::time::Duration;

    use futures::channel::oneshot;
    use leptos::prelude::*;
    use leptos::task::tick;
    use owui_admin::api::{ApiError, SessionUser, with_deadline};
    use owui_admin::components::alert::LoadError;
    use owui_admin::components::debounce::debounced;
    use owui_admin::latest::{Latest, use_latest};
    use owui_admin::session::{Session, SessionCtx};
    use owui_admin::write::{Write, use_write};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::mount;

    type Reply<T> = oneshot::Sender<Result<T, ApiError>>;
    type Started<K, T> = Vec<(K, Reply<T>)>;

    /// Requests started so far, by key, each with the sender that answers it.
    #[derive(Clone, Default)]
    struct Calls<K, T>(Rc<RefCell<Started<K, T>>>);

    impl<K: Clone + PartialEq + 'static, T: 'static> Calls<K, T> {
        /// A future that waits for the test's answer (an unanswered, dropped sender aborts).
        fn start(&self, key: K) -> futures::future::LocalBoxFuture<'static, Result<T, ApiError>> {
            let (tx, rx) = oneshot::channel();
            self.0.borrow_mut().push((key, tx));
            Box::pin(async move { rx.await.unwrap_or(Err(ApiError::Aborted)) })
        }
        fn keys(&self) -> Vec<K> {
            self.0.borrow().iter().map(|(k, _)| k.clone()).collect()
        }
        /// True when the request `i` was dropped by the primitive (cancelled).
        fn cancelled(&self, i: usize) -> bool {
            self.0.borrow()[i].1.is_canceled()
        }
        /// Answers request `i`; false when nobody listens any more.
        fn answer(&self, i: usize, value: Result<T, ApiError>) -> bool {
            let (spent, _) = oneshot::channel();
            let tx = std::mem::replace(&mut self.0.borrow_mut()[i].1, spent);
            tx.send(value).is_ok()
        }
    }

    /// Mounts `f` in a fresh container; dropping the handle unmounts it (its owner goes, with
    /// every cleanup).
    fn mount_for_a_while<F, V>(f: F) -> impl Drop
    where
        F: FnOnce() -> V + 'static,
        V: IntoView + 'static,
    {
        leptos::mount::mount_to(super::fresh_host(), f)
    }

    /// A signed-in session for the primitives (they need a client; the fetchers here ignore it).
    fn signed_in() -> SessionCtx {
        let session = SessionCtx::new();
        let user = SessionUser {
            id: "u1".into(),
            name: "Ada".into(),
            role: "admin".into(),
            ..Default::default()
        };
        session.sign_in(Session::new(
            "http://127.0.0.1:9".into(),
            "token".into(),
            user,
            false,
        ));
        session
    }

    /// Lets effects and spawned tasks run.
    async fn settle() {
        for _ in 0..5 {
            tick().await;
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }

    /// Polls `cond` (letting timers and tasks run) for at most two seconds.
    async fn until(what: &str, cond: impl Fn() -> bool) {
        for _ in 0..200 {
            if cond() {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
        panic!("timed out waiting for {what}");
    }

    #[wasm_bindgen_test]
    async fn with_deadline_gives_up_on_work_that_never_ends() {
        let never = futures::future::pending::<u32>();
        assert_eq!(with_deadline(never, 30).await, None);
        let soon = async {
            gloo_timers::future::TimeoutFuture::new(5).await;
            7
        };
        assert_eq!(with_deadline(soon, 2_000).await, Some(7));
        // The deadline also drops the work it gave up on (a fetch would be aborted).
        let (tx, rx) = oneshot::channel::<()>();
        assert_eq!(with_deadline(rx, 20).await, None);
        assert!(tx.is_canceled(), "the work given up on is dropped");
    }

    #[wasm_bindgen_test]
    async fn use_latest_newest_request_wins_and_source_is_memoised() {
        let calls: Calls<u32, String> = Calls::default();
        let source = RwSignal::new(1u32);
        let latest: Rc<Cell<Option<Latest<String>>>> = Rc::default();
        let host = {
            let (calls, latest) = (calls.clone(), latest.clone());
            mount(move || {
                provide_context(signed_in());
                let l = use_latest(move || source.get(), move |_client, n| calls.start(n));
                latest.set(Some(l));
                view! {
                    <p class="value">{move || l.value.get().unwrap_or_default()}</p>
                    <LoadError state=l.state />
                }
            })
        };
        settle().await;
        let l = latest.get().expect("mounted");
        assert_eq!(calls.keys(), [1]);
        assert!(l.state.loading.get_untracked());

        // A newer source cancels the request in flight.
        source.set(2);
        settle().await;
        assert_eq!(calls.keys(), [1, 2]);
        assert!(calls.cancelled(0), "the superseded request is dropped");
        assert!(calls.answer(1, Ok("two".into())));
        settle().await;
        assert_eq!(l.value.get_untracked().as_deref(), Some("two"));
        assert!(!l.state.loading.get_untracked());
        // The old answer can never land.
        assert!(!calls.answer(0, Ok("one".into())));
        settle().await;
        assert_eq!(l.value.get_untracked().as_deref(), Some("two"));

        // The same source again is no new request.
        source.set(2);
        settle().await;
        assert_eq!(calls.keys(), [1, 2]);

        // A failure keeps the last value beside a typed error, shown with Retry.
        l.reload();
        settle().await;
        assert_eq!(calls.keys(), [1, 2, 2]);
        assert!(calls.answer(2, Err(ApiError::Unavailable { status: 502 })));
        settle().await;
        assert_eq!(
            l.state.error.get_untracked(),
            Some(ApiError::Unavailable { status: 502 })
        );
        assert_eq!(l.value.get_untracked().as_deref(), Some("two"));
        let alert = host.query_selector("[role=alert]").unwrap().expect("alert");
        assert!(
            alert
                .text_content()
                .unwrap_or_default()
                .contains("unavailable")
        );
        let retry: web_sys::HtmlElement = alert
            .query_selector("button")
            .unwrap()
            .expect("Retry")
            .unchecked_into();
        assert_eq!(retry.text_content().unwrap_or_default(), "Retry");
        retry.click();
        settle().await;
        assert_eq!(calls.keys(), [1, 2, 2, 2]);
        assert!(calls.answer(3, Ok("again".into())));
        settle().await;
        assert_eq!(l.state.error.get_untracked(), None);
        assert!(host.query_selector("[role=alert]").unwrap().is_none());
        assert_eq!(
            host.query_selector(".value")
                .unwrap()
                .unwrap()
                .text_content()
                .as_deref(),
            Some("again")
        );
    }

    #[wasm_bindgen_test]
    async fn use_latest_aborts_the_request_when_the_view_goes() {
        let calls: Calls<(), String> = Calls::default();
        let latest: Rc<Cell<Option<Latest<String>>>> = Rc::default();
        let view = {
            let (calls, latest) = (calls.clone(), latest.clone());
            mount_for_a_while(move || {
                provide_context(signed_in());
                latest.set(Some(use_latest(|| (), move |_c, _| calls.start(()))));
            })
        };
        settle().await;
        assert_eq!(calls.keys().len(), 1);
        assert!(!calls.cancelled(0));
        let l = latest.get().expect("mounted");
        drop(view);
        settle().await;
        assert!(calls.cancelled(0), "leaving the view drops its request");
        assert!(!calls.answer(0, Ok("late".into())));
        settle().await;
        assert_eq!(l.value.try_get_untracked().flatten(), None);
    }

    #[wasm_bindgen_test]
    async fn use_write_pending_error_and_send_again() {
        let calls: Calls<String, String> = Calls::default();
        let outcomes: Rc<RefCell<Vec<Result<String, ApiError>>>> = Rc::default();
        let write: Rc<Cell<Option<Write<String>>>> = Rc::default();
        let session: Rc<Cell<Option<SessionCtx>>> = Rc::default();
        {
            let (calls, outcomes, write, session) = (
                calls.clone(),
                outcomes.clone(),
                write.clone(),
                session.clone(),
            );
            mount(move || {
                let s = signed_in();
                provide_context(s);
                session.set(Some(s));
                let w = use_write(
                    move |_client, input: String| calls.start(input),
                    move |r| outcomes.borrow_mut().push(r),
                );
                write.set(Some(w));
            });
        }
        settle().await;
        let w = write.get().expect("mounted");
        let s = session.get().expect("mounted");
        w.dispatch("first".into());
        settle().await;
        assert!(w.pending().get_untracked());
        // A second click while the first is on its way sends nothing.
        w.dispatch("second".into());
        settle().await;
        assert_eq!(calls.keys(), ["first"]);

        assert!(calls.answer(0, Err(ApiError::Interrupted { write: true })));
        settle().await;
        assert!(!w.pending().get_untracked());
        assert_eq!(
            w.error.get_untracked(),
            Some(ApiError::Interrupted { write: true })
        );
        assert_eq!(outcomes.borrow().len(), 1);

        // Send again: the same input, and the error goes with the success.
        w.retry();
        settle().await;
        assert_eq!(calls.keys(), ["first", "first"]);
        assert!(calls.answer(1, Ok("saved".into())));
        settle().await;
        assert_eq!(w.error.get_untracked(), None);
        assert_eq!(outcomes.borrow().last(), Some(&Ok("saved".into())));

        // An expired session opens Sign in over the screen (the session stays in memory).
        w.dispatch("third".into());
        settle().await;
        assert!(calls.answer(
            2,
            Err(ApiError::SessionExpired("Your session has expired".into()))
        ));
        settle().await;
        assert!(s.is_expired());
        assert!(
            w.error
                .get_untracked()
                .is_some_and(|e| e.is_session_expired())
        );
        s.sign_out(false);
    }

    #[wasm_bindgen_test]
    async fn debounced_runs_once_after_the_pause_and_not_after_unmount() {
        type Call = Rc<dyn Fn(&'static str)>;
        type Mounted = Option<(Call, Signal<bool>)>;
        let pause = Duration::from_millis(40);
        let seen: Rc<RefCell<Vec<&'static str>>> = Rc::default();
        let inner: Rc<RefCell<Mounted>> = Rc::default();
        let outer: Rc<RefCell<Option<Call>>> = Rc::default();
        {
            let (seen, outer) = (seen.clone(), outer.clone());
            mount(move || {
                let (marker, _) =
                    debounced(pause, move |v: &'static str| seen.borrow_mut().push(v));
                *outer.borrow_mut() = Some(Rc::new(marker));
            });
        }
        let view = {
            let (seen, inner) = (seen.clone(), inner.clone());
            mount_for_a_while(move || {
                let (call, waiting) =
                    debounced(pause, move |v: &'static str| seen.borrow_mut().push(v));
                *inner.borrow_mut() = Some((Rc::new(call), waiting));
            })
        };
        let (call, waiting) = inner.borrow().clone().expect("mounted");
        call("a");
        call("ab");
        call("abc");
        assert!(waiting.get_untracked());
        until("the debounced call", || !seen.borrow().is_empty()).await;
        assert_eq!(*seen.borrow(), ["abc"], "only the last value, once");
        assert!(!waiting.get_untracked());

        // Pending when the component goes: never runs. The marker, started later with the same
        // pause, proves the time for it has passed.
        call("late");
        drop(view);
        let marker = outer.borrow().clone().expect("mounted");
        marker("marker");
        until("the marker", || seen.borrow().len() > 1).await;
        assert_eq!(*seen.borrow(), ["abc", "marker"]);
    }
}
