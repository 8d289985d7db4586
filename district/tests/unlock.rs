//! Devices' unlock codes: issued at enrolment, revealed to staff on the village page with
//! every reveal logged, and able to open a phone's app lock after ten wrong PINs.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use common::*;
use puskesos_core::lock::{normalise_unlock_code, Clock, Lock, LockError};
use puskesos_core::store::Store;
use puskesos_core::sync::Enrolment;
use sqlx::Row;

fn reveal_path(village: &str, device_id: &str) -> String {
    format!("/staff/villages/{village}/devices/{device_id}/unlock-code")
}

fn views(server: &TestServer) -> Vec<(String, String)> {
    server.block_on(async {
        sqlx::query("SELECT device_id, username FROM unlock_code_views ORDER BY viewed_at")
            .fetch_all(&server.state.db().pool)
            .await
            .expect("views")
            .iter()
            .map(|r| (r.get("device_id"), r.get("username")))
            .collect()
    })
}

fn sealed(server: &TestServer, device_id: &str) -> Option<String> {
    server.block_on(async {
        sqlx::query("SELECT unlock_code_sealed FROM devices WHERE device_id = $1")
            .bind(device_id)
            .fetch_one(&server.state.db().pool)
            .await
            .expect("device row")
            .get("unlock_code_sealed")
    })
}

#[test]
fn enrolment_returns_an_unlock_code_that_the_database_keeps_only_sealed() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let code = a.enrolled.unlock_code.clone().expect("an unlock code");
    let plain = normalise_unlock_code(&code).expect("a well-formed code");
    assert_eq!(code.len(), 14, "{code}");
    let stored = sealed(&server, &a.enrolled.device_id).expect("stored");
    assert!(!stored.contains(&plain) && !stored.contains(&code));
    assert!(
        !format!("{:?}", a.enrolled).contains(&code),
        "Debug hides the code"
    );

    let b = server.village_with_device(VILLAGE_B, "op-b");
    assert_ne!(b.enrolled.unlock_code, a.enrolled.unlock_code);
    // The key that seals the codes lives outside the database.
    let key = server.config.data_dir.join("unlock-codes.key");
    assert_eq!(std::fs::metadata(&key).expect("key file").len(), 32);
}

#[test]
fn staff_reveal_a_devices_code_on_the_village_page_and_every_reveal_is_logged() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let code = a.enrolled.unlock_code.clone().expect("code");
    let staff = server.staff();

    let (s, page) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert_eq!(s, 200);
    assert!(page.contains("Tampilkan kode buka kunci"));
    assert!(!page.contains(&code), "not shown until asked for");

    let (s, page) = staff.form(&reveal_path(VILLAGE_A, &a.enrolled.device_id), &[]);
    assert_eq!(s, 200, "{page}");
    assert!(page.contains(&code), "the code is shown");
    assert_eq!(
        views(&server),
        vec![(a.enrolled.device_id.clone(), "admin".to_string())]
    );
    assert!(page.contains("Catatan tampilan kode buka kunci (1)"));

    staff.form(&reveal_path(VILLAGE_A, &a.enrolled.device_id), &[]);
    let (_, page) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert!(page.contains("Catatan tampilan kode buka kunci (2)"));
    assert!(
        !page.contains(&code),
        "a plain visit shows the log, not the code"
    );
    assert_eq!(views(&server).len(), 2);
}

#[test]
fn a_reveal_for_another_village_or_without_a_session_is_refused_and_not_logged() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let _b = server.village_with_device(VILLAGE_B, "op-b");
    let code = a.enrolled.unlock_code.clone().expect("code");
    let staff = server.staff();

    // Village A's device asked for through village B's page.
    let (s, body) = staff.form(&reveal_path(VILLAGE_B, &a.enrolled.device_id), &[]);
    assert_eq!(s, 404);
    assert!(!body.contains(&code));
    let (s, _) = staff.form(&reveal_path(VILLAGE_A, "no-such-device"), &[]);
    assert_eq!(s, 404);

    // No session: sent to the login page.
    let (s, body) = raw(
        "POST",
        &format!(
            "{}{}",
            server.url,
            reveal_path(VILLAGE_A, &a.enrolled.device_id)
        ),
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(b""),
    );
    assert_eq!(s, 303);
    assert!(!body.contains(&code));
    // A forged session cookie fares no better.
    let (s, body) = raw(
        "POST",
        &format!(
            "{}{}",
            server.url,
            reveal_path(VILLAGE_A, &a.enrolled.device_id)
        ),
        &[("cookie", "pd_session=0123456789abcdef")],
        Some(b""),
    );
    assert_eq!(s, 303);
    assert!(!body.contains(&code));
    assert!(views(&server).is_empty());
}

/// The phone's clock, moved by the test so that the waits between wrong PINs pass at once.
struct PhoneClock(AtomicI64);

impl Clock for PhoneClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

#[test]
fn the_code_from_enrolment_opens_a_phone_locked_after_ten_wrong_pins() {
    let server = TestServer::start();
    let staff = server.staff();
    staff.create_village(VILLAGE_A, "Desa Uji A");
    let issued = staff.issue_code(VILLAGE_A, "op-a");
    let phone = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&phone.path().join("field.db")).expect("store");

    // The phone enrols; core hands the app the unlock code with the enrolment, once.
    let enrolment =
        Enrolment::enrol(&store, &server.url, &issued.code, None, "HP 1").expect("enrols");
    let code = enrolment.unlock_code.clone().expect("unlock code");
    assert_eq!(
        Enrolment::load(&store)
            .expect("load")
            .expect("saved")
            .unlock_code,
        None,
        "the code is not kept in the store"
    );

    let clock = Arc::new(PhoneClock(AtomicI64::new(1_790_000_000)));
    let lock = Lock::open_with_clock(
        phone.path().join("app.lock"),
        b"keystore pepper",
        clock.clone(),
    )
    .expect("lock");
    let key = lock.set_pin("482915").expect("PIN set");
    lock.set_unlock_code(&key, &code).expect("code stored");

    for n in 1..=10 {
        clock.0.fetch_add(3600, Ordering::SeqCst);
        let e = lock.unlock("000111").unwrap_err();
        if n < 10 {
            assert_eq!(
                e,
                LockError::WrongPin {
                    attempts_left: 10 - n
                }
            );
        } else {
            assert_eq!(e, LockError::LockedOut);
        }
    }
    clock.0.fetch_add(3600, Ordering::SeqCst);
    assert_eq!(lock.unlock("482915").unwrap_err(), LockError::LockedOut);

    // Staff read the code to the operator, who types it in lower case without dashes.
    let (s, page) = staff.form(&reveal_path(VILLAGE_A, &enrolment.device_id), &[]);
    assert_eq!(s, 200);
    assert!(page.contains(&code));
    let typed = code.to_lowercase().replace('-', "");
    let opened = lock
        .unlock_with_code(&typed, "730518")
        .expect("the code opens");
    assert_eq!(opened.as_bytes(), key.as_bytes());
    let status = lock.status().expect("status");
    assert!(!status.locked_out);
    assert_eq!(status.pin_failures, 0);
    assert_eq!(
        lock.unlock("730518").expect("new PIN").as_bytes(),
        key.as_bytes()
    );
}
