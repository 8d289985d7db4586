//! The district's certificate, pinned at enrolment: a different certificate on the same
//! address stops the sync at once with a clear error, retries nothing, and loses nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use puskesos_e2e::{assert_exactly_once, capture_household, District, Phone};

/// A self-signed certificate for 127.0.0.1: (cert PEM, key PEM, SHA-256 of the DER).
fn self_signed(dir: &Path, name: &str) -> (PathBuf, PathBuf, String) {
    let cert =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap();
    let cert_path = dir.join(format!("{name}.crt"));
    let key_path = dir.join(format!("{name}.key"));
    std::fs::write(&cert_path, cert.cert.pem()).unwrap();
    std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();
    (
        cert_path,
        key_path,
        puskesos_e2e::sha256_hex(cert.cert.der()),
    )
}

/// Runs to the end, or fails the test if it is still running after `limit` (a retry loop).
fn run_within(cmd: &mut std::process::Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {limit:?}: the certificate error was retried");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_certificate_other_than_the_enrolled_one_stops_the_sync_without_retries() {
    let dir = tempfile::tempdir().unwrap();
    let (cert_a, key_a, fp_a) = self_signed(dir.path(), "a");
    let (cert_b, key_b, _) = self_signed(dir.path(), "b");
    let mut district = District::start_tls(&cert_a, &key_a);
    assert!(district.url().starts_with("https://"));
    let phone = Phone::new(dir.path());
    phone.ok(&[
        "enrol",
        &district.url(),
        &district.enrol_code("op-1"),
        "--fingerprint",
        &fp_a,
    ]);
    capture_household(&phone, dir.path(), 1, 1);
    let pending = phone.json(&["outbox"])["pending"].as_u64().unwrap();
    assert_eq!(pending, 5);

    // Another certificate on the district's address (a re-keyed server, or someone else's).
    district.stop();
    district.set_tls(&cert_b, &key_b);
    district.spawn();
    for lang in ["id", "en"] {
        let out = run_within(
            &mut phone.command(&["--lang", lang, "sync", "--max-failures", "1000"]),
            Duration::from_secs(30),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let expected = if lang == "id" {
            "sidik jari sertifikat server tidak cocok"
        } else {
            "server certificate refused"
        };
        assert!(stderr.contains(expected), "{lang}: {stderr}");
        assert_eq!(
            stderr.matches("jaringan").count() + stderr.matches("network").count(),
            0,
            "not reported (or retried) as network trouble: {stderr}"
        );
    }
    // Nothing was deferred with backoff or parked: the entries wait, untouched.
    let db = rusqlite::Connection::open(&phone.db).unwrap();
    let (waiting, touched): (i64, i64) = db
        .query_row(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE attempts > 0 OR next_attempt_at IS NOT NULL)
             FROM outbox WHERE state = 'pending'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((waiting, touched), (pending as i64, 0));
    assert!(
        district.record_counts().is_empty(),
        "nothing reached the impostor"
    );

    // The right certificate again: everything arrives, once.
    district.stop();
    district.set_tls(&cert_a, &key_a);
    district.spawn();
    phone.ok(&["sync"]);
    assert_eq!(phone.json(&["outbox"])["pending"], 0);
    assert_exactly_once(&district, &phone);
}
