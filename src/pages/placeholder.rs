//! Screens that are planned but not built yet say so plainly instead of pretending.
use leptos::prelude::*;

#[component]
pub fn Placeholder(
    /// The screen's heading.
    title: &'static str,
) -> impl IntoView {
    view! {
        <section class="panel narrow">
            <h1>{title}</h1>
            <p class="muted">"This screen is not built yet. Use Open WebUI's own admin panel for it for now."</p>
        </section>
    }
}
