//! The Settings section: structured controls for the known `ui` keys and a "Settings JSON" view of
//! the whole object, both editing one [`SettingsEditor`]. Saving shows the diff first.

use leptos::prelude::*;

use crate::components::alert::LoadError;
use serde_json::Value;

use super::settings_keys::{KNOWN_KEYS, KeyKind, KnownKey};
use super::settings_model::{Change, SettingsEditor, parse_number, show};
use crate::api::JsonMap;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::session::use_session;

/// The select value that stands for "key not set".
const UNSET: &str = "\u{2205}";

/// The Settings section.
#[component]
pub fn SettingsSection() -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let editor = RwSignal::new(None::<SettingsEditor>);
    let dropped = RwSignal::new(Vec::<String>::new());
    let confirming = RwSignal::new(None::<Vec<Change>>);
    let state = use_latest(
        || (),
        move |client, _| async move {
            let loaded = client.my_settings().await?;
            // Editable state seeded from the server once per load.
            editor.set(Some(SettingsEditor::new(loaded)));
            Ok(())
        },
    );

    let save = Action::new_local(move |body: &JsonMap| {
        let body = body.clone();
        async move {
            let Some(client) = session.client_untracked() else {
                return;
            };
            match client.update_my_settings(&body).await {
                Ok(returned) => {
                    let mut lost = Vec::new();
                    editor.update(|e| {
                        if let Some(e) = e {
                            lost = e.saved(&body, returned);
                        }
                    });
                    dropped.set(lost);
                    confirming.set(None);
                    toasts.success("Settings saved.");
                }
                Err(e) => {
                    // The edits stay in the editor; the dialog closes so they can be fixed.
                    confirming.set(None);
                    toasts.error(session.handle(&e));
                }
            }
        }
    });

    let has_error =
        Signal::derive(move || editor.with(|e| e.as_ref().is_none_or(|e| e.error.is_some())));
    let can_save = move || {
        editor.with(|e| e.as_ref().is_some_and(SettingsEditor::can_save)) && !save.pending().get()
    };
    let dirty = move || editor.with(|e| e.as_ref().is_some_and(SettingsEditor::is_dirty));
    let error_text = move || {
        editor.with(|e| {
            e.as_ref()
                .and_then(|e| e.error.as_ref())
                .map(ToString::to_string)
        })
    };

    view! {
        <section class="panel account-section" aria-labelledby="account-settings">
            <h2 id="account-settings">"Settings"</h2>
            <LoadError state=state.state />
            <Show when=move || editor.with(Option::is_some) fallback=move || view! {
                <p class="muted">{move || if state.loading() { "Loading settings…" } else { "" }}</p>
            }>
                <p class="muted small">"Dimmed switches and “(not set)” fields are not in your settings: Open WebUI's default applies."</p>
                <div class="settings-grid">
                    {KNOWN_KEYS.iter().map(|k| view! { <SettingControl key=k editor=editor disabled=has_error /> }).collect_view()}
                </div>
                <label for="settings-json" class="settings-json-label">"Settings JSON"</label>
                <p class="muted small">"The whole settings object, including keys this console has no control for. Both views edit the same settings."</p>
                <textarea
                    id="settings-json"
                    class="settings-json"
                    spellcheck="false"
                    rows="14"
                    aria-invalid=move || has_error.get().to_string()
                    aria-describedby="settings-json-error"
                    prop:value=move || editor.with(|e| e.as_ref().map(|e| e.text.clone()).unwrap_or_default())
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        editor.update(|e| if let Some(e) = e { e.set_text(text) });
                    }
                ></textarea>
                <p id="settings-json-error" class="field-error" aria-live="polite">
                    {move || error_text().map(|t| format!("Invalid JSON — {t}"))}
                </p>
                <Show when=move || dropped.with(|d| !d.is_empty())>
                    <p class="notice settings-dropped" role="status">
                        {move || format!(
                            "The server did not keep: {}. You may not have permission to change them.",
                            dropped.get().join(", ")
                        )}
                    </p>
                </Show>
                <div class="form-actions">
                    <button class="btn btn-primary" disabled=move || !can_save()
                        on:click=move |_| {
                            let changes = editor.with_untracked(|e| e.as_ref().map(SettingsEditor::diff));
                            confirming.set(changes);
                        }>
                        "Save settings"
                    </button>
                    <button class="btn" disabled=move || !dirty() || save.pending().get()
                        on:click=move |_| editor.update(|e| if let Some(e) = e { *e = SettingsEditor::new(Some(e.original.clone())) })>
                        "Discard changes"
                    </button>
                </div>
            </Show>
            {move || confirming.get().map(|changes| view! {
                <ConfirmDialog
                    title="Save settings?"
                    confirm_label="Save changes"
                    busy=Signal::derive(move || save.pending().get())
                    on_confirm=Callback::new(move |_| {
                        if let Some(body) = editor.with_untracked(|e| e.as_ref().map(SettingsEditor::payload)) {
                            save.dispatch(body);
                        }
                    })
                    on_cancel=Callback::new(move |_| confirming.set(None))
                >
                    <DiffList changes=changes />
                </ConfirmDialog>
            })}
        </section>
    }
}

/// The changes about to be saved, as a table of before/after values.
#[component]
fn DiffList(changes: Vec<Change>) -> impl IntoView {
    view! {
        <table class="table settings-diff" aria-label="Changes">
            <thead><tr><th scope="col">"Setting"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr>
                        <td><code>{c.path.clone()}</code></td>
                        <td class="diff-before"><code>{show(&c.before)}</code></td>
                        <td class="diff-after"><code>{if c.after.is_none() { "(removed)".to_string() } else { show(&c.after) }}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One known `ui` key's control, named `ui.<key>`.
#[component]
fn SettingControl(
    /// Which key, and how it is edited.
    key: &'static KnownKey,
    /// The shared editor.
    editor: RwSignal<Option<SettingsEditor>>,
    /// True while the JSON text is invalid: the controls wait until it is fixed.
    disabled: Signal<bool>,
) -> impl IntoView {
    let name = format!("ui.{}", key.key);
    let id = format!("setting-{}", key.key);
    let value =
        Memo::new(move |_| editor.with(|e| e.as_ref().and_then(|e| e.ui(key.key).cloned())));
    let set = move |v: Option<Value>| {
        editor.update(|e| {
            if let Some(e) = e {
                e.set_ui(key.key, v)
            }
        })
    };
    let unset_hint = move || {
        value
            .with(Option::is_none)
            .then_some(view! { <span class="muted small">" (not set)"</span> })
    };
    match key.kind {
        KeyKind::Bool => view! {
            <label
                class="check setting-switch"
                class:setting-unset=move || value.with(Option::is_none)
                title=move || value.with(Option::is_none).then_some("Not set: Open WebUI's default applies")
            >
                <input type="checkbox" role="switch" name=name id=id disabled=move || disabled.get()
                    prop:checked=move || value.with(|v| v.as_ref().and_then(Value::as_bool).unwrap_or(false))
                    on:change:target=move |ev| set(Some(Value::Bool(ev.target().checked()))) />
                {key.label}
            </label>
        }
        .into_any(),
        KeyKind::Number { min, max, step, .. } => {
            let error = RwSignal::new(None::<String>);
            let err_id = format!("{id}-error");
            view! {
                <div class="setting-field">
                    <label for=id.clone()>{key.label}{unset_hint}</label>
                    <input type="number" name=name id=id min=min max=max step=step
                        disabled=move || disabled.get()
                        aria-describedby=err_id.clone()
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || value.with(|v| v.as_ref().map(|v| v.to_string()).unwrap_or_default())
                        on:change:target=move |ev| match parse_number(key.key, &ev.target().value()) {
                            Ok(v) => { error.set(None); set(v); }
                            Err(e) => error.set(Some(e)),
                        } />
                    <span id=err_id class="field-error">{move || error.get()}</span>
                </div>
            }
            .into_any()
        }
        KeyKind::Choice(options) => {
            let current = move || value.with(|v| match v {
                Some(Value::String(s)) => s.clone(),
                _ => UNSET.to_string(),
            });
            view! {
                <div class="setting-field">
                    <label for=id.clone()>{key.label}</label>
                    <select name=name id=id disabled=move || disabled.get()
                        prop:value=current
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            set((v != UNSET).then(|| Value::String(v)));
                        }>
                        <option value=UNSET selected=move || current() == UNSET>"Not set"</option>
                        {options.iter().map(|(v, l)| {
                            let v = *v;
                            view! { <option value=v selected=move || current() == v>{*l}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        KeyKind::Text => view! {
            <div class="setting-field setting-text">
                <label for=id.clone()>{key.label}{unset_hint}</label>
                <input type="text" name=name id=id disabled=move || disabled.get()
                    prop:value=move || value.with(|v| match v {
                        Some(Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    })
                    on:input:target=move |ev| {
                        let v = ev.target().value();
                        set((!v.is_empty()).then(|| Value::String(v)));
                    } />
            </div>
        }
        .into_any(),
    }
}
