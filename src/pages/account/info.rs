//! The Info section: the signed-in user's free-form key/value info, as editable rows.

use leptos::prelude::*;

use crate::components::alert::LoadError;

use super::info_model::{InfoRow, RowError, build_payload, present_keys, rows_from};
use crate::api::JsonMap;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;

/// The Info section.
#[component]
pub fn InfoSection() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let rows = RwSignal::new(Vec::<InfoRow>::new());
    let stored = RwSignal::new(Vec::<String>::new());
    let loaded = RwSignal::new(false);
    let row_error = RwSignal::new(None::<RowError>);
    let next_id = StoredValue::new(0u64);
    let seed = move |info: Option<&JsonMap>| {
        let r = rows_from(info);
        next_id.set_value(r.len() as u64);
        stored.set(present_keys(info));
        rows.set(r);
        row_error.set(None);
        loaded.set(true);
    };
    let state = use_latest(
        || (),
        move |client, _| async move {
            let info = client.my_info().await?;
            // Editable rows seeded from the server once per load.
            seed(info.as_ref());
            Ok(())
        },
    );

    let save = Action::new_local(move |body: &JsonMap| {
        let body = body.clone();
        async move {
            let Some(client) = session.client_untracked() else {
                return;
            };
            match client.update_my_info(&body).await {
                Ok(info) => {
                    seed(info.as_ref());
                    toasts.success("Info saved.");
                }
                Err(e) => toasts.error(session.handle(&e)),
            }
        }
    });
    let on_save = move || match build_payload(&stored.get_untracked(), &rows.get_untracked()) {
        Ok(body) => {
            row_error.set(None);
            save.dispatch(body);
        }
        Err(e) => row_error.set(Some(e)),
    };
    let add = move || {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        rows.update(|r| {
            r.push(InfoRow {
                id,
                key: String::new(),
                value: String::new(),
                json: false,
            })
        });
    };
    let edit = move |id: u64, f: &dyn Fn(&mut InfoRow)| {
        rows.update(|r| {
            if let Some(row) = r.iter_mut().find(|row| row.id == id) {
                f(row);
            }
        });
    };
    let field = move |id: u64, get: fn(&InfoRow) -> String| {
        move || {
            rows.with(|r| {
                r.iter()
                    .find(|row| row.id == id)
                    .map(get)
                    .unwrap_or_default()
            })
        }
    };

    view! {
        <section class="panel account-section" aria-labelledby="account-info">
            <h2 id="account-info">"Info"</h2>
            <LoadError state=state.state />
            <p class="muted small">
                "Values are text; a value marked JSON is read as JSON (numbers, true/false, lists, objects). "
                "The server can only add and change fields: removing one saves it as empty (null), "
                "and empty fields are not shown."
            </p>
            <Show when=move || loaded.get() && rows.with(Vec::is_empty)>
                <p class="empty">"No info yet. Add a field to store something about yourself."</p>
            </Show>
            <form class="info-rows" on:submit=move |e| { e.prevent_default(); on_save(); }>
                <For each=move || rows.get() key=|r| r.id let:row>
                    {
                        let id = row.id;
                        let is_bad = move || row_error.with(|e| e.as_ref().is_some_and(|e| rows.with(|r| r.get(e.row).map(|x| x.id)) == Some(id)));
                        let remove_label = move || {
                            let k = field(id, |r| r.key.clone())();
                            format!("Remove {}", if k.is_empty() { "new field".to_string() } else { k })
                        };
                        view! {
                            <div class="info-row" class:info-row-bad=is_bad>
                                <label class="info-cell">
                                    <span class="sr-only">"Key"</span>
                                    <input type="text" aria-label="Key" placeholder="Key" autocomplete="off"
                                        prop:value=field(id, |r| r.key.clone())
                                        on:input:target=move |ev| { let v = ev.target().value(); edit(id, &|r| r.key = v.clone()); } />
                                </label>
                                <label class="info-cell info-value">
                                    <span class="sr-only">"Value"</span>
                                    <input type="text" aria-label="Value" placeholder="Value" autocomplete="off"
                                        class:mono=move || rows.with(|r| r.iter().any(|x| x.id == id && x.json))
                                        prop:value=field(id, |r| r.value.clone())
                                        on:input:target=move |ev| { let v = ev.target().value(); edit(id, &|r| r.value = v.clone()); } />
                                </label>
                                <label class="check info-json">
                                    <input type="checkbox"
                                        prop:checked=move || rows.with(|r| r.iter().any(|x| x.id == id && x.json))
                                        on:change:target=move |ev| { let c = ev.target().checked(); edit(id, &|r| r.json = c); } />
                                    "JSON"
                                </label>
                                <button type="button" class="btn btn-small btn-danger" aria-label=remove_label
                                    on:click=move |_| rows.update(|r| r.retain(|x| x.id != id))>
                                    "Remove"
                                </button>
                            </div>
                        }
                    }
                </For>
                <p class="field-error" role="alert">{move || row_error.get().map(|e| e.message)}</p>
                <div class="form-actions">
                    <button type="button" class="btn" disabled=move || !loaded.get() on:click=move |_| add()>"Add field"</button>
                    <button type="submit" class="btn btn-primary" disabled=move || !loaded.get() || save.pending().get()>"Save info"</button>
                </div>
            </form>
        </section>
    }
}
