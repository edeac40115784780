//! Adding members: a user search with a checkbox per result (the choice survives new searches)
//! and one `users/add` call for all chosen ids; or a CSV of emails, each looked up on the server
//! (`crate::email_check`: one search per distinct email, never every user), previewed (unknown
//! emails and the ones that could not be checked listed), then added in one call.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::csv::{look_up, parse_emails};
use super::identity::SyncReminder;
use super::paste_emails::PasteEmails;
use crate::api::{Group, UserInfo, UserInfoList, UserListParams};
use crate::components::alert::{LoadError, WriteError};
use crate::components::debounce::{SEARCH_PAUSE, debounced};
use crate::components::permissions::impact::Change;
use crate::components::permissions::impact_view::ImpactPreview;
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::latest::use_latest;
use crate::write::{Write, use_write};

/// Adds `ids` to the group in one call; `done` runs after a success, then `on_added`. The
/// notice says "Added 3 members{from}".
fn use_add(
    group_id: String,
    from: &'static str,
    on_added: Callback<Group>,
    done: impl Fn(usize) + 'static,
) -> Write<Vec<String>> {
    let toasts = use_toasts();
    use_write(
        move |client, ids: Vec<String>| {
            let gid = group_id.clone();
            async move {
                let n = ids.len();
                client.add_group_users(&gid, ids).await.map(|g| (g, n))
            }
        },
        move |result| {
            if let Ok((g, n)) = result {
                toasts.success(format!("Added {}{from}.", count(n as u64, "member")));
                done(n);
                on_added.run(g);
            }
        },
    )
}

/// The "add members" part of the Members tab.
#[component]
pub fn AddMembers(group_id: String, on_added: Callback<Group>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let (run_search, _) = debounced(SEARCH_PAUSE, move |q: String| search.set(q));
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
    let gid_preview = group_id.clone();
    let add = use_add(group_id.clone(), "", on_added, move |_| {
        chosen.set(BTreeMap::new())
    });
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
            <div class="toolbar" aria-busy=move || add.pending().get().to_string()>
                <input type="search" class="search" aria-label="Search users to add"
                    placeholder="Search users to add by name or email…"
                    prop:value=move || typed.get()
                    on:input:target=move |ev| { typed.set(ev.target().value()); run_search(ev.target().value()); } />
                <button type="button" class="btn btn-primary"
                    disabled=move || add.pending().get() || chosen.with(BTreeMap::is_empty)
                    on:click=move |_| add.dispatch(chosen.with_untracked(|c| c.keys().cloned().collect()))>
                    "Add selected"
                </button>
                <span class="muted">{move || chosen.with(|c| {
                    if c.is_empty() { String::new() } else { format!("{} selected: {}", c.len(), c.values().cloned().collect::<Vec<_>>().join(", ")) }
                })}</span>
            </div>
            <Show when=move || !chosen.with(BTreeMap::is_empty)><SyncReminder /></Show>
            <WriteError error=add.error on_retry=Callback::new(move |_| add.retry()) />
            <LoadError state=results.state />
            <ul class="user-results" aria-label="Users found" aria-busy=move || results.loading().to_string()>
                <For each=move || results.value.with(|r| r.as_ref().map(|r| r.users.clone()).unwrap_or_default()) key=|u| u.id.clone() children=result_row />
            </ul>
            <Show when=move || !search.with(|s| s.trim().is_empty()) && results.value.with(|r| r.as_ref().is_some_and(|r| r.users.is_empty()))>
                <p class="muted">"No users match."</p>
            </Show>
            // Below the results, so ticking one does not move the list under the pointer.
            <Show when=move || !chosen.with(BTreeMap::is_empty)><ImpactPreview change=Change::Add(gid_preview.clone()) people=Signal::derive(move || chosen.with(|c| c.clone().into_iter().collect())) /></Show>
            <PasteEmails group_id=group_id.clone() on_added=on_added />
            <CsvImport group_id=group_id on_added=on_added />
        </div>
    }
}

/// A CSV preview: users found, unknown emails, emails that could not be checked.
type Checked = (Vec<UserInfo>, Vec<String>, Vec<String>);

/// Members from a CSV of emails: read or pasted, previewed against the users, added in one call.
#[component]
fn CsvImport(group_id: String, on_added: Callback<Group>) -> impl IntoView {
    let toasts = use_toasts();
    let csv_text = RwSignal::new(String::new());
    // The users found, the unknown emails and the ones that could not be checked (Retry asks
    // again about those only), for the text last previewed.
    let preview = RwSignal::new(None::<Checked>);
    let checked_n = RwSignal::new(0usize);
    let checking_total = RwSignal::new(0usize);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Reading the chosen file is local work (no server), so a plain local action.
    let read_file = Action::new_local(move |_: &()| async move {
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        match read_first_file(&input).await {
            Ok(text) => {
                csv_text.try_set(text);
                preview.try_set(None);
            }
            Err(e) => toasts.error(e),
        }
    });
    let look_up = use_write(
        move |client, emails: Vec<String>| async move {
            checking_total.try_set(emails.len());
            // An expired session is the write's error: Sign in opens, then "Send again".
            let l = look_up(&client, emails, checked_n).await?;
            let found = l.found.into_iter().map(|u| UserInfo {
                id: u.id,
                name: u.name,
                email: u.email,
                role: u.role,
                ..Default::default()
            });
            Ok((found.collect(), l.unknown, l.failed))
        },
        move |result| {
            if let Ok((found, unknown, failed)) = result {
                // A retry adds to what the preview already knew.
                preview.update(|p| match p {
                    Some((f, u, _)) => {
                        f.extend(found);
                        u.extend(unknown);
                        *p = Some((std::mem::take(f), std::mem::take(u), failed));
                    }
                    None => *p = Some((found, unknown, failed)),
                });
            }
        },
    );
    let gid_preview = group_id.clone();
    let add = use_add(group_id, " from the CSV", on_added, move |_| {
        preview.set(None);
        csv_text.set(String::new());
    });
    let on_preview = move |_| {
        let emails = parse_emails(&csv_text.get_untracked());
        if emails.is_empty() {
            toasts.error("No email addresses found in the CSV.");
        } else {
            preview.set(None);
            look_up.dispatch(emails);
        }
    };
    let retry_failed = move |_| {
        if let Some((_, _, failed)) = preview.get_untracked() {
            look_up.dispatch(failed);
        }
    };
    let busy = move || look_up.pending().get() || add.pending().get();
    view! {
        <details class="csv-import">
            <summary>"Import members from CSV (by email)"</summary>
            <div class="form" aria-busy=move || busy().to_string()>
                <label for="members-csv-file">"CSV file"</label>
                <input id="members-csv-file" type="file" accept=".csv,text/csv,text/plain" node_ref=file_input
                    on:change=move |_| { read_file.dispatch(()); } />
                <label for="members-csv">"Emails or CSV"</label>
                <textarea id="members-csv" rows="4" placeholder="Name,Email&#10;Ada,ada@example.com"
                    prop:value=move || csv_text.get()
                    on:input:target=move |ev| { csv_text.set(ev.target().value()); preview.set(None); }></textarea>
                <div>
                    <button type="button" class="btn" disabled=busy on:click=on_preview>"Preview import"</button>
                </div>
            </div>
            <Show when=move || { look_up.pending().get() && checking_total.get() != 0 }>
                <Progress label="Checking emails" done=checked_n total=checking_total />
            </Show>
            <WriteError error=look_up.error on_retry=Callback::new(move |_| look_up.retry()) />
            {move || preview.get().map(|(found, unknown, failed)| {
                let n = found.len();
                let ids: Vec<String> = found.iter().map(|u| u.id.clone()).collect();
                let people: Vec<(String, String)> = found.iter().map(|u| (u.id.clone(), u.name.clone())).collect();
                view! {
                    <div class="csv-preview" aria-label="Import preview">
                        <p>{format!("{n} user(s) found: ")}{found.iter().map(|u| format!("{} <{}>", u.name, u.email)).collect::<Vec<_>>().join(", ")}</p>
                        {(!unknown.is_empty()).then(|| view! {
                            <p class="notice">{format!("{} unknown email(s), not added: {}", unknown.len(), unknown.join(", "))}</p>
                        })}
                        {(!failed.is_empty()).then(|| view! {
                            <div class="notice" role="alert">
                                <span class="check-failed">{format!("Could not check {} email(s)", failed.len())}</span>
                                {format!(" (the server did not answer), not added: {} ", failed.join(", "))}
                                <button type="button" class="btn btn-small" disabled=busy on:click=retry_failed>"Retry"</button>
                            </div>
                        })}
                        {(n > 0).then(|| view! { <ImpactPreview change=Change::Add(gid_preview.clone()) people=people.clone() /> })}
                        <button type="button" class="btn btn-primary" disabled=move || busy() || n == 0
                            on:click=move |_| add.dispatch(ids.clone())>
                            {format!("Add {}", count(n as u64, "member"))}
                        </button>
                    </div>
                }
            })}
            <WriteError error=add.error on_retry=Callback::new(move |_| add.retry()) />
        </details>
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
