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

/// A desk operator who runs `sync` again after a failed one does not wait out the backoff
/// that failure set (here a minute): the first pass of a run sends at once.
#[test]
fn a_sync_run_by_a_person_sends_what_a_failure_left_waiting_at_once() {
    let mut district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    capture_household(&phone, dir.path(), 1, 1);
    let pending = phone.json(&["outbox"])["pending"].as_u64().unwrap();
    assert!(pending > 0);

    district.stop();
    let failed = phone
        .command(&["sync", "--once"])
        .env("PUSKESOS_SYNC_BACKOFF_MS", "60000")
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1), "no service: the pass fails");
    assert_eq!(phone.json(&["outbox"])["pending"].as_u64(), Some(pending));

    district.spawn();
    let out = phone
        .command(&["sync", "--once", "--json"])
        .env("PUSKESOS_SYNC_BACKOFF_MS", "60000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["acked"].as_u64(), Some(pending), "{report}");
    assert_eq!(report["pending"], 0, "{report}");
    assert_exactly_once(&district, &phone);
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

/// The district service is killed while a photo is half uploaded and started again: the
/// next sync continues each file from the bytes the service kept, so no finished chunk is
/// sent twice, and everything arrives exactly once and byte-identical.
#[test]
fn the_service_restarted_mid_upload_resumes_without_resending_finished_chunks() {
    use std::collections::BTreeMap;
    use std::time::Duration;

    const CHUNK: u64 = 32 * 1024;
    let mut district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    for n in 0..3 {
        capture_household(&phone, dir.path(), n, 3);
    }
    let sizes: BTreeMap<String, u64> = phone
        .documents()
        .into_iter()
        .map(|(sha, bytes)| (sha, bytes.len() as u64))
        .collect();
    let payload: u64 = sizes.values().sum();
    assert!(
        sizes.values().all(|&s| s > 4 * CHUNK),
        "photos take several chunks"
    );
    let proxy = puskesos_e2e::proxy::FaultProxy::counting(district.addr);
    rusqlite::Connection::open(&phone.db)
        .unwrap()
        .execute(
            "UPDATE settings SET value = ?1 WHERE key = 'sync.base_url'",
            [proxy.url()],
        )
        .unwrap();
    let sync = ["sync", "--once", "--chunk-kb", "32"];

    // Run 1: the service is killed once a photo is partly there, with chunks still to go.
    let partial_dir = district.data_dir().join("files/partial");
    let partials = || -> BTreeMap<String, u64> {
        std::fs::read_dir(&partial_dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().to_string();
                        let sha = name.strip_suffix(".part")?.rsplit('-').next()?.to_string();
                        Some((sha, e.metadata().ok()?.len()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut child = phone
        .command(&sync)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the sync finished before the service could be restarted mid-upload"
        );
        let midway = partials()
            .iter()
            .any(|(sha, &len)| len >= 2 * CHUNK && len + 2 * CHUNK <= sizes[sha]);
        if midway {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    district.stop(); // SIGKILL, mid-upload
    assert!(
        !child.wait().unwrap().success(),
        "--once stops at the lost service"
    );
    let held_partial: u64 = partials().values().sum();
    let held_complete: u64 = sizes
        .iter()
        .filter(|(sha, _)| district.blob(sha).is_some())
        .map(|(_, s)| s)
        .sum();
    assert!(held_partial >= 2 * CHUNK, "a photo was half uploaded");
    assert!(held_complete < payload);

    // Run 2, after the restart: every file continues from what the service kept.
    district.spawn();
    let report = phone.json(&sync);
    assert_eq!(report["pending"], 0, "{report}");
    assert_eq!(
        report["bytes_uploaded"].as_u64().unwrap(),
        payload - held_complete - held_partial,
        "only the bytes the service did not hold were sent: {report}"
    );
    assert_exactly_once(&district, &phone);

    // On the wire, over both runs: the photos once, at most one chunk again (the one cut by
    // the kill), plus the records' JSON with their audit entries, and the HTTP heads.
    let record_json: u64 = rusqlite::Connection::open(&phone.db)
        .unwrap()
        .query_row("SELECT SUM(LENGTH(payload)) FROM outbox", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap() as u64;
    let audit_json: u64 = puskesos_core::store::Store::open(&phone.db)
        .unwrap()
        .audit_entries(0, u32::MAX)
        .unwrap()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap().len() as u64)
        .sum();
    let (up, _, answers) = proxy.traffic();
    let heads = (answers + 1) * 400;
    assert!(
        up <= payload + CHUNK + 2 * (record_json + audit_json) + heads,
        "{up} bytes sent for {payload} bytes of photos ({record_json} of records, \
         {audit_json} of their audit entries, {answers} requests)"
    );
}
