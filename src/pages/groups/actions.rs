//! Export and Delete group: the header actions of a saved group.

use leptos::prelude::*;

use super::form::{delete_warning, file_slug};
use crate::api::Group;
use crate::components::alert::WriteError;
use crate::components::dialog::ConfirmDialog;
use crate::components::toast::use_toasts;
use crate::download::save_text;
use crate::routes::{GROUPS, use_go};
use crate::write::use_write;

/// Export (a JSON file of the group as the server exports it) and Delete group (confirmed,
/// saying what happens to the memberships and the child groups).
#[component]
pub fn GroupActions(
    /// The group as last saved.
    #[prop(into)]
    group: Signal<Group>,
    /// Every group, for what happens to the children.
    groups: StoredValue<Vec<Group>>,
) -> impl IntoView {
    let toasts = use_toasts();
    let go = use_go();
    let export = use_write(
        |client, (id, name): (String, String)| async move {
            client.export_group(&id).await.map(|v| (v, name))
        },
        move |result| {
            let Ok((v, name)) = result else { return };
            let text = serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string());
            let file = format!("group-{}.json", file_slug(&name));
            match save_text(&file, "application/json", &text) {
                Ok(()) => toasts.success(format!("Exported “{name}” to {file}.")),
                Err(e) => toasts.error(e),
            }
        },
    );
    let confirm = RwSignal::new(false);
    let delete = use_write(
        |client, (id, name): (String, String)| async move {
            client.delete_group(&id).await.map(|_| name)
        },
        move |result| {
            if let Ok(name) = result {
                toasts.success(format!("Group “{name}” deleted."));
                confirm.set(false);
                go.push(GROUPS);
            }
        },
    );
    let id_name = move || group.with_untracked(|g| (g.id.clone(), g.name.clone()));
    let close = Callback::new(move |_| {
        if !delete.pending().get_untracked() {
            delete.error.set(None);
            confirm.set(false);
        }
    });
    view! {
        <button
            type="button"
            class="btn"
            disabled=move || export.pending().get()
            aria-busy=move || export.pending().get().to_string()
            on:click=move |_| export.dispatch(id_name())
        >
            "Export"
        </button>
        <button type="button" class="btn btn-danger" on:click=move |_| confirm.set(true)>
            "Delete group"
        </button>
        <WriteError error=export.error on_retry=Callback::new(move |_| export.retry()) />
        <Show when=move || confirm.get()>
            <ConfirmDialog
                title=Signal::derive(move || format!("Delete group “{}”?", group.with(|g| g.name.clone())))
                confirm_label="Delete"
                danger=true
                busy=delete.pending()
                on_confirm=Callback::new(move |_| delete.dispatch(id_name()))
                on_cancel=close
            >
                <p>{move || groups.with_value(|gs| group.with(|g| delete_warning(gs, g)))}</p>
                <WriteError error=delete.error on_retry=Callback::new(move |_| delete.retry()) />
            </ConfirmDialog>
        </Show>
    }
}
