//! Delete one user, after a confirm that names them and says what goes with them.
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::User;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::session::use_session;

#[component]
pub fn DeleteUserDialog(
    user: User,
    on_close: Callback<()>,
    on_deleted: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (id, name, email) = (user.id.clone(), user.name.clone(), user.email.clone());
    let confirm = move |_| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let (id, name) = (id.clone(), name.clone());
        busy.set(true);
        spawn_local(async move {
            match client.delete_user(&id).await {
                Ok(_) => {
                    toasts.success(format!("Deleted {name}"));
                    on_deleted.run(id);
                }
                Err(e) => {
                    error.set(Some(session.handle(&e)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <ConfirmDialog title="Delete user" confirm_label="Delete" danger=true busy=busy on_confirm=Callback::new(confirm) on_cancel=on_close>
            <p>
                "Delete "<strong>{user.name.clone()}</strong>" ("{email}")? "
                "Their chats are deleted too, and their group memberships removed. This cannot be undone."
            </p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </ConfirmDialog>
    }
}
