//! The settings editor: shared state of the structured controls and the JSON view, validation
//! with a position, the diff, the request body and the dropped keys after saving.

use owui_admin::api::JsonMap;
use owui_admin::pages::account::settings_model::{
    SettingsEditor, dropped_keys, parse_number, parse_settings,
};
use serde_json::{Value, json};

fn map(v: Value) -> JsonMap {
    match v {
        Value::Object(m) => m,
        _ => panic!("not an object"),
    }
}

fn loaded() -> SettingsEditor {
    SettingsEditor::new(Some(map(json!({
        "ui": {"textScale": 1.1, "futureKey": {"nested": [1, 2]}, "chatBubble": true},
        "extraTopLevel": true
    }))))
}

#[test]
fn null_settings_start_empty() {
    let e = SettingsEditor::new(None);
    assert_eq!(e.text, "{}");
    assert!(!e.can_save());
}

#[test]
fn a_control_edit_shows_in_the_json_and_keeps_unknown_keys() {
    let mut e = loaded();
    e.set_ui("textScale", Some(json!(1.25)));
    e.set_ui("widescreenMode", Some(json!(true)));
    let reparsed = parse_settings(&e.text).unwrap();
    assert_eq!(reparsed, e.current);
    assert_eq!(e.current["ui"]["textScale"], json!(1.25));
    assert_eq!(e.current["ui"]["futureKey"], json!({"nested": [1, 2]}));
    assert_eq!(e.current["extraTopLevel"], json!(true));
    // Order is kept: the known key stays where it was, the new one goes last.
    let keys: Vec<_> = e.current["ui"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        ["textScale", "futureKey", "chatBubble", "widescreenMode"]
    );
    assert!(e.can_save());
}

#[test]
fn a_json_edit_shows_in_the_controls() {
    let mut e = loaded();
    let mut v = e.current.clone();
    v["ui"]
        .as_object_mut()
        .unwrap()
        .insert("chatDirection".into(), json!("RTL"));
    e.set_text(serde_json::to_string(&v).unwrap());
    assert_eq!(e.ui("chatDirection"), Some(&json!("RTL")));
    assert!(e.error.is_none());
}

#[test]
fn invalid_json_says_where_blocks_saving_and_keeps_the_text() {
    let mut e = loaded();
    e.set_ui("textScale", Some(json!(1.3)));
    let typed = "{\n  \"ui\": {\n    \"textScale\": 1.3,\n  }\n}".to_string();
    e.set_text(typed.clone());
    let err = e.error.clone().expect("trailing comma is invalid");
    assert_eq!(err.line, 4);
    assert!(err.to_string().starts_with("Line 4, column 3: "), "{err}");
    assert!(
        !err.message.contains(" at line "),
        "position is not repeated: {err}"
    );
    assert!(!e.can_save());
    // The last valid object stays, the typed text is not overwritten by a control edit.
    assert_eq!(e.current["ui"]["textScale"], json!(1.3));
    e.set_ui("textScale", Some(json!(1.5)));
    assert_eq!(e.text, typed);
    assert_eq!(e.current["ui"]["textScale"], json!(1.3));
}

#[test]
fn only_objects_are_settings() {
    assert!(
        parse_settings("[1]")
            .unwrap_err()
            .to_string()
            .contains("object")
    );
    assert!(
        parse_settings("{\"ui\": 3}")
            .unwrap_err()
            .to_string()
            .contains("“ui”")
    );
    assert!(parse_settings("{\"other\": 3}").is_ok());
}

#[test]
fn payload_is_complete_and_removes_with_null() {
    let mut e = loaded();
    e.set_ui("chatBubble", None);
    e.set_ui("textScale", Some(json!(1.2)));
    let body = e.payload();
    assert_eq!(
        Value::Object(body),
        json!({
            "ui": {"textScale": 1.2, "futureKey": {"nested": [1, 2]}, "chatBubble": null},
            "extraTopLevel": true
        })
    );
    // A removed top-level key is sent as null too (the server merges the top level).
    let mut e = loaded();
    e.set_text(
        "{\"ui\": {\"textScale\": 1.1, \"futureKey\": {\"nested\": [1, 2]}, \"chatBubble\": true}}"
            .into(),
    );
    assert_eq!(e.payload()["extraTopLevel"], Value::Null);
}

#[test]
fn diff_lists_each_changed_key() {
    let mut e = loaded();
    e.set_ui("textScale", Some(json!(1.2)));
    e.set_ui("chatBubble", None);
    e.set_ui("memory", Some(json!(false)));
    let d = e.diff();
    let paths: Vec<_> = d.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["ui.textScale", "ui.memory", "ui.chatBubble"]);
    assert_eq!(d[0].before, Some(json!(1.1)));
    assert_eq!(d[0].after, Some(json!(1.2)));
    assert_eq!(d[1].before, None);
    assert_eq!(d[2].after, None);
}

#[test]
fn saving_shows_the_server_version_and_names_dropped_keys() {
    let mut e = loaded();
    e.set_ui("toolServers", Some(json!([{"url": "http://x"}])));
    e.set_ui("chatBubble", None);
    let sent = e.payload();
    let returned = map(
        json!({"ui": {"textScale": 1.1, "futureKey": {"nested": [1, 2]}}, "extraTopLevel": true}),
    );
    let dropped = dropped_keys(&sent, &returned);
    assert_eq!(dropped, ["ui.toolServers"]); // chatBubble was removed on purpose (sent as null)
    // The form then shows the server's version, with nothing left to save.
    let e = SettingsEditor::new(Some(returned.clone()));
    assert_eq!(e.current, returned);
    assert!(!e.can_save());
    assert!(dropped_keys(&map(json!({"x": 1})), &JsonMap::new()) == ["x"]);
}

#[test]
fn numbers_are_checked_against_the_range() {
    assert_eq!(parse_number("textScale", "1.25"), Ok(Some(json!(1.25))));
    assert_eq!(parse_number("textScale", " "), Ok(None));
    assert!(
        parse_number("textScale", "9")
            .unwrap_err()
            .contains("between")
    );
    assert!(parse_number("textScale", "abc").is_err());
    assert_eq!(parse_number("seed", "42"), Ok(Some(json!(42))));
    assert!(parse_number("seed", "4.5").unwrap_err().contains("whole"));
}
