//! The audit chain end to end: a phone syncs, then copies of its store, tampered with by
//! raw SQL, sync as that phone; the district flags each on the village page.

use std::path::Path;

use puskesos_e2e::{capture_household, District, Phone, VILLAGE};

/// Copies the phone's store (closed between CLI runs) and runs `sql` on the copy, the
/// append-only triggers dropped first as anyone with the file could.
fn tampered_copy(phone: &Phone, dir: &Path, sql: &str) -> Phone {
    let copy = Phone::new(dir);
    std::fs::copy(&phone.db, &copy.db).expect("store copied");
    let conn = rusqlite::Connection::open(&copy.db).expect("copy opens");
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
        .expect("triggers dropped");
    conn.execute_batch(sql).expect("tampered");
    copy
}

fn verify(phone: &Phone) -> serde_json::Value {
    phone.json(&["audit"])
}

#[test]
fn tampered_copies_of_a_phone_syncing_as_it_are_flagged_on_the_village_page() {
    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    let hh = capture_household(&phone, dir.path(), 1, 0);
    let first = phone.json(&["sync"]);
    assert_eq!(first["acked"], 4, "household, 2 people, complaint");
    let page = district.staff_page(&format!("/staff/villages/{VILLAGE}"));
    assert!(page.contains("Utuh s.d. entri no. 4"), "{page}");

    // Two corrections the district has not seen yet: entries 5 and 6.
    for rt in ["007", "008"] {
        phone.ok(&[
            "household",
            "correct",
            &hh,
            "--rt",
            rt,
            "--reason",
            "salah tulis RT",
        ]);
    }
    let report = verify(&phone);
    assert_eq!(report["entries"], 6);
    assert_eq!(report["breaks"], serde_json::json!([]));

    // One copy hides what the RT was changed to in entry 5.
    let edited_dir = tempfile::tempdir().unwrap();
    let edited = tampered_copy(
        &phone,
        edited_dir.path(),
        "UPDATE audit SET entry = replace(entry, substr(entry, instr(entry, '\"new\":\"') + 7, 8), 'deadbeef') WHERE seq = 5;",
    );
    assert_eq!(
        verify(&edited)["breaks"],
        serde_json::json!([{ "kind": "edit", "seq": 5 }])
    );
    let out = edited.json(&["sync"]);
    assert_eq!(out["acked"], 2, "the records still arrive: {out}");

    // Another drops everything after entry 2, which the district had already seen.
    let cut_dir = tempfile::tempdir().unwrap();
    let cut = tampered_copy(&phone, cut_dir.path(), "DELETE FROM audit WHERE seq > 2;");
    cut.json(&["sync"]);

    let page = district.staff_page(&format!("/staff/villages/{VILLAGE}"));
    for text in [
        "Rantai audit rusak: Isi entri diubah (hash tidak cocok) pada entri no. 5",
        "Rantai audit rusak: Ujung rantai dipotong atau ditulis ulang pada entri no. 3",
    ] {
        assert!(page.contains(text), "{text} missing from the village page");
    }
}
