//! A bad network between the phone and the district, one kind of fault per test: after
//! each, every record is at the district exactly once and every photo byte-identical.

use puskesos_e2e::proxy::{Fault, FaultProxy};
use puskesos_e2e::{assert_exactly_once, capture_household, District, Phone};

/// Captures a few households with photos, enrols directly (a cut answer would burn the
/// one-time code), then syncs through a proxy with `fault` until the outbox is empty.
fn deliver_through(fault: Fault, seed: u64, extra: &[&str]) -> FaultProxy {
    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let phone = Phone::new(dir.path());
    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    for n in 0..5 {
        capture_household(&phone, dir.path(), n, 2);
    }
    let proxy = FaultProxy::with_fault(district.addr, fault, seed);
    rusqlite::Connection::open(&phone.db)
        .unwrap()
        .execute(
            "UPDATE settings SET value = ?1 WHERE key = 'sync.base_url'",
            [proxy.url()],
        )
        .unwrap();

    let mut args = vec!["sync", "--batch", "4", "--max-failures", "1000"];
    args.extend_from_slice(extra);
    let mut rounds = 0;
    loop {
        rounds += 1;
        let out = phone.run(&args);
        if out.status.success() {
            break;
        }
        assert!(
            rounds < 20,
            "sync never finished through {fault:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(phone.json(&["outbox"])["pending"], 0);
    assert_eq!(phone.json(&["outbox"])["parked"], 0);
    assert_exactly_once(&district, &phone);
    proxy
}

#[test]
fn connections_cut_mid_request_lose_and_double_nothing() {
    let proxy = deliver_through(Fault::CutRequests, 3, &[]);
    let (connections, cut_requests, _, _) = proxy.summary();
    assert!(
        cut_requests >= 2,
        "{cut_requests} requests cut over {connections} connections"
    );
}

#[test]
fn connections_cut_mid_response_lose_and_double_nothing() {
    let proxy = deliver_through(Fault::CutResponses, 5, &[]);
    let (connections, _, cut_responses, _) = proxy.summary();
    assert!(
        cut_responses >= 2,
        "{cut_responses} answers cut over {connections} connections"
    );
}

#[test]
fn server_errors_500_and_503_are_retried_until_delivered() {
    let proxy = deliver_through(Fault::ServerErrors, 9, &[]);
    let (connections, _, _, refused) = proxy.summary();
    assert!(
        refused >= 2,
        "{refused} answers of 500/503 over {connections} connections"
    );
}

#[test]
fn stalled_connections_are_given_up_by_the_client_timeout_and_retried() {
    let start = std::time::Instant::now();
    // One second of silence and the client gives the connection up.
    let proxy = deliver_through(Fault::Stalls, 4, &["--timeout-ms", "1000"]);
    assert!(
        proxy.stalls() >= 2,
        "{} stalls over {} connections",
        proxy.stalls(),
        proxy.summary().0
    );
    // Each stall cost about the timeout, not the proxy's 30 s of silence.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(25 * proxy.stalls().max(1)),
        "stalls were waited out, not timed out: {:?}",
        start.elapsed()
    );
}

#[test]
fn every_fault_mixed_still_delivers_everything_once() {
    let proxy = deliver_through(Fault::Mixed, 7, &["--timeout-ms", "2000"]);
    let (connections, cut_req, cut_resp, unavailable) = proxy.summary();
    assert!(
        cut_req + cut_resp > 0 && unavailable > 0,
        "the proxy injected faults: {connections} connections, {cut_req} cut requests, \
         {cut_resp} cut responses, {unavailable} 500/503s"
    );
}
