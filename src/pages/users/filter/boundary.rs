//! Finding where a condition starts to hold in a server-sorted list, by binary search over its
//! pages (about log2(pages) + 1 requests instead of reading every page).
//!
//! Why it is correct: the list is sorted by one column, and the condition is *monotone* in that
//! column (e.g. "role sorts after admin" in the role order, "last active before the cut-off" in
//! the last-active order, "not a member" in `group_id:<id>` order, where members come first). So
//! the positions where it holds are a suffix `b..total`, and one page tells which side of `b` it
//! is on: all false → `b` is after the page; first item true → `b` is at or before the page's
//! start; a change inside the page → `b` is exactly there. Each probe shrinks the interval
//! known to hold `b`, so the search ends.
//!
//! Ties (equal values, e.g. 40 users with role "user") may come back in any order between
//! requests: the boundary is still right, because the condition depends only on the sort
//! column, and every item at a position before `b` has a value that sorts before every item at
//! or after `b`, whatever order equal values take.
//!
//! Users added or deleted while searching shift later positions by one per change; the
//! boundary found is then off by at most that many. Everything built on it filters each fetched
//! user again with the full condition, so a shift can only leave such a user out of a window's
//! edge (until the next load), never show a user that does not match.

use std::collections::HashMap;
use std::future::Future;

use super::pages::{PAGE, page_of, page_start};

/// One server page: its items and the list's total at the time.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// One server-sorted list (one ordering, one search text), read page by page, each page at
/// most once (they are kept), counting requests.
pub struct SortedList<T, F> {
    fetch: F,
    pages: HashMap<u32, Vec<T>>,
    total: Option<u64>,
    requests: usize,
}

impl<T: Clone, E, F, Fut> SortedList<T, F>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<Page<T>, E>>,
{
    pub fn new(fetch: F) -> Self {
        SortedList {
            fetch,
            pages: HashMap::new(),
            total: None,
            requests: 0,
        }
    }

    /// Requests made so far.
    pub fn requests(&self) -> usize {
        self.requests
    }

    /// Server page `page` (fetched once).
    pub async fn page(&mut self, page: u32) -> Result<&[T], E> {
        if !self.pages.contains_key(&page) {
            let p = (self.fetch)(page).await?;
            self.requests += 1;
            self.total = Some(p.total);
            self.pages.insert(page, p.items);
        }
        Ok(self.pages.get(&page).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// The list's length (page 1 is read if no page has been yet).
    pub async fn total(&mut self) -> Result<u64, E> {
        match self.total {
            Some(t) => Ok(t),
            None => {
                self.page(1).await?;
                Ok(self.total.unwrap_or(0))
            }
        }
    }

    /// The first position in `lo..=hi` where `holds` is true (`hi` if none), for a condition
    /// that is false then true along the list (see the module doc). `hint`: a guess of the
    /// position (e.g. a group's member count), whose page is read first; a good guess ends the
    /// search in one request (two when it falls on a page edge).
    pub async fn first_where(
        &mut self,
        mut lo: u64,
        mut hi: u64,
        hint: Option<u64>,
        holds: &dyn Fn(&T) -> bool,
    ) -> Result<u64, E> {
        // What the pages already read say.
        for (p, items) in &self.pages {
            if let Step::Found(b) = narrow(*p, items, &mut lo, &mut hi, holds) {
                return Ok(b);
            }
        }
        // A boundary at `h` shows on the page holding `h` (a change inside it, or its first
        // item true); when `h` starts a page, the page before must also show all false.
        let mut guesses: Vec<u32> = match hint.filter(|h| (lo..=hi).contains(h) && hi > lo) {
            Some(h) if h % PAGE == 0 && h > 0 => vec![page_of(h), page_of(h - 1)],
            Some(h) => vec![page_of(h)],
            None => Vec::new(),
        };
        while lo < hi {
            let first = page_of(lo);
            let last = page_of(hi - 1);
            let probe = guesses
                .pop()
                .filter(|p| (first..=last).contains(p))
                .unwrap_or(first + (last - first) / 2);
            let items = self.page(probe).await?.to_vec();
            if items.is_empty() {
                // The list is shorter than it was: nothing at or after this page.
                hi = hi.min(page_start(probe)).max(lo);
                continue;
            }
            let before = (lo, hi);
            if let Step::Found(b) = narrow(probe, &items, &mut lo, &mut hi, holds) {
                return Ok(b);
            }
            if (lo, hi) == before {
                // A short page that ends before `lo` (users were deleted meanwhile).
                return Ok(lo);
            }
        }
        Ok(lo)
    }
}

enum Step {
    Found(u64),
    Narrowed,
}

/// What page `page` (its `items`) says about the boundary in `lo..=hi`.
fn narrow<T>(
    page: u32,
    items: &[T],
    lo: &mut u64,
    hi: &mut u64,
    holds: &dyn Fn(&T) -> bool,
) -> Step {
    let start = page_start(page);
    match items.iter().position(holds) {
        // All false: the boundary is after this page.
        None => *lo = (*lo).max(start + items.len() as u64).min(*hi),
        // True from the first item: the boundary is at or before the page's start.
        Some(0) => *hi = (*hi).min(start).max(*lo),
        // The change is inside this page.
        Some(j) => {
            let b = start + j as u64;
            if (*lo..=*hi).contains(&b) {
                return Step::Found(b);
            }
        }
    }
    Step::Narrowed
}
