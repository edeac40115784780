//! The users filters' strategies against an in-memory stand-in for Open WebUI's users route
//! (same ordering rules, 30 a page, ties in table order): page arithmetic, boundaries (empty,
//! one page, on a page edge, all, none), role counts, plans, walks and cancel.

use std::cell::Cell;
use std::convert::Infallible;
use std::future::{Ready, ready};

use futures::FutureExt;
use owui_admin::api::User;
use owui_admin::pages::users::filter::boundary::{Page, SortedList};
use owui_admin::pages::users::filter::criteria::{Criteria, next_date, with_descendants};
use owui_admin::pages::users::filter::pages::{
    Piece, boundary_requests, display_pages, page_of, pages_covering, slice_of_page, window,
};
use owui_admin::pages::users::filter::plan::{Order, Plan, resolve, role_counts, window_page};
use owui_admin::pages::users::filter::walk::{local_page, sort_users, walk};
use owui_admin::pages::users::filter::{Filters, LastActive, Role};
use owui_admin::pages::users::query::{Dir, SortKey, UsersQuery};

/// Every future here is ready at once, so one poll runs a whole search.
fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    f.now_or_never().expect("the fake server answers at once")
}

fn user(i: usize, role: &str) -> User {
    User {
        id: format!("u{i:05}"),
        name: format!("User {i:05}"),
        email: format!("u{i:05}@example.com"),
        role: role.into(),
        created_at: Some(1_000 + i as i64),
        last_active_at: Some(1_000 + i as i64),
        ..Default::default()
    }
}

/// The server's `GET /users/?order_by&direction&page` over `users` (no search text): a stable
/// sort, so equal values keep table order, like SQLite.
struct Fake {
    users: Vec<User>,
    requests: Cell<usize>,
}

impl Fake {
    fn new(users: Vec<User>) -> Fake {
        Fake {
            users,
            requests: Cell::new(0),
        }
    }
    fn sorted(&self, order: &Order) -> Vec<User> {
        let mut v = self.users.clone();
        if let Some(g) = order.by.strip_prefix("group_id:") {
            let member = |u: &User| u.group_ids.iter().any(|x| x == g);
            v.sort_by(|a, b| member(b).cmp(&member(a)).then(a.name.cmp(&b.name)));
            return v;
        }
        v.sort_by(|a, b| {
            let o = match order.by.as_str() {
                "role" => a.role.cmp(&b.role),
                "created_at" => a.created_at.cmp(&b.created_at),
                "last_active_at" => a.last_active_at.cmp(&b.last_active_at),
                "name" => a.name.cmp(&b.name),
                _ => std::cmp::Ordering::Equal,
            };
            if order.desc { o.reverse() } else { o }
        });
        v
    }
    fn fetch(&self, order: &Order, page: u32) -> Ready<Result<Page<User>, Infallible>> {
        self.requests.set(self.requests.get() + 1);
        let v = self.sorted(order);
        let start = ((page.max(1) - 1) * 30) as usize;
        let items = v.iter().skip(start).take(30).cloned().collect();
        ready(Ok(Page {
            items,
            total: v.len() as u64,
        }))
    }
}

fn roles(admins: usize, pending: usize, users: usize) -> Vec<User> {
    // Interleaved in the table, so the role order differs from table order.
    let mut v = Vec::new();
    let (mut a, mut p, mut u) = (admins, pending, users);
    let mut i = 0;
    while a + p + u > 0 {
        for (left, role) in [(&mut u, "user"), (&mut a, "admin"), (&mut p, "pending")] {
            if *left > 0 {
                *left -= 1;
                v.push(user(i, role));
                i += 1;
            }
        }
    }
    v
}

// --- page arithmetic -----------------------------------------------------------------------

#[test]
fn pages_and_slices() {
    assert_eq!(page_of(0), 1);
    assert_eq!(page_of(29), 1);
    assert_eq!(page_of(30), 2);
    assert_eq!(pages_covering(&(0..0)), 1..1, "empty range: no page");
    assert_eq!(pages_covering(&(0..30)), 1..2, "exactly one page");
    assert_eq!(pages_covering(&(29..31)), 1..3, "across a page edge");
    assert_eq!(pages_covering(&(30..60)), 2..3, "starts on a page edge");
    assert_eq!(slice_of_page(2, &(35..100)), 5..30);
    assert_eq!(slice_of_page(2, &(0..45)), 0..15);
    assert_eq!(slice_of_page(1, &(40..45)), 0..0, "page before the range");
    assert_eq!(display_pages(0), 1);
    assert_eq!(display_pages(30), 1);
    assert_eq!(display_pages(31), 2);
}

#[test]
#[allow(clippy::single_range_in_vec_init)] // one segment is a case of its own
fn windows_over_segments() {
    // One segment starting mid-page: display page 1 = positions 5..35 (server pages 1 and 2).
    assert_eq!(
        window(&[5..100], 1),
        vec![Piece {
            segment: 0,
            range: 5..35
        }]
    );
    assert_eq!(
        window(&[5..100], 4),
        vec![Piece {
            segment: 0,
            range: 95..100
        }]
    );
    assert_eq!(window(&[5..100], 5), vec![], "past the end");
    assert_eq!(window(&[], 1), vec![], "empty");
    // Two segments (admins and users, pending left out): page 1 spans both.
    assert_eq!(
        window(&[0..10, 50..90], 1),
        vec![
            Piece {
                segment: 0,
                range: 0..10
            },
            Piece {
                segment: 1,
                range: 50..70
            }
        ]
    );
    assert_eq!(
        window(&[0..10, 50..90], 2),
        vec![Piece {
            segment: 1,
            range: 70..90
        }]
    );
    // Exactly one page, on page edges.
    assert_eq!(
        window(&[30..60], 1),
        vec![Piece {
            segment: 0,
            range: 30..60
        }]
    );
    assert_eq!(window(&[30..60], 2), vec![]);
}

#[test]
fn request_formula() {
    assert_eq!(boundary_requests(0), 1);
    assert_eq!(boundary_requests(30), 1);
    assert_eq!(boundary_requests(31), 2);
    assert_eq!(boundary_requests(900), 6); // 30 pages: 1 + ceil(log2 30) = 1 + 5
    assert_eq!(boundary_requests(10_000), 10); // 334 pages: 1 + 9
}

// --- boundaries ----------------------------------------------------------------------------

/// A list of `n` numbers 0..n and the first position >= `b`: every boundary of every length,
/// including empty, one page, page edges, all and none; never more requests than the formula.
#[test]
fn boundary_search_finds_every_boundary() {
    for n in [0u64, 1, 29, 30, 31, 59, 60, 61, 95, 300, 1_000] {
        let items: Vec<u64> = (0..n).collect();
        for b in (0..=n).filter(|b| n < 100 || b % 7 == 0 || b % 30 == 0 || *b == n) {
            let calls = Cell::new(0);
            let fetch = |p: u32| {
                calls.set(calls.get() + 1);
                let start = ((p - 1) * 30) as usize;
                ready(Ok::<_, Infallible>(Page {
                    items: items.iter().skip(start).take(30).copied().collect(),
                    total: n,
                }))
            };
            let mut list = SortedList::new(fetch);
            let total = run(list.total()).unwrap();
            let found = run(list.first_where(0, total, None, &|x| *x >= b)).unwrap();
            assert_eq!(found, b, "n={n} b={b}");
            assert!(
                calls.get() as u32 <= boundary_requests(n) + 1,
                "n={n} b={b}: {} requests",
                calls.get()
            );
        }
    }
}

#[test]
fn a_good_hint_ends_the_search_at_once() {
    let items: Vec<u64> = (0..3_000).collect();
    for (b, most) in [(1_234u64, 1usize), (1_230, 2), (0, 1)] {
        let calls = Cell::new(0);
        let mut list = SortedList::new(|p: u32| {
            calls.set(calls.get() + 1);
            let start = ((p - 1) * 30) as usize;
            ready(Ok::<_, Infallible>(Page {
                items: items.iter().skip(start).take(30).copied().collect(),
                total: 3_000,
            }))
        });
        let found = run(list.first_where(0, 3_000, Some(b), &|x| *x >= b)).unwrap();
        assert_eq!(found, b);
        assert!(calls.get() <= most, "b={b}: {} requests", calls.get());
    }
}

#[test]
fn ties_in_any_order_do_not_move_the_boundary() {
    // 95 "a" then 40 "b": each request returns equal values in another order.
    let mut n = 0u32;
    let calls = Cell::new(0);
    let _ = &mut n;
    let mut list = SortedList::new(|p: u32| {
        calls.set(calls.get() + 1);
        let mut v: Vec<(char, u32)> = (0..95)
            .map(|i| ('a', i))
            .chain((0..40).map(|i| ('b', i)))
            .collect();
        if calls.get() % 2 == 0 {
            v.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        }
        let start = ((p - 1) * 30) as usize;
        ready(Ok::<_, Infallible>(Page {
            items: v.into_iter().skip(start).take(30).collect(),
            total: 135,
        }))
    });
    assert_eq!(
        run(list.first_where(0, 135, None, &|x| x.0 == 'b')).unwrap(),
        95
    );
}

#[test]
fn a_list_that_shrank_meanwhile_ends_the_search() {
    // The total said 90, but only 40 remain: pages 3 and on come back empty.
    let mut list = SortedList::new(|p: u32| {
        let items: Vec<u64> = (0..40u64).skip(((p - 1) * 30) as usize).take(30).collect();
        ready(Ok::<_, Infallible>(Page { items, total: 40 }))
    });
    assert_eq!(
        run(list.first_where(0, 90, None, &|x| *x >= 100)).unwrap(),
        40
    );
}

// --- role counts and plans -----------------------------------------------------------------

#[test]
fn role_counts_come_from_two_boundaries() {
    for (a, p, u) in [
        (0, 0, 0),
        (1, 0, 0),
        (2, 3, 40),
        (0, 0, 95),
        (30, 30, 30),
        (3, 400, 7),
    ] {
        let fake = Fake::new(roles(a, p, u));
        let (c, requests) = run(role_counts(|o: &Order, pg| fake.fetch(o, pg))).unwrap();
        assert_eq!((c.admin, c.pending, c.user), (a as u64, p as u64, u as u64));
        let n = (a + p + u) as u64;
        assert!(
            requests as u32 <= 2 * boundary_requests(n),
            "{requests} requests for {n}"
        );
    }
}

fn criteria(f: &Filters, users_groups: &[owui_admin::api::Group]) -> Criteria {
    Criteria::new(f, 10_000, users_groups, None, |_| None)
}

fn expected(fake: &Fake, c: &Criteria) -> Vec<String> {
    let mut v: Vec<String> = fake
        .users
        .iter()
        .filter(|u| c.matches(u))
        .map(|u| u.id.clone())
        .collect();
    v.sort();
    v
}

/// Serves every display page of a plan and collects the ids.
fn served(fake: &Fake, plan: &Plan, c: &Criteria) -> Vec<String> {
    let fetch = |o: &Order, p| fake.fetch(o, p);
    let mut ids: Vec<String> = match plan {
        Plan::Server => fake.users.iter().map(|u| u.id.clone()).collect(),
        Plan::Window { .. } => {
            let total = plan.window_total().unwrap();
            let Plan::Window { segments } = plan else {
                unreachable!()
            };
            let mut v = Vec::new();
            for page in 1..=display_pages(total) {
                let (users, requests) = run(window_page(segments, page, c, fetch)).unwrap();
                assert!(requests <= 3, "a display page takes at most 3 requests");
                v.extend(users.into_iter().map(|u| u.id));
            }
            assert_eq!(v.len() as u64, total, "the window's total is its count");
            v
        }
        Plan::Walk { .. } => {
            let w = run(walk(plan.walk_pages(), c, 4, fetch, || false, |_, _| {})).unwrap();
            assert!(w.complete);
            w.users.into_iter().map(|u| u.id).collect()
        }
    };
    ids.sort();
    ids
}

#[test]
fn each_role_filter_serves_exactly_its_users() {
    let fake = Fake::new(roles(2, 33, 70));
    for chosen in [
        vec![Role::Admin],
        vec![Role::Pending],
        vec![Role::User],
        vec![Role::Admin, Role::User],
        vec![Role::Admin, Role::Pending],
    ] {
        let f = Filters {
            roles: chosen.clone(),
            ..Default::default()
        };
        let c = criteria(&f, &[]);
        let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
        assert!(matches!(plan, Plan::Window { .. }), "one filter: a window");
        assert_eq!(served(&fake, &plan, &c), expected(&fake, &c), "{chosen:?}");
    }
}

#[test]
fn none_match_and_all_match() {
    let fake = Fake::new(roles(0, 0, 65));
    let pending = Filters {
        roles: vec![Role::Pending],
        ..Default::default()
    };
    let c = criteria(&pending, &[]);
    let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    assert_eq!(plan.window_total(), Some(0));
    let users = Filters {
        roles: vec![Role::User],
        ..Default::default()
    };
    let c = criteria(&users, &[]);
    let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    assert_eq!(plan.window_total(), Some(65));
    assert_eq!(served(&fake, &plan, &c).len(), 65);
    let empty = Fake::new(Vec::new());
    let (plan, _) = run(resolve(&c, |o: &Order, p| empty.fetch(o, p))).unwrap();
    assert_eq!(plan.window_total(), Some(0));
}

#[test]
fn activity_created_and_combinations() {
    // created = last active = 1000 + i for i in 0..200; make some never active, some recent.
    let mut users = roles(10, 40, 150);
    for (i, u) in users.iter_mut().enumerate() {
        u.last_active_at = Some(if i % 3 == 0 {
            u.created_at.unwrap()
        } else {
            9_000 + i as i64
        });
        if i % 5 == 0 {
            u.group_ids = vec!["g1".into()];
        }
    }
    let fake = Fake::new(users);
    let day = |f: Filters| f;
    let cases = [
        day(Filters {
            last_active: Some(LastActive::Never),
            ..Default::default()
        }),
        day(Filters {
            roles: vec![Role::Pending],
            last_active: Some(LastActive::Never),
            ..Default::default()
        }),
        day(Filters {
            groups: vec!["g1".into()],
            ..Default::default()
        }),
        day(Filters {
            groups: vec!["g1".into()],
            roles: vec![Role::User],
            ..Default::default()
        }),
        day(Filters {
            groups: vec!["gone".into()],
            ..Default::default()
        }),
    ];
    let groups = vec![owui_admin::api::Group {
        id: "g1".into(),
        member_count: Some(40),
        ..Default::default()
    }];
    for f in cases {
        let c = criteria(&f, &groups);
        let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
        assert_eq!(served(&fake, &plan, &c), expected(&fake, &c), "{f:?}");
    }
    // Time conditions, set on the criteria directly (the date → epoch step is the browser's).
    use owui_admin::pages::users::filter::criteria::Activity;
    for c in [
        Criteria {
            activity: Some(Activity::Since(9_100)),
            ..Default::default()
        },
        Criteria {
            activity: Some(Activity::Before(9_100)),
            ..Default::default()
        },
        Criteria {
            activity: Some(Activity::Since(0)),
            ..Default::default()
        },
        Criteria {
            activity: Some(Activity::Since(99_999)),
            ..Default::default()
        },
        Criteria {
            created_from: Some(1_030),
            created_to: Some(1_060),
            ..Default::default()
        },
        Criteria {
            created_from: Some(1_031),
            ..Default::default()
        },
        Criteria {
            created_to: Some(1_000),
            ..Default::default()
        },
        Criteria {
            created_from: Some(1_050),
            created_to: Some(1_040),
            ..Default::default()
        },
        Criteria {
            created_from: Some(1_030),
            roles: vec![Role::Admin],
            activity: Some(Activity::Before(9_150)),
            ..Default::default()
        },
    ] {
        let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
        assert_eq!(served(&fake, &plan, &c), expected(&fake, &c), "{c:?}");
    }
}

#[test]
fn several_filters_walk_only_the_most_selective_range() {
    // 600 users (20 pages); 3 pending: the walk reads 1 page, not 20.
    let fake = Fake::new(roles(5, 3, 592));
    let f = Filters {
        roles: vec![Role::Pending],
        last_active: Some(LastActive::Never),
        ..Default::default()
    };
    let c = criteria(&f, &[]);
    let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    assert!(plan.walk_pages().len() <= 2, "{plan:?}");
}

#[test]
fn a_group_with_a_good_hint_costs_one_or_two_requests() {
    let mut users = roles(0, 0, 3_000);
    for u in users.iter_mut().take(77) {
        u.group_ids = vec!["g".into()];
    }
    let fake = Fake::new(users);
    let groups = vec![owui_admin::api::Group {
        id: "g".into(),
        member_count: Some(77),
        ..Default::default()
    }];
    let f = Filters {
        groups: vec!["g".into()],
        ..Default::default()
    };
    let (plan, requests) = run(resolve(&criteria(&f, &groups), |o: &Order, p| {
        fake.fetch(o, p)
    }))
    .unwrap();
    assert_eq!(plan.window_total(), Some(77));
    assert!(requests <= 2, "{requests} requests");
}

#[test]
fn walks_stop_when_cancelled_and_report_progress() {
    let fake = Fake::new(roles(0, 0, 300));
    let c = Criteria {
        activity: Some(owui_admin::pages::users::filter::criteria::Activity::Never),
        ..Default::default()
    };
    let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    assert_eq!(plan.walk_pages().len(), 10);
    let stop = Cell::new(false);
    let mut seen = Vec::new();
    let w = run(walk(
        plan.walk_pages(),
        &c,
        1,
        |o: &Order, p| fake.fetch(o, p),
        || stop.get(),
        |done, of| {
            seen.push((done, of));
            if done == 3 {
                stop.set(true);
            }
        },
    ))
    .unwrap();
    assert!(!w.complete);
    assert_eq!(w.checked, 3);
    assert_eq!(seen, vec![(0, 10), (1, 10), (2, 10), (3, 10)]);
    assert_eq!(w.users.len(), 90, "what was read is kept");
}

#[test]
fn walked_users_are_sorted_and_paged_here() {
    let mut users = roles(3, 3, 60);
    sort_users(&mut users, SortKey::Name, Dir::Desc);
    assert!(users.windows(2).all(|w| w[0].name >= w[1].name));
    assert_eq!(local_page(&users, 1).len(), 30);
    assert_eq!(local_page(&users, 3).len(), 6);
    assert!(local_page(&users, 4).is_empty());
}

// --- the URL and the criteria ---------------------------------------------------------------

#[test]
fn filters_round_trip_through_the_url_and_defaults_stay_out() {
    let q = UsersQuery {
        search: "ann".into(),
        filters: Filters {
            roles: vec![Role::Admin, Role::Pending],
            groups: vec!["g 1".into(), "g2".into()],
            include_children: true,
            last_active: Some(LastActive::InactiveFor(30)),
            created_from: Some("2026-01-01".into()),
            created_to: Some("2026-02-28".into()),
            suspended: true,
            ..Default::default()
        },
        page: 2,
        ..Default::default()
    };
    let s = q.to_query_string();
    assert_eq!(
        s,
        "?q=ann&role=admin,pending&group=g%201,g2&children=1&last=inactive-30&from=2026-01-01&to=2026-02-28&suspended=1&page=2"
    );
    let parsed = UsersQuery::from_pairs([
        ("q", "ann"),
        ("role", "admin,pending"),
        ("group", "g 1,g2"),
        ("children", "1"),
        ("last", "inactive-30"),
        ("from", "2026-01-01"),
        ("to", "2026-02-28"),
        ("suspended", "1"),
        ("page", "2"),
    ]);
    assert_eq!(parsed, q);
    for l in [LastActive::Within(7), LastActive::Never] {
        let q = UsersQuery::default().filtered(Filters {
            last_active: Some(l),
            ..Default::default()
        });
        let s = q.to_query_string();
        let v = s.trim_start_matches("?last=");
        assert_eq!(UsersQuery::from_pairs([("last", v)]), q);
    }
    assert_eq!(
        UsersQuery::default()
            .filtered(Filters::default())
            .to_query_string(),
        ""
    );
}

#[test]
fn a_filter_change_goes_back_to_page_one_and_garbage_is_ignored() {
    let q = UsersQuery {
        page: 5,
        ..Default::default()
    };
    assert_eq!(q.filtered(Filters::pending_queue()).page, 1);
    assert_eq!(
        q.filtered(Filters::pending_queue()).to_query_string(),
        "?role=pending"
    );
    let g = UsersQuery::from_pairs([
        ("role", "root,admin,admin"),
        ("last", "active-0"),
        ("from", "2026-13-01"),
        ("to", "yesterday"),
        ("suspended", "yes"),
    ]);
    assert_eq!(
        g.filters,
        Filters {
            roles: vec![Role::Admin],
            ..Default::default()
        }
    );
    assert_eq!(
        UsersQuery::from_pairs([("role", "user,admin,pending")]).filters,
        Filters::default()
    );
}

#[test]
fn dates_and_child_groups() {
    assert_eq!(next_date("2026-02-28").as_deref(), Some("2026-03-01"));
    assert_eq!(next_date("2028-02-28").as_deref(), Some("2028-02-29"));
    assert_eq!(next_date("2026-12-31").as_deref(), Some("2027-01-01"));
    assert_eq!(next_date("2026-02-30"), None);
    use owui_admin::api::Group;
    let g = |id: &str, parent: Option<&str>| Group {
        id: id.into(),
        parent_group_id: parent.map(Into::into),
        ..Default::default()
    };
    let groups = vec![
        g("eng", None),
        g("plat", Some("eng")),
        g("db", Some("plat")),
        g("sup", None),
    ];
    let mut d = with_descendants(&["eng".into()], &groups);
    d.sort();
    assert_eq!(d, vec!["db", "eng", "plat"]);
    let f = Filters {
        groups: vec!["eng".into()],
        include_children: true,
        ..Default::default()
    };
    let c = Criteria::new(&f, 0, &groups, None, |_| None);
    let mut member = User {
        group_ids: vec!["db".into()],
        ..Default::default()
    };
    assert!(c.matches(&member), "a member of a grandchild group");
    member.group_ids = vec!["sup".into()];
    assert!(!c.matches(&member));
    let suspended = Filters {
        suspended: true,
        ..Default::default()
    };
    let c = Criteria::new(&suspended, 0, &groups, None, |_| None);
    assert!(
        !c.matches(&member),
        "no suspension group: nobody is suspended"
    );
}

// --- what each filter costs ----------------------------------------------------------------

/// The requests each filter takes to resolve, at 900 users (30 pages) and 10,000 (334 pages),
/// printed for the record (`cargo test --test users_filters -- --nocapture costs`) and bounded
/// by the formulas: role 1 + 2·log2(P), last active 1 + log2(P), created 1 + 2·log2(P), a group
/// with its member count 1–2, plus the window's 1–3 a page or the walk's pages.
#[test]
fn costs() {
    for n in [900usize, 10_000] {
        let mut users = roles(n / 100 + 1, n / 10, n - n / 100 - 1 - n / 10);
        for (i, u) in users.iter_mut().enumerate() {
            u.last_active_at = Some(if i % 4 == 0 {
                u.created_at.unwrap()
            } else {
                50_000 + i as i64
            });
            if i % 20 == 0 {
                u.group_ids = vec!["g".into()];
            }
        }
        let members = users.iter().filter(|u| !u.group_ids.is_empty()).count() as u64;
        let fake = Fake::new(users);
        let groups = vec![owui_admin::api::Group {
            id: "g".into(),
            member_count: Some(members),
            ..Default::default()
        }];
        let log = boundary_requests(n as u64) as usize - 1;
        use owui_admin::pages::users::filter::criteria::Activity;
        let cases: Vec<(&str, Criteria, usize)> = vec![
            (
                "role=pending",
                criteria(
                    &Filters {
                        roles: vec![Role::Pending],
                        ..Default::default()
                    },
                    &groups,
                ),
                1 + 2 * log,
            ),
            (
                "last=active-N",
                Criteria {
                    activity: Some(Activity::Since(50_000 + n as i64 / 2)),
                    ..Default::default()
                },
                1 + log,
            ),
            (
                "created from/to",
                Criteria {
                    created_from: Some(1_000 + n as i64 / 3),
                    created_to: Some(1_000 + n as i64 / 2),
                    ..Default::default()
                },
                1 + 2 * log,
            ),
            (
                "group",
                criteria(
                    &Filters {
                        groups: vec!["g".into()],
                        ..Default::default()
                    },
                    &groups,
                ),
                2,
            ),
            (
                "role=pending&last=never",
                criteria(
                    &Filters {
                        roles: vec![Role::Pending],
                        last_active: Some(LastActive::Never),
                        ..Default::default()
                    },
                    &groups,
                ),
                1 + 2 * log + 1 + 2 * log,
            ),
        ];
        for (name, c, bound) in cases {
            let before = fake.requests.get();
            let (plan, requests) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
            assert_eq!(fake.requests.get() - before, requests, "{name}: counted");
            let walk_pages = plan.walk_pages().len();
            println!(
                "{n} users ({} pages): {name}: {requests} requests to resolve, {} then",
                display_pages(n as u64),
                match &plan {
                    Plan::Walk { .. } => format!("a walk of {walk_pages} pages"),
                    _ => "1-3 a page".into(),
                }
            );
            assert!(requests <= bound, "{name} at {n}: {requests} > {bound}");
            assert_eq!(
                served(&fake, &plan, &c),
                expected(&fake, &c),
                "{name} at {n}"
            );
        }
        let before = fake.requests.get();
        run(role_counts(|o: &Order, p| fake.fetch(o, p))).unwrap();
        println!(
            "{n} users: role counts: {} requests",
            fake.requests.get() - before
        );
    }
}
