//! The Users screen's "Views" menu: save the current search + filters + sort under a name,
//! reopen, copy as a link, rename, delete (model and storage format in `views`).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::query::UsersQuery;
use super::views::{SavedView, decode, encode, name_problem, storage_key};
use crate::components::toast::use_toasts;
use crate::routes;
use crate::session::use_session;

/// The menu button and its panel. `query` is the list as shown (search as typed); `on_open`
/// shows a saved view's list.
/// What the panel gets from the menu: `Copy` handles, so they cross into the chunk as is.
#[derive(Clone, Copy)]
struct Host {
    query: Signal<UsersQuery>,
    on_open: Callback<UsersQuery>,
    open: RwSignal<bool>,
    /// Bumped when the menu opens: the saved views are read again (another tab may have saved one).
    version: RwSignal<u32>,
    button: NodeRef<leptos::html::Button>,
}

/// The menu button and its panel. `query` is the list as shown (search as typed); `on_open`
/// shows a saved view's list. In a split release build the panel is in the users filters'
/// chunk, fetched when the menu first opens.
#[component]
pub fn ViewsMenu(query: Signal<UsersQuery>, on_open: Callback<UsersQuery>) -> impl IntoView {
    let open = RwSignal::new(false);
    let version = RwSignal::new(0u32);
    let button = NodeRef::<leptos::html::Button>::new();
    let host = Host {
        query,
        on_open,
        open,
        version,
        button,
    };
    #[cfg(feature = "split")]
    let panel = crate::components::lazy::when_first_wanted(
        move || open.get(),
        move || chunk::views_panel(Box::new(host)),
    );
    #[cfg(not(feature = "split"))]
    let panel = panel(host);
    view! {
        <div class="menu-wrap" on:keydown=move |ev| if ev.key() == "Escape" && open.get_untracked() { close_menu(open, button) }>
            <button
                type="button"
                class="btn"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then_some("views-panel")
                on:click=move |_| { version.update(|v| *v += 1); open.update(|o| *o = !*o); }
            >
                "Views"
            </button>
            {panel}
        </div>
    }
}

/// Closes the menu, focus back on its button.
fn close_menu(open: RwSignal<bool>, button: NodeRef<leptos::html::Button>) {
    open.set(false);
    if let Some(b) = button.get_untracked() {
        let _ = b.focus();
    }
}

#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::Host;
    use crate::api::ApiError;
    use crate::components::lazy::chunk_fn;

    // With the filters: both are about which users the list shows.
    chunk_fn!(
        users_filters,
        fn views_panel(host: Box<Host>) -> Result<AnyView, ApiError> {
            Ok(super::panel(*host))
        }
    );
}

/// The panel: save the current list as a view; the saved views.
fn panel(host: Host) -> AnyView {
    let Host {
        query,
        on_open,
        open,
        version,
        button,
    } = host;
    let session = use_session();
    let toasts = use_toasts();
    // Read again after every change (and when the menu opens).
    let key = Memo::new(move |_| session.get().map(|s| storage_key(&s.base_url)));
    let views = Memo::new(move |_| {
        version.track();
        decode(key.get().and_then(|k| crate::storage::load(&k)).as_deref())
    });
    let change = move |f: &dyn Fn(&mut Vec<SavedView>)| {
        let Some(k) = key.get_untracked() else { return };
        let mut list = views.get_untracked();
        f(&mut list);
        if !crate::storage::store(&k, &encode(&list)) {
            toasts.error(
                "This browser did not let the console keep the view (storage is full or blocked).",
            );
        }
        version.update(|v| *v += 1);
    };
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    // A link the clipboard did not take: shown to copy by hand.
    let link = RwSignal::new(None::<(String, String)>);
    let close = move || close_menu(open, button);

    let save_current = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        let existing = views.get_untracked();
        // Saving under an existing name replaces that view (the person chose the name).
        let taken = existing.iter().any(|v| v.name == n.trim());
        match name_problem(&existing, &n, taken.then_some(n.trim())) {
            Some(p) => problem.set(Some(p)),
            None => {
                let view = SavedView::of(&n, &query.get_untracked());
                change(&|l| super::views::save(l, view.clone()));
                problem.set(None);
                name.set(String::new());
                toasts.success(format!("Saved view “{}”", n.trim()));
            }
        }
    };
    let finish_rename = move |from: String| {
        let to = new_name.get_untracked();
        if let Some(p) = name_problem(&views.get_untracked(), &to, Some(&from)) {
            problem.set(Some(p));
            return;
        }
        change(&|l| {
            super::views::rename(l, &from, &to);
        });
        problem.set(None);
        renaming.set(None);
    };
    let copy = move |v: SavedView| {
        let url = routes::absolute(&routes::users(&v.users_query()));
        let name = v.name.clone();
        leptos::task::spawn_local(async move {
            if write_clipboard(&url).await {
                link.try_set(None);
                toasts.success(format!("Copied the link to “{name}”"));
            } else {
                link.try_set(Some((name, url)));
            }
        });
    };

    let item = move |v: SavedView| {
        let n = v.name.clone();
        let editing = renaming.get().as_deref() == Some(n.as_str());
        let shown_link = link.get().filter(|(l, _)| *l == n).map(|(_, url)| url);
        let (v1, n1, n2, n3, n4) = (v.clone(), n.clone(), n.clone(), n.clone(), n.clone());
        view! {
            <li class="view-item">
                {if editing {
                    view! {
                        <input
                            type="text"
                            aria-label=format!("New name for {n}")
                            prop:value=move || new_name.get()
                            on:input:target=move |ev| new_name.set(ev.target().value())
                            on:keydown=move |ev| if ev.key() == "Enter" { finish_rename(n1.clone()) }
                        />
                        <button type="button" class="btn btn-small" on:click=move |_| finish_rename(n2.clone())>"Save name"</button>
                        <button type="button" class="btn btn-small btn-ghost" on:click=move |_| renaming.set(None)>"Cancel"</button>
                    }.into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="btn btn-ghost view-open"
                            aria-label=format!("Open view {n}")
                            on:click=move |_| { on_open.run(v1.users_query()); close(); }
                        >{n.clone()}</button>
                        <button type="button" class="btn btn-small btn-ghost" aria-label=format!("Copy link to {n}") on:click=move |_| copy(v.clone())>"Copy link"</button>
                        <button type="button" class="btn btn-small btn-ghost" aria-label=format!("Rename view {n}")
                            on:click=move |_| { new_name.set(n3.clone()); problem.set(None); renaming.set(Some(n3.clone())); }>"Rename"</button>
                        <button type="button" class="btn btn-small btn-ghost danger-text" aria-label=format!("Delete view {n}")
                            on:click=move |_| { let d = n4.clone(); change(&|l| super::views::delete(l, &d)); toasts.success(format!("Deleted view “{n4}”")); }>"Delete"</button>
                    }.into_any()
                }}
                {shown_link.map(|url| view! {
                    <label class="view-link">
                        <span class="small muted">"The browser did not allow copying; copy this link:"</span>
                        <input type="text" readonly aria-label=format!("Link to {n}") prop:value=url
                            on:focus:target=move |ev| ev.target().select() />
                    </label>
                })}
            </li>
        }
    };

    view! {
        <Show when=move || open.get()>
            <div id="views-panel" class="menu-panel" role="group" aria-label="Saved views">
                <form class="view-save" on:submit=save_current>
                    <label for="view-name">"View name"</label>
                    <input id="view-name" type="text" autocomplete="off" prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value()) />
                    <button type="submit" class="btn btn-primary">"Save view"</button>
                </form>
                <p class="small muted">"Saves the search, filters and sort in this browser, for this server."</p>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                {move || {
                    let list = views.get();
                    if list.is_empty() {
                        view! { <p class="muted">"No saved views yet."</p> }.into_any()
                    } else {
                        view! { <ul class="plain views-list">{list.into_iter().map(item).collect_view()}</ul> }.into_any()
                    }
                }}
            </div>
        </Show>
    }
    .into_any()
}

/// `navigator.clipboard.writeText(text)`; false when the browser has no clipboard API here
/// (insecure origin, old browser) or refused it. Through `Reflect`, so no web-sys features.
async fn write_clipboard(text: &str) -> bool {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(clipboard) = get(&window, "navigator")
        .and_then(|n| get(&n, "clipboard"))
        .filter(|c| c.is_object())
    else {
        return false;
    };
    let Some(write) = get(&clipboard, "writeText")
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
    else {
        return false;
    };
    let Some(promise) = write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()
        .and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
