//! The Users screen's "Columns" menu: a checkbox per optional column (model in `columns`).

use leptos::prelude::*;

use super::columns::{Column, STORAGE_KEY, decode, encode, toggled};

/// The hidden columns as this browser last left them.
pub fn use_hidden_columns() -> RwSignal<Vec<Column>> {
    RwSignal::new(decode(crate::storage::load(STORAGE_KEY).as_deref()))
}

/// The menu button and its checkboxes; each change is stored at once.
#[component]
pub fn ColumnChooser(hidden: RwSignal<Vec<Column>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let set = move |col: Column, show: bool| {
        let next = toggled(&hidden.get_untracked(), col, show);
        // Not kept when storage is refused: the choice still holds until the page is left.
        crate::storage::store(STORAGE_KEY, &encode(&next));
        hidden.set(next);
    };
    view! {
        <div class="menu-wrap" on:keydown=move |ev| if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
            if let Some(b) = button.get_untracked() { let _ = b.focus(); }
        }>
            <button
                type="button"
                class="btn"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then_some("columns-panel")
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Columns"
            </button>
            <Show when=move || open.get()>
                <fieldset id="columns-panel" class="menu-panel">
                    <legend class="small muted">"Shown columns (Name always)"</legend>
                    {Column::ALL.into_iter().map(|c| view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || hidden.with(|h| !h.contains(&c))
                                on:change:target=move |ev| set(c, ev.target().checked())
                            />
                            {c.label()}
                        </label>
                    }).collect_view()}
                </fieldset>
            </Show>
        </div>
    }
}
