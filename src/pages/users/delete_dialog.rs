//! Delete one user, after a confirm that names them and says what goes with them.
use leptos::prelude::*;

use crate::api::User;
use crate::components::alert::WriteError;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::write::use_write;

#[component]
pub fn DeleteUserDialog(
    user: User,
    on_close: Callback<()>,
    on_deleted: Callback<String>,
    /// "Suspend instead": keeps the user's data and only stops them signing in.
    #[prop(optional)]
    on_suspend_instead: Option<Callback<()>>,
) -> impl IntoView {
    let toasts = use_toasts();
    let name = user.name.clone();
    let delete = use_write(
        |client, id: String| async move { client.delete_user(&id).await.map(|_| id) },
        move |result| {
            if let Ok(id) = result {
                toasts.success(format!("Deleted {name}"));
                on_deleted.run(id);
            }
        },
    );
    let busy = delete.pending();
    let id = user.id.clone();
    view! {
        <ConfirmDialog
            title="Delete user"
            confirm_label="Delete"
            danger=true
            busy=busy
            on_confirm=Callback::new(move |_| delete.dispatch(id.clone()))
            on_cancel=Callback::new(move |_| if !busy.get_untracked() { on_close.run(()) })
        >
            <p>
                "Delete "<strong>{user.name.clone()}</strong>" ("{user.email.clone()}")? "
                "Their chats are deleted too, and their group memberships removed (files they uploaded stay). This cannot be undone."
            </p>
            {on_suspend_instead.map(|go| view! {
                <p>
                    "To keep their chats and memberships and only stop them signing in, suspend them instead. "
                    <button type="button" class="btn btn-small" disabled=move || busy.get() on:click=move |_| go.run(())>"Suspend instead"</button>
                </p>
            })}
            <WriteError error=delete.error on_retry=Callback::new(move |_| delete.retry()) />
        </ConfirmDialog>
    }
}
