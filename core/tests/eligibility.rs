//! Eligibility on stored records: packs installed in a real SQLite file, facts built from the
//! household, its members and the registry extract, and evaluations kept with their outbox
//! entries.

use chrono::{NaiveDate, TimeZone, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    Disability, FloorMaterial, Household, HouseholdInput, Housing, MemberAnswers, Person,
    PersonInput, Relationship, SchoolLevel, Tenure,
};
use puskesos_core::registry::RegistryRecord;
use puskesos_core::rules::{
    evaluate, explain, from_household, welfare_score, FactId, RegistryFacts, RulesError, Verdict,
    EXAMPLE_PACK_JSON,
};
use puskesos_core::store::{EvaluationRecord, ExtractFormat, InstallOutcome, Store, StoreError};
use puskesos_core::Lang;

const OPERATOR: &str = "operator-1";
const KK: &str = "3204050105120042";
const VILLAGE: &str = "3204052001";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn household(kk: &str) -> Household {
    Household::new(
        HouseholdInput {
            kk_number: kk.into(),
            village_code: VILLAGE.into(),
            address: "Kampung Sukamaju".into(),
            rt: "3".into(),
            rw: "1".into(),
            head_name: "Asep Saepudin".into(),
            ..Default::default()
        },
        OPERATOR,
        now(),
        None,
    )
    .unwrap()
}

fn member(h: &Household, name: &str, born: (i32, u32, u32), sex: Sex, rel: Relationship) -> Person {
    Person::new(
        PersonInput {
            household_id: h.meta.id,
            name: name.into(),
            birth_date: NaiveDate::from_ymd_opt(born.0, born.1, born.2),
            sex: Some(sex),
            relationship: Some(rel),
            ..Default::default()
        },
        OPERATOR,
        now(),
        None,
    )
    .unwrap()
    .0
}

/// The example pack with another version (and so another digest).
fn example_version(version: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE_PACK_JSON).unwrap();
    v["version"] = version.into();
    serde_json::to_string_pretty(&v).unwrap()
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("field.sqlite")).unwrap()
}

fn extract_row(nik: &str, desil: Option<u8>) -> RegistryRecord {
    RegistryRecord {
        extract_version: "2025Q3".into(),
        village_code: VILLAGE.into(),
        kk_number: KK.into(),
        nik: nik.into(),
        name: "Asep Saepudin".into(),
        birth_place: "Bandung".into(),
        birth_date: NaiveDate::from_ymd_opt(1990, 8, 17).unwrap(),
        sex: Sex::Male,
        relationship: "head".into(),
        desil,
        address: "Kampung Sukamaju".into(),
        rt: "003".into(),
        rw: "001".into(),
    }
}

fn import(store: &Store, rows: &[RegistryRecord]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).unwrap();
    }
    let bytes = w.into_inner().unwrap();
    store
        .import_registry(bytes.as_slice(), ExtractFormat::Csv)
        .unwrap();
}

#[test]
fn a_pack_installs_once_upgrades_and_refuses_a_downgrade_keeping_every_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    assert!(store.active_pack().unwrap().is_none());
    assert!(matches!(
        store.require_active_pack(),
        Err(StoreError::NoActivePack)
    ));

    let (pack, outcome) = store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    assert_eq!(outcome, InstallOutcome::Installed);
    assert_eq!(pack.meta().version, "2025.8.0");
    let (_, again) = store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    assert_eq!(again, InstallOutcome::AlreadyInstalled);

    let (_, up) = store
        .install_pack(&example_version("2025.9.0"), now())
        .unwrap();
    assert_eq!(
        up,
        InstallOutcome::Upgraded {
            previous: "2025.8.0".into()
        }
    );
    assert_eq!(
        store.active_pack().unwrap().unwrap().meta().version,
        "2025.9.0"
    );

    let err = store
        .install_pack(&example_version("2025.7.1"), now())
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Rules(RulesError::Downgrade { installed, offered, .. })
            if installed == "2025.9.0" && offered == "2025.7.1"),
        "{err:?}"
    );
    assert!(err
        .message(Lang::Id)
        .contains("lebih lama dari versi terpasang"));

    // Same version number, other content: refused, or old results would be ambiguous.
    let mut v: serde_json::Value = serde_json::from_str(&example_version("2025.9.0")).unwrap();
    v["title"]["en"] = "Changed".into();
    let err = store.install_pack(&v.to_string(), now()).unwrap_err();
    assert!(matches!(
        err,
        StoreError::Rules(RulesError::ConflictingVersion { .. })
    ));

    let installed = store.installed_packs().unwrap();
    let versions: Vec<(&str, bool)> = installed
        .iter()
        .map(|p| (p.meta.version.as_str(), p.active))
        .collect();
    assert_eq!(versions, [("2025.9.0", true), ("2025.8.0", false)]);
    assert!(store.pack("contoh-nasional", "2025.8.0").unwrap().is_some());
    assert!(store.pack("contoh-nasional", "2025.7.1").unwrap().is_none());
}

#[test]
fn a_malformed_pack_is_refused_with_its_path_and_nothing_is_installed() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE_PACK_JSON).unwrap();
    v["programmes"][1]["sector"] = "banking".into();
    let err = store.install_pack(&v.to_string(), now()).unwrap_err();
    assert!(
        matches!(&err, StoreError::Rules(RulesError::Invalid { path, .. }) if path == "programmes[1].sector"),
        "{err:?}"
    );
    assert!(store.installed_packs().unwrap().is_empty());
}

#[test]
fn facts_come_from_the_records_and_unknown_answers_stay_unknown() {
    let mut h = household(KK);
    let mut housing = Housing {
        floor: Some(FloorMaterial::Earth),
        tenure: Some(Tenure::Own),
        ..Default::default()
    };
    housing.assets.motorcycle = Some(false);
    h.set_housing(housing, OPERATOR, now()).unwrap();
    h.set_circumstances(
        Some(vec!["PKH".into(), "pkh".into()]),
        None,
        OPERATOR,
        now(),
    )
    .unwrap();
    let mut child = member(&h, "Siti", (2016, 5, 1), Sex::Female, Relationship::Child);
    child
        .answer(
            MemberAnswers {
                in_school: Some(true),
                school_level: Some(SchoolLevel::Sd),
                disability: Some(Disability::None),
                ..Default::default()
            },
            OPERATOR,
            now(),
        )
        .unwrap();
    let head = member(&h, "Asep", (1980, 1, 2), Sex::Male, Relationship::Head);

    let facts = from_household(&h, &[head, child], RegistryFacts::Unknown);
    assert_eq!(facts.village_code.as_deref(), Some(VILLAGE));
    assert_eq!(facts.housing.floor_material, Some(FloorMaterial::Earth));
    assert_eq!(facts.housing.wall_material, None);
    assert_eq!(facts.assets.motorcycle, Some(false));
    assert_eq!(facts.assets.car, None);
    assert_eq!(facts.programmes_received, Some(vec!["pkh".to_string()]));
    assert_eq!(facts.lost_livelihood, None);
    assert_eq!(facts.members.len(), 2);
    let c = &facts.members[1];
    assert_eq!(
        c.age_on(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
        Some(10)
    );
    assert_eq!((c.in_school, c.disability), (Some(true), Some(false)));
    assert_eq!(c.pregnant, None);
    assert_eq!(facts.members[0].employed, None);
}

#[test]
fn a_contradicting_answer_is_refused_and_the_record_is_unchanged() {
    let h = household(KK);
    let mut head = member(&h, "Asep", (1980, 1, 2), Sex::Male, Relationship::Head);
    let before = head.clone();
    let err = head
        .answer(
            MemberAnswers {
                pregnant: Some(true),
                ..Default::default()
            },
            OPERATOR,
            now(),
        )
        .unwrap_err();
    assert!(err.message(Lang::Id).contains("tidak bisa hamil"));
    assert_eq!(head, before);
    let err = head
        .answer(
            MemberAnswers {
                in_school: Some(false),
                school_level: Some(SchoolLevel::Smp),
                ..Default::default()
            },
            OPERATOR,
            now(),
        )
        .unwrap_err();
    assert!(err.message(Lang::En).contains("school_level"));
}

#[test]
fn registry_standing_is_unknown_without_an_extract_and_not_found_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household(KK);
    store.save_household(&h).unwrap();
    assert_eq!(store.registry_facts(&h).unwrap(), RegistryFacts::Unknown);

    // The village's extract is on the phone but this KK is not in it.
    let mut other = extract_row("3204051708900001", Some(2));
    other.kk_number = "3204050105120043".into();
    import(&store, &[other]);
    assert_eq!(
        store.registry_facts(&h).unwrap(),
        RegistryFacts::NotFound {
            extract_version: "2025Q3".into()
        }
    );

    import(&store, &[extract_row("3204051708900001", Some(3))]);
    assert_eq!(
        store.registry_facts(&h).unwrap(),
        RegistryFacts::Found {
            desil: Some(3),
            extract_version: "2025Q3".into()
        }
    );
}

#[test]
fn an_evaluation_is_kept_with_its_outbox_entry_and_stays_explicable_after_an_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    let h = household(KK);
    store.save_household(&h).unwrap();
    store
        .save_person(&member(
            &h,
            "Asep",
            (1950, 1, 2),
            Sex::Male,
            Relationship::Head,
        ))
        .unwrap();
    import(&store, &[extract_row("3204051708900001", Some(2))]);
    let queued_before = store.outbox_unacked(100).unwrap().len();

    let pack = store.require_active_pack().unwrap();
    let (_, _, facts) = store.household_facts(h.meta.id).unwrap();
    let day = now().date_naive();
    let evaluation = evaluate(&pack, &facts, day);
    let bpnt = evaluation
        .results
        .iter()
        .find(|r| r.programme_id == "bpnt")
        .unwrap();
    assert_eq!(bpnt.verdict, Verdict::Eligible, "desil 2 ≤ 4");
    let first = EvaluationRecord::new(h.meta.id, evaluation, None, OPERATOR, now());
    store.save_evaluation(&first).unwrap();

    let queued = store.outbox_unacked(100).unwrap();
    assert_eq!(queued.len(), queued_before + 1);
    let entry = queued.last().unwrap();
    assert_eq!(entry.entity, "evaluation");
    assert_eq!(entry.entity_id, first.id);
    assert_eq!(entry.village_code.as_deref(), Some(VILLAGE));
    assert_eq!(entry.payload["evaluation"]["pack_version"], "2025.8.0");
    assert_eq!(entry.payload["household_id"], h.meta.id.to_string());

    // A newer pack; the next evaluation uses it, the old one is still explained by its own.
    store
        .install_pack(&example_version("2025.9.0"), now())
        .unwrap();
    let newer = store.require_active_pack().unwrap();
    let later = now() + chrono::Duration::hours(1);
    let second = EvaluationRecord::new(
        h.meta.id,
        evaluate(&newer, &facts, day),
        Some(welfare_score(&newer, &facts, day).unwrap()),
        OPERATOR,
        later,
    );
    store.save_evaluation(&second).unwrap();

    let history = store.evaluations_of(h.meta.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0], second, "newest first");
    assert_eq!(history[1], first);
    let old = &history[1].evaluation;
    let old_pack = store
        .pack(&old.pack_id, &old.pack_version)
        .unwrap()
        .unwrap();
    let text = explain(&old_pack, old, Lang::Id).unwrap();
    assert!(text.pack.contains("2025.8.0"));
    assert!(
        explain(&newer, old, Lang::Id).is_err(),
        "the newer pack does not explain it"
    );
}

#[test]
fn an_evaluation_that_cannot_be_kept_queues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    let pack = store.require_active_pack().unwrap();
    let facts = Default::default();
    let day = now().date_naive();

    // The household was never saved.
    let ghost = household(KK);
    let rec = EvaluationRecord::new(
        ghost.meta.id,
        evaluate(&pack, &facts, day),
        None,
        OPERATOR,
        now(),
    );
    assert!(matches!(
        store.save_evaluation(&rec).unwrap_err(),
        StoreError::NotFound {
            entity: "household",
            ..
        }
    ));

    // A pack that is not installed.
    let h = household(KK);
    store.save_household(&h).unwrap();
    let queued = store.outbox_unacked(100).unwrap().len();
    let mut evaluation = evaluate(&pack, &facts, day);
    evaluation.pack_version = "2099.1.0".into();
    let rec = EvaluationRecord::new(h.meta.id, evaluation, None, OPERATOR, now());
    assert!(matches!(
        store.save_evaluation(&rec).unwrap_err(),
        StoreError::NotFound {
            entity: "rule pack",
            ..
        }
    ));
    assert_eq!(store.outbox_unacked(100).unwrap().len(), queued);
    assert!(store.evaluations_of(h.meta.id).unwrap().is_empty());
}

#[test]
fn members_answers_decide_what_was_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    let pack = store.require_active_pack().unwrap();
    let h = household(KK);
    store.save_household(&h).unwrap();
    // Members are numbered in the order they were recorded.
    store
        .save_person(&member(
            &h,
            "Asep",
            (1980, 1, 2),
            Sex::Male,
            Relationship::Head,
        ))
        .unwrap();
    let mut child = member(&h, "Siti", (2016, 5, 1), Sex::Female, Relationship::Child);
    store.save_person(&child).unwrap();
    import(&store, &[extract_row("3204051708900001", Some(3))]);
    let day = now().date_naive();

    let pip = |store: &Store| {
        let (_, _, facts) = store.household_facts(h.meta.id).unwrap();
        let e = evaluate(&pack, &facts, day);
        let r = e
            .results
            .into_iter()
            .find(|r| r.programme_id == "pip")
            .unwrap();
        (r.verdict, r.missing)
    };
    let (verdict, missing) = pip(&store);
    assert_eq!(verdict, Verdict::NeedsData);
    assert!(missing
        .iter()
        .any(|m| m.fact == FactId::MemberInSchool && m.member == Some(1)));

    child
        .answer(
            MemberAnswers {
                in_school: Some(true),
                school_level: Some(SchoolLevel::Sd),
                ..Default::default()
            },
            OPERATOR,
            now(),
        )
        .unwrap();
    store.save_person(&child).unwrap();
    assert_eq!(pip(&store).0, Verdict::Eligible);
}
