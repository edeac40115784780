//! Profile pictures. The image endpoint needs authentication, which a cross-origin `<img src>`
//! cannot send, so pictures stored on the server are fetched with the Bearer token and shown as
//! blob URLs: only once an avatar is on screen, cached per user and `updated_at`, and revoked
//! when no avatar shows them any more. Inline data URIs and http(s) URLs need no request.

use std::collections::HashMap;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use super::avatar::Avatar;
use crate::api::{endpoints, is_image_data_uri};
use crate::session::SessionCtx;

/// Where a user's picture comes from, decided from the stored `profile_image_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    /// Open WebUI's generic default: initials look better.
    Initials,
    /// Usable as `<img src>` directly (a data:image URI or a public http(s) URL).
    Direct(String),
    /// Stored on the server: fetch the image endpoint with the token.
    Fetch,
}

pub fn image_source(stored: Option<&str>) -> ImageSource {
    match stored.map(str::trim).unwrap_or("") {
        "" | "/user.png" | "/favicon.png" | "/static/favicon.png" => ImageSource::Initials,
        s if is_image_data_uri(s) => ImageSource::Direct(s.to_string()),
        s if s.starts_with("https://") || s.starts_with("http://") => {
            ImageSource::Direct(s.to_string())
        }
        _ => ImageSource::Fetch,
    }
}

struct Entry {
    url: RwSignal<Option<String>>,
    users: usize,
    started: bool,
}

/// The blob-URL cache, provided once by `App`. It holds the session itself: loads start from
/// browser callbacks (an IntersectionObserver), where no reactive context can be looked up.
#[derive(Clone, Copy)]
pub struct ProfileImages {
    entries: StoredValue<HashMap<String, Entry>>,
    session: SessionCtx,
}

impl ProfileImages {
    pub fn new(session: SessionCtx) -> Self {
        ProfileImages {
            entries: StoredValue::new(HashMap::new()),
            session,
        }
    }

    fn acquire(&self, key: &str) -> RwSignal<Option<String>> {
        self.entries
            .try_update_value(|m| {
                let e = m.entry(key.to_string()).or_insert_with(|| Entry {
                    url: RwSignal::new(None),
                    users: 0,
                    started: false,
                });
                e.users += 1;
                e.url
            })
            .unwrap_or_else(|| RwSignal::new(None))
    }

    fn release(&self, key: &str) {
        self.entries.try_update_value(|m| {
            if let Some(e) = m.get_mut(key) {
                e.users = e.users.saturating_sub(1);
                if e.users == 0 {
                    if let Some(url) = e.url.try_get_untracked().flatten() {
                        let _ = web_sys::Url::revoke_object_url(&url);
                    }
                    m.remove(key);
                }
            }
        });
    }

    /// Starts the fetch for `key` once; later callers share its result.
    fn load(&self, key: String, user_id: String) {
        let first = self
            .entries
            .try_update_value(|m| {
                m.get_mut(&key)
                    .map(|e| !std::mem::replace(&mut e.started, true))
            })
            .flatten();
        if first != Some(true) {
            return;
        }
        let Some(client) = self.session.client_untracked() else {
            return;
        };
        let this = *self;
        leptos::task::spawn_local(async move {
            // On failure the initials stay: nothing to tell the person about a missing picture.
            let Ok((bytes, mime)) = client
                .get_bytes(endpoints::user_profile_image(&user_id))
                .await
            else {
                return;
            };
            let Some(url) = blob_url(&bytes, &mime) else {
                return;
            };
            let kept = this
                .entries
                .try_with_value(|m| m.get(&key).map(|e| e.url.set(Some(url.clone()))).is_some())
                .unwrap_or(false);
            if !kept {
                let _ = web_sys::Url::revoke_object_url(&url); // every avatar left meanwhile
            }
        });
    }
}

fn blob_url(bytes: &[u8], mime: &str) -> Option<String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A user's avatar with their picture, when they have one.
#[component]
pub fn UserAvatar(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    /// The stored `profile_image_url` (None when the response did not include it).
    #[prop(optional, into)]
    image_url: Option<String>,
    /// Part of the cache key: a changed user gets a fresh picture.
    #[prop(optional)]
    updated_at: Option<i64>,
    #[prop(optional)] active: bool,
) -> impl IntoView {
    let source = match image_url {
        Some(url) => image_source(Some(&url)),
        None => ImageSource::Fetch,
    };
    let holder = NodeRef::<html::Span>::new();
    let src: Signal<Option<String>> = match source {
        ImageSource::Initials => Signal::derive(|| None),
        ImageSource::Direct(url) => Signal::derive(move || Some(url.clone())),
        ImageSource::Fetch => match use_context::<ProfileImages>() {
            None => Signal::derive(|| None),
            Some(images) => {
                let key = format!("{id}@{}", updated_at.unwrap_or(0));
                let url = images.acquire(&key);
                let release_key = key.clone();
                on_cleanup(move || images.release(&release_key));
                load_when_visible(holder, move || images.load(key.clone(), id.clone()));
                url.into()
            }
        },
    };
    view! {
        <span class="avatar-holder" node_ref=holder>
            <Avatar name=name src=src active=active />
        </span>
    }
}

/// The avatar of a full user record (list rows, the user page).
pub fn avatar_of(user: &crate::api::User, active: bool) -> impl IntoView + use<> {
    view! {
        <UserAvatar
            id=user.id.clone()
            name=user.name.clone()
            image_url=user.profile_image_url.clone().unwrap_or_default()
            updated_at=user.updated_at.unwrap_or(0)
            active=active
        />
    }
}

/// Calls `load` once the element is (nearly) on screen. The observer and its callback live as
/// long as the avatar: both are released when it leaves the page.
fn load_when_visible(node: NodeRef<html::Span>, load: impl Fn() + 'static) {
    let load = std::rc::Rc::new(load);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        let load = load.clone();
        let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new({
            let load = load.clone();
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|e| {
                    e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting()
                });
                if visible {
                    observer.disconnect();
                    load();
                }
            }
        });
        match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&el);
                let kept = send_wrapper::SendWrapper::new((observer, callback));
                on_cleanup(move || {
                    let (observer, callback) = kept.take();
                    observer.disconnect();
                    drop(callback);
                });
            }
            Err(_) => load(), // no IntersectionObserver: just load
        }
    });
}
