//! CSV import parsing and checks, failed-row download, and CSV export.

use std::collections::{HashMap, HashSet};

use owui_admin::api::User;
use owui_admin::pages::users::csv_export::{users_csv, utc_timestamp};
use owui_admin::pages::users::csv_import::{ImportRow, failed_rows_csv, parse};

fn existing() -> HashSet<String> {
    ["taken@example.com".to_string()].into()
}

#[test]
fn quotes_commas_bom_and_crlf() {
    let file = "\u{feff}Name,Email,Password,Role\r\n\"Lovelace, Ada\",ADA@example.com,pw1,Admin\r\n\"Say \"\"Hi\"\"\",hi@example.com,\"p,w\",\r\n";
    let rows = parse(file, &existing()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].name, "Lovelace, Ada");
    assert_eq!(
        rows[0].email, "ada@example.com",
        "emails are lowercased like the server does"
    );
    assert_eq!(rows[0].role, "admin");
    assert!(rows[0].is_valid(), "{:?}", rows[0].problems);
    assert_eq!(rows[1].name, "Say \"Hi\"");
    assert_eq!(rows[1].password, "p,w");
    assert_eq!(rows[1].role, "user", "empty role defaults to user");
    assert_eq!((rows[0].line, rows[1].line), (2, 3));
}

#[test]
fn role_column_is_optional_and_columns_can_move() {
    let rows = parse(
        "email,name,password\nbo@example.com,Bo,secret\n",
        &existing(),
    )
    .unwrap();
    assert_eq!(
        (rows[0].name.as_str(), rows[0].role.as_str()),
        ("Bo", "user")
    );
    assert!(rows[0].is_valid());
}

#[test]
fn every_row_says_what_is_wrong() {
    let file = "Name,Email,Password,Role
Good,good@example.com,pw,user
,noname@example.com,pw,user
Bad Email,not-an-email,pw,user
Taken,Taken@Example.com,pw,user
Dup,good@example.com,pw,user
No Password,nopw@example.com,,user
Boss,boss@example.com,pw,superuser

";
    let rows = parse(file, &existing()).unwrap();
    let problems: Vec<(usize, String)> = rows
        .iter()
        .map(|r| (r.line, r.problems.join(" | ")))
        .collect();
    assert_eq!(rows.len(), 7, "the blank line is skipped: {problems:?}");
    assert!(rows[0].is_valid());
    assert!(problems[1].1.contains("Enter a name"));
    assert!(problems[2].1.contains("not a valid email"));
    assert!(problems[3].1.contains("already exists"));
    assert!(problems[4].1.contains("earlier in the file"));
    assert!(problems[5].1.contains("Enter a password"));
    assert!(
        problems[6].1.contains("admin, user or pending"),
        "bad roles are refused before sending"
    );
}

#[test]
fn file_level_problems() {
    assert!(parse("", &existing()).unwrap_err().contains("empty"));
    assert!(
        parse("a,b,c\n1,2,3\n", &existing())
            .unwrap_err()
            .contains("header")
    );
    assert!(
        parse("Name,Email,Password\n", &existing())
            .unwrap_err()
            .contains("no users")
    );
}

#[test]
fn failed_rows_round_trip_for_a_retry() {
    let row = ImportRow {
        line: 2,
        name: "A, B".into(),
        email: "a@example.com".into(),
        password: "pw".into(),
        role: "user".into(),
        problems: vec![],
    };
    let csv = failed_rows_csv(&[(row.clone(), "Email taken".into())]);
    assert!(csv.starts_with("Name,Email,Password,Role,Problem\n"));
    let again = parse(&csv, &HashSet::new()).unwrap();
    assert_eq!(
        (
            again[0].name.as_str(),
            again[0].email.as_str(),
            again[0].role.as_str()
        ),
        ("A, B", "a@example.com", "user")
    );
}

#[test]
fn export_writes_one_line_per_user() {
    let u = User {
        id: "u1".into(),
        name: "O'Brien, Pat".into(),
        email: "pat@example.com".into(),
        role: "user".into(),
        group_ids: vec!["g1".into(), "g2".into()],
        created_at: Some(0),
        ..Default::default()
    };
    let names: HashMap<String, String> = [("g1".to_string(), "Support".to_string())].into();
    let csv = users_csv(&[u], &names);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Email,Role,Groups,Last active (UTC),Created (UTC),Updated (UTC),ID")
    );
    assert_eq!(
        lines.next(),
        Some("\"O'Brien, Pat\",pat@example.com,user,Support; g2,,1970-01-01 00:00:00,,u1")
    );
    assert_eq!(utc_timestamp(1_795_357_320), "2026-11-22 14:22:00");
    assert_eq!(utc_timestamp(951_782_400), "2000-02-29 00:00:00");
}
