//! The audit chain on a real SQLite file: every use case that changes a record appends the
//! entries it should (and nothing else does), and a copied store tampered with by raw SQL is
//! caught, each kind of tampering by its name.

mod common;

use std::path::Path;

use common::{household_of_one, now};
use image::{ImageBuffer, Rgb};
use puskesos_core::audit::{AuditEntry, BreakKind, ChainBreak};
use puskesos_core::model::{
    Complaint, ComplaintCategory, ComplaintChannel, ComplaintStatus, DocumentKind, GeoPoint,
    HouseholdChanges, HouseholdInput, PersonChanges, PersonInput, Proposal, ProposalKind, Referral,
    Relationship, Sector, Visit, VisitPurpose,
};
use puskesos_core::rules::{evaluate, EXAMPLE_PACK_JSON};
use puskesos_core::store::{EvaluationRecord, ExtractFormat, Store, DECISION_PREFIX};
use uuid::Uuid;

const OP: &str = "operator-1";

fn photo(seed: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(640, 480, |x, y| {
        let v = if ((x / 8) + (y / 8) + seed).is_multiple_of(2) {
            40
        } else {
            220
        };
        Rgb([v, v / 2 + seed as u8, 255 - v])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

fn all_entries(store: &Store) -> Vec<AuditEntry> {
    store.audit_entries(0, u32::MAX).unwrap()
}

/// Runs `change` and returns the audit entries it appended, checking that it appended one
/// per outbox entry it queued (the chain and the outbox cannot disagree).
fn appended<T>(store: &Store, change: impl FnOnce(&Store) -> T) -> Vec<AuditEntry> {
    let before = all_entries(store).len();
    let queued = store.outbox_unacked(u32::MAX).unwrap().len();
    change(store);
    let after = all_entries(store);
    let new = after[before..].to_vec();
    assert_eq!(
        new.len(),
        store.outbox_unacked(u32::MAX).unwrap().len() - queued,
        "one audit entry per outbox entry: {new:?}"
    );
    new
}

fn ops(entries: &[AuditEntry]) -> Vec<(&str, &str)> {
    entries
        .iter()
        .map(|e| (e.entity.as_str(), e.op.as_str()))
        .collect()
}

fn fields(e: &AuditEntry) -> Vec<&str> {
    e.fields.iter().map(|f| f.field.as_str()).collect()
}

fn member(household: Uuid, nik: &str, name: &str, rel: Relationship) -> PersonInput {
    PersonInput {
        household_id: household,
        nik: Some(nik.into()),
        name: name.into(),
        relationship: Some(rel),
        ..Default::default()
    }
}

#[test]
fn every_change_through_every_use_case_appends_its_entries_and_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("field.sqlite")).unwrap();

    let mut family = None;
    let e = appended(&store, |s| family = Some(household_of_one(s)));
    let family = family.unwrap();
    let h = family.household.meta.id;
    let head = family.members[0].person.meta.id;
    assert_eq!(ops(&e), [("household", "create"), ("person", "create")]);
    assert!(fields(&e[0]).contains(&"kk_number"));
    assert!(e[0]
        .fields
        .iter()
        .all(|f| f.old.is_none() && f.new.is_some()));
    assert_eq!((e[0].seq, e[1].seq), (1, 2));
    assert_eq!(e[1].prev_hash, e[0].hash);
    assert_eq!(e[0].operator, "op");
    assert_eq!(e[0].at, now().to_rfc3339());
    // Values are hashed, never kept: the member's NIK is nowhere in the chain.
    let raw = serde_json::to_string(&e).unwrap();
    assert!(!raw.contains("3204051708800001") && !raw.contains("Asep"));

    let e = appended(&store, |s| {
        s.add_member(
            member(h, "3204055708850003", "Siti", Relationship::Spouse),
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("person", "create")]);
    let spouse = e[0].entity_id;

    let e = appended(&store, |s| {
        let changes = HouseholdChanges {
            rt: Some("7".into()),
            ..Default::default()
        };
        s.correct_household(h, &changes, "salah tulis RT", OP, now())
            .unwrap()
    });
    assert_eq!(ops(&e), [("household", "update")]);
    assert_eq!(
        fields(&e[0]),
        ["rt", "updated_by"],
        "the reason is not a field"
    );
    assert!(e[0]
        .fields
        .iter()
        .all(|f| f.old.is_some() && f.new.is_some()));
    assert_ne!(e[0].fields[0].old, e[0].fields[0].new);

    let e = appended(&store, |s| {
        let changes = PersonChanges {
            name: Some("Siti Aminah".into()),
            ..Default::default()
        };
        s.correct_person(spouse, &changes, "nama lengkap", OP, now())
            .unwrap()
    });
    assert_eq!(ops(&e), [("person", "update")]);
    assert!(fields(&e[0]).contains(&"name"));

    let e = appended(&store, |s| {
        s.update_person(head, |p| {
            p.answer(
                puskesos_core::model::MemberAnswers {
                    employed: Some(true),
                    ..Default::default()
                },
                OP,
                now(),
            )
        })
        .unwrap()
    });
    assert_eq!(ops(&e), [("person", "update")]);
    let e = appended(&store, |s| {
        s.answer(
            h,
            None,
            "household.housing.floor_material",
            "earth",
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("household", "update")]);
    let e = appended(&store, |s| {
        let point = GeoPoint::new(-6.94, 107.72, Some(12.0)).unwrap();
        s.set_location(h, point, OP, now()).unwrap()
    });
    assert_eq!(ops(&e), [("household", "update")]);
    assert!(fields(&e[0]).contains(&"location"));
    let e = appended(&store, |s| {
        s.keep_kk_qr(
            h,
            "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ",
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("household", "update")]);

    let e = appended(&store, |s| {
        let v = Visit::new(
            h,
            now(),
            VisitPurpose::Assessment,
            None,
            Some("Rumah bocor"),
            OP,
            now(),
        )
        .unwrap();
        s.save_visit(&v).unwrap()
    });
    assert_eq!(ops(&e), [("visit", "create")]);

    let complaint = Complaint::new(
        Some(h),
        "Asep",
        ComplaintCategory::AidNotReceived,
        "Belum menerima bantuan",
        ComplaintChannel::WalkIn,
        OP,
        now(),
    )
    .unwrap();
    let e = appended(&store, |s| s.save_complaint(&complaint).unwrap());
    assert_eq!(ops(&e), [("complaint", "create")]);
    let e = appended(&store, |s| {
        s.advance_complaint(
            complaint.meta.id,
            ComplaintStatus::RegistryChecked,
            "dicek",
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("complaint", "update")]);
    assert!(fields(&e[0]).contains(&"status"));

    let e = appended(&store, |s| {
        let r = Referral::new(
            h,
            Some(complaint.meta.id),
            Sector::Health,
            "PBI-JK",
            "Puskesmas",
            None,
            OP,
            now(),
        )
        .unwrap();
        s.save_referral(&r).unwrap()
    });
    assert_eq!(ops(&e), [("referral", "create")]);

    let proposal = Proposal::new(
        h,
        ProposalKind::NewRegistration,
        "Belum terdaftar",
        None,
        OP,
        now(),
    )
    .unwrap();
    let e = appended(&store, |s| s.save_proposal(&proposal).unwrap());
    assert_eq!(ops(&e), [("proposal", "create")]);
    let returned = serde_json::json!({
        "cursor": 1, "entity": "proposal", "entity_id": proposal.meta.id, "status": "returned",
        "note": "Foto belum ada", "by": "verifikator", "at": "2026-11-26T10:00:00Z"
    });
    let e = appended(&store, |s| {
        s.set_setting(
            &format!("{DECISION_PREFIX}proposal.{}", proposal.meta.id),
            &returned.to_string(),
        )
        .unwrap();
        s.resubmit_proposal(proposal.meta.id, "Foto sudah ada", OP, now())
            .unwrap()
    });
    assert_eq!(ops(&e), [("proposal", "update")]);

    let e = appended(&store, |s| {
        s.attach_photo(
            h,
            DocumentKind::HouseFront,
            &photo(1),
            true,
            None,
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("document", "attach")]);
    // A retake: the new photo attached, the earlier one deleted.
    let e = appended(&store, |s| {
        s.attach_photo(
            h,
            DocumentKind::HouseFront,
            &photo(2),
            true,
            None,
            OP,
            now(),
        )
        .unwrap()
    });
    assert_eq!(ops(&e), [("document", "attach"), ("document", "delete")]);
    assert!(e[1]
        .fields
        .iter()
        .all(|f| f.old.is_some() && f.new.is_none()));

    let (pack, _) = store.install_pack(EXAMPLE_PACK_JSON, now()).unwrap();
    let e = appended(&store, |s| {
        let (_, _, facts) = s.household_facts(h).unwrap();
        let rec = EvaluationRecord::new(
            h,
            evaluate(&pack, &facts, now().date_naive()),
            None,
            OP,
            now(),
        );
        s.save_evaluation(&rec).unwrap()
    });
    assert_eq!(ops(&e), [("evaluation", "create")]);

    // A second family, to move a member to and to delete whole.
    let other = store
        .save_family(
            HouseholdInput {
                kk_number: "3204010105120043".into(),
                village_code: "3204052001".into(),
                address: "Kampung Sukamaju".into(),
                rt: "4".into(),
                rw: "1".into(),
                ..Default::default()
            },
            vec![PersonInput {
                nik: Some("3204051508700002".into()),
                name: "Dedi".into(),
                relationship: Some(Relationship::Head),
                ..Default::default()
            }],
            OP,
            now(),
        )
        .unwrap();
    let o = other.household.meta.id;
    let e = appended(&store, |s| {
        s.move_member(spouse, o, Relationship::Spouse, "menikah", OP, now())
            .unwrap()
    });
    assert_eq!(ops(&e), [("person", "update")]);
    assert!(fields(&e[0]).contains(&"household_id"));
    let e = appended(&store, |s| {
        s.delete_member(spouse, "tercatat dua kali", OP, now())
            .unwrap()
    });
    assert_eq!(ops(&e), [("person", "delete")]);
    let e = appended(&store, |s| {
        s.delete_household(o, "KK ganda", OP, now()).unwrap()
    });
    assert_eq!(ops(&e), [("person", "delete"), ("household", "delete")]);

    // The plain record saves.
    let e = appended(&store, |s| {
        let mut hh = s.household(h).unwrap();
        hh.meta.touch("operator-2", now());
        s.save_household(&hh).unwrap();
        let mut p = s.person(head).unwrap();
        p.meta.touch("operator-2", now());
        s.save_person(&p).unwrap();
    });
    assert_eq!(ops(&e), [("household", "update"), ("person", "update")]);
    assert_eq!(e[0].operator, "operator-2");

    // What is not a change to a record leaves the chain alone.
    let n = all_entries(&store).len();
    let ids: Vec<Uuid> = store
        .outbox_unacked(3)
        .unwrap()
        .iter()
        .map(|e| e.entry_id)
        .collect();
    store.outbox_ack(&ids, now()).unwrap();
    store.prune_acknowledged().unwrap();
    store.set_setting("sync.operator", OP).unwrap();
    store
        .import_registry(
            "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n\
             2025Q3,3204052001,3204010105120042,3204051708900001,Asep Saepudin,Bandung,1990-08-17,male,head,2,Kampung Sukamaju,003,001\n"
                .as_bytes(),
            ExtractFormat::Csv,
        )
        .unwrap();
    assert_eq!(all_entries(&store).len(), n);

    let report = store.verify_audit().unwrap();
    assert!(report.is_intact(), "{:?}", report.breaks);
    assert_eq!(report.entries as usize, n);
    assert_eq!(report.head.unwrap().seq, n as i64);
}

#[test]
fn the_store_itself_cannot_change_or_remove_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.sqlite");
    let store = Store::open(&path).unwrap();
    household_of_one(&store);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute("UPDATE audit SET entry = '{}'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(conn.execute("DELETE FROM audit WHERE seq = 1", []).is_err());
}

#[test]
fn acknowledged_entries_are_not_sent_again_until_the_store_enrols_anew() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("field.sqlite")).unwrap();
    household_of_one(&store);
    assert_eq!(store.audit_unacked(10).unwrap().len(), 2);
    store.audit_ack(1).unwrap();
    store.audit_ack(0).unwrap();
    assert_eq!(store.audit_acked().unwrap(), 1, "never moves back");
    let rest = store.audit_unacked(10).unwrap();
    assert_eq!(rest.iter().map(|e| e.seq).collect::<Vec<_>>(), [2]);
    store.audit_resend_all().unwrap();
    assert_eq!(store.audit_unacked(10).unwrap().len(), 2);
}

/// A store with eight entries, closed, so that its file can be copied whole.
fn recorded_store(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("field.sqlite");
    let store = Store::open(&path).unwrap();
    let h = household_of_one(&store).household.meta.id;
    for rt in ["4", "5", "6", "7", "8", "9"] {
        let changes = HouseholdChanges {
            rt: Some(rt.into()),
            ..Default::default()
        };
        store
            .correct_household(h, &changes, "RT", OP, now())
            .unwrap();
    }
    assert_eq!(store.audit_head().unwrap().unwrap().seq, 8);
    assert!(store.verify_audit().unwrap().is_intact());
    drop(store);
    path
}

/// Copies the store and runs `sql` on the copy the way someone with the file would: the
/// append-only triggers dropped first.
fn tampered(original: &Path, name: &str, sql: &str) -> Store {
    let copy = original.with_file_name(name);
    std::fs::copy(original, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;",
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    Store::open(&copy).unwrap()
}

fn breaks(store: &Store) -> Vec<ChainBreak> {
    store.verify_audit().unwrap().breaks
}

fn brk(kind: BreakKind, seq: i64) -> ChainBreak {
    ChainBreak { kind, seq }
}

#[test]
fn a_copied_store_tampered_with_by_raw_sql_is_caught_and_each_kind_named() {
    let dir = tempfile::tempdir().unwrap();
    let original = recorded_store(dir.path());

    // A field's new-value hash replaced (say, to hide what the RT was changed to).
    let edited = tampered(
        &original,
        "edited.sqlite",
        "UPDATE audit SET entry = replace(entry, substr(entry, instr(entry, '\"new\":\"') + 7, 8), 'deadbeef') WHERE seq = 4;",
    );
    assert_eq!(breaks(&edited), [brk(BreakKind::Edit, 4)]);

    let gap = tampered(&original, "gap.sqlite", "DELETE FROM audit WHERE seq = 5;");
    assert_eq!(breaks(&gap), [brk(BreakKind::Gap, 5)]);

    let swapped = tampered(
        &original,
        "swapped.sqlite",
        "UPDATE audit SET seq = -1 WHERE seq = 3;
         UPDATE audit SET seq = 3 WHERE seq = 4;
         UPDATE audit SET seq = 4 WHERE seq = -1;",
    );
    assert_eq!(breaks(&swapped), [brk(BreakKind::Reorder, 3)]);

    let cut = tampered(&original, "cut.sqlite", "DELETE FROM audit WHERE seq >= 7;");
    assert_eq!(breaks(&cut), [brk(BreakKind::Truncated, 7)]);
    // The cut store's next change continues from what is left, and the cut still shows.
    assert_eq!(cut.audit_head().unwrap().unwrap().seq, 6);

    // An entry rewritten with a correct hash of its own breaks the link after it.
    let rehashed = {
        let s = tampered(&original, "rehashed.sqlite", "");
        let mut e = s.audit_entries(1, 1).unwrap().remove(0);
        e.operator = "someone-else".into();
        let hash = puskesos_core::audit::entry_hash(&e);
        drop(s);
        tampered(
            &original.with_file_name("rehashed.sqlite"),
            "rehashed2.sqlite",
            &format!(
                "UPDATE audit SET entry = replace(entry, '\"operator\":\"op\"', '\"operator\":\"someone-else\"'),
                                  hash = '{hash}' WHERE seq = 2;"
            ),
        )
    };
    assert_eq!(breaks(&rehashed), [brk(BreakKind::Reorder, 3)]);

    // The original, untouched, is still whole.
    assert!(Store::open(&original)
        .unwrap()
        .verify_audit()
        .unwrap()
        .is_intact());
}
