//! The district service over HTTP on 127.0.0.1, against a real database (SQLite file, or
//! PostgreSQL with `PUSKESOS_TEST_PG_URL`).

mod common;

use common::*;
use puskesos_core::sync::client::{PackPull, SyncError};
use puskesos_core::sync::wire::{Entity, EntryOutcome, Op, PackBody, RejectCode};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;
use uuid::Uuid;

fn count(server: &TestServer, sql: &'static str) -> i64 {
    server.block_on(async {
        sqlx::query(sql)
            .fetch_one(&server.state.db().pool)
            .await
            .expect("count query")
            .try_get::<i64, _>(0)
            .expect("count")
    })
}

#[test]
fn first_start_creates_an_admin_who_can_log_in() {
    let server = TestServer::start();
    assert_eq!(server.admin_password.len(), 20);
    assert!(Staff::login(&server.url, "admin", "salah").is_none());
    assert!(Staff::login(&server.url, "admin", &server.admin_password).is_some());
    let (status, _) = raw(
        "POST",
        &format!("{}/staff/api/villages", server.url),
        &[("content-type", "application/json")],
        Some(br#"{"code":"3201010001","name":"x"}"#),
    );
    assert_eq!(status, 401, "staff API without a session");
}

#[test]
fn enrolment_binds_the_token_to_village_and_operator_and_codes_work_once() {
    let server = TestServer::start();
    let staff = server.staff();
    staff.create_village(VILLAGE_A, "Desa Uji A");
    let (s, _) = staff.json(
        "POST",
        "/staff/api/villages",
        json!({"code": "32010100", "name": "x"}),
    );
    assert_eq!(s, 400, "village codes are 10 digits");
    let code = staff.issue_code(VILLAGE_A, "operator-7");
    assert_eq!(code.qr.code, code.code);
    assert_eq!(code.qr.url, server.url);
    assert_eq!(code.qr.cert_sha256, None, "no TLS, no fingerprint");

    let enrolled = server
        .client()
        .enrol(&code.code.to_lowercase(), "HP 1")
        .expect("enrols");
    assert_eq!(enrolled.village_code, VILLAGE_A);
    assert_eq!(enrolled.operator_id, "operator-7");
    assert!(enrolled
        .token
        .starts_with(&format!("{}.", enrolled.device_id)));
    let stored: String = server.block_on(async {
        sqlx::query("SELECT token_hash FROM devices WHERE device_id = $1")
            .bind(&enrolled.device_id)
            .fetch_one(&server.state.db().pool)
            .await
            .expect("device row")
            .try_get("token_hash")
            .expect("hash")
    });
    assert!(
        !enrolled.token.contains(&stored) && stored.len() == 64,
        "only a hash is stored"
    );

    let again = server
        .client()
        .enrol(&code.code, "HP 2")
        .expect_err("a code works once");
    assert!(
        matches!(again, SyncError::Auth { ref code, .. } if code == "enrol_code_used"),
        "{again:?}"
    );

    let unknown = server
        .client()
        .enrol("ZZZZ-ZZZZ", "HP 3")
        .expect_err("unknown code");
    assert!(matches!(unknown, SyncError::Auth { ref code, .. } if code == "enrol_code_unknown"));

    let late = staff.issue_code(VILLAGE_A, "operator-8");
    server.block_on(async {
        sqlx::query("UPDATE enrol_codes SET expires_ms = 0 WHERE used_ms IS NULL")
            .execute(&server.state.db().pool)
            .await
            .expect("age the code")
    });
    let expired = server
        .client()
        .enrol(&late.code, "HP 4")
        .expect_err("expired code");
    assert!(
        matches!(expired, SyncError::Auth { ref code, .. } if code == "enrol_code_expired"),
        "{expired:?}"
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM devices"), 1);
}

/// Every device route, for a village: method, path, body.
fn device_routes(village: &str) -> Vec<(&'static str, String, Option<Vec<u8>>)> {
    let sha = "ab".repeat(32);
    vec![
        ("GET", format!("/api/v1/villages/{village}/pack"), None),
        (
            "GET",
            format!("/api/v1/villages/{village}/pack?since=1"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/villages/{village}/batches"),
            Some(br#"{"entries":[]}"#.to_vec()),
        ),
        (
            "GET",
            format!("/api/v1/villages/{village}/files/{sha}"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/villages/{village}/files/{sha}"),
            Some(br#"{"size":3,"mime":"image/jpeg"}"#.to_vec()),
        ),
        (
            "PUT",
            format!("/api/v1/villages/{village}/files/{sha}?offset=0"),
            Some(b"abc".to_vec()),
        ),
        (
            "GET",
            format!("/api/v1/villages/{village}/status-changes?after=0"),
            None,
        ),
    ]
}

fn call(
    server: &TestServer,
    token: &str,
    method: &str,
    path: &str,
    body: &Option<Vec<u8>>,
) -> (u16, String) {
    let auth = format!("Bearer {token}");
    raw(
        method,
        &format!("{}{path}", server.url),
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body.as_deref(),
    )
}

#[test]
fn a_device_of_village_a_can_neither_read_nor_write_village_b() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let mut b = server.village_with_device(VILLAGE_B, "op-b");
    let staff = server.staff();
    staff.publish(
        VILLAGE_B,
        "registry",
        &registry_csv(VILLAGE_B, 3, "Warga B"),
    );

    for (method, path, body) in device_routes(VILLAGE_B) {
        let (status, text) = call(&server, a.token(), method, &path, &body);
        assert_eq!(
            status, 403,
            "{method} {path} with village A's token: {text}"
        );
        assert!(text.contains("wrong_village"), "{text}");
        let (status, _) = call(&server, "", method, &path, &body);
        assert_eq!(status, 401, "{method} {path} without a token");
    }
    // B's own device reaches the same routes.
    let (status, _) = call(
        &server,
        b.token(),
        "GET",
        &format!("/api/v1/villages/{VILLAGE_B}/pack"),
        &None,
    );
    assert_eq!(status, 200);

    // An entry naming village B inside A's batch is rejected, and A cannot overwrite a
    // record of B by guessing its id.
    let hh = Uuid::now_v7();
    let eb = b.entry(Entity::Household, hh, household(hh, VILLAGE_B, "Kepala B"));
    let r = b
        .client
        .push_batch(VILLAGE_B, &[eb])
        .expect("B writes its own");
    assert!(matches!(
        r.results[0].outcome,
        EntryOutcome::Acked {
            duplicate: false,
            ..
        }
    ));
    let mut wrong = a.entry(Entity::Household, Uuid::now_v7(), json!({}));
    wrong.village_code = VILLAGE_B.into();
    let steal = a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Pencuri"));
    let r = a
        .client
        .push_batch(VILLAGE_A, &[wrong, steal])
        .expect("batch answered");
    for res in &r.results {
        assert!(
            matches!(
                res.outcome,
                EntryOutcome::Rejected {
                    code: RejectCode::WrongVillage,
                    ..
                }
            ),
            "{res:?}"
        );
    }
    let head: String = server.block_on(async {
        sqlx::query("SELECT payload FROM records WHERE entity_id = $1")
            .bind(hh.to_string())
            .fetch_one(&server.state.db().pool)
            .await
            .expect("record")
            .try_get("payload")
            .expect("payload")
    });
    assert!(head.contains("Kepala B") && !head.contains("Pencuri"));
}

#[test]
fn a_revoked_token_is_refused_at_once_on_every_route() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    staff.publish(
        VILLAGE_A,
        "rules",
        r#"{"version":"2025.1","programmes":[]}"#,
    );
    let (status, _) = call(
        &server,
        a.token(),
        "GET",
        &format!("/api/v1/villages/{VILLAGE_A}/pack"),
        &None,
    );
    assert_eq!(status, 200);
    let (s, _) = staff.send(
        "POST",
        &format!("/staff/api/devices/{}/revoke", a.enrolled.device_id),
        None,
        "text/plain",
    );
    assert_eq!(s, 204);
    for (method, path, body) in device_routes(VILLAGE_A) {
        let (status, text) = call(&server, a.token(), method, &path, &body);
        assert_eq!(status, 401, "{method} {path}: {text}");
        assert!(text.contains("revoked"), "{text}");
    }
    let e = a.client.pull_status(VILLAGE_A, 0).expect_err("revoked");
    assert!(e.needs_reenrolment());
    // A forged secret for a live device is refused too.
    let forged = format!("{}.{}", a.enrolled.device_id, "0".repeat(64));
    let (status, _) = call(
        &server,
        &forged,
        "GET",
        &format!("/api/v1/villages/{VILLAGE_A}/pack"),
        &None,
    );
    assert_eq!(status, 401);
}

#[test]
fn a_device_revoked_with_its_last_upload_allowed_may_only_send() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    let (s, _) = staff.send(
        "POST",
        &format!(
            "/staff/api/devices/{}/revoke?final_upload=true",
            a.enrolled.device_id
        ),
        None,
        "text/plain",
    );
    assert_eq!(s, 204);
    for (method, path, body) in device_routes(VILLAGE_A) {
        let (status, text) = call(&server, a.token(), method, &path, &body);
        if path.contains("/batches") || path.contains("/files/") {
            assert_ne!(status, 401, "{method} {path}: {text}");
        } else {
            // Nothing is pulled any more: not the registry, not a status.
            assert_eq!(status, 401, "{method} {path}: {text}");
            assert!(text.contains("revoked"), "{text}");
        }
    }
    // Every batch's answer tells the phone it is its last upload.
    let (status, text) = call(
        &server,
        a.token(),
        "POST",
        &format!("/api/v1/villages/{VILLAGE_A}/batches"),
        &Some(br#"{"entries":[]}"#.to_vec()),
    );
    assert_eq!(status, 200, "{text}");
    let answer: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(answer["final_upload"], serde_json::json!(true));
    let (_, html) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert!(
        html.contains(r#"<span class="muted">setelah unggahan terakhir</span>"#),
        "{html}"
    );
    // A device revoked outright gets no such answer: see the test above.
}

#[test]
fn a_repeated_batch_is_acknowledged_and_never_applied_twice() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let hh = Uuid::now_v7();
    let complaint = Uuid::now_v7();
    let batch = vec![
        a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Kepala")),
        a.entry(Entity::Complaint, complaint, json!({"id": complaint.to_string(), "household_id": hh.to_string(),
            "complainant_name": "Pelapor", "category": "bansos", "description": "Belum menerima", "channel": "desk",
            "status": "received", "history": []})),
    ];
    let first = a.client.push_batch(VILLAGE_A, &batch).expect("first");
    assert!(first.results.iter().all(|r| matches!(
        r.outcome,
        EntryOutcome::Acked {
            duplicate: false,
            ..
        }
    )));
    let second = a.client.push_batch(VILLAGE_A, &batch).expect("again");
    assert!(
        second.results.iter().all(|r| matches!(
            r.outcome,
            EntryOutcome::Acked {
                duplicate: true,
                ..
            }
        )),
        "{second:?}"
    );
    assert_eq!(
        second
            .results
            .iter()
            .map(|r| r.entry_id)
            .collect::<Vec<_>>(),
        batch.iter().map(|e| e.entry_id).collect::<Vec<_>>()
    );
    assert_eq!(count(&server, "SELECT COUNT(*) FROM records"), 2);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM applied_entries"), 2);

    // A stale entry re-sent after a newer one changes nothing either.
    let newer = a.entry(
        Entity::Household,
        hh,
        json!({"id": hh.to_string(), "address": "Jl. Baru"}),
    );
    a.client
        .push_batch(VILLAGE_A, std::slice::from_ref(&newer))
        .expect("newer");
    let r = a
        .client
        .push_batch(VILLAGE_A, &batch[..1])
        .expect("stale resend");
    assert!(matches!(
        r.results[0].outcome,
        EntryOutcome::Acked {
            duplicate: true,
            ..
        }
    ));
    let payload: String = server.block_on(async {
        sqlx::query("SELECT payload FROM records WHERE entity_id = $1")
            .bind(hh.to_string())
            .fetch_one(&server.state.db().pool)
            .await
            .expect("row")
            .try_get("payload")
            .expect("payload")
    });
    assert!(payload.contains("Jl. Baru"));

    // Invalid payloads are parked by the phone with a reason.
    let mut bad = a.entry(Entity::Person, Uuid::now_v7(), json!("not an object"));
    bad.op = Op::Upsert;
    let r = a.client.push_batch(VILLAGE_A, &[bad]).expect("answered");
    assert!(matches!(
        r.results[0].outcome,
        EntryOutcome::Rejected {
            code: RejectCode::InvalidPayload,
            ..
        }
    ));
}

#[test]
fn two_phones_on_one_household_merge_field_by_field_and_keep_what_was_overwritten() {
    let server = TestServer::start();
    let mut p1 = server.village_with_device(VILLAGE_A, "op-1");
    let staff = server.staff();
    let code = staff.issue_code(VILLAGE_A, "op-2");
    let mut p2 = Device::new(
        &server,
        server.client().enrol(&code.code, "HP 2").expect("enrol 2"),
    );
    let hh = Uuid::now_v7();
    let base = p1.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Kepala"));
    p1.client.push_batch(VILLAGE_A, &[base]).expect("base");

    // Phone 1 (clock 5) changes the address; phone 2 (clock 3, offline longer) changes the
    // address and the RT. Phone 2 arrives last.
    p1.clock = 4;
    let e1 = p1.entry(
        Entity::Household,
        hh,
        json!({"id": hh.to_string(), "address": "Jl. Mawar 5"}),
    );
    p2.clock = 2;
    let e2 = p2.entry(
        Entity::Household,
        hh,
        json!({"id": hh.to_string(), "address": "Jl. Melati 9", "rt": "007"}),
    );
    p1.client.push_batch(VILLAGE_A, &[e1]).expect("p1");
    let r = p2.client.push_batch(VILLAGE_A, &[e2]).expect("p2");
    match &r.results[0].outcome {
        EntryOutcome::Acked {
            overridden_fields, ..
        } => assert_eq!(overridden_fields, &vec!["address".to_string()]),
        other => panic!("{other:?}"),
    }
    let payload: serde_json::Value = server.block_on(async {
        let t: String = sqlx::query("SELECT payload FROM records WHERE entity_id = $1")
            .bind(hh.to_string())
            .fetch_one(&server.state.db().pool)
            .await
            .expect("row")
            .try_get("payload")
            .expect("payload");
        serde_json::from_str(&t).expect("json")
    });
    assert_eq!(payload["address"], "Jl. Mawar 5", "higher clock wins");
    assert_eq!(payload["rt"], "007", "an untouched field still merges");
    assert_eq!(payload["head_name"], "Kepala");

    // A tie on the clock goes to the greater device id, whichever arrives first.
    let (hi, lo) = if p1.enrolled.device_id > p2.enrolled.device_id {
        (&mut p1, &mut p2)
    } else {
        (&mut p2, &mut p1)
    };
    hi.clock = 9;
    lo.clock = 9;
    let from_hi = hi.entry(
        Entity::Household,
        hh,
        json!({"id": hh.to_string(), "rw": "HI"}),
    );
    let from_lo = lo.entry(
        Entity::Household,
        hh,
        json!({"id": hh.to_string(), "rw": "LO"}),
    );
    hi.client.push_batch(VILLAGE_A, &[from_hi]).expect("hi");
    lo.client.push_batch(VILLAGE_A, &[from_lo]).expect("lo");

    let (s, conflicts) = staff.json(
        "GET",
        &format!("/staff/api/villages/{VILLAGE_A}/conflicts"),
        json!(null),
    );
    assert_eq!(s, 200);
    let list = conflicts.as_array().expect("list");
    let address = list
        .iter()
        .find(|c| c["field"] == "address")
        .expect("address conflict kept");
    assert_eq!(address["kept_value"], "Jl. Mawar 5");
    assert_eq!(address["lost_value"], "Jl. Melati 9");
    assert_eq!(address["lost_clock"], 3);
    let rw = list
        .iter()
        .find(|c| c["field"] == "rw" && c["lost_value"] == "LO")
        .expect("rw tie conflict");
    assert_eq!(rw["kept_value"], "HI");
}

#[test]
fn documents_upload_in_resumable_chunks_with_hash_check_and_dedupe() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let bytes: Vec<u8> = (0..700_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let sha = hex::encode(Sha256::digest(&bytes));
    let base = format!("/api/v1/villages/{VILLAGE_A}/files/{sha}");

    // A first attempt sends 100 000 bytes, then the connection "drops".
    let (s, t) = call(
        &server,
        a.token(),
        "POST",
        &base,
        &Some(
            json!({"size": bytes.len(), "mime": "image/jpeg"})
                .to_string()
                .into_bytes(),
        ),
    );
    assert_eq!(s, 200, "{t}");
    let (s, t) = call(
        &server,
        a.token(),
        "PUT",
        &format!("{base}?offset=0"),
        &Some(bytes[..100_000].to_vec()),
    );
    assert_eq!(s, 200, "{t}");
    // A chunk at the wrong offset is refused with the offset the service holds.
    let (s, t) = call(
        &server,
        a.token(),
        "PUT",
        &format!("{base}?offset=5"),
        &Some(bytes[5..10].to_vec()),
    );
    assert_eq!(s, 409, "{t}");

    let client = a.client.clone().with_chunk_bytes(128 * 1024);
    let mut seen = Vec::new();
    let status = client
        .upload(
            VILLAGE_A,
            &sha,
            bytes.len() as u64,
            "image/jpeg",
            &mut std::io::Cursor::new(&bytes),
            &mut |done, _| seen.push(done),
        )
        .expect("resumes");
    assert!(status.complete);
    assert_eq!(
        seen.first(),
        Some(&100_000),
        "resumed at what the service held, not at 0"
    );
    let stored = std::fs::read(server.state.files().blob_path(&sha)).expect("blob on disk");
    assert_eq!(stored, bytes, "byte-identical, named by its SHA-256");

    // The same hash again: nothing is sent.
    let mut calls = 0;
    let again = client
        .upload(
            VILLAGE_A,
            &sha,
            bytes.len() as u64,
            "image/jpeg",
            &mut std::io::Cursor::new(&bytes),
            &mut |d, _| {
                calls += 1;
                assert_eq!(d, bytes.len() as u64);
            },
        )
        .expect("dedupe");
    assert!(again.complete);
    assert_eq!(calls, 1, "only the final progress report, no chunk");

    // Bytes that do not match their name are refused and the upload starts over.
    let liar = hex::encode(Sha256::digest(b"something else"));
    let e = client
        .upload(
            VILLAGE_A,
            &liar,
            3000,
            "image/jpeg",
            &mut std::io::Cursor::new(vec![7u8; 3000]),
            &mut |_, _| {},
        )
        .expect_err("hash mismatch");
    assert!(
        matches!(e, SyncError::Validation { status: 422, .. }),
        "{e:?}"
    );
    let st = client
        .file_status(VILLAGE_A, &liar)
        .expect("status")
        .expect("begun");
    assert_eq!((st.received, st.complete), (0, false));
    assert!(!server.state.files().blob_path(&liar).exists());
}

#[test]
fn an_unchanged_pack_answers_304_and_a_changed_one_sends_a_delta() {
    let server = TestServer::start();
    let a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    let e = a
        .client
        .pull_pack(VILLAGE_A, None)
        .expect_err("no pack yet");
    assert!(matches!(e, SyncError::Validation { status: 404, .. }));
    staff.publish(VILLAGE_A, "regions", REGIONS_CSV);
    staff.publish(VILLAGE_A, "rules", r#"{"version":"2025.1"}"#);
    let v3 = staff.publish(VILLAGE_A, "registry", &registry_csv(VILLAGE_A, 50, "Warga"));
    assert_eq!(v3["version"], 3);
    assert_eq!(v3["registry_rows"], 50);

    let PackPull::Changed { pack, etag } = a.client.pull_pack(VILLAGE_A, None).expect("pull")
    else {
        panic!("first pull")
    };
    let PackBody::Full {
        registry,
        rules,
        region_list_csv,
    } = &pack.body
    else {
        panic!("full pack")
    };
    assert_eq!(registry.len(), 50);
    assert_eq!(rules.as_ref().expect("rules")["version"], "2025.1");
    assert!(region_list_csv
        .as_deref()
        .unwrap_or("")
        .contains("Desa Uji A"));
    assert_eq!(etag, pack.manifest.etag);

    assert_eq!(
        a.client
            .pull_pack(VILLAGE_A, Some((&etag, 3)))
            .expect("check"),
        PackPull::Unchanged
    );
    let (status, body) = call(
        &server,
        a.token(),
        "GET",
        &format!("/api/v1/villages/{VILLAGE_A}/pack"),
        &None,
    );
    assert_eq!(status, 200);
    assert!(!body.is_empty());

    // v4: person 0 removed, person 1 renamed, a new person 50; rules unchanged.
    let mut rows: Vec<String> = registry_csv(VILLAGE_A, 51, "Warga")
        .lines()
        .map(str::to_string)
        .collect();
    rows.remove(1);
    rows[1] = rows[1].replace("Warga 1,", "Warga Satu,");
    staff.publish(VILLAGE_A, "registry", &(rows.join("\n") + "\n"));
    let PackPull::Changed { pack, etag: etag4 } = a
        .client
        .pull_pack(VILLAGE_A, Some((&etag, 3)))
        .expect("delta")
    else {
        panic!("changed")
    };
    assert_ne!(etag4, etag);
    let PackBody::Delta {
        from_version,
        registry_upserts,
        registry_removed_niks,
        rules,
        region_list_csv,
    } = &pack.body
    else {
        panic!("delta: {:?}", pack.body)
    };
    assert_eq!(*from_version, 3);
    let names: Vec<&str> = registry_upserts.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["Warga Satu", "Warga 50"]);
    assert_eq!(registry_removed_niks, &vec![registry[0].nik.clone()]);
    assert!(
        rules.is_none() && region_list_csv.is_none(),
        "unchanged parts are not resent"
    );
    // A version the service never had gets the whole pack.
    let PackPull::Changed { pack, .. } = a
        .client
        .pull_pack(VILLAGE_A, Some(("\"x\"", 99)))
        .expect("full")
    else {
        panic!()
    };
    assert!(matches!(pack.body, PackBody::Full { .. }));
}

#[test]
fn a_registry_extract_of_another_village_is_refused() {
    let server = TestServer::start();
    let _a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    let (s, t) = staff.send(
        "PUT",
        &format!("/staff/api/villages/{VILLAGE_A}/pack/registry"),
        Some(registry_csv(VILLAGE_B, 2, "B").as_bytes()),
        "text/csv",
    );
    assert_eq!(s, 400, "{t}");
}

#[test]
fn district_decisions_flow_down_the_status_feed_in_order() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let staff = server.staff();
    let hh = Uuid::now_v7();
    let c = Uuid::now_v7();
    let p = Uuid::now_v7();
    let entries = vec![
        a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Kepala")),
        a.entry(Entity::Complaint, c, json!({"id": c.to_string(), "household_id": hh.to_string(), "status": "received", "complainant_name": "X", "category": "bansos", "description": "d", "channel": "desk", "history": []})),
        a.entry(Entity::Proposal, p, json!({"id": p.to_string(), "household_id": hh.to_string(), "kind": "new_registration", "reason": "miskin", "status": "submitted"})),
    ];
    a.client.push_batch(VILLAGE_A, &entries).expect("push");

    let (s, v) = staff.change_status(VILLAGE_A, "complaint", &c.to_string(), "closed", "");
    assert_eq!(s, 400, "a complaint cannot skip steps: {v}");
    let (s, _) = staff.change_status(
        VILLAGE_A,
        "complaint",
        &c.to_string(),
        "registry_checked",
        "ada di DTKS",
    );
    assert_eq!(s, 200);
    let (s, _) = staff.change_status(VILLAGE_A, "proposal", &p.to_string(), "returned", "");
    assert_eq!(s, 400, "returning needs a reason");
    let (s, _) = staff.change_status(
        VILLAGE_A,
        "proposal",
        &p.to_string(),
        "returned",
        "Foto KK buram",
    );
    assert_eq!(s, 200);
    let (s, _) = staff.change_status(VILLAGE_B, "proposal", &p.to_string(), "accepted", "");
    assert_eq!(s, 404, "a record is changed only in its own village");

    let feed = a.client.pull_status(VILLAGE_A, 0).expect("feed");
    assert_eq!(feed.changes.len(), 2);
    assert_eq!(feed.changes[0].status, "registry_checked");
    assert_eq!(feed.changes[1].status, "returned");
    assert_eq!(feed.changes[1].note, "Foto KK buram");
    assert_eq!(feed.changes[1].by, "admin");
    assert!(!feed.more);
    let rest = a
        .client
        .pull_status(VILLAGE_A, feed.next_cursor)
        .expect("nothing new");
    assert!(rest.changes.is_empty());
    assert_eq!(rest.next_cursor, feed.next_cursor);

    // The phone re-sending the complaint with its own (old) status does not undo the
    // district's decision.
    let resend = a.entry(Entity::Complaint, c, json!({"id": c.to_string(), "household_id": hh.to_string(), "status": "received", "description": "tambahan"}));
    a.client.push_batch(VILLAGE_A, &[resend]).expect("resend");
    let status: String = server.block_on(async {
        sqlx::query("SELECT status FROM records WHERE entity_id = $1")
            .bind(c.to_string())
            .fetch_one(&server.state.db().pool)
            .await
            .expect("row")
            .try_get("status")
            .expect("status")
    });
    assert_eq!(status, "registry_checked");

    // The phone re-sending the returned proposal unchanged leaves it returned; sending it
    // fixed (one more resubmission) puts it back in the queue, and the district decides again.
    let status_of = |id: Uuid| -> String {
        server.block_on(async {
            sqlx::query("SELECT status FROM records WHERE entity_id = $1")
                .bind(id.to_string())
                .fetch_one(&server.state.db().pool)
                .await
                .expect("row")
                .try_get("status")
                .expect("status")
        })
    };
    let same = a.entry(Entity::Proposal, p, json!({"id": p.to_string(), "household_id": hh.to_string(), "kind": "new_registration", "reason": "miskin", "status": "submitted"}));
    a.client.push_batch(VILLAGE_A, &[same]).expect("same");
    assert_eq!(status_of(p), "returned");
    let fixed = a.entry(Entity::Proposal, p, json!({"id": p.to_string(), "household_id": hh.to_string(), "kind": "new_registration", "reason": "miskin; foto KK baru", "status": "submitted", "resubmissions": 1}));
    a.client.push_batch(VILLAGE_A, &[fixed]).expect("fixed");
    assert_eq!(status_of(p), "submitted");
    let (s, _) = staff.change_status(VILLAGE_A, "proposal", &p.to_string(), "accepted", "");
    assert_eq!(s, 200, "a resubmitted proposal can be decided again");
}

#[test]
fn the_service_keeps_everything_across_a_restart() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let hh = Uuid::now_v7();
    let e = a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Kepala"));
    a.client
        .push_batch(VILLAGE_A, std::slice::from_ref(&e))
        .expect("push");
    let bytes = vec![42u8; 50_000];
    let sha = hex::encode(Sha256::digest(&bytes));
    let path = format!("/api/v1/villages/{VILLAGE_A}/files/{sha}");
    call(
        &server,
        a.token(),
        "POST",
        &path,
        &Some(br#"{"size":50000,"mime":"image/jpeg"}"#.to_vec()),
    );
    call(
        &server,
        a.token(),
        "PUT",
        &format!("{path}?offset=0"),
        &Some(bytes[..20_000].to_vec()),
    );

    let server = server.restart();
    assert!(server.admin_password.len() == 20);
    let client = server
        .client()
        .with_token(a.token())
        .with_chunk_bytes(16 * 1024);
    let r = client.push_batch(VILLAGE_A, &[e]).expect("after restart");
    assert!(matches!(
        r.results[0].outcome,
        EntryOutcome::Acked {
            duplicate: true,
            ..
        }
    ));
    let mut first = None;
    client
        .upload(
            VILLAGE_A,
            &sha,
            bytes.len() as u64,
            "image/jpeg",
            &mut std::io::Cursor::new(&bytes),
            &mut |d, _| {
                first.get_or_insert(d);
            },
        )
        .expect("resumes after restart");
    assert_eq!(first, Some(20_000));
    assert_eq!(
        std::fs::read(server.state.files().blob_path(&sha)).expect("blob"),
        bytes
    );
}

#[test]
fn the_tests_run_on_the_backend_asked_for() {
    let server = TestServer::start();
    match pg_admin_url() {
        Some(_) => assert_eq!(
            server.state.db().backend,
            puskesos_district::db::Backend::Postgres
        ),
        None => {
            assert_eq!(
                server.state.db().backend,
                puskesos_district::db::Backend::Sqlite
            );
            assert!(server.config.data_dir.join("district.sqlite").is_file());
        }
    }
}

#[test]
fn concurrent_edits_of_one_household_converge_on_the_highest_clock() {
    let server = TestServer::start();
    let staff = server.staff();
    let mut first = server.village_with_device(VILLAGE_A, "op-0");
    let hh = Uuid::now_v7();
    let base = first.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Kepala"));
    first.client.push_batch(VILLAGE_A, &[base]).expect("base");
    let mut devices = vec![first];
    for i in 1..6 {
        let code = staff.issue_code(VILLAGE_A, &format!("op-{i}"));
        devices.push(Device::new(
            &server,
            server.client().enrol(&code.code, "HP").expect("enrol"),
        ));
    }
    let mut winner = (0i64, String::new(), String::new());
    let handles: Vec<_> = devices
        .into_iter()
        .enumerate()
        .map(|(i, mut d)| {
            let mut batches = Vec::new();
            for round in 0..15 {
                d.clock = (round * 7 + i as i64 * 3) % 40 + 2;
                let value = format!("{}-{}", d.enrolled.device_id, d.clock);
                batches.push((
                    d.clock,
                    value.clone(),
                    d.entry(
                        Entity::Household,
                        hh,
                        json!({"id": hh.to_string(), "rt": value}),
                    ),
                ));
            }
            let best = batches
                .iter()
                .map(|(c, v, _)| (*c, d.enrolled.device_id.clone(), v.clone()))
                .max()
                .expect("some");
            let client = d.client.clone();
            let h = std::thread::spawn(move || {
                for (_, _, e) in batches {
                    let r = client
                        .push_batch(VILLAGE_A, &[e])
                        .expect("accepted under contention");
                    assert!(matches!(
                        r.results[0].outcome,
                        EntryOutcome::Acked {
                            duplicate: false,
                            ..
                        }
                    ));
                }
            });
            (h, best)
        })
        .collect();
    for (h, best) in handles {
        h.join().expect("thread");
        if (best.0, best.1.clone()) > (winner.0, winner.1.clone()) {
            winner = best;
        }
    }
    let payload: serde_json::Value = server.block_on(async {
        let t: String = sqlx::query("SELECT payload FROM records WHERE entity_id = $1")
            .bind(hh.to_string())
            .fetch_one(&server.state.db().pool)
            .await
            .expect("row")
            .try_get("payload")
            .expect("payload");
        serde_json::from_str(&t).expect("json")
    });
    assert_eq!(
        payload["rt"],
        winner.2.as_str(),
        "the highest (clock, device) wins whatever the arrival order"
    );
    assert_eq!(
        count(&server, "SELECT COUNT(*) FROM applied_entries"),
        1 + 6 * 15
    );
}
