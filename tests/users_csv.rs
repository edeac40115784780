//! CSV import parsing and checks, failed-row download, and CSV export.

use std::collections::{HashMap, HashSet};

use owui_admin::api::User;
use owui_admin::email_check::exact_match;
use owui_admin::pages::users::csv_export::{users_csv, utc_timestamp};
use owui_admin::pages::users::csv_import::{
    COULD_NOT_CHECK, EXISTS, ImportRow, apply_checks, emails_to_check, failed_rows_csv, parse,
    unchecked,
};

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

/// The server's search is a substring match on name or email: only the exact email counts.
#[test]
fn an_email_lookup_takes_only_the_exact_email() {
    let user = |id: &str, name: &str, email: &str| User {
        id: id.into(),
        name: name.into(),
        email: email.into(),
        ..Default::default()
    };
    let answer = [
        user("1", "Joann", "joann@example.com"),
        user("2", "ann@example.com (name)", "other@example.com"),
        user("3", "Ann", "Ann@Example.com"),
    ];
    assert_eq!(
        exact_match(&answer, "ann@example.com").map(|u| u.id.as_str()),
        Some("3")
    );
    assert_eq!(exact_match(&answer[..2], "ann@example.com"), None);
    assert_eq!(exact_match(&[], "ann@example.com"), None);
}

/// Guards against a row whose lookup failed being offered for creation as "new".
#[test]
fn rows_are_ready_only_when_their_email_was_confirmed_new() {
    let file = "Name,Email,Password
New,new@example.com,pw
Old,old@example.com,pw
Lost,lost@example.com,pw
Again,new@example.com,pw
Bad,not-an-email,pw
";
    let parsed = parse(file, &HashSet::new()).unwrap();
    assert_eq!(
        emails_to_check(&parsed),
        ["new@example.com", "old@example.com", "lost@example.com"],
        "each well-formed email once: one request per distinct email"
    );
    let checks: HashMap<String, Option<bool>> = [
        ("new@example.com".to_string(), Some(false)),
        ("old@example.com".to_string(), Some(true)),
        ("lost@example.com".to_string(), None),
    ]
    .into();
    let rows = apply_checks(&parsed, &checks);
    assert!(rows[0].is_valid(), "{:?}", rows[0].problems);
    assert_eq!(rows[1].problems, [EXISTS]);
    assert_eq!(rows[2].problems, [COULD_NOT_CHECK]);
    assert!(unchecked(&rows[2]) && !unchecked(&rows[1]));
    assert!(!rows[3].is_valid(), "a repeated email stays a problem");
    assert!(!unchecked(&rows[4]), "a malformed email is not looked up");
    // Not asked at all (an empty answer): still not "new".
    let rows = apply_checks(&parsed, &HashMap::new());
    assert!(rows.iter().take(3).all(unchecked));
}
