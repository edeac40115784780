//! Edit user: name, email, role, profile image URL, new password; "Sign out all devices".
//! Checks before saving that nobody else changed the user since the dialog opened, and puts the
//! server's errors next to their fields. A failed save keeps what was typed.

use std::collections::HashMap;

use leptos::prelude::*;

use super::validate::{
    email_error, name_error, password_error, profile_image_url_error, role_error,
};
use crate::api::{Capability, User, UserUpdate};
use crate::components::alert::WriteError;
use crate::components::dialog::{ConfirmDialog, Dialog};
use crate::components::field::{FieldErrors, SelectField, TextField, role_options};
use crate::components::toast::use_toasts;
use crate::session::use_session;
use crate::write::use_write;

/// What the form holds, compared with what the user was.
#[derive(Debug, Clone, PartialEq)]
pub struct EditForm {
    pub name: String,
    pub email: String,
    pub role: String,
    pub image: String,
    pub password: String,
}

impl EditForm {
    pub fn of(u: &User) -> Self {
        EditForm {
            name: u.name.clone(),
            email: u.email.clone(),
            role: u.role.clone(),
            image: u.profile_image_url.clone().unwrap_or_default(),
            password: String::new(),
        }
    }

    /// Per-field problems before anything is sent.
    pub fn problems(&self, role_editable: bool) -> HashMap<&'static str, String> {
        let mut e = HashMap::new();
        let checks = [
            ("name", name_error(&self.name)),
            ("email", email_error(&self.email)),
            (
                "role",
                if role_editable {
                    role_error(&self.role)
                } else {
                    None
                },
            ),
            ("profile_image_url", profile_image_url_error(&self.image)),
            ("password", password_error(&self.password, false)),
        ];
        for (field, problem) in checks {
            if let Some(p) = problem {
                e.insert(field, p.to_string());
            }
        }
        e
    }

    /// Only what changed goes to the server (unchanged fields stay null and are not applied).
    pub fn changes(&self, original: &User, role_editable: bool) -> UserUpdate {
        let was = EditForm::of(original);
        let changed = |new: &str, old: &str| (new.trim() != old).then(|| new.trim().to_string());
        UserUpdate {
            name: changed(&self.name, &was.name),
            email: changed(&self.email.to_lowercase(), &was.email),
            role: if role_editable {
                changed(&self.role, &was.role)
            } else {
                None
            },
            profile_image_url: changed(&self.image, &was.image),
            password: (!self.password.is_empty()).then(|| self.password.clone()),
        }
    }
}

/// Fields someone else changed on the server: (label, before, now).
pub fn remote_changes(before: &User, now: &User) -> Vec<(&'static str, String, String)> {
    let (a, b) = (EditForm::of(before), EditForm::of(now));
    [
        ("Name", a.name, b.name),
        ("Email", a.email, b.email),
        ("Role", a.role, b.role),
        ("Profile image", a.image, b.image),
    ]
    .into_iter()
    .filter(|(_, x, y)| x != y)
    .collect()
}

/// The server fields this form shows errors at.
const FIELDS: &[&str] = &["name", "email", "role", "profile_image_url", "password"];

/// One attempt to save: `check` asks the server first whether someone else changed the user.
#[derive(Clone)]
struct SaveInput {
    before: User,
    update: UserUpdate,
    check: bool,
}

/// What a save attempt found.
enum Saved {
    Saved(User),
    /// Someone else changed the user since the dialog opened: nothing was sent.
    Conflict(User),
}

#[component]
pub fn EditUserDialog(
    user: User,
    /// The signed-in admin edits their own account (role not editable).
    is_self: bool,
    /// The primary admin: role not editable.
    is_primary: bool,
    on_close: Callback<()>,
    on_saved: Callback<User>,
) -> impl IntoView {
    let toasts = use_toasts();
    let original = RwSignal::new(user.clone());
    let f = EditForm::of(&user);
    let (name, email, role, image, password) = (
        RwSignal::new(f.name),
        RwSignal::new(f.email),
        RwSignal::new(f.role),
        RwSignal::new(f.image),
        RwSignal::new(String::new()),
    );
    let errors: FieldErrors = RwSignal::new(HashMap::new());
    let conflict = RwSignal::new(None::<User>);
    let confirm_revoke = RwSignal::new(false);
    // Older servers have no sessions revoke: the button stays, disabled, saying why.
    let session = use_session();
    let can_revoke = move || session.has(Capability::SessionsRevoke);
    let role_editable = !is_self && !is_primary;
    let form = move || EditForm {
        name: name.get_untracked(),
        email: email.get_untracked(),
        role: role.get_untracked(),
        image: image.get_untracked(),
        password: password.get_untracked(),
    };

    let save = use_write(
        |client, input: SaveInput| async move {
            if input.check {
                let now = client.user(&input.before.id).await?;
                // Open WebUI does not move `updated_at` on every change (not on an admin's
                // edit): compare what this dialog shows as well.
                if now.updated_at != input.before.updated_at
                    || !remote_changes(&input.before, &now).is_empty()
                {
                    return Ok(Saved::Conflict(now));
                }
            }
            client
                .update_user(&input.before, &input.update)
                .await
                .map(Saved::Saved)
        },
        move |result| match result {
            Ok(Saved::Saved(saved)) => {
                toasts.success(format!("Saved {}", saved.name));
                on_saved.run(saved);
            }
            Ok(Saved::Conflict(now)) => conflict.set(Some(now)),
            Err(e) => errors.set(e.field_errors_for(FIELDS)),
        },
    );
    let saving = save.pending();
    let send = move |check: bool| {
        let current = form();
        let problems = current.problems(role_editable);
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let before = original.get_untracked();
        let update = current.changes(&before, role_editable);
        if update == UserUpdate::default() {
            on_close.run(());
            return;
        }
        conflict.set(None);
        save.dispatch(SaveInput {
            before,
            update,
            check,
        });
    };

    // Take the server's version as the new starting point; keep what the person typed where
    // they typed something different from what they started with.
    let take_theirs = move |_| {
        if let Some(now) = conflict.get_untracked() {
            let was = EditForm::of(&original.get_untracked());
            let theirs = EditForm::of(&now);
            for (sig, old, new) in [
                (name, was.name, theirs.name),
                (email, was.email, theirs.email),
                (role, was.role, theirs.role),
                (image, was.image, theirs.image),
            ] {
                if sig.get_untracked() == old {
                    sig.set(new);
                }
            }
            original.set(now);
            conflict.set(None);
        }
    };

    let role_note = if is_primary {
        Some("The primary admin's role cannot be changed.".to_string())
    } else if is_self {
        Some("You cannot change your own role.".to_string())
    } else {
        None
    };
    view! {
        <Dialog title="Edit user" on_close=Callback::new(move |_| if !saving.get_untracked() { on_close.run(()) })>
            <form
                class="form"
                aria-busy=move || saving.get().to_string()
                on:submit=move |ev| {
                    ev.prevent_default();
                    send(true);
                }
            >
                <TextField label="Name" name="name" value=name errors=errors autocomplete="off" />
                <TextField label="Email" name="email" kind="email" value=email errors=errors autocomplete="off" />
                <SelectField
                    label="Role"
                    name="role"
                    value=role
                    options=role_options()
                    errors=errors
                    disabled=Signal::derive(move || !role_editable)
                    note=Signal::derive(move || role_note.clone())
                />
                <TextField label="Profile image URL" name="profile_image_url" value=image errors=errors placeholder="https://… or data:image/png;base64,…" />
                <TextField
                    label="New password"
                    name="password"
                    kind="password"
                    value=password
                    errors=errors
                    autocomplete="new-password"
                    placeholder="Leave empty to keep the current password"
                />
                {move || conflict.get().map(|now| {
                    let changes = remote_changes(&original.get_untracked(), &now);
                    view! {
                        <div class="notice" role="alert">
                            <p>"Someone else changed this user since you opened this dialog:"</p>
                            <ul>
                                {changes.into_iter().map(|(what, a, b)| view! { <li>{what}": "{a}" → "{b}</li> }).collect_view()}
                            </ul>
                            <button type="button" class="btn btn-small" on:click=take_theirs>"Review their changes"</button>
                            " "
                            <button type="button" class="btn btn-small" disabled=move || saving.get() on:click=move |_| send(false)>
                                "Save mine anyway"
                            </button>
                        </div>
                    }
                })}
                <WriteError error=save.error on_retry=Callback::new(move |_| save.retry()) fields=FIELDS />
                <div class="dialog-actions">
                    <button type="button" class="btn" disabled=move || saving.get() || !can_revoke()
                        aria-describedby=move || (!can_revoke()).then_some("revoke-needs")
                        on:click=move |_| confirm_revoke.set(true)>
                        "Sign out all devices"
                    </button>
                    <Show when=move || !can_revoke()>
                        <span class="muted" id="revoke-needs">{Capability::SessionsRevoke.needs_text()}</span>
                    </Show>
                    <span class="spacer"></span>
                    <button type="button" class="btn" disabled=move || saving.get() on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="btn btn-primary" disabled=move || saving.get() aria-busy=move || saving.get().to_string()>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                </div>
            </form>
        </Dialog>
        <Show when=move || confirm_revoke.get()>
            <RevokeSessions user=original.get_untracked() on_close=Callback::new(move |_| confirm_revoke.set(false)) />
        </Show>
    }
}

/// "Sign out all devices": a confirm, then the server ends every session of the user.
#[component]
fn RevokeSessions(user: User, on_close: Callback<()>) -> impl IntoView {
    let toasts = use_toasts();
    let who = user.name.clone();
    let revoke = use_write(
        |client, id: String| async move { client.revoke_user_sessions(&id).await },
        move |result| {
            if result.is_ok() {
                toasts.success(format!("{who} is signed out on all devices"));
                on_close.run(());
            }
        },
    );
    let busy = revoke.pending();
    let id = user.id.clone();
    view! {
        <ConfirmDialog
            title="Sign out all devices"
            confirm_label="Sign out everywhere"
            danger=true
            busy=busy
            on_confirm=Callback::new(move |_| revoke.dispatch(id.clone()))
            on_cancel=Callback::new(move |_| if !busy.get_untracked() { on_close.run(()) })
        >
            <p>
                {user.name.clone()}
                " will be signed out of every browser and app and must sign in again. API keys keep working."
            </p>
            <WriteError error=revoke.error on_retry=Callback::new(move |_| revoke.retry()) />
        </ConfirmDialog>
    }
}
