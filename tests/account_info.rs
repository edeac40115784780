//! The info editor: rows from the stored object (nulls are absent) and the merge body (removed
//! keys sent as null, JSON values parsed, bad rows named).

use owui_admin::api::JsonMap;
use owui_admin::components::permissions::labels::{key_text, section_text};
use owui_admin::pages::account::access::permission_sections;
use owui_admin::pages::account::info_model::{InfoRow, build_payload, present_keys, rows_from};
use serde_json::{Value, json};

fn map(v: Value) -> JsonMap {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn row(id: u64, key: &str, value: &str, json: bool) -> InfoRow {
    InfoRow {
        id,
        key: key.into(),
        value: value.into(),
        json,
    }
}

#[test]
fn rows_skip_nulls_and_mark_json_values() {
    let info = map(json!({"team": "admins", "floor": 3, "gone": null, "tags": ["a"]}));
    let rows = rows_from(Some(&info));
    assert_eq!(
        rows.iter()
            .map(|r| (r.key.as_str(), r.value.as_str(), r.json))
            .collect::<Vec<_>>(),
        [
            ("team", "admins", false),
            ("floor", "3", true),
            ("tags", "[\"a\"]", true)
        ]
    );
    assert_eq!(present_keys(Some(&info)), ["team", "floor", "tags"]);
    assert!(rows_from(None).is_empty());
}

#[test]
fn removing_a_key_sends_null_and_values_keep_their_type() {
    let stored = vec!["team".to_string(), "floor".to_string()];
    let rows = vec![row(0, "floor", "4", true), row(1, "desk", "  B12 ", false)];
    let body = build_payload(&stored, &rows).unwrap();
    assert_eq!(
        Value::Object(body),
        json!({"floor": 4, "desk": "  B12 ", "team": null})
    );
}

#[test]
fn bad_rows_are_named() {
    let e = build_payload(&[], &[row(0, "a", "1", false), row(1, " ", "x", false)]).unwrap_err();
    assert_eq!(e.row, 1);
    let e = build_payload(&[], &[row(0, "a", "1", false), row(1, "a", "2", false)]).unwrap_err();
    assert!(e.message.contains("twice"));
    let e = build_payload(&[], &[row(0, "a", "{nope", true)]).unwrap_err();
    assert!(e.message.contains("not valid JSON"), "{}", e.message);
    let e = build_payload(&[], &[row(0, "a", "null", true)]).unwrap_err();
    assert!(e.message.contains("remove"));
}

#[test]
fn permissions_are_grouped_by_section() {
    let p = map(json!({"chat": {"edit": true, "delete": false}, "legacy": true}));
    let s = permission_sections(&p);
    assert_eq!(s[0].0, "chat");
    assert_eq!(
        s[0].1,
        vec![
            ("edit".to_string(), json!(true)),
            ("delete".to_string(), json!(false))
        ]
    );
    assert_eq!(
        s[1],
        (
            "other".to_string(),
            vec![("legacy".to_string(), json!(true))]
        )
    );
}

/// Guards: My account › Permissions showed raw keys ("Stt", "Api keys"); it now uses the
/// permission editor's labels, and unknown keys keep their raw name as the editor does.
#[test]
fn permission_names_are_the_editors_labels() {
    assert_eq!(key_text("chat", "stt"), "Speech to text");
    assert_eq!(key_text("features", "api_keys"), "API keys");
    assert_eq!(key_text("workspace", "models_import"), "Import models");
    assert_eq!(key_text("labs", "new_thing"), "new_thing");
    assert_eq!(section_text("features"), "Features");
    assert_eq!(section_text("labs"), "labs");
}
