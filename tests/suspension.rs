//! Where a suspension is remembered (the suspension group's `data`) and how a batch stops on
//! Cancel (issue 13).

use leptos::prelude::*;
use serde_json::json;

use owui_admin::api::{Group, JsonMap};
use owui_admin::batch::{Cancel, run_cancellable, run_chunked};
use owui_admin::suspension::{
    MARKER, RECORDS, SuspendRecord, find_group, new_group_form, record_of, restore_role,
    with_records,
};

/// These futures never wait on anything: polling until ready needs no executor.
fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn map(v: serde_json::Value) -> JsonMap {
    v.as_object().cloned().unwrap_or_default()
}

/// The group is found by its marker, whatever it was renamed to.
#[test]
fn the_suspension_group_is_found_by_its_marker_not_its_name() {
    let plain = Group {
        id: "g1".into(),
        name: "Suspended".into(),
        ..Default::default()
    };
    let marked = Group {
        id: "g2".into(),
        name: "Locked out".into(),
        data: Some(map(json!({ MARKER: true }))),
        ..Default::default()
    };
    assert_eq!(
        find_group(&[plain.clone(), marked]).map(|g| g.id.as_str()),
        Some("g2")
    );
    assert!(find_group(&[plain]).is_none());
    assert_eq!(
        new_group_form().data.and_then(|d| d.get(MARKER).cloned()),
        Some(json!(true))
    );
}

/// Writing records keeps every other key of `data` (the server's `config`, a later version's
/// keys) and every other user's record.
#[test]
fn records_are_written_back_with_every_other_key_of_data() {
    let data = map(json!({
        "config": { "share": "members" },
        "future": [1, 2],
        RECORDS: { "other": { "role": "admin", "by_id": "x", "by_name": "X", "at": 5, "note": "kept" } }
    }));
    let out = with_records(Some(data), |r| {
        r.insert(
            "u1".into(),
            json!({ "role": "user", "by_id": "me", "by_name": "Me", "at": 9 }),
        );
    });
    assert_eq!(out["config"], json!({ "share": "members" }));
    assert_eq!(out["future"], json!([1, 2]));
    assert_eq!(out[MARKER], json!(true));
    assert_eq!(out[RECORDS]["other"]["note"], json!("kept"));
    let g = Group {
        data: Some(out.clone()),
        ..Default::default()
    };
    let rec = record_of(&g, "u1").expect("recorded");
    assert_eq!(
        (rec.role.as_str(), rec.by_name.as_str(), rec.at),
        ("user", "Me", 9)
    );
    let dropped = with_records(Some(out), |r| {
        r.remove("u1");
    });
    assert!(dropped[RECORDS].get("u1").is_none());
    assert!(dropped[RECORDS].get("other").is_some());
}

#[test]
fn reactivate_restores_admin_or_user_only() {
    let rec = |role: &str| SuspendRecord {
        role: role.into(),
        ..Default::default()
    };
    assert_eq!(restore_role(Some(&rec("admin"))), "admin");
    assert_eq!(restore_role(Some(&rec("user"))), "user");
    assert_eq!(restore_role(Some(&rec("pending"))), "user");
    assert_eq!(restore_role(Some(&rec("superuser"))), "user");
    assert_eq!(restore_role(None), "user");
}

/// Cancel before a call starts: the item comes back "not attempted" (`None`), never dropped.
#[test]
fn a_cancelled_batch_reports_every_item() {
    let owner = Owner::new();
    owner.set();
    let done = RwSignal::new(0usize);
    let cancel = Cancel::new();
    cancel.cancel();
    let out = block_on(run_cancellable(
        vec![1, 2, 3],
        done,
        Some(cancel),
        |_| async { Ok::<(), String>(()) },
    ));
    assert_eq!(out, vec![(1, None), (2, None), (3, None)]);
    assert_eq!(done.get_untracked(), 0);

    // Chunks run one after another: Cancel pressed during the first stops the rest.
    let cancel = Cancel::new();
    let out = block_on(run_chunked(
        vec![1, 2, 3, 4, 5],
        2,
        Some(done),
        Some(cancel),
        |part: Vec<i32>| async move {
            cancel.cancel();
            if part.contains(&1) {
                Ok(())
            } else {
                Err("late".to_string())
            }
        },
    ));
    assert_eq!(
        out,
        vec![
            (1, Some(Ok(()))),
            (2, Some(Ok(()))),
            (3, None),
            (4, None),
            (5, None)
        ]
    );
    assert_eq!(done.get_untracked(), 2);
}
