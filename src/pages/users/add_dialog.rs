//! Add user: one person through the form, or many from a CSV file (see `import_panel`).
use std::collections::HashMap;

use leptos::prelude::*;

use super::import_panel::ImportPanel;
use super::validate::{email_error, name_error, password_error, role_error};
use crate::api::AddUserForm;
use crate::components::alert::WriteError;
use crate::components::dialog::Dialog;
use crate::components::field::{FieldErrors, SelectField, TextField, role_options};
use crate::components::toast::use_toasts;
use crate::write::use_write;

/// The server fields this form shows errors at.
const FIELDS: &[&str] = &["name", "email", "password", "role"];

/// "One user" or "Import CSV", in one dialog.
#[component]
pub fn AddUserDialog(
    on_close: Callback<()>,
    /// Users were created (the list should reload).
    on_created: Callback<()>,
) -> impl IntoView {
    let importing = RwSignal::new(false);
    // Owned here, so that a look at the Import tab keeps what was typed.
    let draft = Draft {
        name: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        password: RwSignal::new(String::new()),
        role: RwSignal::new("user".to_string()),
    };
    view! {
        <Dialog title="Add user" on_close=on_close wide=true>
            <div class="tabs" role="tablist" aria-label="How to add">
                <button type="button" role="tab" class="tab" aria-selected=move || (!importing.get()).to_string() on:click=move |_| importing.set(false)>
                    "One user"
                </button>
                <button type="button" role="tab" class="tab" aria-selected=move || importing.get().to_string() on:click=move |_| importing.set(true)>
                    "Import CSV"
                </button>
            </div>
            <Show
                when=move || importing.get()
                fallback=move || view! { <AddOneForm draft=draft on_close=on_close on_created=on_created /> }
            >
                <ImportPanel on_close=on_close on_created=on_created />
            </Show>
        </Dialog>
    }
}

/// What the "One user" form holds.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    role: RwSignal<String>,
}

/// Name, email, password and role of one new user.
#[component]
fn AddOneForm(draft: Draft, on_close: Callback<()>, on_created: Callback<()>) -> impl IntoView {
    let toasts = use_toasts();
    let Draft {
        name,
        email,
        password,
        role,
    } = draft;
    let errors: FieldErrors = RwSignal::new(HashMap::new());
    // The answer carries a session token for the NEW user; it is not kept anywhere.
    let add = use_write(
        |client, form: AddUserForm| async move { client.add_user(&form).await },
        move |result| match result {
            Ok(added) => {
                toasts.success(format!("Created {} ({})", added.name, added.role));
                on_created.run(());
                on_close.run(());
            }
            Err(e) => errors.set(e.field_errors_for(FIELDS)),
        },
    );
    let busy = add.pending();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = AddUserForm {
            name: name.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_lowercase(),
            password: password.get_untracked(),
            role: role.get_untracked(),
            profile_image_url: None,
        };
        let problems: HashMap<&'static str, String> = [
            ("name", name_error(&form.name)),
            ("email", email_error(&form.email)),
            ("password", password_error(&form.password, true)),
            ("role", role_error(&form.role)),
        ]
        .into_iter()
        .filter_map(|(f, p)| p.map(|p| (f, p.to_string())))
        .collect();
        if problems.is_empty() {
            add.dispatch(form);
        } else {
            errors.set(problems);
        }
    };
    view! {
        <form class="form" aria-busy=move || busy.get().to_string() on:submit=create>
            <TextField label="Name" name="name" value=name errors=errors autocomplete="off" />
            <TextField label="Email" name="email" kind="email" value=email errors=errors autocomplete="off" />
            <TextField label="Password" name="password" kind="password" value=password errors=errors autocomplete="new-password" />
            <SelectField label="Role" name="role" value=role options=role_options() errors=errors />
            <WriteError error=add.error on_retry=Callback::new(move |_| add.retry()) fields=FIELDS />
            <div class="dialog-actions">
                <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="submit" class="btn btn-primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { "Creating…" } else { "Create" }}
                </button>
            </div>
        </form>
    }
}
