//! The users list's state as it lives in the URL (`?q=ann&sort=name&dir=desc&role=pending&page=2`),
//! so that reload, back/forward and shared links keep search, sort, direction, filters and page.

use super::filter::Filters;
use crate::api::UserListParams;

/// Columns the server can order by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Email,
    Role,
    LastActive,
    Created,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Email,
        SortKey::Role,
        SortKey::LastActive,
        SortKey::Created,
        SortKey::Updated,
    ];

    /// The server's `order_by` value, also used in this app's URL.
    pub fn param(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Email => "email",
            SortKey::Role => "role",
            SortKey::LastActive => "last_active_at",
            SortKey::Created => "created_at",
            SortKey::Updated => "updated_at",
        }
    }

    pub fn from_param(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.param() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

impl Dir {
    pub fn param(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }
    pub fn aria(self) -> &'static str {
        match self {
            Dir::Asc => "ascending",
            Dir::Desc => "descending",
        }
    }
}

/// What the users screen shows. Defaults (oldest first, page 1, no search, no filter) stay out
/// of the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersQuery {
    pub search: String,
    pub sort: SortKey,
    pub dir: Dir,
    pub page: u32,
    pub filters: Filters,
}

/// The list's own URL keys; with the filters' ([`super::filter::KEYS`]), every key it reads.
pub const KEYS: [&str; 4] = ["q", "sort", "dir", "page"];

impl Default for UsersQuery {
    fn default() -> Self {
        UsersQuery {
            search: String::new(),
            sort: SortKey::Created,
            dir: Dir::Asc,
            page: 1,
            filters: Filters::default(),
        }
    }
}

impl UsersQuery {
    /// Reads the URL's query pairs; anything unreadable falls back to its default.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = UsersQuery::default();
        for (k, v) in pairs {
            match k {
                "q" => q.search = v.to_string(),
                "sort" => q.sort = SortKey::from_param(v).unwrap_or(q.sort),
                "dir" if v == "desc" => q.dir = Dir::Desc,
                "dir" => q.dir = Dir::Asc,
                "page" => q.page = v.parse::<u32>().ok().filter(|p| *p >= 1).unwrap_or(1),
                _ => {
                    q.filters.read_pair(k, v);
                }
            }
        }
        q
    }

    /// The query string for this state, starting with `?` (or empty for all-defaults).
    pub fn to_query_string(&self) -> String {
        let d = UsersQuery::default();
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("q={}", crate::api::endpoints::encode(&self.search)));
        }
        if self.sort != d.sort {
            parts.push(format!("sort={}", self.sort.param()));
        }
        if self.dir != d.dir {
            parts.push(format!("dir={}", self.dir.param()));
        }
        parts.extend(self.filters.to_pairs());
        if self.page != 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The server request for this state.
    pub fn to_params(&self) -> UserListParams {
        UserListParams {
            query: Some(self.search.trim().to_string()).filter(|s| !s.is_empty()),
            order_by: Some(self.sort.param().to_string()),
            direction: Some(self.dir.param().to_string()),
            page: self.page,
        }
    }

    /// Clicking a column header: the same column flips direction, another starts ascending.
    /// Either way back to page 1.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let dir = if self.sort == key && self.dir == Dir::Asc {
            Dir::Desc
        } else {
            Dir::Asc
        };
        UsersQuery {
            sort: key,
            dir,
            page: 1,
            ..self.clone()
        }
    }

    /// A new search goes back to page 1.
    pub fn searching(&self, search: &str) -> Self {
        UsersQuery {
            search: search.to_string(),
            page: 1,
            ..self.clone()
        }
    }

    /// Other filters go back to page 1.
    pub fn filtered(&self, filters: Filters) -> Self {
        UsersQuery {
            filters,
            page: 1,
            ..self.clone()
        }
    }

    /// The same list on page 1: what a filter's resolution depends on.
    pub fn first_page(&self) -> Self {
        self.at_page(1)
    }

    pub fn at_page(&self, page: u32) -> Self {
        UsersQuery {
            page: page.max(1),
            ..self.clone()
        }
    }
}

/// The number of pages for `total` items, 30 a page (at least 1).
pub fn page_count(total: u64) -> u32 {
    total.div_ceil(crate::api::PAGE_SIZE).max(1) as u32
}
