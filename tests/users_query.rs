//! The users screen's URL state: parse, print, and the transitions the UI makes.

use owui_admin::pages::users::query::{Dir, SortKey, UsersQuery, page_count};

#[test]
fn defaults_stay_out_of_the_url() {
    assert_eq!(UsersQuery::default().to_query_string(), "");
    assert_eq!(UsersQuery::from_pairs([]), UsersQuery::default());
}

#[test]
fn round_trips_through_the_url() {
    let q = UsersQuery {
        search: "Chloé & co".into(),
        sort: SortKey::LastActive,
        dir: Dir::Desc,
        page: 3,
        filters: Default::default(),
    };
    let s = q.to_query_string();
    assert_eq!(
        s,
        "?q=Chlo%C3%A9%20%26%20co&sort=last_active_at&dir=desc&page=3"
    );
    // What the router hands back is decoded.
    let parsed = UsersQuery::from_pairs([
        ("q", "Chloé & co"),
        ("sort", "last_active_at"),
        ("dir", "desc"),
        ("page", "3"),
    ]);
    assert_eq!(parsed, q);
}

#[test]
fn garbage_falls_back_to_defaults() {
    let q = UsersQuery::from_pairs([
        ("sort", "password"),
        ("dir", "sideways"),
        ("page", "-4"),
        ("zzz", "1"),
    ]);
    assert_eq!(q, UsersQuery::default());
    assert_eq!(UsersQuery::from_pairs([("page", "0")]).page, 1);
    assert_eq!(UsersQuery::from_pairs([("page", "abc")]).page, 1);
}

#[test]
fn sorting_flips_direction_and_resets_page() {
    let q = UsersQuery {
        page: 4,
        ..Default::default()
    };
    let by_name = q.sorted_by(SortKey::Name);
    assert_eq!(
        (by_name.sort, by_name.dir, by_name.page),
        (SortKey::Name, Dir::Asc, 1)
    );
    let flipped = by_name.sorted_by(SortKey::Name);
    assert_eq!(flipped.dir, Dir::Desc);
    assert_eq!(flipped.sorted_by(SortKey::Name).dir, Dir::Asc);
    assert_eq!(
        flipped.sorted_by(SortKey::Email).dir,
        Dir::Asc,
        "another column starts ascending"
    );
}

#[test]
fn searching_resets_page_and_maps_to_server_params() {
    let q = UsersQuery {
        page: 3,
        ..Default::default()
    }
    .searching("  bob ");
    assert_eq!(q.page, 1);
    let p = q.to_params();
    assert_eq!(p.query.as_deref(), Some("bob"));
    assert_eq!(p.order_by.as_deref(), Some("created_at"));
    assert_eq!(p.direction.as_deref(), Some("asc"));
    assert_eq!(
        UsersQuery::default().searching("   ").to_params().query,
        None
    );
}

#[test]
fn page_counts() {
    assert_eq!(page_count(0), 1);
    assert_eq!(page_count(30), 1);
    assert_eq!(page_count(31), 2);
    assert_eq!(page_count(41), 2);
}
