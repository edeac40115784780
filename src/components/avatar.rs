//! A user's round avatar: initials, coloured from the name, until (and unless) an image loads.
use leptos::prelude::*;

use crate::format::initials;

/// A stable hue for a name, so the same person keeps the same colour.
fn hue(name: &str) -> u32 {
    name.bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
        % 360
}

#[component]
pub fn Avatar(
    /// The person's name: initials and colour come from it.
    #[prop(into)]
    name: String,
    /// A loaded image (blob or same-origin URL) to show instead of the initials.
    #[prop(optional, into)]
    src: Signal<Option<String>>,
    /// Shows the green "active in the last 3 minutes" dot.
    #[prop(optional)]
    active: bool,
) -> impl IntoView {
    let hue = hue(&name).to_string();
    let text = initials(&name);
    // Set through the CSSOM (style:), not a style attribute: allowed under a strict CSP.
    view! {
        <span class="avatar" style:--avatar-hue=hue aria-hidden="true">
            {move || match src.get() {
                Some(url) => view! { <img src=url alt="" /> }.into_any(),
                None => view! { <span class="avatar-initials">{text.clone()}</span> }.into_any(),
            }}
            {active.then(|| view! { <span class="active-dot" title="Active now"></span> })}
        </span>
    }
}
