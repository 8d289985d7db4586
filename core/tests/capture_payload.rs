//! Payload interpretation: every class, and never a failure.

use chrono::NaiveDate;
use puskesos_core::capture::{case_qr_text, interpret, IdKind, PayloadKind, CASE_QR_PREFIX};
use puskesos_core::Lang;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

#[test]
fn the_apps_case_qr_round_trips() {
    let id = uuid::Uuid::now_v7();
    let text = case_qr_text(id);
    assert!(text.starts_with(CASE_QR_PREFIX));
    let m = interpret(&text, today());
    assert_eq!(m.kind, PayloadKind::CaseQr);
    assert_eq!(m.case_id, Some(id));
    // Lower case (a reader that lowercases) still works; a broken id does not pass as a case.
    assert_eq!(interpret(&text.to_lowercase(), today()).case_id, Some(id));
    assert_eq!(
        interpret("PUSKESOS:CASE:not-a-uuid", today()).kind,
        PayloadKind::Unknown
    );
}

#[test]
fn a_dukcapil_link_is_a_kk_verification_link_kept_in_full() {
    let text =
        "https://layananonline.dukcapil.kemendagri.go.id/Terpusat/Pindai?id=TEST0000000042X&t=1";
    let m = interpret(text, today());
    assert_eq!(m.kind, PayloadKind::KkVerificationLink);
    assert_eq!(m.text, text);
    assert_eq!(
        m.url_host.as_deref(),
        Some("layananonline.dukcapil.kemendagri.go.id")
    );
    assert_eq!(m.identifiers, vec!["TEST0000000042X".to_string()]);
    let path_id = interpret(
        "HTTPS://tte.kemendagri.go.id/verify/AB12CD34EF%2D56",
        today(),
    );
    assert_eq!(path_id.kind, PayloadKind::KkVerificationLink);
    assert_eq!(path_id.identifiers, vec!["AB12CD34EF-56".to_string()]);
}

#[test]
fn other_links_are_plain_urls() {
    let m = interpret("https://example.org/program?card=1234", today());
    assert_eq!(m.kind, PayloadKind::Url);
    assert_eq!(m.url_host.as_deref(), Some("example.org"));
    // A look-alike host is not Dukcapil.
    assert_eq!(
        interpret("https://kemendagri.go.id.example.com/x", today()).kind,
        PayloadKind::Url
    );
}

#[test]
fn sixteen_digit_numbers_become_checked_nik_and_kk_candidates() {
    // Synthetic: district 320101, day 45 = a woman born on the 5th, July 1990, serial 0001.
    let m = interpret("BPNT|NIK:3201014507900001|KPM", today());
    assert_eq!(m.kind, PayloadKind::NumbersText);
    let nik = m.candidates.iter().find(|c| c.kind == IdKind::Nik).unwrap();
    assert!(nik.valid);
    assert_eq!(nik.birth_date, NaiveDate::from_ymd_opt(1990, 7, 5));
    assert_eq!(nik.reason(Lang::En), "Valid NIK: born 1990-07-05, female.");
    let kk = m.candidates.iter().find(|c| c.kind == IdKind::Kk).unwrap();
    assert!(!kk.valid, "day 45 is no recording date");
    assert!(kk.reason(Lang::Id).starts_with("Bukan nomor KK yang valid"));
    // Debug output never shows the number in full.
    assert!(!format!("{nik:?}").contains("3201014507900001"));
}

#[test]
fn a_number_can_be_both_and_invalid_ones_say_why() {
    let m = interpret("3201011203150007", today());
    assert_eq!(m.kind, PayloadKind::NumbersText);
    assert!(m.candidates.iter().all(|c| c.valid));
    assert_eq!(m.candidates.len(), 2);
    let bad = interpret("no 3201013213990000 here", today());
    assert_eq!(bad.kind, PayloadKind::NumbersText);
    assert!(bad
        .candidates
        .iter()
        .all(|c| !c.valid && !c.issues.is_empty()));
}

#[test]
fn anything_else_is_unknown_and_never_fails() {
    for text in [
        "",
        "hello",
        "12345678901234567",
        "\u{0}\u{1}binary\u{FFFD}",
        "http://",
        "PUSKESOS:",
    ] {
        let m = interpret(text, today());
        assert_eq!(m.kind, PayloadKind::Unknown, "{text:?}");
        assert_eq!(m.text, text);
    }
}
