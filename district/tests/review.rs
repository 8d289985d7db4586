//! Staff review pages, decisions, CSV export and the OpenAPI document, over HTTP.

mod common;

use common::*;
use puskesos_core::sync::wire::Entity;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

struct Village {
    hh: Uuid,
    complaint: Uuid,
    referral: Uuid,
    proposal: Uuid,
    draft: Uuid,
    photo: Vec<u8>,
    photo_sha: String,
}

fn captured_village(server: &TestServer, a: &mut Device) -> Village {
    let hh = Uuid::now_v7();
    let (p1, p2) = (Uuid::now_v7(), Uuid::now_v7());
    let complaint = Uuid::now_v7();
    let referral = Uuid::now_v7();
    let proposal = Uuid::now_v7();
    let draft = Uuid::now_v7();
    let doc = Uuid::now_v7();
    let photo: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
    let photo_sha = hex::encode(Sha256::digest(&photo));
    let hh2 = Uuid::now_v7();
    let entries = vec![
        a.entry(Entity::Household, hh, household(hh, VILLAGE_A, "Budi <script>alert(1)</script>")),
        a.entry(Entity::Person, p1, json!({"id": p1.to_string(), "household_id": hh.to_string(), "nik": "3201011201900001",
            "name": "Budi Uji", "sex": "male", "birth_date": "1990-01-12", "relationship": "head"})),
        a.entry(Entity::Person, p2, json!({"id": p2.to_string(), "household_id": hh.to_string(), "nik": "3201015302920002",
            "name": "Siti Uji", "sex": "female", "birth_date": "1992-02-13", "relationship": "spouse"})),
        a.entry(Entity::Complaint, complaint, json!({"id": complaint.to_string(), "household_id": hh.to_string(),
            "complainant_name": "Budi Uji", "category": "bansos", "description": "Belum pernah menerima PKH",
            "channel": "desk", "status": "received", "history": []})),
        a.entry(Entity::Referral, referral, json!({"id": referral.to_string(), "household_id": hh.to_string(),
            "sector": "kesehatan", "service": "PBI-JK", "institution": "Puskesmas Cibinong", "status": "sent", "note": ""})),
        a.entry(Entity::Proposal, proposal, json!({"id": proposal.to_string(), "household_id": hh.to_string(),
            "kind": "new_registration", "reason": "Kehilangan pekerjaan", "status": "submitted"})),
        a.entry(Entity::Household, hh2, household(hh2, VILLAGE_A, "Keluarga Draf")),
        a.entry(Entity::Proposal, draft, json!({"id": draft.to_string(), "household_id": hh2.to_string(),
            "kind": "correction", "reason": "belum selesai", "status": "draft"})),
        a.entry(Entity::Document, doc, json!({"id": doc.to_string(), "household_id": hh.to_string(), "kind": "kk_photo",
            "sha256": photo_sha, "size": photo.len(), "mime": "image/jpeg"})),
    ];
    a.client.push_batch(VILLAGE_A, &entries).expect("push");
    a.client
        .upload(
            VILLAGE_A,
            &photo_sha,
            photo.len() as u64,
            "image/jpeg",
            &mut std::io::Cursor::new(&photo),
            &mut |_, _| {},
        )
        .expect("photo");
    let _ = server;
    Village {
        hh,
        complaint,
        referral,
        proposal,
        draft,
        photo,
        photo_sha,
    }
}

#[test]
fn the_village_page_shows_what_arrived_escaped_and_masked() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let v = captured_village(&server, &mut a);
    let staff = server.staff();

    let (s, _) = raw(
        "GET",
        &format!("{}/staff/villages/{VILLAGE_A}", server.url),
        &[],
        None,
    );
    assert_eq!(s, 303, "pages need a login");

    let (s, html) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert_eq!(s, 200);
    assert!(html.contains("Belum pernah menerima PKH"));
    assert!(html.contains("Puskesmas Cibinong"));
    assert!(html.contains("Kehilangan pekerjaan"));
    assert!(
        html.contains("&lt;script&gt;") && !html.contains("<script>alert"),
        "values are escaped"
    );
    assert!(
        !html.contains("3201011201900001"),
        "no whole NIK on the page"
    );
    assert!(html.contains("0001"));
    let img = format!("/staff/villages/{VILLAGE_A}/files/{}", v.photo_sha);
    assert!(html.contains(&img), "the household's photo is shown");
    assert!(html.contains(&a.enrolled.device_id));

    let (s, body) = staff.get_bytes(&img);
    assert_eq!(s, 200);
    assert_eq!(body, v.photo, "the stored photo, byte for byte");
    let other = server.staff();
    other.create_village(VILLAGE_B, "Desa B");
    let (s, _) = staff.get(&format!(
        "/staff/villages/{VILLAGE_B}/files/{}",
        v.photo_sha
    ));
    assert_eq!(s, 404, "a file is served under its own village only");
    let _ = v.hh;
}

#[test]
fn staff_advance_complaints_and_referrals_and_decide_proposals_from_the_page() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let v = captured_village(&server, &mut a);
    let staff = server.staff();
    let base = format!("/staff/villages/{VILLAGE_A}/records");

    let (s, _) = staff.form(
        &format!("{base}/complaint/{}/status", v.complaint),
        &[
            ("status", "registry_checked"),
            ("note", "Tidak ada di DTKS"),
        ],
    );
    assert_eq!(s, 303);
    let (s, _) = staff.form(
        &format!("{base}/referral/{}/status", v.referral),
        &[("status", "accepted"), ("note", "")],
    );
    assert_eq!(s, 303);
    let (s, _) = staff.form(
        &format!("{base}/proposal/{}/status", v.proposal),
        &[("status", "returned"), ("note", "")],
    );
    assert_eq!(s, 400, "no reason, no return");
    let (s, _) = staff.form(
        &format!("{base}/proposal/{}/status", v.proposal),
        &[("status", "returned"), ("note", "Foto KK tidak terbaca")],
    );
    assert_eq!(s, 303);
    let (s, _) = staff.form(
        &format!("{base}/proposal/{}/status", v.draft),
        &[("status", "accepted"), ("note", "")],
    );
    assert_eq!(s, 303);

    let feed = a.client.pull_status(VILLAGE_A, 0).expect("feed");
    let got: Vec<(Entity, &str, &str)> = feed
        .changes
        .iter()
        .map(|c| (c.entity, c.status.as_str(), c.note.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Entity::Complaint, "registry_checked", "Tidak ada di DTKS"),
            (Entity::Referral, "accepted", ""),
            (Entity::Proposal, "returned", "Foto KK tidak terbaca"),
            (Entity::Proposal, "accepted", ""),
        ]
    );
    let (_, html) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert!(html.contains("Dicek di DTKS"));
    assert!(html.contains("Foto KK tidak terbaca"));

    // Revoking from the page cuts the phone off.
    let (s, _) = staff.form(
        &format!(
            "/staff/villages/{VILLAGE_A}/devices/{}/revoke",
            a.enrolled.device_id
        ),
        &[],
    );
    assert_eq!(s, 303);
    let (_, html) = staff.get(&format!("/staff/villages/{VILLAGE_A}"));
    assert!(html.contains("Dicabut "), "{html}");
    assert!(!html.contains(r#"<span class="muted">setelah unggahan terakhir</span>"#));
    assert!(
        !html.contains("Tampilkan kode buka kunci"),
        "a revoked phone has nothing to unlock"
    );
    assert!(a
        .client
        .pull_status(VILLAGE_A, 0)
        .expect_err("revoked")
        .needs_reenrolment());
}

#[test]
fn the_enrolment_page_shows_a_code_and_qr_that_enrol_a_phone() {
    let server = TestServer::start();
    let staff = server.staff();
    staff.create_village(VILLAGE_A, "Desa A");
    let (s, html) = staff.form(
        &format!("/staff/villages/{VILLAGE_A}/enrol-code"),
        &[("operator_id", "op-9")],
    );
    assert_eq!(s, 200);
    assert!(html.contains("<svg"), "QR code drawn");
    let start = html.find("class=\"code\">").expect("code shown") + "class=\"code\">".len();
    let code = &html[start..start + 9];
    assert!(html.contains(&format!("puskesos enrol {} {code}", server.url)));
    let enrolled = server
        .client()
        .enrol(code, "HP")
        .expect("the shown code enrols");
    assert_eq!(enrolled.operator_id, "op-9");
}

#[test]
fn proposals_export_as_bnba_csv_one_row_per_person_without_drafts() {
    let server = TestServer::start();
    let mut a = server.village_with_device(VILLAGE_A, "op-a");
    let v = captured_village(&server, &mut a);
    let staff = server.staff();
    staff.publish(VILLAGE_A, "regions", REGIONS_CSV);
    let (s, text) = staff.get(&format!("/staff/villages/{VILLAGE_A}/usulan.csv"));
    assert_eq!(s, 200);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, puskesos_district::export::BNBA_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(
        rows.len(),
        2,
        "both members of the proposed family; the draft is not exported"
    );
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(&rows[0][col("NO")], "1");
    assert_eq!(&rows[0][col("KODE_WILAYAH")], VILLAGE_A);
    assert_eq!(&rows[0][col("PROVINSI")], "Jawa Barat");
    assert_eq!(&rows[0][col("DESA_KELURAHAN")], "Desa Uji A");
    assert_eq!(&rows[0][col("NIK")], "3201011201900001");
    assert_eq!(&rows[0][col("NO_KK")], "3201011201250001");
    assert_eq!(&rows[0][col("JENIS_KELAMIN")], "LAKI-LAKI");
    assert_eq!(&rows[0][col("TANGGAL_LAHIR")], "12-01-1990");
    assert_eq!(&rows[0][col("HUBUNGAN_KELUARGA")], "KEPALA KELUARGA");
    assert_eq!(&rows[1][col("HUBUNGAN_KELUARGA")], "ISTRI/SUAMI");
    assert_eq!(&rows[1][col("JENIS_KELAMIN")], "PEREMPUAN");
    assert_eq!(&rows[0][col("JENIS_USULAN")], "USULAN BARU");
    assert_eq!(&rows[0][col("ALASAN_USULAN")], "Kehilangan pekerjaan");
    assert_eq!(&rows[0][col("RT")], "001");
    assert_eq!(&rows[0][col("ID_USULAN")], v.proposal.to_string());
    assert!(!text.contains(&v.draft.to_string()));
}

#[test]
fn the_served_openapi_document_is_the_checked_in_one_and_every_path_is_routed() {
    let server = TestServer::start();
    let (s, served) = raw("GET", &format!("{}/openapi.json", server.url), &[], None);
    assert_eq!(s, 200);
    let served: serde_json::Value = serde_json::from_str(&served).expect("JSON");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let checked_in: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("district/openapi.json"))
            .expect("checked-in JSON");
    assert_eq!(
        served, checked_in,
        "regenerate with: cargo run -p puskesos-district -- openapi > district/openapi.json"
    );

    let a = server.village_with_device(VILLAGE_A, "op-a");
    let auth = format!("Bearer {}", a.token());
    for (p, item) in served["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("methods").keys() {
            let url = format!(
                "{}{}",
                server.url,
                p.replace("{code}", VILLAGE_A)
                    .replace("{sha256}", &"ab".repeat(32))
            );
            let (status, body) = raw(
                &method.to_uppercase(),
                &url,
                &[
                    ("authorization", &auth),
                    ("content-type", "application/json"),
                ],
                Some(b"{}"),
            );
            assert_ne!(status, 405, "{method} {p} is routed");
            assert!(
                status != 404 || body.contains("not_found"),
                "{method} {p} is routed: {status} {body}"
            );
        }
    }
}
