//! Every URL of the app in one place: the route table, a builder per screen, and how to follow
//! them. Builders return app paths (`/groups/abc`); `href()` turns one into a link target under
//! the base (trunk `--public-url`, which fills `<base href>` in index.html), while `use_go()`
//! navigates with it as is, because the router adds its base to programmatic navigation itself.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::{NavigateOptions, path};

use crate::api::endpoints::encode;
use crate::pages::not_found::NotFound;
use crate::pages::users::UsersPage;
use crate::pages::users::query::UsersQuery;
#[cfg(not(feature = "split"))]
use crate::pages::{
    account::AccountPage,
    groups::{GroupPage, GroupsPage, NewGroupPage},
    permissions::DefaultPermissionsPage,
    users::user_page::UserPage,
    webhooks::WebhooksPage,
};

/// The screens of the signed-in console. Sign in and Users are in the first download; with the
/// `split` feature (release builds, see scripts/split-build) every other screen is a wasm chunk
/// fetched when it is first opened.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            <Route path=path!("/") view=|| view! { <Redirect path=USERS /> } />
            <Route path=path!("/users") view=UsersPage />
            <Route path=path!("/users/:id") view=screen!(UserScreen, UserPage) />
            <Route path=path!("/groups") view=screen!(GroupsScreen, GroupsPage) />
            <Route path=path!("/groups/new") view=screen!(NewGroupScreen, NewGroupPage) />
            <Route path=path!("/groups/:id") view=screen!(GroupScreen, GroupPage) />
            <Route path=path!("/permissions") view=screen!(PermissionsScreen, DefaultPermissionsPage) />
            <Route path=path!("/account") view=screen!(AccountScreen, AccountPage) />
            <Route path=path!("/webhooks") view=screen!(WebhooksScreen, WebhooksPage) />
        </Routes>
    }
}

/// A route's view: the page itself, or with `split` the page loaded lazily (`lazy::$lazy`).
#[cfg(not(feature = "split"))]
macro_rules! screen {
    ($lazy:ident, $page:ident) => {
        $page
    };
}
#[cfg(feature = "split")]
macro_rules! screen {
    ($lazy:ident, $page:ident) => {
        leptos_router::Lazy::<lazy::$lazy>::new()
    };
}
use screen;

/// The lazily loaded screens, in four chunks: the groups screens and Default permissions (they
/// share the group form and the permission editor), My account, a user's page (in the users
/// chunk, with the users dialogs and the CSV export), and Webhooks. Fewer, larger chunks
/// compress better and keep more code shared than one chunk per screen.
#[cfg(feature = "split")]
mod lazy {
    use leptos::prelude::*;
    use leptos_router::LazyRoute;

    use crate::pages::account::AccountPage;
    use crate::pages::groups::{GroupPage, GroupsPage, NewGroupPage};
    use crate::pages::permissions::DefaultPermissionsPage;
    use crate::pages::users::user_page::UserPage;
    use crate::pages::webhooks::WebhooksPage;

    /// Which screen of the groups chunk.
    #[derive(Clone, Copy)]
    #[repr(u8)]
    pub enum InGroups {
        Groups,
        NewGroup,
        Group,
        Permissions,
    }

    use crate::api::ApiError;
    use crate::components::lazy::{chunk_fn, when_first_wanted};

    chunk_fn!(
        groups_chunk,
        fn groups_chunk(screen: InGroups) -> Result<AnyView, ApiError> {
            Ok(match screen {
                InGroups::Groups => view! { <GroupsPage /> }.into_any(),
                InGroups::NewGroup => view! { <NewGroupPage /> }.into_any(),
                InGroups::Group => view! { <GroupPage /> }.into_any(),
                InGroups::Permissions => view! { <DefaultPermissionsPage /> }.into_any(),
            })
        }
    );

    chunk_fn!(
        account_chunk,
        fn account_chunk() -> Result<AnyView, ApiError> {
            Ok(view! { <AccountPage /> }.into_any())
        }
    );

    chunk_fn!(
        webhooks_chunk,
        fn webhooks_chunk() -> Result<AnyView, ApiError> {
            Ok(view! { <WebhooksPage /> }.into_any())
        }
    );

    // With the users dialogs and the CSV export's writer (src/pages/users/dialogs.rs,
    // export.rs): they share the edit, delete and suspend code, and one chunk compresses better
    // than three and the chunks of what they share.
    chunk_fn!(
        users_chunk,
        fn user_chunk() -> Result<AnyView, ApiError> {
            Ok(view! { <UserPage /> }.into_any())
        }
    );

    // A screen whose chunk cannot be fetched says so, with Retry (never a panic).
    macro_rules! lazy_screen {
        ($lazy:ident, $load:expr) => {
            pub struct $lazy;
            impl LazyRoute for $lazy {
                fn data() -> Self {
                    $lazy
                }
                async fn view(_this: Self) -> AnyView {
                    when_first_wanted(|| true, || $load)
                }
            }
        };
    }
    lazy_screen!(UserScreen, user_chunk());
    lazy_screen!(GroupsScreen, groups_chunk(InGroups::Groups));
    lazy_screen!(NewGroupScreen, groups_chunk(InGroups::NewGroup));
    lazy_screen!(GroupScreen, groups_chunk(InGroups::Group));
    lazy_screen!(PermissionsScreen, groups_chunk(InGroups::Permissions));
    lazy_screen!(AccountScreen, account_chunk());
    lazy_screen!(WebhooksScreen, webhooks_chunk());
}

pub const USERS: &str = "/users";
pub const GROUPS: &str = "/groups";
pub const NEW_GROUP: &str = "/groups/new";
pub const PERMISSIONS: &str = "/permissions";
pub const ACCOUNT: &str = "/account";
pub const WEBHOOKS: &str = "/webhooks";

/// The users list with its search, sort and page.
pub fn users(q: &UsersQuery) -> String {
    format!("{USERS}{}", q.to_query_string())
}

/// One user's page.
pub fn user(id: &str) -> String {
    format!("{USERS}/{}", encode(id))
}

/// The groups tree with its search (`q`) and sort (`sort=members`); empty values are left out.
pub fn groups(search: &str, sort: Option<&str>) -> String {
    let mut parts = Vec::new();
    if !search.is_empty() {
        parts.push(format!("q={}", encode(search)));
    }
    if let Some(s) = sort {
        parts.push(format!("sort={}", encode(s)));
    }
    with_query(GROUPS, &parts)
}

/// One group's screen, on a tab (`None`: the first).
pub fn group(id: &str, tab: Option<&str>) -> String {
    group_at(id, tab, 1)
}

/// One group's screen on a tab and members page (`page=`, left out for page 1).
pub fn group_at(id: &str, tab: Option<&str>, page: u32) -> String {
    with_query(
        &format!("{GROUPS}/{}", encode(id)),
        &tab_and_page(tab, page),
    )
}

/// The New group form, on a tab (`None`: the first).
pub fn new_group(tab: Option<&str>) -> String {
    with_query(NEW_GROUP, &tab_and_page(tab, 1))
}

fn tab_and_page(tab: Option<&str>, page: u32) -> Vec<String> {
    let tab = tab.map(|t| format!("tab={}", encode(t)));
    let page = (page > 1).then(|| format!("page={page}"));
    tab.into_iter().chain(page).collect()
}

fn with_query(path: &str, parts: &[String]) -> String {
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// The router base: the path of `<base href>` without its trailing slash ("" at the root).
pub fn base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    base_from_href(&href)
}

/// `"/admin-console/"` → `"/admin-console"`; `"/"`, `""` or a full URL's root → `""`.
pub fn base_from_href(href: &str) -> String {
    let path = match href.find("://") {
        Some(i) => href[i + 3..]
            .find('/')
            .map(|j| &href[i + 3 + j..])
            .unwrap_or(""),
        None => href,
    };
    path.trim_end_matches('/').to_string()
}

/// An app path (`/users?page=2`) as a link target (`<a href>`) under the base.
pub fn href(path: &str) -> String {
    format!("{}{}", base(), path)
}

/// An app path as a full URL to share (`https://host/admin-console/users?q=ann`).
pub fn absolute(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}", href(path))
}

/// Navigation by app path (no base: the router adds it), from `use_go()`. `Copy`, so event
/// handlers and effects can hold it.
#[derive(Clone, Copy)]
pub struct Go(StoredValue<Navigate, LocalStorage>);

/// The router's navigate function: path, and whether to replace the history entry.
type Navigate = Box<dyn Fn(&str, bool)>;

impl Go {
    /// A new history entry (a click: page, sort, tab, another screen).
    pub fn push(&self, path: &str) {
        self.0.with_value(|f| f(path, false));
    }
    /// Replaces the current entry (typing-driven changes: search).
    pub fn replace(&self, path: &str) {
        self.0.with_value(|f| f(path, true));
    }
}

pub fn use_go() -> Go {
    let navigate = use_navigate();
    Go(StoredValue::new_local(Box::new(
        move |path: &str, replace: bool| {
            navigate(
                path,
                NavigateOptions {
                    replace,
                    scroll: !replace,
                    ..Default::default()
                },
            )
        },
    )))
}
