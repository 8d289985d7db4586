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

/// The figure: 200 records (50 households with head, spouse and a complaint) and
/// 100 photos; the client is killed with SIGKILL 20 times, each time after a random amount
/// of observed progress (batches acknowledged, chunks uploaded) plus a random delay, and
/// started again.
#[test]
fn a_sync_killed_at_random_points_resumes_without_loss_or_doubles() {
    use rand::{Rng, SeedableRng};
    use std::io::Read;
    use std::time::{Duration, Instant};

    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    let setup = Instant::now();
    for n in 0..50 {
        capture_household(&phone, dir.path(), n, 2);
    }
    let counts = phone.entity_counts();
    let records: i64 = counts
        .iter()
        .filter(|(k, _)| k.as_str() != "document")
        .map(|(_, n)| n)
        .sum();
    assert_eq!((records, counts["document"]), (200, 100), "{counts:?}");
    let total = phone.json(&["outbox"])["pending"].as_u64().unwrap();
    assert_eq!(total, 300);
    eprintln!("captured in {:?}", setup.elapsed());

    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut last_pending = total;
    let mut advanced = 0;
    for round in 0..20 {
        let mut child = phone
            .command(&["sync", "--batch", "3"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Each progress update rewrites the line: one `\r` per update, the first at start.
        let wanted = rng.random_range(3..12);
        let mut seen = 0;
        let mut err = child.stderr.take().unwrap();
        let mut buf = [0u8; 4096];
        while seen < wanted {
            let n = err.read(&mut buf).unwrap();
            assert!(
                n > 0,
                "round {round}: the sync ended after {seen} updates, before the kill"
            );
            seen += buf[..n].iter().filter(|&&b| b == b'\r').count();
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(0..15)));
        assert!(
            child.try_wait().unwrap().is_none(),
            "round {round}: the sync finished before the kill"
        );
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        drop(err);
        let pending = phone.json(&["outbox"])["pending"].as_u64().unwrap();
        assert!(pending > 0, "round {round}: killed mid-sync, not after it");
        assert!(
            pending <= last_pending,
            "acknowledged entries stay acknowledged"
        );
        if pending < last_pending {
            advanced += 1;
        }
        last_pending = pending;
    }
    assert!(
        advanced >= 10,
        "kills between acknowledgements: {advanced} of 20 advanced"
    );
    phone.ok(&["sync"]);
    let outbox = phone.json(&["outbox"]);
    assert_eq!(outbox["pending"], 0, "{outbox}");
    assert_eq!(outbox["parked"], 0, "{outbox}");
    assert_exactly_once(&district, &phone);
}
