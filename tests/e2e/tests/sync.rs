//! Capture with the CLI, sync to the real district service, and check what arrived.

use puskesos_e2e::{assert_exactly_once, capture_household, District, Phone};

#[test]
fn capture_sync_and_resync_arrive_exactly_once_byte_identical() {
    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    let code = district.enrol_code("op-1");
    phone.ok(&["enrol", &district.url(), &code]);
    capture_household(&phone, dir.path(), 1, 2);

    let before = phone.json(&["outbox"]);
    assert_eq!(
        before["pending"], 6,
        "household, 2 people, complaint, 2 photos"
    );

    let first = phone.run(&["sync", "--json"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("6/6 entri"),
        "progress line on stderr: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["acked"], 6);
    assert_eq!(report["duplicates"], 0);
    assert_eq!(report["files_uploaded"], 2);
    assert_eq!(report["pending"], 0);
    assert_exactly_once(&district, &phone);
    let applied = district.applied_entries();

    // Again: nothing is resent, nothing doubled.
    let again = phone.json(&["sync"]);
    assert_eq!(again["acked"], 0);
    assert_eq!(again["files_uploaded"], 0);
    assert_eq!(again["bytes_uploaded"], 0);
    assert_eq!(district.applied_entries(), applied);
    assert_exactly_once(&district, &phone);

    let after = phone.json(&["outbox"]);
    assert_eq!(after["pending"], 0);
    assert_eq!(after["acked"], 6);
    assert_eq!(after["parked"], 0);

    // A reused enrolment code is refused.
    let reused = phone.run(&["enrol", &district.url(), &code]);
    assert_eq!(reused.status.code(), Some(1));
}

#[test]
fn a_sync_killed_at_random_points_resumes_without_loss_or_doubles() {
    use rand::{Rng, SeedableRng};
    use std::time::Duration;

    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    for n in 0..20 {
        capture_household(&phone, dir.path(), n, 2);
    }
    let total = phone.json(&["outbox"])["pending"].as_u64().unwrap();
    assert_eq!(total, 20 * 6);

    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut killed_midway = 0;
    for _ in 0..20 {
        let mut child = phone
            .command(&["sync", "--batch", "3"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.random_range(30..400)));
        if child.try_wait().unwrap().is_some() {
            break;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let pending = phone.json(&["outbox"])["pending"].as_u64().unwrap();
        if pending > 0 && pending < total {
            killed_midway += 1;
        }
    }
    assert!(killed_midway > 0, "at least one kill landed mid-sync");
    phone.ok(&["sync"]);
    assert_eq!(phone.json(&["outbox"])["pending"], 0);
    assert_exactly_once(&district, &phone);
}
