//! Status expiry: epoch seconds <-> `datetime-local` values in the person's time zone.

use owui_admin::pages::account::status_time::{epoch_to_local_input, local_input_to_epoch};

/// 2100-01-01T00:00:00Z, the value recorded in the status fixture.
const Y2100: i64 = 4_102_444_800;

#[test]
fn utc_round_trip() {
    assert_eq!(epoch_to_local_input(Y2100, 0), "2100-01-01T00:00");
    assert_eq!(local_input_to_epoch("2100-01-01T00:00", |_| 0), Ok(Y2100));
    assert_eq!(epoch_to_local_input(0, 0), "1970-01-01T00:00");
}

#[test]
fn offset_moves_the_wall_clock_not_the_instant() {
    // Berlin in winter: getTimezoneOffset() = -60, local time is one hour ahead of UTC.
    assert_eq!(epoch_to_local_input(Y2100, -60), "2100-01-01T01:00");
    assert_eq!(local_input_to_epoch("2100-01-01T01:00", |_| -60), Ok(Y2100));
    // New York in winter: +300, local is five hours behind, so the local date is the day before.
    assert_eq!(epoch_to_local_input(Y2100, 300), "2099-12-31T19:00");
    assert_eq!(local_input_to_epoch("2099-12-31T19:00", |_| 300), Ok(Y2100));
    // Half-hour zones (India, -330).
    assert_eq!(epoch_to_local_input(Y2100, -330), "2100-01-01T05:30");
}

#[test]
fn daylight_saving_uses_the_offset_of_the_target_date() {
    // A zone at +60 before 2026-03-29T01:00Z and +120 after (Europe, as getTimezoneOffset values).
    let change = 1_774_746_000; // 2026-03-29T01:00:00Z
    let offset = move |t: i64| if t < change { -60 } else { -120 };
    // Summer date-time: read with the summer offset even though "now" might be winter.
    let t = local_input_to_epoch("2026-07-01T12:00", offset).unwrap();
    assert_eq!(epoch_to_local_input(t, offset(t)), "2026-07-01T12:00");
    assert_eq!(t, 1_782_900_000); // 2026-07-01T10:00Z
    let w = local_input_to_epoch("2026-01-15T12:00", offset).unwrap();
    assert_eq!(w, 1_768_474_800); // 2026-01-15T11:00Z
}

#[test]
fn leap_days_and_seconds_parse() {
    assert_eq!(
        local_input_to_epoch("2024-02-29T00:00", |_| 0),
        Ok(1_709_164_800)
    );
    assert_eq!(epoch_to_local_input(1_709_164_800, 0), "2024-02-29T00:00");
    assert_eq!(
        local_input_to_epoch("2024-02-29T00:00:30", |_| 0),
        Ok(1_709_164_830)
    );
    assert_eq!(
        local_input_to_epoch("2024-02-29T00:00:30.000", |_| 0),
        Ok(1_709_164_830)
    );
}

#[test]
fn rejects_what_is_not_a_date_time() {
    for bad in [
        "",
        "tomorrow",
        "2023-02-29T10:00",
        "2024-13-01T00:00",
        "2024-01-01",
        "2024-01-01T24:00",
        "2024-1x-01T00:00",
    ] {
        let r = local_input_to_epoch(bad, |_| 0);
        assert!(r.is_err(), "{bad:?} parsed as {r:?}");
    }
    let msg = local_input_to_epoch("nope", |_| 0).unwrap_err();
    assert!(msg.contains("YYYY-MM-DDTHH:MM"), "{msg}");
}
