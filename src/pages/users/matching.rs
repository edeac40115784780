//! Every user matching the list's search and filters, across all pages: what "Select all N
//! matching", the CSV export and the filtered table share. Never `/users/all`, never a request
//! per user: the strategies are in [`super::filter`]; they meet the client in
//! [`super::filtering`], which a split release build fetches as a wasm chunk (with the filter
//! controls and summary) only when a filter is on, an export runs or a bulk action covers
//! everything matching. The unfiltered list and the header's role counts stay here.

use std::sync::Arc;

use leptos::prelude::*;

use super::filter::boundary::Page;
use super::filter::criteria::Criteria;
use super::filter::plan::{self, Order, Plan};
use super::filter::usage::UsageMap;
use super::filter::walk::{Walked, local_page};
use super::query::{Dir, UsersQuery};
use crate::api::{ApiError, Client, User, UserList, UserListParams};
use crate::batch::Cancel;

/// A filtered list, resolved once per search + filters + sort (not per page).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The list state (on page 1) this was resolved for.
    pub query: UsersQuery,
    pub criteria: Criteria,
    pub plan: Plan,
    /// The matching users, sorted like the list, when the plan needed a walk.
    pub walked: Option<Walked>,
    /// Requests it took.
    pub requests: usize,
    /// The usage the "no messages" filter was checked against (the usage columns show it
    /// instead of asking again).
    pub usage: Option<Arc<UsageMap>>,
}

impl Resolved {
    /// How many users match, when known.
    pub fn total(&self) -> Option<u64> {
        match &self.walked {
            Some(w) => Some(w.users.len() as u64),
            None => self.plan.window_total(),
        }
    }
    /// The order a window shows, when it is not the list's own sort ("by role").
    pub fn order_note(&self) -> Option<&'static str> {
        match (&self.plan, &self.walked) {
            (Plan::Window { segments }, None) => segments
                .first()
                .filter(|s| !same_order(&s.order, &self.query))
                .map(|s| s.order.describe()),
            _ => None,
        }
    }
}

/// Shared without copying the walked users; equal only to itself, so a new resolution always
/// reloads the page.
#[derive(Debug, Clone)]
pub struct Shared(pub Arc<Resolved>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

pub(super) fn same_order(o: &Order, q: &UsersQuery) -> bool {
    o.by == q.sort.param() && o.desc == (q.dir == Dir::Desc)
}

/// One page of the users list, on its way.
pub(super) type PageFuture = std::pin::Pin<Box<dyn Future<Output = Result<Page<User>, ApiError>>>>;

/// `GET /users/` in `order` with the search text of `search`.
pub(super) fn fetcher(
    client: &Client,
    search: Option<String>,
) -> impl Fn(&Order, u32) -> PageFuture {
    move |order: &Order, page: u32| {
        let client = client.clone();
        let params = UserListParams {
            query: search.clone(),
            order_by: Some(order.by.clone()),
            direction: Some(order.direction().to_string()),
            page,
        };
        Box::pin(async move {
            let l = client.list_users(&params).await?;
            Ok(Page {
                items: l.users,
                total: l.total,
            })
        })
    }
}

/// The role counts for the header (the whole list, no search).
pub async fn role_counts(client: &Client) -> Result<plan::RoleCounts, ApiError> {
    let fetch = fetcher(client, None);
    plan::role_counts(&fetch).await.map(|(c, _)| c)
}

/// Resolves `query`'s filters (see [`super::filtering::resolve`]); without filters, at once and
/// without a request (or the chunk).
pub async fn resolve(
    client: &Client,
    query: &UsersQuery,
    progress: RwSignal<(usize, usize)>,
    cancel: Option<Cancel>,
) -> Result<Resolved, ApiError> {
    let query = query.first_page();
    if query.filters.is_empty() {
        return Ok(Resolved {
            query,
            criteria: Criteria::default(),
            plan: Plan::Server,
            walked: None,
            requests: 0,
            usage: None,
        });
    }
    #[cfg(feature = "split")]
    return chunk::resolve(Box::new((client.clone(), query, progress, cancel))).await;
    #[cfg(not(feature = "split"))]
    super::filtering::resolve(client, &query, progress, cancel).await
}

/// One display page of `query` (its `page`), served as `resolved` says.
pub async fn list_page(
    client: &Client,
    query: &UsersQuery,
    resolved: &Resolved,
) -> Result<UserList, ApiError> {
    match (&resolved.plan, &resolved.walked) {
        (_, Some(w)) => Ok(UserList {
            users: local_page(&w.users, query.page).to_vec(),
            total: w.users.len() as u64,
        }),
        #[cfg(feature = "split")]
        (Plan::Window { .. }, None) => {
            chunk::window_list_page(Box::new((client.clone(), query.clone(), resolved.clone())))
                .await
        }
        #[cfg(not(feature = "split"))]
        (Plan::Window { .. }, None) => {
            super::filtering::window_list_page(client, query, resolved).await
        }
        _ => client.list_users(&query.to_params()).await,
    }
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
    #[cfg(feature = "split")]
    return chunk::all_matching(Box::new((client.clone(), query.clone(), progress, cancel))).await;
    #[cfg(not(feature = "split"))]
    super::filtering::all_matching(client, query, progress, cancel).await
}

/// The filter strategies' entry points, in the users filters' chunk.
#[cfg(feature = "split")]
mod chunk {
    use leptos::prelude::*;

    use super::Resolved;
    use crate::api::{ApiError, Client, User, UserList};
    use crate::batch::Cancel;
    use crate::components::lazy::chunk_fn;
    use crate::pages::users::filtering;
    use crate::pages::users::query::UsersQuery;

    type Job = (Client, UsersQuery, RwSignal<(usize, usize)>, Option<Cancel>);
    chunk_fn!(
        users_filters,
        async fn resolve(job: Box<Job>) -> Result<Resolved, ApiError> {
            let (client, query, progress, cancel) = *job;
            filtering::resolve(&client, &query, progress, cancel).await
        }
    );

    type PageJob = (Client, UsersQuery, Resolved);
    chunk_fn!(
        users_filters,
        async fn window_list_page(job: Box<PageJob>) -> Result<UserList, ApiError> {
            let (client, query, resolved) = *job;
            filtering::window_list_page(&client, &query, &resolved).await
        }
    );

    type AllJob = (Client, UsersQuery, RwSignal<(usize, usize)>, Cancel);
    chunk_fn!(
        users_filters,
        async fn all_matching(job: Box<AllJob>) -> Result<Vec<User>, ApiError> {
            let (client, query, progress, cancel) = *job;
            filtering::all_matching(&client, &query, progress, cancel).await
        }
    );
}
