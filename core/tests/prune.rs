//! Storage on a phone that keeps working for months: once the district has acknowledged
//! photos and records, their bytes leave the phone and the store stops growing. Real SQLite
//! files; the district's acknowledgement is played by `outbox_ack`, as the sync does it.

use chrono::{Duration, TimeZone, Utc};
use puskesos_core::capture::content_hash;
use puskesos_core::model::{Document, DocumentKind, HouseholdInput, PersonInput, Relationship};
use puskesos_core::store::Store;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

/// Bytes that do not compress, like a JPEG's.
fn photo(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// One day's work: a household with its head and five photos of 100 KB.
fn a_day(store: &Store, day: u32) {
    let at = now() + Duration::days(i64::from(day));
    let family = store
        .save_family(
            HouseholdInput {
                kk_number: format!("32040101051200{:02}", 10 + day),
                village_code: "3204052001".into(),
                address: format!("Kampung {day}"),
                rt: "1".into(),
                rw: "1".into(),
                ..Default::default()
            },
            vec![PersonInput {
                nik: Some(format!("32040517088000{:02}", 10 + day)),
                name: "Kepala".into(),
                relationship: Some(Relationship::Head),
                ..Default::default()
            }],
            "op",
            at,
        )
        .unwrap();
    for i in 0..5u64 {
        let bytes = photo(u64::from(day) * 10 + i, 100_000);
        let d = Document::new(
            family.household.meta.id,
            DocumentKind::REQUIRED_SET[i as usize],
            &content_hash(&bytes),
            bytes.len() as u64,
            "image/jpeg",
            "op",
            at,
        )
        .unwrap();
        store.save_document(&d, &bytes).unwrap();
    }
}

fn district_acknowledges_everything(store: &Store) {
    let batch = store
        .outbox_next_batch(1000, now() + Duration::days(400))
        .unwrap();
    let ids: Vec<_> = batch.iter().map(|e| e.entry_id).collect();
    store.outbox_ack(&ids, now()).unwrap();
}

#[test]
fn acknowledged_photos_leave_the_phone_and_the_store_stops_growing() {
    let dir = tempfile::tempdir().unwrap();
    let pruned = Store::open(&dir.path().join("pruned.sqlite")).unwrap();
    let kept = Store::open(&dir.path().join("kept.sqlite")).unwrap();
    let mut pruned_sizes = Vec::new();
    let mut kept_sizes = Vec::new();
    for day in 1..=8 {
        for store in [&pruned, &kept] {
            a_day(store, day);
            district_acknowledges_everything(store);
        }
        let report = pruned.prune_acknowledged().unwrap();
        assert_eq!(report.documents, 5, "day {day}: {report:?}");
        assert_eq!(report.document_bytes, 500_000);
        assert_eq!(report.outbox_rows, 7, "household, head, five photos");
        pruned_sizes.push(pruned.storage_in_use().unwrap());
        kept_sizes.push(kept.storage_in_use().unwrap());
    }
    // Without pruning, every day adds its half megabyte of photos.
    assert!(
        kept_sizes[7] > kept_sizes[1] + 6 * 450_000,
        "kept: {kept_sizes:?}"
    );
    // With it, the store keeps the records only (they stay, as does their history): a day
    // adds a few pages of records, not its half megabyte of photos.
    let per_day = (pruned_sizes[7] - pruned_sizes[1]) / 6;
    assert!(
        per_day < 40_000,
        "pruned grows {per_day} B/day: {pruned_sizes:?}"
    );
    // The records are all there; only the bytes went.
    assert_eq!(pruned.households(None).unwrap().len(), 8);
    let any = pruned.households(None).unwrap()[0].meta.id;
    let docs = pruned.documents_of(any).unwrap();
    assert_eq!(docs.len(), 5);
    assert!(!pruned.document_bytes_kept(docs[0].meta.id).unwrap());
}

#[test]
fn nothing_unacknowledged_is_released() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("field.sqlite")).unwrap();
    a_day(&store, 1);
    let report = store.prune_acknowledged().unwrap();
    assert_eq!(report, Default::default());
    let h = store.households(None).unwrap()[0].meta.id;
    for d in store.documents_of(h).unwrap() {
        assert_eq!(store.document_bytes(d.meta.id).unwrap().len(), 100_000);
    }
    // A household deleted on the phone stays until the district has the deletion.
    store.delete_household(h, "ganda", "op", now()).unwrap();
    store.prune_acknowledged().unwrap();
    assert_eq!(store.outbox_counts().unwrap().pending, 7 + 7);
    district_acknowledges_everything(&store);
    let report = store.prune_acknowledged().unwrap();
    assert_eq!(
        report.deleted_records, 7,
        "five photos, the head, the household"
    );
    assert_eq!(store.history(h).unwrap().len(), 1, "the history stays");
}
