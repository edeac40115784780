//! The usage columns' data (issue 14): one analytics call per view — per usage period, while a
//! usage column is shown — never one per row or per page turn; each page's rows are looked up
//! in the answer (a user it leaves out has no messages: 0). With the "no messages" filter on,
//! the filter's own call is reused. The pure parts are in [`super::filter::usage`].

use std::sync::Arc;

use leptos::prelude::*;

use super::columns::Column;
use super::filter::usage::{LIMIT, Period, UsageMap, thousands};
use super::matching::Shared;
use super::query::UsersQuery;
use crate::api::{ANALYTICS_OFF, ApiError, Capability, Client};
use crate::format::now_secs;
use crate::latest::{LoadState, use_latest};

/// What the usage columns show.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Usage {
    /// No usage column is shown, or the answer is on its way.
    #[default]
    None,
    Ready(Arc<UsageMap>),
    /// Why there is none: analytics switched off, or a server older than the route.
    Unavailable(String),
}

/// One analytics call for `period`, ending now: the map, or why the server has none. In a
/// split release build this is in the users filters' chunk (the "no messages" filter needs it
/// there anyway), fetched the first time usage is wanted.
pub async fn fetch_usage(client: &Client, period: Period) -> Result<Usage, ApiError> {
    #[cfg(feature = "split")]
    return chunk::fetch(Box::new((client.clone(), period))).await;
    #[cfg(not(feature = "split"))]
    fetch_now(client, period).await
}

async fn fetch_now(client: &Client, period: Period) -> Result<Usage, ApiError> {
    if !client.has(Capability::UserAnalytics) {
        return Ok(Usage::Unavailable(Capability::UserAnalytics.needs_text()));
    }
    let (start, end) = period.range(now_secs());
    Ok(match client.user_usage(start, end, LIMIT).await? {
        Some(list) => Usage::Ready(Arc::new(UsageMap::new(period, &list, LIMIT))),
        None => Usage::Unavailable(ANALYTICS_OFF.into()),
    })
}

/// The usage for the "no messages" filter: an error when there is none, or when the answer was
/// cut off (the filter would then show users who do have messages).
pub async fn usage_for_filter(client: &Client, period: Period) -> Result<Arc<UsageMap>, ApiError> {
    match fetch_usage(client, period).await? {
        Usage::Ready(m) if m.complete => Ok(m),
        Usage::Ready(_) => Err(ApiError::NotFound(format!(
            "More than {LIMIT} users have messages in this period: \"No messages\" cannot be \
             checked with one analytics call."
        ))),
        Usage::Unavailable(why) => Err(ApiError::NotFound(why)),
        Usage::None => Err(ApiError::Aborted),
    }
}

/// The usage the table shows, and the state of its own call (for Retry).
pub fn use_usage(
    query: Memo<UsersQuery>,
    hidden: RwSignal<Vec<Column>>,
    resolved: Signal<Option<Shared>>,
) -> (Signal<Usage>, LoadState) {
    let shown =
        move || hidden.with(|h| !h.contains(&Column::Messages) || !h.contains(&Column::Tokens));
    let filter = Memo::new(move |_| query.with(|q| q.filters.usage));
    // Asked here only when a column needs it and the filter does not ask already.
    let wanted = Memo::new(move |_| {
        let f = filter.get();
        (shown() && !f.no_messages).then_some(f.period)
    });
    let own = use_latest(
        move || wanted.get(),
        |client, period: Option<Period>| async move {
            match period {
                Some(p) => fetch_usage(&client, p).await,
                None => Ok(Usage::None),
            }
        },
    );
    let usage = Signal::derive(move || {
        if !shown() {
            return Usage::None;
        }
        let f = filter.get();
        if f.no_messages {
            return resolved
                .with(|r| r.as_ref().and_then(|r| r.0.usage.clone()))
                .filter(|m| m.period == f.period)
                .map_or(Usage::None, Usage::Ready);
        }
        match own.value.get() {
            Some(Usage::Ready(m)) if m.period != f.period => Usage::None,
            Some(u) => u,
            None => Usage::None,
        }
    });
    (usage, own.state)
}

/// What the period select gets from the users page: `Copy` handles, so they cross into the
/// chunk as is.
#[derive(Clone, Copy)]
pub struct Host {
    pub query: Memo<UsersQuery>,
    pub on_query: Callback<(UsersQuery, bool)>,
    pub usage: Signal<Usage>,
}

/// The "Usage period" select, shown while a usage column is (or the "no messages" filter: the
/// period is its period too), with why there is no usage when there is none. In a split release
/// build its controls are in the users filters' chunk.
#[component]
pub fn UsagePeriodSelect(
    query: Memo<UsersQuery>,
    hidden: RwSignal<Vec<Column>>,
    on_query: Callback<(UsersQuery, bool)>,
    usage: Signal<Usage>,
) -> impl IntoView {
    let shown = Memo::new(move |_| {
        hidden.with(|h| !h.contains(&Column::Messages) || !h.contains(&Column::Tokens))
            || query.with(|q| q.filters.usage.no_messages)
    });
    let host = Host {
        query,
        on_query,
        usage,
    };
    view! { <Show when=move || shown.get()>{load(host)}</Show> }
}

#[cfg(not(feature = "split"))]
fn load(host: Host) -> AnyView {
    controls(host)
}

#[cfg(feature = "split")]
fn load(host: Host) -> AnyView {
    crate::components::lazy::when_first_wanted(
        || true,
        move || chunk::period_select(Box::new(host)),
    )
}

#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::{Host, Period, Usage};
    use crate::api::{ApiError, Client};
    use crate::components::lazy::chunk_fn;

    // With the filter strategies: the "no messages" filter makes the same call.
    chunk_fn!(
        users_filters,
        async fn fetch(job: Box<(Client, Period)>) -> Result<Usage, ApiError> {
            super::fetch_now(&job.0, job.1).await
        }
    );
    chunk_fn!(
        users_filters,
        fn period_select(host: Box<Host>) -> Result<AnyView, ApiError> {
            Ok(super::controls(*host))
        }
    );
}

/// The select itself, and why there is no usage when there is none.
fn controls(host: Host) -> AnyView {
    let Host {
        query,
        on_query,
        usage,
    } = host;
    let note = move || match usage.get() {
        Usage::Unavailable(why) => Some(why),
        _ => None,
    };
    view! {
        <div class="usage-period">
            <label for="usage-period">"Usage period"</label>
            <select
                id="usage-period"
                prop:value=move || query.with(|q| q.filters.usage.period.days().to_string())
                on:change:target=move |ev| {
                    if let Some(p) = Period::parse(&ev.target().value()) {
                        let q = query.get_untracked();
                        let mut f = q.filters.clone();
                        f.usage.period = p;
                        if f != q.filters {
                            on_query.run((q.filtered(f), false));
                        }
                    }
                }
            >
                {Period::ALL.into_iter().map(|p| view! {
                    <option value=p.days().to_string()>{p.label()}</option>
                }).collect_view()}
            </select>
            <span class="muted small">"Messages and tokens from Open WebUI's admin analytics"</span>
            {move || note().map(|why| view! { <p class="notice" role="status">{why}</p> })}
        </div>
    }
    .into_any()
}

/// The Messages and Tokens cells of one row: the numbers with thousands separators, 0 for a
/// user without messages, "?" for one a cut-off answer leaves out, "—" without usage, nothing
/// while it loads.
pub fn usage_cells(usage: &Usage, user_id: &str) -> (String, String) {
    match usage {
        Usage::None => (String::new(), String::new()),
        Usage::Unavailable(_) => ("—".into(), "—".into()),
        Usage::Ready(m) => match m.of(user_id) {
            Some(c) => (thousands(c.messages), thousands(c.tokens)),
            None => ("?".into(), "?".into()),
        },
    }
}
