//! The one pager: `navigation` "Pagination" with Previous page / Page X of Y / Next page.

use leptos::prelude::*;

/// Previous and next buttons around "Page X of Y". `on_page` gets the page to show.
#[component]
pub fn Pagination(
    /// The page shown, from 1.
    #[prop(into)]
    page: Signal<u32>,
    /// How many pages there are (at least 1 is shown).
    #[prop(into)]
    pages: Signal<u32>,
    on_page: Callback<u32>,
) -> impl IntoView {
    let pages = Signal::derive(move || pages.get().max(1));
    // Comparisons in attribute values stay in braces: an unbraced `>=` ends the tag in `view!`
    // (the rest of the expression then renders as the button's text).
    view! {
        <nav class="pagination" aria-label="Pagination">
            <button
                type="button"
                class="btn"
                disabled=move || { page.get() <= 1 }
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                "Previous page"
            </button>
            <span class="page-of">{move || format!("Page {} of {}", page.get(), pages.get())}</span>
            <button
                type="button"
                class="btn"
                // Braced: a bare `>` here would end the tag in view!.
                disabled=move || { page.get() >= pages.get() }
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                "Next page"
            </button>
        </nav>
    }
}
