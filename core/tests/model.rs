//! Records cannot be built from invalid values.

use chrono::{NaiveDate, TimeZone, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    Document, DocumentKind, GeoPoint, Household, HouseholdInput, Housing, ModelError, Person,
    PersonInput, PersonName, Relationship, Rt, VillageCode, Visit, VisitPurpose,
};
use puskesos_core::Lang;
use uuid::Uuid;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

#[test]
fn small_values_are_normalised_or_refused() {
    assert_eq!(
        VillageCode::new("32.04.05.2001").unwrap().as_str(),
        "3204052001"
    );
    assert_eq!(
        VillageCode::new("32.04.05.2001").unwrap().district(),
        "320405"
    );
    assert!(VillageCode::new("32.04.05").is_err());
    assert_eq!(Rt::new("3").unwrap().as_str(), "003");
    assert!(Rt::new("0").is_err());
    assert!(Rt::new("1234").is_err());
    assert_eq!(
        PersonName::new("  Siti   Aminah ").unwrap().as_str(),
        "Siti Aminah"
    );
    assert!(PersonName::new("Robot 3000").is_err());
    assert!(PersonName::new("").is_err());
    assert!(PersonName::new("Ni Luh Putu Ayu' Sari-Dewi, S.Pd.").is_ok());
}

#[test]
fn a_person_takes_sex_and_birth_date_from_the_nik_when_the_form_is_silent() {
    let (p, warnings) = Person::new(
        PersonInput {
            household_id: Uuid::now_v7(),
            nik: Some("3204055708850003".into()),
            name: "Euis Komariah".into(),
            ..Default::default()
        },
        "op",
        now(),
        None,
    )
    .unwrap();
    assert_eq!(p.sex, Sex::Female);
    assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1985, 8, 17));
    assert_eq!(p.relationship, Relationship::Other);
    assert!(warnings.is_empty());
    assert_eq!(
        p.age_on(NaiveDate::from_ymd_opt(2026, 8, 16).unwrap()),
        Some(40)
    );
}

#[test]
fn impossible_people_are_refused() {
    let base = PersonInput {
        household_id: Uuid::now_v7(),
        name: "Budi".into(),
        ..Default::default()
    };
    let no_sex = Person::new(base.clone(), "op", now(), None).unwrap_err();
    assert!(matches!(no_sex, ModelError::Invalid { field: "sex", .. }));
    let pregnant_man = Person::new(
        PersonInput {
            sex: Some(Sex::Male),
            pregnant: Some(true),
            ..base.clone()
        },
        "op",
        now(),
        None,
    )
    .unwrap_err();
    assert!(matches!(
        pregnant_man,
        ModelError::Invalid {
            field: "pregnant",
            ..
        }
    ));
    let bad_nik = Person::new(
        PersonInput {
            nik: Some("3204053102900001".into()),
            ..base
        },
        "op",
        now(),
        None,
    )
    .unwrap_err();
    assert!(bad_nik.message(Lang::Id).contains("NIK tidak valid"));
}

#[test]
fn a_household_checks_its_kk_address_and_housing() {
    let input = HouseholdInput {
        kk_number: "3204050105120042".into(),
        village_code: "3204052001".into(),
        address: "Kampung Sukamaju".into(),
        rt: "3".into(),
        rw: "1".into(),
        head_name: "Asep".into(),
        housing: Housing::default(),
    };
    assert!(Household::new(input.clone(), "op", now(), None).is_ok());
    let bad_area = HouseholdInput {
        housing: Housing {
            floor_area_m2: Some(-4.0),
            ..Default::default()
        },
        ..input.clone()
    };
    assert!(Household::new(bad_area, "op", now(), None).is_err());
    let bad_kk = HouseholdInput {
        kk_number: "3204050105120000".into(),
        ..input
    };
    assert!(matches!(
        Household::new(bad_kk, "op", now(), None).unwrap_err(),
        ModelError::Ident(_)
    ));
}

#[test]
fn ids_are_uuid_v7_and_records_carry_their_author() {
    let v = Visit::new(
        Uuid::now_v7(),
        now(),
        VisitPurpose::Verification,
        Some(GeoPoint::new(-6.93, 107.72, Some(8.0)).unwrap()),
        Some("Rumah berlantai tanah"),
        "pillar-7",
        now(),
    )
    .unwrap();
    assert_eq!(v.meta.id.get_version_num(), 7);
    assert_eq!(v.meta.created_by, "pillar-7");
    assert!(
        GeoPoint::new(48.85, 2.35, None).is_err(),
        "Paris is not a village here"
    );
    assert!(Visit::new(
        Uuid::now_v7(),
        now() + chrono::Duration::days(1),
        VisitPurpose::Other,
        None,
        None,
        "p",
        now()
    )
    .is_err());
}

#[test]
fn a_document_needs_a_real_hash_and_a_supported_type() {
    let h = Uuid::now_v7();
    let hash = "0f".repeat(32);
    assert!(Document::new(h, DocumentKind::Kk, &hash, 10, "image/jpeg", "op", now()).is_ok());
    assert!(Document::new(h, DocumentKind::Kk, "ABC", 10, "image/jpeg", "op", now()).is_err());
    assert!(Document::new(h, DocumentKind::Kk, &hash, 0, "image/jpeg", "op", now()).is_err());
    assert!(Document::new(h, DocumentKind::Kk, &hash, 10, "image/gif", "op", now()).is_err());
    assert_eq!(DocumentKind::REQUIRED_SET.len(), 9);
}

#[test]
fn records_round_trip_through_their_sync_json() {
    let (p, _) = Person::new(
        PersonInput {
            household_id: Uuid::now_v7(),
            nik: Some("3204055708850003".into()),
            name: "Euis".into(),
            relationship: Some(Relationship::Spouse),
            ..Default::default()
        },
        "op",
        now(),
        None,
    )
    .unwrap();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["relationship"], "spouse");
    assert_eq!(json["nik"], "3204055708850003");
    assert_eq!(json["id"], p.meta.id.to_string());
    let back: Person = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, p);
    let mut tampered = json;
    tampered["nik"] = "3204053102900001".into();
    assert!(serde_json::from_value::<Person>(tampered).is_err());
}
