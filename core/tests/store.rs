//! The phone's store on a real SQLite file.

use chrono::{NaiveDate, TimeZone, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    Complaint, ComplaintCategory, ComplaintChannel, ComplaintStatus, Document, DocumentKind,
    Household, HouseholdInput, Person, PersonInput, Proposal, ProposalKind, Relationship,
};
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::{ExtractFormat, RegistryStatus, Store, StoreError};

const OPERATOR: &str = "operator-1";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

fn household(kk: &str) -> Household {
    Household::new(
        HouseholdInput {
            kk_number: kk.into(),
            village_code: "3204052001".into(),
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

fn person(household: &Household, nik: &str, name: &str) -> Person {
    Person::new(
        PersonInput {
            household_id: household.meta.id,
            nik: Some(nik.into()),
            name: name.into(),
            relationship: Some(Relationship::Head),
            ..Default::default()
        },
        OPERATOR,
        now(),
        None,
    )
    .unwrap()
    .0
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("field.sqlite")).unwrap()
}

#[test]
fn every_saved_record_is_queued_in_the_same_write() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household("3204050105120042");
    store.save_household(&h).unwrap();
    store
        .save_person(&person(&h, "3204051708900001", "Asep Saepudin"))
        .unwrap();
    let queued = store.outbox_unacked(10).unwrap();
    assert_eq!(queued.len(), 2);
    assert_eq!(queued[0].entity, "household");
    assert_eq!(queued[0].entity_id, h.meta.id);
    assert_eq!(queued[0].village_code.as_deref(), Some("3204052001"));
    assert_eq!(queued[1].entity, "person");
    assert!(
        queued[1].clock > queued[0].clock,
        "the device clock moves forward"
    );
    assert_eq!(queued[1].payload["name"], "Asep Saepudin");
    assert_eq!(store.outbox_counts().unwrap().pending, 2);
}

#[test]
fn a_record_for_a_missing_household_is_refused_and_nothing_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let ghost = household("3204050105120042");
    let err = store
        .save_person(&person(&ghost, "3204051708900001", "Asep"))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::NotFound {
            entity: "household",
            ..
        }
    ));
    assert_eq!(store.outbox_counts().unwrap().pending, 0);
}

#[test]
fn one_nik_belongs_to_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household("3204050105120042");
    store.save_household(&h).unwrap();
    store
        .save_person(&person(&h, "3204051708900001", "Asep"))
        .unwrap();
    let err = store
        .save_person(&person(&h, "3204051708900001", "Ujang"))
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, StoreError::Refused { .. }));
    assert!(
        !text.contains("3204051708900001"),
        "the NIK is masked: {text}"
    );
    assert_eq!(store.persons_of(h.meta.id).unwrap().len(), 1);
}

#[test]
fn records_survive_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let h = household("3204050105120042");
    {
        let store = open(&dir);
        store.save_household(&h).unwrap();
    }
    let store = open(&dir);
    assert_eq!(store.household(h.meta.id).unwrap(), h);
    assert_eq!(store.households(Some("3204052001")).unwrap().len(), 1);
    assert_eq!(store.households_by_kk("3204050105120042").unwrap().len(), 1);
}

#[test]
fn a_complaint_moves_forward_with_a_dated_note_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household("3204050105120042");
    store.save_household(&h).unwrap();
    let mut c = Complaint::new(
        Some(h.meta.id),
        "Siti Aminah",
        ComplaintCategory::AidNotReceived,
        "PKH tidak cair sejak Juli",
        ComplaintChannel::WalkIn,
        OPERATOR,
        now(),
    )
    .unwrap();
    store.save_complaint(&c).unwrap();
    c.advance(
        ComplaintStatus::RegistryChecked,
        "Ada di DTSEN desil 2",
        OPERATOR,
        now(),
    )
    .unwrap();
    assert!(c
        .advance(ComplaintStatus::Received, "mundur", OPERATOR, now())
        .is_err());
    assert!(c
        .advance(ComplaintStatus::Referred, "  ", OPERATOR, now())
        .is_err());
    store.save_complaint(&c).unwrap();
    let back = store.complaint(c.meta.id).unwrap();
    assert_eq!(back.status(), ComplaintStatus::RegistryChecked);
    assert_eq!(back.history().len(), 2);
    assert_eq!(
        store
            .complaints(Some(ComplaintStatus::RegistryChecked))
            .unwrap()
            .len(),
        1
    );
    assert!(store
        .complaints(Some(ComplaintStatus::Received))
        .unwrap()
        .is_empty());
    assert_eq!(store.outbox_counts().unwrap().pending, 3);
}

#[test]
fn the_same_photo_on_the_same_household_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household("3204050105120042");
    store.save_household(&h).unwrap();
    let bytes = b"\xff\xd8 not really a jpeg but bytes all the same";
    let hash = "a".repeat(64);
    let first = Document::new(
        h.meta.id,
        DocumentKind::HouseFront,
        &hash,
        bytes.len() as u64,
        "image/jpeg",
        OPERATOR,
        now(),
    )
    .unwrap();
    let again = Document::new(
        h.meta.id,
        DocumentKind::HouseFront,
        &hash,
        bytes.len() as u64,
        "image/jpeg",
        OPERATOR,
        now(),
    )
    .unwrap();
    assert_eq!(
        store.save_document(&first, bytes).unwrap().meta.id,
        first.meta.id
    );
    assert_eq!(
        store.save_document(&again, bytes).unwrap().meta.id,
        first.meta.id
    );
    assert_eq!(store.documents_of(h.meta.id).unwrap().len(), 1);
    assert_eq!(store.document_bytes(first.meta.id).unwrap(), bytes);
    assert_eq!(store.outbox_counts().unwrap().pending, 2);
}

#[test]
fn an_objection_names_the_recipient() {
    let h = household("3204050105120042");
    let err = Proposal::new(
        h.meta.id,
        ProposalKind::Objection,
        "Mampu",
        None,
        OPERATOR,
        now(),
    );
    assert!(err.is_err());
    let ok = Proposal::new(
        h.meta.id,
        ProposalKind::Objection,
        "Punya mobil dan toko",
        Some("3204051708900001"),
        OPERATOR,
        now(),
    );
    assert!(ok.is_ok());
}

fn extract_row(nik: &str, kk: &str, name: &str, desil: Option<u8>) -> RegistryRecord {
    RegistryRecord {
        extract_version: "2025Q3".into(),
        village_code: "3204052001".into(),
        kk_number: kk.into(),
        nik: nik.into(),
        name: name.into(),
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

fn csv_of(rows: &[RegistryRecord]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn registry_extract_imports_and_answers_by_nik_and_kk() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let rows = vec![
        extract_row(
            "3204051708900001",
            "3204050105120042",
            "Asep Saepudin",
            Some(2),
        ),
        RegistryRecord {
            nik: "3204055203920002".into(),
            name: "Euis Komariah".into(),
            sex: Sex::Female,
            relationship: "spouse".into(),
            birth_date: NaiveDate::from_ymd_opt(1992, 3, 12).unwrap(),
            ..extract_row("", "3204050105120042", "", Some(2))
        },
    ];
    let summary = store
        .import_registry(csv_of(&rows).as_slice(), ExtractFormat::Csv)
        .unwrap();
    assert_eq!((summary.people, summary.families), (2, 1));
    assert_eq!(
        store.registry_by_nik("3204055203920002").unwrap().unwrap(),
        rows[1]
    );
    let family = store.registry_by_kk("3204050105120042").unwrap();
    assert_eq!(family[0].relationship, "head");
    assert_eq!(family.len(), 2);
    assert_eq!(
        store.registry_status("3204051708900001").unwrap(),
        RegistryStatus::Found {
            desil: Some(2),
            extract_version: "2025Q3".into(),
            kk_number: "3204050105120042".into(),
            village_code: "3204052001".into(),
        }
    );
    assert_eq!(
        store.registry_status("3204051708900009").unwrap(),
        RegistryStatus::NotFound {
            searched_versions: vec!["2025Q3".into()]
        }
    );
}

#[test]
fn a_malformed_line_aborts_the_import_and_keeps_the_previous_extract() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let good = vec![extract_row(
        "3204051708900001",
        "3204050105120042",
        "Asep",
        Some(2),
    )];
    store
        .import_registry(csv_of(&good).as_slice(), ExtractFormat::Csv)
        .unwrap();

    let mut bad = vec![
        extract_row("3204051708900002", "3204050105120043", "Ujang", Some(3)),
        extract_row("3204051708900003", "3204050105120044", "Dadang", Some(4)),
        extract_row("3204053102900004", "3204050105120045", "Cecep", Some(4)),
    ];
    bad[1].desil = Some(11);
    let err = store
        .import_registry(csv_of(&bad).as_slice(), ExtractFormat::Csv)
        .unwrap_err();
    assert!(matches!(err, StoreError::Import { line: 3, .. }), "{err}");

    let jsonl = "{\"broken\": true}\n";
    let err = store
        .import_registry(jsonl.as_bytes(), ExtractFormat::JsonLines)
        .unwrap_err();
    assert!(matches!(err, StoreError::Import { line: 1, .. }), "{err}");

    assert!(store.registry_by_nik("3204051708900001").unwrap().is_some());
    assert!(store.registry_by_nik("3204051708900002").unwrap().is_none());
}

#[test]
fn json_lines_extracts_import_too_and_replace_the_village() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let old = vec![extract_row(
        "3204051708900001",
        "3204050105120042",
        "Asep",
        Some(2),
    )];
    store
        .import_registry(csv_of(&old).as_slice(), ExtractFormat::Csv)
        .unwrap();
    let mut newer = extract_row("3204051708900002", "3204050105120043", "Ujang", None);
    newer.extract_version = "2025Q4".into();
    let line = serde_json::to_string(&newer).unwrap();
    store
        .import_registry(format!("{line}\n\n").as_bytes(), ExtractFormat::JsonLines)
        .unwrap();
    assert!(store.registry_by_nik("3204051708900001").unwrap().is_none());
    assert_eq!(
        store.registry_extract("3204052001").unwrap(),
        Some(("2025Q4".to_string(), 1))
    );
}

#[test]
fn the_outbox_drains_in_order_and_keeps_what_was_not_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let h = household("3204050105120042");
    store.save_household(&h).unwrap();
    store
        .save_person(&person(&h, "3204051708900001", "Asep"))
        .unwrap();
    store
        .save_person(&person(&h, "3204055708920002", "Euis"))
        .unwrap();
    let batch = store.outbox_next_batch(2, now()).unwrap();
    assert_eq!(batch.len(), 2);
    assert_eq!(batch[0].entity, "household");
    assert_eq!(store.outbox_ack(&[batch[0].entry_id], now()).unwrap(), 1);
    // Acknowledging twice changes nothing.
    assert_eq!(store.outbox_ack(&[batch[0].entry_id], now()).unwrap(), 0);

    // The district refuses the first member; the second goes on.
    store
        .outbox_park(batch[1].entry_id, "NIK ganda di desa")
        .unwrap();
    let next = store.outbox_next_batch(10, now()).unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].payload["name"], "Euis");

    // No signal: it waits until its retry time.
    let later = now() + chrono::Duration::minutes(5);
    store
        .outbox_defer(&[next[0].entry_id], "timeout", later)
        .unwrap();
    assert!(store.outbox_next_batch(10, now()).unwrap().is_empty());
    let retried = store.outbox_next_batch(10, later).unwrap();
    assert_eq!(retried[0].attempts, 1);
    assert_eq!(retried[0].last_error.as_deref(), Some("timeout"));
    // Unless a person presses "send now": due at once, its attempts remembered.
    assert_eq!(store.outbox_due_now().unwrap(), 1);
    assert_eq!(store.outbox_deferred_until(now()).unwrap(), None);
    let now_due = store.outbox_next_batch(10, now()).unwrap();
    assert_eq!(now_due.len(), 1);
    assert_eq!(now_due[0].attempts, 1);
    assert_eq!(store.outbox_due_now().unwrap(), 0);

    let parked = store.outbox_parked().unwrap();
    assert_eq!(parked[0].last_error.as_deref(), Some("NIK ganda di desa"));
    store.outbox_retry_parked(parked[0].entry_id).unwrap();
    let counts = store.outbox_counts().unwrap();
    assert_eq!((counts.pending, counts.acked, counts.parked), (2, 1, 0));
}

#[test]
fn names_are_found_through_spelling_variants_titles_and_merged_words() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let people = [
        (
            "3204051708900001",
            "3204050105120042",
            "H. Muhammad Nur Hasanudin",
        ),
        ("3204055708920002", "3204050105120042", "Sitti Nurhasanah"),
        ("3204051203850003", "3204050105120043", "Achmad Djunaedi"),
        ("3204051203860004", "3204050105120044", "Ahmad Sobari"),
        ("3204055203870005", "3204050105120045", "Siti Aminah"),
        ("3204051203880006", "3204050105120046", "Dedi Kurniawan"),
    ];
    let rows: Vec<RegistryRecord> = people
        .iter()
        .map(|(nik, kk, name)| extract_row(nik, kk, name, Some(3)))
        .collect();
    store
        .import_registry(csv_of(&rows).as_slice(), ExtractFormat::Csv)
        .unwrap();
    let top = |q: &str| -> String {
        let found = store.registry_search_name(q, None, 3).unwrap();
        assert!(!found.is_empty(), "nothing for {q}");
        found[0].record.nik.clone()
    };
    assert_eq!(top("Mohammad Nurhasanudin"), "3204051708900001");
    assert_eq!(top("moh nur hasanudin"), "3204051708900001");
    assert_eq!(top("Hj. Siti Nur Hasanah"), "3204055708920002");
    assert_eq!(top("Ahmad Junaedi"), "3204051203850003");
    assert_eq!(top("Achmad Sobari"), "3204051203860004");
    assert_eq!(top("Sity Aminah"), "3204055203870005");
    assert!(store
        .registry_search_name("Dedi Kurniawan", Some("3204052999"), 3)
        .unwrap()
        .is_empty());
    assert!(store
        .registry_search_name("H.", None, 3)
        .unwrap()
        .is_empty());
}

#[test]
fn a_person_who_moved_village_is_found_once_in_the_newer_extract() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = vec![
        extract_row("3204051708900001", "3204050105120042", "Asep", Some(2)),
        extract_row("3204051708900002", "3204050105120043", "Ujang", Some(3)),
    ];
    store
        .import_registry(csv_of(&a).as_slice(), ExtractFormat::Csv)
        .unwrap();
    let mut moved = extract_row("3204051708900001", "3204050105120099", "Asep", Some(2));
    moved.village_code = "3204052002".into();
    store
        .import_registry(csv_of(&[moved]).as_slice(), ExtractFormat::Csv)
        .unwrap();
    let found = store.registry_by_nik("3204051708900001").unwrap().unwrap();
    assert_eq!(found.village_code, "3204052002");
    assert_eq!(
        store.registry_search_name("Asep", None, 10).unwrap().len(),
        1
    );
    assert!(store.registry_by_nik("3204051708900002").unwrap().is_some());
}
