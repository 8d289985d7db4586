//! NIK and KK validation against the real Kemendagri region history.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use puskesos_core::ident::{IdPart, IdProblem, IdWarning, KkNumber, Nik, RegionLevel, Sex};
use puskesos_core::Lang;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const CAPTURE: (i32, u32, u32) = (2026, 11, 24);

fn captured() -> NaiveDate {
    day(CAPTURE.0, CAPTURE.1, CAPTURE.2)
}

fn problems(input: &str) -> Vec<(IdPart, IdProblem)> {
    Nik::check(input, captured(), None)
        .issues
        .into_iter()
        .map(|i| (i.part, i.problem))
        .collect()
}

#[test]
fn a_woman_s_nik_reads_back_its_parts() {
    // Bandung regency district 320401, born 17 Aug 1985 (day 17 + 40 = 57), serial 0003.
    let nik = Nik::parse("3204015708850003", captured(), None).unwrap();
    assert_eq!(nik.province(), "32");
    assert_eq!(nik.regency(), "3204");
    assert_eq!(nik.district(), "320401");
    assert_eq!(nik.birth_date(), day(1985, 8, 17));
    assert_eq!(nik.sex(), Sex::Female);
    assert_eq!(nik.serial(), "0003");
}

#[test]
fn typing_noise_is_normalised() {
    let nik = Nik::parse(" 3204.0117-0890 0001 ", captured(), None).unwrap();
    assert_eq!(nik.as_str(), "3204011708900001");
    assert_eq!(nik.sex(), Sex::Male);
}

#[test]
fn each_broken_part_is_named() {
    assert_eq!(problems(""), vec![(IdPart::Whole, IdProblem::Empty)]);
    assert_eq!(
        problems("320401170890001"),
        vec![(IdPart::Whole, IdProblem::WrongLength { found: 15 })]
    );
    assert_eq!(
        problems("32040117089O0001"),
        vec![(
            IdPart::Whole,
            IdProblem::NonDigit {
                position: 12,
                found: 'O'
            }
        )]
    );
    assert_eq!(
        problems("3204013102900001"),
        vec![(
            IdPart::BirthDate,
            IdProblem::ImpossibleDate {
                day: 31,
                month: 2,
                year: 1990
            }
        )]
    );
    assert_eq!(
        problems("3204011708900000"),
        vec![(IdPart::Serial, IdProblem::ZeroSerial)]
    );
    // Day 81 - 40 = 41: no month has it, for women either.
    assert!(matches!(
        problems("3204018108900001")[0],
        (IdPart::BirthDate, IdProblem::ImpossibleDate { .. })
    ));
}

#[test]
fn two_digit_years_resolve_against_the_capture_date() {
    // 15 Mar 2024 is in the past on 24 Nov 2026 -> 2024.
    let child = Nik::parse("3204011503240001", captured(), None).unwrap();
    assert_eq!(child.birth_date(), day(2024, 3, 15));
    // 27 is after the capture year's 26 -> 1927.
    let elder = Nik::parse("3204011503270001", captured(), None).unwrap();
    assert_eq!(elder.birth_date(), day(1927, 3, 15));
    // 1 Dec 26 is later this year: a birth date in the future, not 1926.
    assert_eq!(
        problems("3204010112260001"),
        vec![(
            IdPart::BirthDate,
            IdProblem::FutureDate {
                date: "2026-12-01".into()
            }
        )]
    );
}

#[test]
fn region_is_checked_against_the_history_when_a_list_is_loaded() {
    let regions = common::region_history();
    assert!(Nik::parse("3204051708900001", captured(), Some(&regions)).is_ok());
    let province = Nik::check("9904011708900001", captured(), Some(&regions));
    assert_eq!(province.issues[0].part, IdPart::Province);
    let regency = Nik::check("3299011708900001", captured(), Some(&regions));
    assert_eq!(regency.issues[0].part, IdPart::Regency);
    let district = Nik::check("3204991708900001", captured(), Some(&regions));
    assert_eq!(district.issues[0].part, IdPart::District);
}

#[test]
fn a_retired_district_code_still_validates() {
    let regions = common::region_history();
    let retired = regions
        .at_level(RegionLevel::District)
        .find(|r| !r.current)
        .expect("the history holds retired districts");
    let nik = format!("{}1708900001", retired.code);
    assert!(Nik::parse(&nik, captured(), Some(&regions)).is_ok());
}

#[test]
fn messages_exist_in_both_languages_and_hide_the_number() {
    let err = Nik::parse("3204013102900001", captured(), None).unwrap_err();
    let id = err.message(Lang::Id);
    let en = err.message(Lang::En);
    assert!(id.contains("tidak ada di kalender"), "{id}");
    assert!(en.contains("not a calendar date"), "{en}");
    assert!(!id.contains("3204013102900001") && !en.contains("3204013102900001"));
}

#[test]
fn debug_output_masks_the_nik() {
    let nik = Nik::parse("3204015708850003", captured(), None).unwrap();
    let shown = format!("{nik:?}");
    assert!(!shown.contains("3204015708850003"));
    assert!(shown.contains("320401"));
}

#[test]
fn consistency_warnings_are_not_errors() {
    let nik = Nik::parse("3204015708850003", captured(), None).unwrap();
    let w = nik.warnings(Some(Sex::Male), Some(day(1985, 8, 18)), Some("3273010001"));
    assert!(matches!(w[0], IdWarning::SexMismatch { .. }));
    assert!(matches!(w[1], IdWarning::BirthDateMismatch { .. }));
    assert!(matches!(w[2], IdWarning::RegionMismatch { .. }));
    // Each language names the sexes in its own words.
    assert_eq!(
        w[0].message(Lang::Id),
        "Jenis kelamin yang diisi (laki-laki) berbeda dengan yang tersirat di NIK (perempuan)."
    );
    assert_eq!(
        w[0].message(Lang::En),
        "The stated sex (male) differs from the one in the NIK (female)."
    );
    assert!(nik
        .warnings(
            Some(Sex::Female),
            Some(day(1985, 8, 17)),
            Some("3204010001")
        )
        .is_empty());
}

#[test]
fn kk_numbers_carry_a_recording_date_without_sex() {
    let kk = KkNumber::parse("3204-0101-0512-0042", captured(), None).unwrap();
    assert_eq!(kk.district(), "320401");
    assert_eq!(kk.recorded_on(), day(2012, 5, 1));
    assert_eq!(kk.serial(), "0042");
    // Day 41 is a woman's NIK, never a KK date.
    let err = KkNumber::parse("3204014105120042", captured(), None).unwrap_err();
    assert_eq!(err.issues()[0].part, IdPart::RecordDate);
}

#[test]
fn region_list_looks_up_by_code_name_and_children() {
    let regions = common::region_history();
    let jabar = regions.get("32").unwrap();
    assert_eq!(jabar.name, "Jawa Barat");
    assert_eq!(regions.get("32.04").unwrap().dotted(), "32.04");
    let districts = regions.children("32.04");
    assert!(districts.len() > 20);
    assert!(districts
        .iter()
        .all(|d| d.code.starts_with("3204") && d.code.len() == 6));
    let found = regions.find_by_name("jawa barat");
    assert_eq!(found[0].code, "32");
}

#[test]
fn a_malformed_region_file_names_its_line() {
    let csv = "code,name\n32,Jawa Barat\n32.0X,Broken\n";
    let err = puskesos_core::ident::RegionList::from_csv(csv.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");
}

prop_compose! {
    fn valid_parts()(
        district in prop::sample::select(vec!["320401", "110101", "730101", "947112"]),
        date in (1930i32..=2026, 1u32..=12, 1u32..=28),
        female in any::<bool>(),
        serial in 1u32..=9999,
    ) -> (String, NaiveDate, Sex, String) {
        let (y, m, d) = date;
        let date = day(y, m, d).min(captured());
        let sex = if female { Sex::Female } else { Sex::Male };
        (district.to_string(), date, sex, format!("{serial:04}"))
    }
}

proptest! {
    #[test]
    fn generated_niks_parse_back_to_their_parts((district, date, sex, serial) in valid_parts()) {
        use chrono::Datelike;
        let dd = date.day() + if sex == Sex::Female { 40 } else { 0 };
        let text = format!("{district}{dd:02}{:02}{:02}{serial}", date.month(), date.year() % 100);
        let nik = Nik::parse(&text, captured(), None).unwrap();
        prop_assert_eq!(nik.district(), district.as_str());
        prop_assert_eq!(nik.sex(), sex);
        prop_assert_eq!(nik.serial(), serial.as_str());
        // Two digits cannot tell 1926 from 2026: the year-only rule picks 2026 for 00..=26.
        let expected_year = if date.year() % 100 <= 26 { 2000 + date.year() % 100 } else { 1900 + date.year() % 100 };
        prop_assert_eq!(nik.birth_date(), day(expected_year, date.month(), date.day()));
    }

    #[test]
    fn random_sixteen_characters_never_panic(s in "[0-9a-zA-Z .\\-]{16}") {
        let _ = Nik::check(&s, captured(), None);
        let _ = KkNumber::parse(&s, captured(), None);
    }

    #[test]
    fn any_string_never_panics(s in "\\PC{0,40}") {
        let _ = Nik::check(&s, captured(), None);
        let _ = KkNumber::parse(&s, captured(), None);
    }
}
