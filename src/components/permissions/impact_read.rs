//! The reads behind a change preview ([`super::impact`]) and the "Effect on members" section:
//! a group's members a page at a time, at most [`MAX_PAGES`] pages (30 each) per group, and
//! for a preview the groups, the stored defaults, the members of each group [`needs`] names
//! and (defaults change) the number of users. Never one request per member.

use crate::api::{ApiError, Client, Group, JsonMap, Membership, PAGE_SIZE, UserListParams};

use super::impact::{Change, Snapshot, needs};

/// Pages of members read per group.
pub const MAX_PAGES: u32 = 4;

/// A group's members (`membership`: effective, direct…) as (id, name), at most [`MAX_PAGES`]
/// pages, and the server's total (more than read when cut off). Counts its requests.
pub async fn members_of(
    c: &Client,
    id: &str,
    membership: Membership,
    requests: &mut u32,
) -> Result<(Vec<(String, String)>, u64), ApiError> {
    let mut out = Vec::new();
    let mut total = 0;
    for page in 1..=MAX_PAGES {
        let p = c.group_members(id, membership, "", page).await?;
        *requests += 1;
        total = p.total;
        let n = p.items.len() as u64;
        out.extend(p.items.into_iter().map(|u| (u.id, u.name)));
        if n < PAGE_SIZE || out.len() as u64 >= total {
            break;
        }
    }
    Ok((out, total))
}

/// Everything a preview is computed from: the change it was read for, the groups and stored
/// defaults as the server has them now, and the members read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactRead {
    pub change: Change,
    pub groups: Vec<Group>,
    pub defaults: JsonMap,
    pub snap: Snapshot,
}

/// Reads what previewing `change` needs (2 requests, then a few pages per group named by
/// [`needs`], plus one for the number of users on a defaults change).
pub async fn read_impact(c: Client, change: Change) -> Result<ImpactRead, ApiError> {
    let groups = c.groups().await?;
    let defaults = c.default_permissions().await?;
    let mut snap = Snapshot {
        requests: 2,
        ..Snapshot::default()
    };
    let need = needs(&change, &groups, &defaults);
    for id in &need.effective {
        let (m, total) = members_of(&c, id, Membership::Effective, &mut snap.requests).await?;
        if (m.len() as u64) < total {
            snap.cut_off.push(id.clone());
        }
        snap.effective.insert(id.clone(), m);
    }
    for id in &need.direct {
        let (m, total) = members_of(&c, id, Membership::Direct, &mut snap.requests).await?;
        if (m.len() as u64) < total && !snap.cut_off.contains(id) {
            snap.cut_off.push(id.clone());
        }
        snap.direct
            .insert(id.clone(), m.into_iter().map(|(id, _)| id).collect());
    }
    if need.total_users {
        let page = c
            .list_users(&UserListParams {
                page: 1,
                ..Default::default()
            })
            .await?;
        snap.requests += 1;
        snap.total_users = Some(page.total);
    }
    Ok(ImpactRead {
        change,
        groups,
        defaults,
        snap,
    })
}
