//! A labelled form field with its error right below it (`aria-invalid`, `aria-describedby`),
//! announced as it appears (`role="alert"`).
use leptos::prelude::*;

/// Errors by field name, as a form shows them.
pub type FieldErrors = RwSignal<std::collections::HashMap<&'static str, String>>;

fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A text-like input (`kind`: text, email, password, url…).
#[component]
pub fn TextField(
    /// The visible label: the accessible name.
    label: &'static str,
    /// The field's `name`, also its key in `errors`.
    name: &'static str,
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// The form cannot be sent without it.
    #[prop(optional)]
    required: bool,
    /// Takes focus when its dialog opens.
    #[prop(optional)]
    autofocus: bool,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let err_id = format!("{id}-error");
    let error = move || errors.with(|e| e.get(name).cloned());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                placeholder=placeholder
                required=required
                autofocus=autofocus
                disabled=move || disabled.get()
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=err_id.clone()
                bind:value=value
                on:input=move |_| errors.update(|e| {
                    e.remove(name);
                })
            />
            <div class="field-error" id=err_id role="alert">{error}</div>
        </div>
    }
}

/// A select of `(value, text)` options: fixed (a `Vec`) or changing (a signal).
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    errors: FieldErrors,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// A note under the field (e.g. why it is disabled).
    #[prop(optional, into)]
    note: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}-{}", next_id());
    let err_id = format!("{id}-error");
    let note_id = format!("{id}-note");
    // The note (e.g. why the field is disabled) is read out with the field.
    let described = {
        let (err_id, note_id) = (err_id.clone(), note_id.clone());
        move || match note.with(Option::is_some) {
            true => format!("{err_id} {note_id}"),
            false => err_id.clone(),
        }
    };
    let error = move || errors.with(|e| e.get(name).cloned());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                disabled=move || disabled.get()
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described
                bind:value=value
                on:change=move |_| errors.update(|e| {
                    e.remove(name);
                })
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            // Selected by value too: options that arrive after the value still show it.
                            let selected = v == value.get_untracked();
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || note.get().map(|n| view! { <div class="muted small" id=note_id.clone()>{n}</div> })}
            <div class="field-error" id=err_id role="alert">{error}</div>
        </div>
    }
}

/// The role options, in the only three values the console ever sends.
pub fn role_options() -> Vec<(String, String)> {
    crate::api::ROLES
        .iter()
        .map(|r| (r.to_string(), r.to_string()))
        .collect()
}
