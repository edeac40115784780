//! The users filters' strategies meeting the client: resolving a search + filters + sort into
//! a plan (and a walk when needed), a window's display page, and every matching user for the
//! export and "Select all N matching". Called only through [`super::matching`]: in a split
//! release build this is in the users filters' wasm chunk, fetched when first needed.

use std::sync::Arc;

use leptos::prelude::*;

use super::filter::criteria::Criteria;
use super::filter::plan::{self, Order, Plan, pages_of, window_page};
use super::filter::usage::UsageMap;
use super::filter::walk::{self, Walked, sort_users};
use super::matching::{PageFuture, Resolved, fetcher, same_order};
use super::query::{Dir, UsersQuery, page_count};
use crate::api::{ApiError, Client, User, UserList};
use crate::batch::{CONCURRENCY, Cancel};
use crate::format::now_secs;

/// A window this many server pages long or shorter is read whole and sorted like the list,
/// instead of being shown in the order of the filter's ranges.
const SORT_HERE_PAGES: usize = 10;

/// Epoch seconds of a `YYYY-MM-DD` date's midnight in the browser's time zone.
fn local_midnight(date: &str) -> Option<i64> {
    let mut it = date.split('-').map(|p| p.parse::<i32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    let t = js_sys::Date::new_with_year_month_day(y as u32, m - 1, d).get_time();
    t.is_finite().then_some((t / 1000.0) as i64)
}

/// The criteria for `query`'s filters now (reading the groups, or the usage, when a filter
/// needs them).
async fn criteria_of(
    client: &Client,
    query: &UsersQuery,
) -> Result<(Criteria, usize, Option<Arc<UsageMap>>), ApiError> {
    let f = &query.filters;
    let (groups, requests) = if f.groups.is_empty() && !f.suspended {
        (Vec::new(), 0)
    } else {
        (client.groups().await?, 1)
    };
    let suspended = crate::suspension::find_group(&groups);
    let mut c = Criteria::new(f, now_secs(), &groups, suspended, local_midnight);
    let usage = match c.with_messages {
        Some(_) => Some(super::usage::usage_for_filter(client, f.usage.period).await?),
        None => None,
    };
    if let Some(u) = &usage {
        c.with_messages = Some(u.with_messages());
    }
    Ok((c, requests + usize::from(usage.is_some()), usage))
}

/// Resolves `query`'s filters: finds the ranges, and walks the candidates when one page of the
/// result cannot be served from a window (progress: pages checked, of; Cancel stops the walk
/// with `ApiError::Aborted`).
pub async fn resolve(
    client: &Client,
    query: &UsersQuery,
    progress: RwSignal<(usize, usize)>,
    cancel: Option<Cancel>,
) -> Result<Resolved, ApiError> {
    let query = query.first_page();
    let (criteria, mut requests, usage) = criteria_of(client, &query).await?;
    let search = query.to_params().query;
    let fetch = fetcher(client, search);
    let (plan, n) = plan::resolve(&criteria, &fetch).await?;
    requests += n;
    let pages = match &plan {
        Plan::Walk { segments } => Some(pages_of(segments)),
        Plan::Window { segments }
            if pages_of(segments).len() <= SORT_HERE_PAGES
                && segments.iter().any(|s| !same_order(&s.order, &query)) =>
        {
            Some(pages_of(segments))
        }
        _ => None,
    };
    let walked = match pages {
        None => None,
        Some(pages) => {
            let mut w = walk_pages(pages, &criteria, &fetch, progress, cancel).await?;
            requests += w.checked;
            sort_users(&mut w.users, query.sort, query.dir);
            Some(w)
        }
    };
    Ok(Resolved {
        query,
        criteria,
        plan,
        walked,
        requests,
        usage,
    })
}

async fn walk_pages(
    pages: Vec<(Order, u32)>,
    criteria: &Criteria,
    fetch: &impl Fn(&Order, u32) -> PageFuture,
    progress: RwSignal<(usize, usize)>,
    cancel: Option<Cancel>,
) -> Result<Walked, ApiError> {
    let cancelled = move || cancel.is_some_and(|c| c.is_cancelled());
    let w = walk::walk(
        pages,
        criteria,
        CONCURRENCY,
        fetch,
        cancelled,
        |done, of| {
            progress.try_set((done, of));
        },
    )
    .await?;
    if !w.complete {
        return Err(ApiError::Aborted);
    }
    Ok(w)
}

/// One display page of `query` (its `page`) from a window plan's 1–3 server pages.
pub async fn window_list_page(
    client: &Client,
    query: &UsersQuery,
    resolved: &Resolved,
) -> Result<UserList, ApiError> {
    let Plan::Window { segments } = &resolved.plan else {
        return client.list_users(&query.to_params()).await;
    };
    let fetch = fetcher(client, query.to_params().query);
    let (users, _) = window_page(segments, query.page, &resolved.criteria, &fetch).await?;
    Ok(UserList {
        users,
        total: resolved.plan.window_total().unwrap_or(0),
    })
}

/// Fetches every user matching `query` (search and filters; in its sort order when unfiltered),
/// a few pages at a time; `progress` holds (pages done, pages). Cancel stops it before the next
/// page with `ApiError::Aborted`.
pub async fn all_matching(
    client: &Client,
    query: &UsersQuery,
    progress: RwSignal<(usize, usize)>,
    cancel: Cancel,
) -> Result<Vec<User>, ApiError> {
    if !query.filters.is_empty() {
        let r = resolve(client, query, progress, Some(cancel)).await?;
        return match (r.walked, r.plan) {
            (Some(w), _) => Ok(w.users),
            (None, Plan::Window { segments }) => {
                let fetch = fetcher(client, query.to_params().query);
                let pages = pages_of(&segments);
                let w = walk_pages(pages, &r.criteria, &fetch, progress, Some(cancel)).await?;
                Ok(w.users)
            }
            (None, _) => Ok(Vec::new()),
        };
    }
    // Unfiltered: page 1 tells how many pages there are, then the rest a few at a time.
    let first = client.list_users(&query.at_page(1).to_params()).await?;
    let pages = page_count(first.total);
    progress.try_set((1, pages as usize));
    let order = Order {
        by: query.sort.param().to_string(),
        desc: query.dir == Dir::Desc,
    };
    let rest = (2..=pages).map(|p| (order.clone(), p)).collect();
    let fetch = fetcher(client, query.to_params().query);
    let cancelled = move || cancel.is_cancelled();
    let w = walk::walk(
        rest,
        &Criteria::default(),
        CONCURRENCY,
        &fetch,
        cancelled,
        |d, of| {
            progress.try_set((d + 1, of + 1));
        },
    )
    .await?;
    if !w.complete {
        return Err(ApiError::Aborted);
    }
    // Users created or deleted meanwhile can shift pages: keep each user once.
    let mut seen = std::collections::HashSet::new();
    let mut users = first.users;
    users.extend(w.users);
    users.retain(|u| seen.insert(u.id.clone()));
    Ok(users)
}
