//! Usage in a period (issue 14): the URL state, the usage map built from one analytics answer,
//! the cells' numbers, and the "no messages" filter served by the filters' plan without a
//! request per user (against a small in-memory stand-in for the users route).

use std::cell::Cell;
use std::collections::HashSet;
use std::convert::Infallible;
use std::future::{Ready, ready};

use futures::FutureExt;
use owui_admin::api::{User, UserUsage, UserUsageList};
use owui_admin::pages::users::filter::boundary::Page;
use owui_admin::pages::users::filter::criteria::Criteria;
use owui_admin::pages::users::filter::plan::{Order, Plan, resolve};
use owui_admin::pages::users::filter::usage::{Period, UsageFilter, UsageMap, thousands};
use owui_admin::pages::users::filter::walk::walk;
use owui_admin::pages::users::filter::{Filters, LastActive};
use owui_admin::pages::users::query::UsersQuery;
use owui_admin::pages::users::usage::{Usage, usage_cells};

fn usage(id: &str, count: u64, total_tokens: u64) -> UserUsage {
    UserUsage {
        user_id: id.into(),
        count,
        total_tokens,
        ..Default::default()
    }
}

#[test]
fn period_and_filter_live_in_the_url_and_defaults_stay_out() {
    assert_eq!(UsersQuery::default().to_query_string(), "");
    let q = UsersQuery::from_pairs([
        ("usage", "90"),
        ("messages", "none"),
        ("last", "inactive-90"),
    ]);
    assert_eq!(q.filters.usage.period.days(), 90);
    assert!(q.filters.usage.no_messages);
    assert!(!q.filters.is_empty(), "no messages is a filter");
    assert_eq!(
        q.to_query_string(),
        "?last=inactive-90&usage=90&messages=none"
    );
    // The period alone is a view setting, not a filter.
    let p = UsersQuery::from_pairs([("usage", "7")]);
    assert!(p.filters.is_empty());
    assert_eq!(p.to_query_string(), "?usage=7");
    assert_eq!(
        UsersQuery::from_pairs([("usage", "30")]).to_query_string(),
        ""
    );
    // Only the offered periods; anything else is the default.
    for bad in ["0", "31", "-7", "x", ""] {
        assert_eq!(Period::parse(bad), None, "{bad:?}");
        let q = UsersQuery::from_pairs([("usage", bad), ("messages", "some")]);
        assert_eq!(q.filters.usage, UsageFilter::default(), "{bad:?}");
    }
    assert_eq!(
        Period::ALL.map(|p| p.days()),
        [7, 30, 90],
        "7, 30 and 90 days"
    );
    assert_eq!(Period::default().days(), 30);
    assert_eq!(
        Period::parse("7").unwrap().range(1_000_000),
        (395_200, 1_000_000)
    );
    assert_eq!(
        UsageFilter {
            period: Period::parse("7").unwrap(),
            no_messages: true
        }
        .describe()
        .as_deref(),
        Some("no messages in the last 7 days")
    );
}

#[test]
fn the_map_gives_listed_numbers_and_zero_for_users_left_out() {
    let list = UserUsageList {
        users: vec![
            usage("a", 1234, 5_678_901),
            usage("b", 3, 0),
            usage("", 9, 9),
        ],
        ..Default::default()
    };
    let m = UsageMap::new(Period::default(), &list, 100);
    assert!(m.complete);
    assert_eq!(
        m.of("a").map(|c| (c.messages, c.tokens)),
        Some((1234, 5_678_901))
    );
    assert_eq!(
        m.of("nobody").map(|c| c.messages),
        Some(0),
        "absent: no messages"
    );
    assert_eq!(m.active_users(), 2, "an entry without a user id is ignored");
    assert_eq!(
        m.with_messages(),
        HashSet::from(["a".to_string(), "b".to_string()])
    );
    let usage = Usage::Ready(std::sync::Arc::new(m));
    assert_eq!(
        usage_cells(&usage, "a"),
        ("1,234".into(), "5,678,901".into())
    );
    assert_eq!(usage_cells(&usage, "nobody"), ("0".into(), "0".into()));
    assert_eq!(
        usage_cells(&Usage::None, "a"),
        (String::new(), String::new())
    );
    assert_eq!(
        usage_cells(&Usage::Unavailable("off".into()), "a"),
        ("—".into(), "—".into())
    );
    // An answer that filled the limit may leave out users with messages: unknown, not 0.
    let cut = UsageMap::new(Period::default(), &list, 3);
    assert!(!cut.complete);
    assert_eq!(cut.of("nobody"), None);
    assert_eq!(
        usage_cells(&Usage::Ready(std::sync::Arc::new(cut)), "nobody"),
        ("?".into(), "?".into())
    );
}

#[test]
fn thousands_separators() {
    for (n, s) in [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1,000"),
        (12_345, "12,345"),
        (999_999, "999,999"),
        (1_000_000, "1,000,000"),
        (u64::MAX, "18,446,744,073,709,551,615"),
    ] {
        assert_eq!(thousands(n), s);
    }
}

#[test]
fn lenient_numbers_missing_null_float_or_text_and_unknown_keys_kept() {
    let v = serde_json::json!({"users": [
        {"user_id": "a", "count": 2.0, "input_tokens": null, "output_tokens": "40", "future": 1},
        {"user_id": "b", "count": -3, "input_tokens": 5, "output_tokens": 6},
        {"user_id": "c"}
    ], "period": "x"});
    let list = UserUsageList::from_json(v).unwrap();
    assert_eq!(UserUsageList::from_json(serde_json::json!([1])), None);
    assert_eq!(list.users[0].count, 2);
    assert_eq!(list.users[0].tokens(), 40, "no total: input + output");
    assert_eq!(list.users[0].extra["future"], 1);
    assert_eq!(list.users[1].count, 0, "a negative count is 0");
    assert_eq!(list.users[1].tokens(), 11);
    assert_eq!((list.users[2].count, list.users[2].tokens()), (0, 0));
    assert_eq!(list.extra["period"], "x");
}

// --- the "no messages" filter in the filters' plan --------------------------------------------

fn run<T>(f: impl std::future::Future<Output = T>) -> T {
    f.now_or_never().expect("the fake server answers at once")
}

/// `GET /users/` over `users`, 30 a page, ordered by created or last active (stable).
struct Fake {
    users: Vec<User>,
    requests: Cell<usize>,
}

impl Fake {
    fn fetch(&self, order: &Order, page: u32) -> Ready<Result<Page<User>, Infallible>> {
        self.requests.set(self.requests.get() + 1);
        let mut v = self.users.clone();
        v.sort_by(|a, b| {
            let o = match order.by.as_str() {
                "last_active_at" => a.last_active_at.cmp(&b.last_active_at),
                _ => a.created_at.cmp(&b.created_at),
            };
            if order.desc { o.reverse() } else { o }
        });
        let start = ((page.max(1) - 1) * 30) as usize;
        ready(Ok(Page {
            items: v.iter().skip(start).take(30).cloned().collect(),
            total: v.len() as u64,
        }))
    }
}

/// 200 users; user i last active at 10_000 - 40·i (so the oldest activity is last), and every
/// third user has messages.
fn setup() -> (Fake, HashSet<String>) {
    let users: Vec<User> = (0..200)
        .map(|i| User {
            id: format!("u{i:03}"),
            name: format!("User {i:03}"),
            role: "user".into(),
            created_at: Some(1_000 + i),
            last_active_at: Some(10_000 - 40 * i),
            ..Default::default()
        })
        .collect();
    let with: HashSet<String> = users
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 == 0)
        .map(|(_, u)| u.id.clone())
        .collect();
    (
        Fake {
            users,
            requests: Cell::new(0),
        },
        with,
    )
}

fn criteria(f: &Filters, with: &HashSet<String>) -> Criteria {
    let mut c = Criteria::new(f, 10_000, &[], None, |_| None);
    assert_eq!(
        c.with_messages,
        f.usage.no_messages.then(HashSet::new),
        "the filter asks for the ids with messages"
    );
    if c.with_messages.is_some() {
        c.with_messages = Some(with.clone());
    }
    c
}

fn served(fake: &Fake, plan: &Plan, c: &Criteria) -> Vec<String> {
    let w = run(walk(
        plan.walk_pages(),
        c,
        4,
        |o: &Order, p| fake.fetch(o, p),
        || false,
        |_, _| {},
    ))
    .unwrap();
    let mut ids: Vec<String> = w.users.into_iter().map(|u| u.id).collect();
    ids.sort();
    ids
}

#[test]
fn no_messages_alone_reads_each_page_once_and_keeps_only_users_without_messages() {
    let (fake, with) = setup();
    let f = Filters {
        usage: UsageFilter {
            no_messages: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let c = criteria(&f, &with);
    let (plan, probe_requests) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    assert!(matches!(plan, Plan::Walk { .. }), "{plan:?}");
    assert_eq!(plan.walk_pages().len(), 7, "200 users: 7 pages, each once");
    assert!(probe_requests <= 1, "{probe_requests}");
    let ids = served(&fake, &plan, &c);
    assert_eq!(ids.len(), 200 - with.len());
    assert!(ids.iter().all(|id| !with.contains(id)));
}

#[test]
fn no_messages_with_inactive_for_walks_only_the_inactive_pages() {
    let (fake, with) = setup();
    // The day count becomes a cut-off at "now"; set it directly: inactive since 6_000 (users 101 on).
    let f = Filters {
        last_active: Some(LastActive::InactiveFor(1)),
        usage: UsageFilter {
            no_messages: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut c = criteria(&f, &with);
    c.activity = Some(owui_admin::pages::users::filter::criteria::Activity::Before(6_000));
    let (plan, _) = run(resolve(&c, |o: &Order, p| fake.fetch(o, p))).unwrap();
    let pages = plan.walk_pages();
    assert!(
        pages.len() <= 4 && pages.iter().all(|(o, _)| o.by == "last_active_at"),
        "only the inactive range's pages: {pages:?}"
    );
    let ids = served(&fake, &plan, &c);
    let expected: Vec<String> = fake
        .users
        .iter()
        .filter(|u| u.last_active_at.unwrap_or(0) < 6_000 && !with.contains(&u.id))
        .map(|u| u.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids, expected);
}
