//! Benchmark of the district service over loopback. Prints:
//! - record batches per second accepted from 50 concurrent bounded clients (goal ≥ 500/s);
//! - bytes on the wire of an unchanged village pack check (goal ≤ 1 KB), and of a full pack
//!   and a one-row delta for comparison.
//!
//! `cargo run --release -p puskesos-district --bin district-bench [-- CLIENTS BATCHES_PER_CLIENT ENTRIES_PER_BATCH]`
//! Uses SQLite in a temporary directory, or PostgreSQL when `DATABASE_URL` is set.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Instant;

use puskesos_core::sync::client::{PackPull, SyncClient, TrustAnchor};
use puskesos_core::sync::wire::{Entity, EntryOutcome, Op, OutboxEntry};
use puskesos_district::config::{start, Config};
use puskesos_district::pack::PackUpdate;
use serde_json::json;
use uuid::Uuid;

const VILLAGE: &str = "3201010001";

fn registry_csv(n: usize, renamed: Option<usize>) -> String {
    let mut out = String::from(
        "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n",
    );
    for i in 0..n {
        let name = if Some(i) == renamed {
            format!("Warga Baru {i}")
        } else {
            format!("Warga {i}")
        };
        out.push_str(&format!(
            "2025Q3,{VILLAGE},320101120125{:04},320101120190{:04},{name},Bogor,1990-01-12,male,head,3,Jl. Uji {i},001,002\n",
            i / 4,
            i
        ));
    }
    out
}

/// One HTTP/1.1 request on a fresh connection; returns (request bytes, response bytes,
/// status line).
fn wire_request(addr: &str, request: &str) -> (usize, usize, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.write_all(request.as_bytes()).expect("send");
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).expect("read");
    let status = String::from_utf8_lossy(&resp)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    (request.len(), resp.len(), status)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let clients = args.first().copied().unwrap_or(50);
    let batches_per_client = args.get(1).copied().unwrap_or(40);
    let entries_per_batch = args.get(2).copied().unwrap_or(10);

    let dir = std::env::temp_dir().join(format!("district-bench-{}", Uuid::now_v7().simple()));
    let mut config = Config::for_data_dir(dir.join("district-data"));
    config.database_url = std::env::var("DATABASE_URL").ok();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = rt.block_on(start(&config)).expect("service starts");
    let url = started.url.clone();
    let addr = started.addr.to_string();
    let state = started.state.clone();
    println!(
        "district-bench: service at {url} ({:?})",
        state.db().backend
    );

    // Set-up: a village, a pack of 1,000 registry rows, and one enrolled device per client.
    let codes: Vec<String> = rt.block_on(async {
        puskesos_district::enrol::create_village(state.db(), VILLAGE, "Desa Bench")
            .await
            .expect("village");
        puskesos_district::pack::publish(
            state.db(),
            VILLAGE,
            PackUpdate {
                registry_csv: Some(registry_csv(1000, None)),
                rules_json: Some("{\"version\":\"2025.1\"}".into()),
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let mut codes = Vec::new();
        for i in 0..clients {
            codes.push(
                puskesos_district::staff::issue_code(&state, VILLAGE, &format!("op-{i}"), "bench")
                    .await
                    .expect("code")
                    .code,
            );
        }
        codes
    });
    let devices: Vec<(SyncClient, String)> = codes
        .iter()
        .map(|code| {
            let c = SyncClient::new(&url, TrustAnchor::PublicRoots).expect("client");
            let e = c.enrol(code, "bench").expect("enrol");
            (c.with_token(&e.token), e.device_id)
        })
        .collect();

    // Load: every client sends its batches one after another (bounded: one request in
    // flight per client), all clients at once.
    let go = Arc::new(std::sync::Barrier::new(clients + 1));
    let mut handles = Vec::new();
    for (client, device_id) in devices.clone() {
        let go = go.clone();
        handles.push(std::thread::spawn(move || {
            let mut clock = 0;
            let batches: Vec<Vec<OutboxEntry>> = (0..batches_per_client)
                .map(|_| {
                    (0..entries_per_batch)
                        .map(|_| {
                            clock += 1;
                            let id = Uuid::now_v7();
                            OutboxEntry {
                                entry_id: Uuid::now_v7(),
                                seq: clock,
                                entity: Entity::Household,
                                entity_id: id,
                                village_code: VILLAGE.into(),
                                op: Op::Upsert,
                                clock,
                                device_id: device_id.clone(),
                                author: "bench".into(),
                                recorded_at: chrono::Utc::now(),
                                payload: json!({"id": id.to_string(), "kk_number": "3201011201250001", "village_code": VILLAGE,
                                    "address": "Jl. Bench 1", "rt": "001", "rw": "002", "head_name": "Kepala Bench"}),
                            }
                        })
                        .collect()
                })
                .collect();
            go.wait();
            let mut acked = 0usize;
            for b in &batches {
                let r = client.push_batch(VILLAGE, b).expect("batch accepted");
                acked += r.results.iter().filter(|x| matches!(x.outcome, EntryOutcome::Acked { .. })).count();
            }
            acked
        }));
    }
    go.wait();
    let t0 = Instant::now();
    let acked: usize = handles
        .into_iter()
        .map(|h| h.join().expect("client thread"))
        .sum();
    let secs = t0.elapsed().as_secs_f64();
    let batches = clients * batches_per_client;
    println!(
        "batches: {batches} of {entries_per_batch} entries from {clients} concurrent clients in {secs:.2} s = {:.0} batches/s ({:.0} entries/s); acked {acked}/{} (goal ≥ 500 batches/s)",
        batches as f64 / secs,
        (batches * entries_per_batch) as f64 / secs,
        batches * entries_per_batch
    );

    // Pack check bytes on the wire, request and response, headers included.
    let (client, _) = &devices[0];
    let PackPull::Changed { pack, etag } = client.pull_pack(VILLAGE, None).expect("pack") else {
        panic!("no pack");
    };
    let bearer = {
        // Enrol one more device for the raw requests, so its token is known here.
        let code = rt
            .block_on(puskesos_district::staff::issue_code(
                &state, VILLAGE, "op-raw", "bench",
            ))
            .expect("code")
            .code;
        SyncClient::new(&url, TrustAnchor::PublicRoots)
            .expect("client")
            .enrol(&code, "raw")
            .expect("enrol")
            .token
    };
    let host = addr.clone();
    let req = |extra: &str, query: &str| {
        format!(
            "GET /api/v1/villages/{VILLAGE}/pack{query} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {bearer}\r\n{extra}Connection: close\r\n\r\n"
        )
    };
    let (q, r, status) = wire_request(
        &addr,
        &req(
            &format!("If-None-Match: {etag}\r\n"),
            &format!("?since={}", pack.manifest.version),
        ),
    );
    println!(
        "unchanged pack check: {status:?}, {q} B request + {r} B response = {} B on the wire (goal ≤ 1024 B)",
        q + r
    );
    let (q, r, status) = wire_request(&addr, &req("", ""));
    println!(
        "full pack (1,000 registry rows): {status:?}, {} B on the wire",
        q + r
    );
    let (q, r, status) = wire_request(&addr, &req("Accept-Encoding: gzip\r\n", ""));
    println!(
        "full pack, gzip (as the phone asks for it): {status:?}, {} B on the wire",
        q + r
    );
    rt.block_on(puskesos_district::pack::publish(
        state.db(),
        VILLAGE,
        PackUpdate {
            registry_csv: Some(registry_csv(1000, Some(7))),
            ..Default::default()
        },
    ))
    .expect("v2");
    let (q, r, status) = wire_request(
        &addr,
        &req(
            &format!("If-None-Match: {etag}\r\n"),
            &format!("?since={}", pack.manifest.version),
        ),
    );
    println!(
        "delta after one renamed person: {status:?}, {} B on the wire",
        q + r
    );
    let _ = started.shutdown.send(());
    let _ = std::fs::remove_dir_all(&dir);
}
