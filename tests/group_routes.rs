//! The group screen's URLs: tab and members page are in the query, page 1 and the first tab are
//! left out, so a reload or a shared link opens the same place.

use owui_admin::routes::{group, group_at, groups, new_group};

#[test]
fn group_urls_carry_tab_and_members_page() {
    assert_eq!(group("g1", None), "/groups/g1");
    assert_eq!(
        group("g1", Some("permissions")),
        "/groups/g1?tab=permissions"
    );
    assert_eq!(group_at("g1", Some("members"), 1), "/groups/g1?tab=members");
    assert_eq!(
        group_at("g1", Some("members"), 3),
        "/groups/g1?tab=members&page=3"
    );
    assert_eq!(group_at("a b", None, 1), "/groups/a%20b");
}

#[test]
fn new_group_is_its_own_url() {
    assert_eq!(new_group(None), "/groups/new");
    assert_eq!(
        new_group(Some("permissions")),
        "/groups/new?tab=permissions"
    );
}

#[test]
fn groups_list_keeps_search_and_sort() {
    assert_eq!(groups("", None), "/groups");
    assert_eq!(
        groups("eng team", Some("members")),
        "/groups?q=eng%20team&sort=members"
    );
}
