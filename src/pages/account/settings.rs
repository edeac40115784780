//! The Settings section: structured controls for the known `ui` keys and a "Settings JSON" view of
//! the whole object, both editing one [`SettingsEditor`]. Saving shows the diff first.

use leptos::html;
use leptos::prelude::*;

use serde_json::Value;

use super::settings_keys::{KNOWN_KEYS, KeyKind, KnownKey};
use super::settings_model::{Change, SettingsEditor, dropped_keys, parse_number, show};
use crate::api::JsonMap;
use crate::components::alert::{LoadError, WriteError};
use crate::components::dialog::ConfirmDialog;
use crate::components::draft::Draft;
use crate::components::toast::use_toasts;
use crate::latest::use_latest;
use crate::write::use_write;

/// The select value that stands for "key not set".
const UNSET: &str = "\u{2205}";

/// The Settings section.
#[component]
pub fn SettingsSection() -> impl IntoView {
    let toasts = use_toasts();
    let stored = use_latest(|| (), |client, _| async move { client.my_settings().await });
    // The editor: the stored settings until the person changes something, then theirs (a
    // refetch, e.g. after signing in again, never overwrites it).
    let editor = Draft::new(move || stored.value.get().map(SettingsEditor::new));
    let dropped = RwSignal::new(Vec::<String>::new());
    let confirming = RwSignal::new(None::<Vec<Change>>);

    let save = use_write(
        |client, body: JsonMap| async move {
            let returned = client.update_my_settings(&body).await?;
            Ok((body, returned))
        },
        move |result| {
            // On failure the edits stay in the editor; the dialog closes so they can be fixed.
            confirming.set(None);
            if let Ok((body, returned)) = result {
                dropped.set(dropped_keys(&body, &returned));
                stored.value.set(Some(Some(returned)));
                editor.discard();
                toasts.success("Settings saved.");
            }
        },
    );

    let has_error = Signal::derive(move || editor.with(|e| e.error.is_some()).unwrap_or(true));
    let can_save =
        move || editor.with(SettingsEditor::can_save).unwrap_or(false) && !save.pending().get();
    let dirty = move || editor.with(SettingsEditor::is_dirty).unwrap_or(false);
    let error_text = move || {
        editor
            .with(|e| e.error.as_ref().map(ToString::to_string))
            .flatten()
    };
    // Save settings (the button, or Enter in a field): the diff first.
    let review = move || {
        if untrack(can_save) {
            confirming.set(editor.get_untracked().map(|e| e.diff()));
        }
    };

    view! {
        <section class="panel account-section" aria-labelledby="account-settings">
            <h2 id="account-settings">"Settings"</h2>
            <LoadError state=stored.state />
            <Show when=move || editor.ready() fallback=move || view! {
                <p class="muted">{move || if stored.loading() { "Loading settings…" } else { "" }}</p>
            }>
                <form class="settings-form" on:submit=move |e| { e.prevent_default(); review(); }>
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
                        prop:value=move || editor.with(|e| e.text.clone()).unwrap_or_default()
                        on:input:target=move |ev| {
                            let text = ev.target().value();
                            editor.update(|e| e.set_text(text));
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
                    <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) />
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary" disabled=move || !can_save()>
                            "Save settings"
                        </button>
                        <button type="button" class="btn" disabled=move || !dirty() || save.pending().get()
                            on:click=move |_| editor.discard()>
                            "Discard changes"
                        </button>
                    </div>
                </form>
            </Show>
            {move || confirming.get().map(|changes| view! {
                <ConfirmDialog
                    title="Save settings?"
                    confirm_label="Save changes"
                    busy=save.pending()
                    on_confirm=Callback::new(move |_| {
                        if let Some(body) = editor.get_untracked().map(|e| e.payload()) {
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
    editor: Draft<SettingsEditor>,
    /// True while the JSON text is invalid: the controls wait until it is fixed.
    disabled: Signal<bool>,
) -> impl IntoView {
    let name = format!("ui.{}", key.key);
    let id = format!("setting-{}", key.key);
    let value = Memo::new(move |_| editor.with(|e| e.ui(key.key).cloned()).flatten());
    let set = move |v: Option<Value>| {
        editor.update(|e| e.set_ui(key.key, v));
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
            let input = NodeRef::<html::Input>::new();
            // An effect because it writes to the DOM: the field shows the value unless what is
            // typed already means it ("1." or "1.50" stay as typed while the person types).
            Effect::new(move |_| {
                let v = value.get();
                if let Some(el) = input.get()
                    && parse_number(key.key, &el.value()).ok().flatten() != v
                {
                    el.set_value(&v.map(|v| v.to_string()).unwrap_or_default());
                }
            });
            // Every keystroke that makes a number updates the settings (Save follows at once);
            // an empty field means "not set", decided when the field is left or Enter pressed
            // (a number input also reads empty while its text is not a number yet).
            let apply = move |text: String, commit: bool| {
                if text.trim().is_empty() && !commit {
                    return;
                }
                match parse_number(key.key, &text) {
                    Ok(v) => {
                        error.set(None);
                        set(v);
                    }
                    Err(e) => error.set(Some(e)),
                }
            };
            view! {
                <div class="setting-field">
                    <label for=id.clone()>{key.label}{unset_hint}</label>
                    <input type="number" name=name id=id min=min max=max step=step node_ref=input
                        disabled=move || disabled.get()
                        aria-describedby=err_id.clone()
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        on:input:target=move |ev| apply(ev.target().value(), false)
                        on:change:target=move |ev| apply(ev.target().value(), true) />
                    <span id=err_id class="field-error" role="alert">{move || error.get()}</span>
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
