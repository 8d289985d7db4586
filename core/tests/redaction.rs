//! No type that can carry a NIK or KK number prints it whole: every one of them is built here
//! holding synthetic numbers (from `synth`, structurally valid) and formatted with `{:?}` and
//! `{:#?}`, as a log line or a crash report would; errors also with `Display` and their
//! messages. A type that gains a number and loses its masking fails here.

mod common;

use std::fmt::Debug;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use puskesos_core::capture::{interpret, Symbol, SymbolFormat};
use puskesos_core::ident::{mask_number, KkNumber, Nik};
use puskesos_core::model::{
    ChangeKind, Complaint, ComplaintCategory, ComplaintChannel, Correction, FieldChange, Household,
    HouseholdChanges, HouseholdInput, ModelError, Note, Person, PersonChanges, PersonInput,
    Proposal, ProposalKind, Relationship,
};
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::{
    Decision, ExtractFormat, HistoryEntry, OutboxEntry, OutboxState, RegistryMatch, RegistryStatus,
    SavedFamily, SavedMember, Store, StoreError,
};
use puskesos_core::sync::wire::{
    self, EntryOutcome, EntryResult, ErrorBody, PackBody, PackManifest, RejectCode, UploadBatch,
    VillagePack,
};
use puskesos_core::sync::SyncError;
use puskesos_core::synth::{generate_village, VillageSpec};
use puskesos_core::Lang;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 15).expect("date")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 8, 15, 9, 30, 0).unwrap()
}

/// A synthetic family's registry rows: the head first, then the others.
fn family() -> Vec<RegistryRecord> {
    let records: Vec<RegistryRecord> =
        generate_village(&VillageSpec::new(1, 11, today()), &common::region_history())
            .expect("a synthetic village")
            .collect();
    assert!(
        records.len() >= 2,
        "a family of at least two: {}",
        records.len()
    );
    records
}

/// The numbers a value holds, and the text it may not show.
struct Numbers {
    nik: String,
    other_nik: String,
    kk: String,
}

impl Numbers {
    fn all(&self) -> [&str; 3] {
        [&self.nik, &self.other_nik, &self.kk]
    }
}

/// Fails if `text` shows any number whole.
fn assert_no_number(what: &str, text: &str, numbers: &Numbers) {
    for n in numbers.all() {
        assert!(!text.contains(n), "{what} shows {n} whole:\n{text}");
    }
}

/// Fails if `text` shows any number whole, or shows none of them masked.
fn assert_text_masked(what: &str, text: &str, numbers: &Numbers) {
    assert_no_number(what, text, numbers);
    assert!(
        numbers.all().iter().any(|n| text.contains(&mask_number(n))),
        "{what} shows no masked number:\n{text}"
    );
}

/// `{:?}` and `{:#?}` of `value`, checked the way a log would print it.
fn assert_debug_masked<T: Debug>(what: &str, value: &T, numbers: &Numbers) {
    assert_text_masked(what, &format!("{value:?}"), numbers);
    assert_text_masked(&format!("{what} (pretty)"), &format!("{value:#?}"), numbers);
}

fn assert_error_masked<E: Debug + std::fmt::Display>(
    what: &str,
    error: &E,
    message: impl Fn(Lang) -> String,
    numbers: &Numbers,
) {
    assert_debug_masked(what, error, numbers);
    assert_text_masked(&format!("{what} (Display)"), &error.to_string(), numbers);
    // A message may leave a quoted text out altogether (an English `Auth` sync error).
    for lang in [Lang::Id, Lang::En] {
        assert_no_number(&format!("{what} ({lang:?})"), &message(lang), numbers);
    }
}

#[test]
fn every_type_that_carries_a_nik_or_kk_number_masks_it_in_debug() {
    let rows = family();
    let head = rows[0].clone();
    let numbers = Numbers {
        nik: head.nik.clone(),
        other_nik: rows[1].nik.clone(),
        kk: head.kk_number.clone(),
    };
    let (nik, kk) = (numbers.nik.as_str(), numbers.kk.as_str());
    assert!(
        Nik::parse(nik, today(), None).is_ok(),
        "synthetic NIK is valid"
    );
    let n = &numbers;

    // ident
    assert_debug_masked("Nik", &Nik::parse(nik, today(), None).unwrap(), n);
    assert_debug_masked("KkNumber", &KkNumber::parse(kk, today(), None).unwrap(), n);
    assert_debug_masked("NikCheck", &Nik::check(nik, today(), None), n);
    let typo = format!("{}x", &nik[..15]);
    let check = Nik::check(&format!("{nik} "), today(), None);
    assert_debug_masked("NikCheck of a typed number", &check, n);
    assert!(!format!("{:?}", Nik::check(&typo, today(), None)).contains(&nik[..15]));

    // model: forms, records, corrections, free text
    let household_input = HouseholdInput {
        kk_number: kk.to_string(),
        village_code: head.village_code.clone(),
        address: head.address.clone(),
        rt: head.rt.clone(),
        rw: head.rw.clone(),
        head_name: head.name.clone(),
        housing: Default::default(),
    };
    assert_debug_masked("HouseholdInput", &household_input, n);
    let mut household = Household::new(household_input, "op-1", now(), None).unwrap();
    household.kk_qr_evidence = Some(format!(
        "https://layananonline.dukcapil.kemendagri.go.id/verifikasi?kk={kk}&ttd=1"
    ));
    assert_debug_masked("Household", &household, n);
    let person_input = PersonInput {
        household_id: household.meta.id,
        nik: Some(format!(" {nik} ")),
        name: head.name.clone(),
        relationship: Some(Relationship::Head),
        ..Default::default()
    };
    assert_debug_masked("PersonInput", &person_input, n);
    let typed = format!(
        "{} {} {} {}",
        &nik[..4],
        &nik[4..8],
        &nik[8..12],
        &nik[12..]
    );
    let grouped = PersonInput {
        nik: Some(typed.clone()),
        ..person_input.clone()
    };
    assert!(!format!("{grouped:?}").contains(&typed), "{grouped:?}");
    assert_debug_masked("PersonInput typed in groups", &grouped, n);
    let (person, warnings) = Person::new(person_input, "op-1", now(), None).unwrap();
    assert_debug_masked("Person", &person, n);
    assert_debug_masked(
        "HouseholdChanges",
        &HouseholdChanges {
            kk_number: Some(kk.to_string()),
            ..Default::default()
        },
        n,
    );
    assert_debug_masked(
        "PersonChanges",
        &PersonChanges {
            nik: Some(nik.to_string()),
            ..Default::default()
        },
        n,
    );
    let change = FieldChange {
        field: "nik".into(),
        old: Some(n.other_nik.clone()),
        new: Some(nik.to_string()),
    };
    assert_debug_masked("FieldChange", &change, n);
    let note = Note::new(&format!("NIK di KK salah, yang benar {nik}")).unwrap();
    assert_debug_masked("Note", &note, n);
    let correction = Correction {
        kind: ChangeKind::Correction,
        reason: note.clone(),
        fields: vec![
            change,
            FieldChange {
                field: "address".into(),
                old: Some(format!("titip di rumah NIK {}", n.other_nik)),
                new: None,
            },
        ],
        by: "op-1".into(),
        at: now(),
    };
    assert_debug_masked("Correction", &correction, n);
    let proposal = Proposal::new(
        household.meta.id,
        ProposalKind::Objection,
        &format!("penerima {} sudah mampu", n.other_nik),
        Some(nik),
        "op-1",
        now(),
    )
    .unwrap();
    assert_debug_masked("Proposal", &proposal, n);
    let complaint = Complaint::new(
        Some(household.meta.id),
        &head.name,
        ComplaintCategory::NotRegistered,
        &format!("NIK saya {nik} tidak ada di DTKS"),
        ComplaintChannel::WalkIn,
        "op-1",
        now(),
    )
    .unwrap();
    assert_debug_masked("Complaint", &complaint, n);
    let refused = household
        .clone()
        .set_circumstances(Some(vec![format!("{nik}!")]), None, "op-1", now())
        .unwrap_err();
    assert!(matches!(refused, ModelError::Invalid { .. }), "{refused:?}");
    assert_error_masked("ModelError", &refused, |l| refused.message(l), n);

    // registry and store
    assert_debug_masked("RegistryRecord", &head, n);
    assert_debug_masked(
        "RegistryMatch",
        &RegistryMatch {
            record: head.clone(),
            score: 1.0,
        },
        n,
    );
    assert_debug_masked(
        "RegistryStatus",
        &RegistryStatus::Found {
            desil: head.desil,
            extract_version: head.extract_version.clone(),
            kk_number: kk.to_string(),
            village_code: head.village_code.clone(),
        },
        n,
    );
    let member = SavedMember {
        person: person.clone(),
        warnings,
    };
    assert_debug_masked("SavedMember", &member, n);
    assert_debug_masked(
        "SavedFamily",
        &SavedFamily {
            household: household.clone(),
            members: vec![member],
            family: Vec::new(),
        },
        n,
    );
    assert_debug_masked(
        "HistoryEntry",
        &HistoryEntry {
            entity: "person".into(),
            entity_id: person.meta.id,
            change: correction,
        },
        n,
    );
    let payload = serde_json::json!({
        "id": person.meta.id.to_string(),
        "nik": nik,
        "kk_number": kk,
        "notes": format!("anggota {}", n.other_nik),
    });
    let entry = OutboxEntry {
        seq: 1,
        entry_id: Uuid::now_v7(),
        entity: "person".into(),
        entity_id: person.meta.id,
        village_code: Some(head.village_code.clone()),
        op: "upsert".into(),
        clock: 1,
        author: "op-1".into(),
        recorded_at: now(),
        payload: payload.clone(),
        state: OutboxState::Parked,
        attempts: 2,
        last_error: Some(format!("invalid_payload: NIK {nik} sudah ada")),
    };
    assert_debug_masked("OutboxEntry (store)", &entry, n);
    assert_debug_masked(
        "Decision",
        &Decision {
            entity: "proposal".into(),
            entity_id: proposal.meta.id,
            status: "returned".into(),
            note: format!("NIK {nik} tidak cocok dengan KK {kk}"),
            by: "dinas".into(),
            at: now(),
        },
        n,
    );

    // store errors, from the real paths where there is one
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let line = serde_json::to_string(&head)
        .unwrap()
        .replace(&format!("\"{nik}\""), nik);
    let import = store
        .import_registry(line.as_bytes(), ExtractFormat::JsonLines)
        .unwrap_err();
    assert!(matches!(import, StoreError::Import { .. }), "{import:?}");
    assert_error_masked("StoreError::Import", &import, |l| import.message(l), n);
    let json = StoreError::from(serde_json::from_str::<u8>(&format!("\"{kk}\"")).unwrap_err());
    assert_error_masked("StoreError::Json", &json, |l| json.message(l), n);
    let conflict = StoreError::Conflict(format!("stored id {nik}: invalid length"));
    assert_error_masked(
        "StoreError::Conflict",
        &conflict,
        |l| conflict.message(l),
        n,
    );
    let refused_store = StoreError::Refused {
        reason: format!("NIK {nik} sudah tercatat"),
        reason_en: format!("NIK {nik} is already recorded"),
    };
    assert_error_masked(
        "StoreError::Refused",
        &refused_store,
        |l| refused_store.message(l),
        n,
    );
    let member_error = StoreError::Member {
        index: 1,
        source: Box::new(StoreError::Model(refused.clone())),
    };
    assert_error_masked(
        "StoreError::Member",
        &member_error,
        |l| member_error.message(l),
        n,
    );
    let model = StoreError::Model(refused);
    assert_error_masked("StoreError::Model", &model, |l| model.message(l), n);

    // sync: what travels, and what comes back
    let wire_entry = wire::OutboxEntry::from_store(&entry, "dev-1", &head.village_code).unwrap();
    assert_debug_masked("OutboxEntry (wire)", &wire_entry, n);
    assert_debug_masked(
        "UploadBatch",
        &UploadBatch {
            entries: vec![wire_entry],
            audit: None,
        },
        n,
    );
    let full = PackBody::Full {
        region_list_csv: None,
        registry: rows.clone(),
        rules: None,
    };
    assert_debug_masked("PackBody::Full", &full, n);
    assert_debug_masked(
        "PackBody::Delta",
        &PackBody::Delta {
            from_version: 1,
            region_list_csv: None,
            registry_upserts: vec![head.clone()],
            registry_removed_niks: vec![n.other_nik.clone()],
            rules: None,
        },
        n,
    );
    assert_debug_masked(
        "VillagePack",
        &VillagePack {
            manifest: PackManifest {
                village_code: head.village_code.clone(),
                version: 2,
                etag: "\"v2\"".into(),
                published_at: now(),
                region_list_sha256: None,
                registry_sha256: None,
                registry_rows: rows.len() as i64,
                rules_sha256: None,
            },
            body: full,
        },
        n,
    );
    let rejected = EntryOutcome::Rejected {
        code: RejectCode::InvalidPayload,
        reason: format!("NIK {nik} bukan warga desa ini"),
    };
    assert_debug_masked("EntryOutcome", &rejected, n);
    assert_debug_masked(
        "EntryResult",
        &EntryResult {
            entry_id: entry.entry_id,
            outcome: rejected,
        },
        n,
    );
    assert_debug_masked(
        "StatusChange (wire)",
        &wire::StatusChange {
            cursor: 1,
            entity: wire::Entity::Proposal,
            entity_id: proposal.meta.id,
            status: "returned".into(),
            note: format!("KK {kk} tidak terbaca"),
            by: "dinas".into(),
            at: now(),
        },
        n,
    );
    assert_debug_masked(
        "ErrorBody",
        &ErrorBody {
            code: "bad_request".into(),
            message: format!("ekstrak baris 2: NIK {nik} ganda"),
        },
        n,
    );
    let quoted = format!("NIK {nik} ditolak");
    for error in [
        SyncError::Network(quoted.clone()),
        SyncError::Server {
            status: 500,
            message: quoted.clone(),
        },
        SyncError::Auth {
            status: 403,
            code: "revoked".into(),
            message: quoted.clone(),
        },
        SyncError::Validation {
            status: 400,
            code: "bad_request".into(),
            message: quoted.clone(),
        },
        SyncError::Config(quoted.clone()),
        SyncError::Certificate(quoted.clone()),
        SyncError::Protocol(quoted.clone()),
        SyncError::LocalFile(quoted.clone()),
        SyncError::Local(quoted.clone()),
    ] {
        assert_error_masked("SyncError", &error, |l| error.message(l), n);
        assert!(error.message(Lang::Id).contains(&mask_number(nik)));
    }

    // capture: a programme card's barcode
    let text = format!("KARTU PKH|{nik}|{kk}");
    let interpretation = interpret(&text, today());
    assert!(!interpretation.candidates.is_empty());
    assert_debug_masked("Interpretation", &interpretation, n);
    for candidate in &interpretation.candidates {
        assert_debug_masked("IdCandidate", candidate, n);
    }
    assert_debug_masked(
        "Symbol",
        &Symbol {
            format: SymbolFormat::Pdf417,
            text,
            bytes: None,
            corners: Vec::new(),
        },
        n,
    );
}

/// What the desk needs to read a record still reads: names, codes, RT/RW and dates stay.
#[test]
fn masking_leaves_the_rest_of_a_record_readable() {
    let head = family().remove(0);
    let shown = format!("{head:?}");
    for kept in [
        head.name.as_str(),
        head.village_code.as_str(),
        head.rt.as_str(),
        head.rw.as_str(),
        head.extract_version.as_str(),
        &head.birth_date.to_string(),
        &head.nik[..6],
    ] {
        assert!(shown.contains(kept), "{kept} missing from {shown}");
    }
}
