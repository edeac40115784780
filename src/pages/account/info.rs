//! The Info section: the signed-in user's free-form key/value info, as editable rows.

use leptos::prelude::*;

use super::info_model::{InfoRow, RowError, build_payload, present_keys, rows_from};
use crate::api::JsonMap;
use crate::components::alert::{LoadError, WriteError};
use crate::components::draft::Draft;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::write::use_write;

/// The Info section.
#[component]
pub fn InfoSection() -> impl IntoView {
    let toasts = use_toasts();
    let stored = use_latest(|| (), |client, _| async move { client.my_info().await });
    // The rows: the stored info until the person changes something, then theirs (a refetch,
    // e.g. after signing in again, never overwrites them).
    let rows = Draft::new(move || {
        stored
            .value
            .with(|v| v.as_ref().map(|i| rows_from(i.as_ref())))
    });
    let row_error = RwSignal::new(None::<RowError>);
    // Keys stored on the server now (a removed one is sent as null).
    let stored_keys = move || {
        stored
            .value
            .with_untracked(|v| v.as_ref().map(|i| present_keys(i.as_ref())))
            .unwrap_or_default()
    };
    let payload = move || {
        rows.get_untracked()
            .map(|current| build_payload(&stored_keys(), &current))
    };
    let save = use_write(
        |client, body: JsonMap| async move {
            let info = client.update_my_info(&body).await?;
            Ok((body, info))
        },
        move |result| {
            if let Ok((body, info)) = result {
                // Typed on while it was being saved: keep that, it is not saved yet.
                let typed_on = payload() != Some(Ok(body));
                stored.value.set(Some(info));
                if !typed_on {
                    rows.discard();
                }
                toasts.success("Info saved.");
            }
        },
    );
    let on_save = move || {
        let Some(payload) = payload() else {
            return;
        };
        match payload {
            Ok(body) => {
                row_error.set(None);
                save.dispatch(body);
            }
            Err(e) => row_error.set(Some(e)),
        }
    };
    let add = move || {
        rows.update(|r| {
            let id = r.iter().map(|row| row.id + 1).max().unwrap_or(0);
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
            rows.with(|r| r.iter().find(|row| row.id == id).map(get))
                .flatten()
                .unwrap_or_default()
        }
    };
    let loaded = move || rows.ready();
    let is_json =
        move |id: u64| rows.with(|r| r.iter().any(|x| x.id == id && x.json)) == Some(true);

    view! {
        <section class="panel account-section" aria-labelledby="account-info">
            <h2 id="account-info">"Info"</h2>
            <LoadError state=stored.state />
            <p class="muted small">
                "Values are text; a value marked JSON is read as JSON (numbers, true/false, lists, objects). "
                "The server can only add and change fields: removing one saves it as empty (null), "
                "and empty fields are not shown."
            </p>
            <Show when=move || !loaded() && stored.loading()>
                <p class="muted">"Loading…"</p>
            </Show>
            <Show when=move || rows.with(Vec::is_empty) == Some(true)>
                <p class="empty">"No info yet. Add a field to store something about yourself."</p>
            </Show>
            <form class="info-rows" on:submit=move |e| { e.prevent_default(); on_save(); }>
                <For each=move || rows.get().unwrap_or_default() key=|r| r.id let:row>
                    {
                        let id = row.id;
                        let is_bad = move || row_error.with(|e| e.as_ref().is_some_and(|e| rows.with(|r| r.get(e.row).map(|x| x.id)).flatten() == Some(id)));
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
                                        class:mono=move || is_json(id)
                                        prop:value=field(id, |r| r.value.clone())
                                        on:input:target=move |ev| { let v = ev.target().value(); edit(id, &|r| r.value = v.clone()); } />
                                </label>
                                <label class="check info-json">
                                    <input type="checkbox"
                                        prop:checked=move || is_json(id)
                                        on:change:target=move |ev| { let c = ev.target().checked(); edit(id, &|r| r.json = c); } />
                                    "JSON"
                                </label>
                                <button type="button" class="btn btn-small btn-danger" aria-label=remove_label
                                    on:click=move |_| { rows.update(|r| r.retain(|x| x.id != id)); }>
                                    "Remove"
                                </button>
                            </div>
                        }
                    }
                </For>
                <p class="field-error" role="alert">{move || row_error.get().map(|e| e.message)}</p>
                <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) />
                <div class="form-actions">
                    <button type="button" class="btn" disabled=move || !loaded() on:click=move |_| add()>"Add field"</button>
                    <button type="submit" class="btn btn-primary" disabled=move || !loaded() || save.pending().get()>"Save info"</button>
                </div>
            </form>
        </section>
    }
}
