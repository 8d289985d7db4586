//! Each device's audit chain at the district: kept as it arrives, checked with core's code,
//! and every break flagged on the staff API and the village page, on both back ends.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use puskesos_core::audit::{entry_hash, field_changes, AuditEntry, ChainHead, GENESIS_HASH};
use puskesos_core::sync::wire::{AuditUpload, Entity};
use serde_json::{json, Value};
use uuid::Uuid;

fn chain(n: i64) -> Vec<AuditEntry> {
    let mut out: Vec<AuditEntry> = Vec::new();
    for seq in 1..=n {
        let prev = out
            .last()
            .map_or(GENESIS_HASH.to_string(), |e| e.hash.clone());
        let id = Uuid::from_u128(seq as u128);
        let mut e = AuditEntry {
            seq,
            at: Utc
                .with_ymd_and_hms(2026, 11, 24, 9, 30, seq as u32)
                .unwrap()
                .to_rfc3339(),
            operator: "op-a".into(),
            entity: "household".into(),
            entity_id: id,
            op: "update".into(),
            fields: field_changes(
                id,
                json!({"rt": "1"}).as_object(),
                json!({"rt": seq.to_string()}).as_object(),
            ),
            prev_hash: prev,
            hash: String::new(),
        };
        e.hash = entry_hash(&e);
        out.push(e);
    }
    out
}

fn up(entries: &[AuditEntry], head: &AuditEntry) -> AuditUpload {
    AuditUpload {
        head: Some(ChainHead {
            seq: head.seq,
            hash: head.hash.clone(),
        }),
        entries: entries.to_vec(),
    }
}

fn push(d: &Device, upload: &AuditUpload) -> Option<i64> {
    d.client
        .push_batch_with_audit(VILLAGE_A, &[], Some(upload))
        .expect("batch answered")
        .audit_acked
}

/// `(kind, seq)` of the device's breaks, from the staff API.
fn breaks(staff: &Staff, device: &Device) -> (Option<i64>, Vec<(String, i64)>) {
    let (status, body) = staff.json(
        "GET",
        &format!("/staff/api/villages/{VILLAGE_A}/audit"),
        Value::Null,
    );
    assert_eq!(status, 200, "{body}");
    let d = body
        .as_array()
        .expect("a list")
        .iter()
        .find(|d| d["device_id"] == device.enrolled.device_id.as_str())
        .expect("the device is listed")
        .clone();
    let list = d["breaks"]
        .as_array()
        .expect("breaks")
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap_or_default().to_string(),
                b["seq"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    (d["head_seq"].as_i64(), list)
}

#[test]
fn a_chain_is_kept_and_each_break_is_flagged_for_staff_with_its_place() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    let c = chain(9);

    // An older phone's batch carries no chain and gets no acknowledgement of one.
    let hh = Uuid::now_v7();
    let entry = a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Budi"));
    let old = a.client.push_batch(VILLAGE_A, &[entry]).expect("old phone");
    assert_eq!(old.audit_acked, None);
    assert_eq!(breaks(&staff, &a), (None, vec![]));

    assert_eq!(push(&a, &up(&c[..4], &c[3])), Some(4));
    // A resend overlapping what is held, with one new entry: nothing flagged.
    assert_eq!(push(&a, &up(&c[2..5], &c[4])), Some(5));
    assert_eq!(breaks(&staff, &a), (Some(5), vec![]));
    let (_, page) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert!(page.contains("Utuh s.d. entri no. 5"), "{page}");

    // Entry 6 never arrives.
    assert_eq!(push(&a, &up(&c[6..8], &c[7])), Some(8));
    // Entry 9 arrives with a field's hash changed after it was made.
    let mut edited = c[8].clone();
    edited.fields[0].new = Some("0".repeat(64));
    push(&a, &up(&[edited], &c[8]));
    // And the phone then says its chain ends at 5.
    push(&a, &up(&[], &c[4]));
    let (head, found) = breaks(&staff, &a);
    assert_eq!(head, Some(9));
    assert_eq!(
        found,
        [
            ("gap".to_string(), 6),
            ("truncated".to_string(), 6),
            ("edit".to_string(), 9)
        ]
    );

    // A second phone whose entries 2 and 3 changed places.
    let code = staff.issue_code(VILLAGE_A, "op-b");
    let b = Device::new(
        &server,
        server.client().enrol(&code.code, "HP 2").expect("enrols"),
    );
    let mut swapped = chain(4);
    swapped.swap(1, 2);
    swapped[1].seq = 2;
    swapped[2].seq = 3;
    push(&b, &up(&swapped, &swapped[3]));
    assert_eq!(breaks(&staff, &b).1, [("reorder".to_string(), 2)]);

    // The village page names each break and where it is, in Bahasa Indonesia.
    let (status, page) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert_eq!(status, 200);
    for text in [
        "Rantai audit rusak: Entri hilang (celah urutan) pada entri no. 6",
        "Rantai audit rusak: Isi entri diubah (hash tidak cocok) pada entri no. 9",
        "Rantai audit rusak: Ujung rantai dipotong atau ditulis ulang pada entri no. 6",
        "Rantai audit rusak: Urutan rantai diubah (tidak bersambung dengan entri sebelumnya) pada entri no. 2",
    ] {
        assert!(page.contains(text), "{text} missing from the page");
    }

    // What was held stays as first received, and survives a restart.
    let server = server.restart();
    let staff = server.staff();
    assert_eq!(breaks(&staff, &a).0, Some(9));
}
