//! Add user: one person through the form, or many from a CSV file (see `import_panel`).
use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::import_panel::ImportPanel;
use super::validate::{email_error, name_error, password_error, role_error};
use crate::api::AddUserForm;
use crate::components::dialog::Dialog;
use crate::components::field::{FieldErrors, SelectField, TextField, role_options};
use crate::components::toast::use_toasts;
use crate::session::use_session;

#[component]
pub fn AddUserDialog(
    on_close: Callback<()>,
    /// Users were created (the list should reload).
    on_created: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let importing = RwSignal::new(false);
    let (name, email, password, role) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("user".to_string()),
    );
    let errors: FieldErrors = RwSignal::new(HashMap::new());
    let general = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

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
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let Some(client) = session.client_untracked() else {
            return;
        };
        busy.set(true);
        general.set(None);
        spawn_local(async move {
            // The answer carries a session token for the NEW user; it is not kept anywhere.
            match client.add_user(&form).await {
                Ok(added) => {
                    toasts.success(format!("Created {} ({})", added.name, added.role));
                    on_created.run(());
                    on_close.run(());
                }
                Err(e) => {
                    let msg = session.handle(&e);
                    let fields: HashMap<&'static str, String> =
                        ["name", "email", "password", "role"]
                            .into_iter()
                            .filter_map(|f| e.field_error(f).map(|m| (f, m)))
                            .collect();
                    if fields.is_empty() {
                        general.set(Some(msg))
                    } else {
                        errors.set(fields)
                    }
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <Dialog title="Add user" on_close=on_close wide=true>
            <div class="tabs" role="tablist" aria-label="How to add">
                <button role="tab" class="tab" aria-selected=move || (!importing.get()).to_string() on:click=move |_| importing.set(false)>
                    "One user"
                </button>
                <button role="tab" class="tab" aria-selected=move || importing.get().to_string() on:click=move |_| importing.set(true)>
                    "Import CSV"
                </button>
            </div>
            <Show
                when=move || importing.get()
                fallback=move || {
                    view! {
                        <form class="form" on:submit=create>
                            <TextField label="Name" name="name" value=name errors=errors autocomplete="off" />
                            <TextField label="Email" name="email" kind="email" value=email errors=errors autocomplete="off" />
                            <TextField label="Password" name="password" kind="password" value=password errors=errors autocomplete="new-password" />
                            <SelectField label="Role" name="role" value=role options=role_options() errors=errors />
                            {move || general.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                            <div class="dialog-actions">
                                <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                                    {move || if busy.get() { "Creating…" } else { "Create" }}
                                </button>
                            </div>
                        </form>
                    }
                }
            >
                <ImportPanel on_close=on_close on_created=on_created />
            </Show>
        </Dialog>
    }
}
