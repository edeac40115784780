//! The permission editor used by the group screen and the default permissions screen: every
//! section and key the server returns, in its order, one checkbox per key (`name="section.key"`),
//! dependent toggles marked, and the unsaved diff.

pub mod explain;
pub mod impact;
pub mod impact_read;
pub mod impact_view;
pub mod labels;
pub mod leave_guard;
pub mod model;

use leptos::prelude::*;

use crate::api::JsonMap;
use model::{Entry, Section, diff, get, granted_by, is_on, layout, set};

/// Edits `value` in place; shows what is granted elsewhere and what differs from `saved`.
#[component]
pub fn PermissionEditor(
    /// The object being edited (complete: every key it came with stays).
    value: RwSignal<JsonMap>,
    /// What the server has stored, for the unsaved diff.
    #[prop(into)]
    saved: Signal<JsonMap>,
    /// Sections and keys to show even when `value` lacks them (the defaults), in server order.
    #[prop(into)]
    layout_from: Signal<JsonMap>,
    /// Mark the keys `layout_from` grants as "on by default" (group screen).
    #[prop(optional)]
    mark_defaults: bool,
    /// Ancestor groups `(name, permissions)`, nearest first, whose grants are marked.
    #[prop(optional, into)]
    inherited: Signal<Vec<(String, JsonMap)>>,
) -> impl IntoView {
    let sections = Memo::new(move |_| layout_from.with(|l| value.with(|v| layout(&[l, v]))));
    let changes = Memo::new(move |_| saved.with(|s| value.with(|v| diff(s, v))));
    view! {
        <div class="perm-editor">
            <For each=move || sections.get() key=|s| (s.name.clone(), s.entries.len()) let:section>
                <PermissionSection section=section value=value layout_from=layout_from mark_defaults=mark_defaults inherited=inherited />
            </For>
            <section class="perm-diff panel" aria-label="Unsaved permission changes">
                {move || {
                    let list = changes.get();
                    if list.is_empty() {
                        view! { <p class="muted">"No unsaved permission changes."</p> }.into_any()
                    } else {
                        view! {
                            <h3>{format!("Unsaved permission changes ({})", list.len())}</h3>
                            <ul class="perm-diff-list">
                                {list.into_iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </section>
        </div>
    }
}

/// One section (fieldset) of the editor.
#[component]
fn PermissionSection(
    section: Section,
    value: RwSignal<JsonMap>,
    layout_from: Signal<JsonMap>,
    mark_defaults: bool,
    inherited: Signal<Vec<(String, JsonMap)>>,
) -> impl IntoView {
    let labels: Vec<(String, String)> = section
        .entries
        .iter()
        .map(|e| (e.key.clone(), e.label.clone()))
        .collect();
    let rows = section
        .entries
        .into_iter()
        .map(|entry| {
            let dep_label = entry.depends_on.as_ref().map(|d| {
                labels
                    .iter()
                    .find(|(k, _)| k == d)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| d.clone())
            });
            view! {
                <PermissionRow entry=entry dep_label=dep_label value=value layout_from=layout_from mark_defaults=mark_defaults inherited=inherited />
            }
        })
        .collect_view();
    let unknown_section = labels::section_label(&section.name).is_none();
    view! {
        <fieldset class="perm-section">
            <legend>
                {section.label.clone()}
                {unknown_section.then(|| view! { <span class="badge perm-unknown">"not known to this app"</span> })}
            </legend>
            {rows}
        </fieldset>
    }
}

/// One checkbox with its label and markers.
#[component]
fn PermissionRow(
    entry: Entry,
    dep_label: Option<String>,
    value: RwSignal<JsonMap>,
    layout_from: Signal<JsonMap>,
    mark_defaults: bool,
    inherited: Signal<Vec<(String, JsonMap)>>,
) -> impl IntoView {
    let (s, k) = (entry.section.clone(), entry.key.clone());
    let checked = {
        let (s, k) = (s.clone(), k.clone());
        move || value.with(|v| is_on(v, &s, &k))
    };
    let toggle = {
        let (s, k) = (s.clone(), k.clone());
        move |on: bool| value.update(|v| set(v, &s, &k, on))
    };
    let parent_off = {
        let (s, dep) = (s.clone(), entry.depends_on.clone());
        move || {
            dep.as_ref()
                .is_some_and(|d| !value.with(|v| is_on(v, &s, d)))
        }
    };
    let by_default = {
        let (s, k) = (s.clone(), k.clone());
        move || mark_defaults && layout_from.with(|d| is_on(d, &s, &k))
    };
    let by_parent = {
        let (s, k) = (s.clone(), k.clone());
        move || inherited.with(|i| granted_by(i, &s, &k).map(str::to_string))
    };
    let raw = {
        let (s, k) = (s.clone(), k.clone());
        move || {
            value.with(|v| {
                get(v, &s, &k)
                    .filter(|x| !x.is_boolean())
                    .map(|x| format!("stored value: {x}"))
            })
        }
    };
    let dependent = dep_label.is_some();
    view! {
        <label class="perm-row" class:perm-dependent=dependent class:perm-inactive=parent_off title=entry.path.clone()>
            <input
                type="checkbox"
                name=entry.path.clone()
                prop:checked=checked
                on:change:target=move |ev| toggle(ev.target().checked())
            />
            <span class="perm-label">{entry.label.clone()}</span>
            {(!entry.known).then(|| view! { <code class="perm-key">{entry.path.clone()}</code><span class="badge perm-unknown">"not known to this app"</span> })}
            {dep_label.map(|l| view! { <span class="perm-needs muted">{format!("only with “{l}”")}</span> })}
            {move || by_default().then(|| view! { <span class="badge perm-default">"On by default"</span> })}
            {move || by_parent().map(|p| view! { <span class="badge perm-parent">{format!("Granted by {p}")}</span> })}
            {move || raw().map(|r| view! { <span class="muted">{r}</span> })}
        </label>
    }
}
