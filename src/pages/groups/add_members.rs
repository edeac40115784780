//! Adding members: a user search with a checkbox per result (the choice survives new searches)
//! and one `users/add` call for all chosen ids; or a CSV of emails, resolved against the users,
//! previewed (unknown emails listed), then added in one call.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::alert::LoadError;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use super::csv::{parse_emails, resolve};
use crate::api::{Group, UserInfo, UserInfoList, UserListParams};
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;

/// The "add members" part of the Members section.
#[component]
pub fn AddMembers(group_id: String, on_added: Callback<Group>) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let search = RwSignal::new(String::new());
    let results = use_latest(
        move || search.get(),
        |client, q: String| async move {
            let q = q.trim().to_string();
            if q.is_empty() {
                return Ok(UserInfoList::default()); // nothing typed: no call
            }
            let params = UserListParams {
                query: Some(q),
                page: 1,
                ..Default::default()
            };
            client.search_users(&params).await
        },
    );
    // Chosen users, id → name, across searches.
    let chosen = RwSignal::new(BTreeMap::<String, String>::new());
    let busy = RwSignal::new(false);
    let gid = StoredValue::new(group_id);

    let add = move |ids: Vec<String>, what: String, after: Box<dyn Fn() + Send + Sync>| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        busy.set(true);
        let gid = gid.get_value();
        spawn_local(async move {
            match client.add_group_users(&gid, ids).await {
                Ok(g) => {
                    toasts.success(format!("Added {what}."));
                    after();
                    on_added.run(g);
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
            busy.set(false);
        });
    };
    let add_selected = move |_| {
        let picked = chosen.get_untracked();
        let n = picked.len();
        add(
            picked.into_keys().collect(),
            format!("{n} member{}", if n == 1 { "" } else { "s" }),
            Box::new(move || chosen.set(BTreeMap::new())),
        );
    };

    // CSV import.
    let csv_text = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<(Vec<UserInfo>, Vec<String>)>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let read_file = move |_| {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match read_first_file(&input).await {
                Ok(text) => {
                    csv_text.set(text);
                    preview.set(None);
                }
                Err(e) => toasts.error(e),
            }
        });
    };
    let preview_import = move |_| {
        let emails = parse_emails(&csv_text.get_untracked());
        if emails.is_empty() {
            toasts.error("No email addresses found in the CSV.");
            return;
        }
        let Some(client) = session.client_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match client.all_users().await {
                Ok(all) => preview.set(Some(resolve(&emails, &all.users))),
                Err(e) => toasts.error(session.handle(&e)),
            }
            busy.set(false);
        });
    };
    let import = move |_| {
        let Some((found, _)) = preview.get_untracked() else {
            return;
        };
        let n = found.len();
        add(
            found.into_iter().map(|u| u.id).collect(),
            format!("{n} member{} from the CSV", if n == 1 { "" } else { "s" }),
            Box::new(move || {
                preview.set(None);
                csv_text.set(String::new());
            }),
        );
    };

    let result_row = move |u: UserInfo| {
        let (id, name) = (u.id.clone(), u.name.clone());
        let check = id.clone();
        view! {
            <li>
                <label class="check">
                    <input
                        type="checkbox"
                        aria-label=format!("Select {name}")
                        prop:checked=move || chosen.with(|c| c.contains_key(&check))
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            let (id, name) = (id.clone(), name.clone());
                            chosen.update(|c| { if on { c.insert(id, name); } else { c.remove(&id); } });
                        }
                    />
                    <span>{u.name.clone()}</span>
                    <span class="muted">{u.email.clone()}</span>
                </label>
            </li>
        }
    };
    view! {
        <div class="add-members">
            <h3>"Add members"</h3>
            <div class="toolbar">
                <input type="search" class="search" aria-label="Search users to add"
                    placeholder="Search users to add by name or email…"
                    prop:value=move || search.get()
                    on:input:target=move |ev| search.set(ev.target().value()) />
                <button class="btn btn-primary" disabled=move || busy.get() || chosen.with(BTreeMap::is_empty) on:click=add_selected>
                    "Add selected"
                </button>
                <span class="muted">{move || {
                    let c = chosen.get();
                    if c.is_empty() { String::new() } else { format!("{} selected: {}", c.len(), c.values().cloned().collect::<Vec<_>>().join(", ")) }
                }}</span>
            </div>
            <LoadError state=results.state />
            <ul class="user-results" aria-label="Users found" aria-busy=move || results.loading().to_string()>
                <For each=move || results.value.with(|r| r.as_ref().map(|r| r.users.clone()).unwrap_or_default()) key=|u| u.id.clone() children=result_row />
            </ul>
            <Show when=move || !search.with(|s| s.trim().is_empty()) && results.value.with(|r| r.as_ref().is_some_and(|r| r.users.is_empty()))>
                <p class="muted">"No users match."</p>
            </Show>
            <details class="csv-import">
                <summary>"Import members from CSV (by email)"</summary>
                <div class="form">
                    <label for="members-csv-file">"CSV file"</label>
                    <input id="members-csv-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_input on:change=read_file />
                    <label for="members-csv">"Emails or CSV"</label>
                    <textarea id="members-csv" rows="4" placeholder="Name,Email&#10;Ada,ada@example.com"
                        prop:value=move || csv_text.get()
                        on:input:target=move |ev| { csv_text.set(ev.target().value()); preview.set(None); }></textarea>
                    <div>
                        <button class="btn" disabled=move || busy.get() on:click=preview_import>"Preview import"</button>
                    </div>
                </div>
                {move || preview.get().map(|(found, unknown)| {
                    let n = found.len();
                    view! {
                        <div class="csv-preview" aria-label="Import preview">
                            <p>{format!("{n} user(s) found: ")}{found.iter().map(|u| format!("{} <{}>", u.name, u.email)).collect::<Vec<_>>().join(", ")}</p>
                            {(!unknown.is_empty()).then(|| view! {
                                <p class="notice">{format!("{} unknown email(s), not added: {}", unknown.len(), unknown.join(", "))}</p>
                            })}
                            <button class="btn btn-primary" disabled=move || busy.get() || n == 0 on:click=import>
                                {format!("Add {n} member{}", if n == 1 { "" } else { "s" })}
                            </button>
                        </div>
                    }
                })}
            </details>
        </div>
    }
}

/// The text of the file chosen in `input` (File.text(), read without extra web-sys features).
async fn read_first_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let fail = |what: &str| format!("Could not read the CSV file: {what}");
    let files = js_sys::Reflect::get(input, &JsValue::from_str("files"))
        .map_err(|_| fail("no file list"))?;
    let file = js_sys::Reflect::get_u32(&files, 0).map_err(|_| fail("no file"))?;
    if file.is_undefined() || file.is_null() {
        return Err(fail("no file chosen"));
    }
    let text_fn: js_sys::Function = js_sys::Reflect::get(&file, &JsValue::from_str("text"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| fail("this browser cannot read files"))?;
    let promise: js_sys::Promise = text_fn
        .call0(&file)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(|| fail("reading failed"))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| fail("not a text file"))
}
