//! Sync benchmark over loopback: one phone store with HOUSEHOLDS households and
//! PHOTOS_PER_HOUSEHOLD synthetic document photos (~250 KB noise-textured JPEGs, so they do
//! not compress to nothing) synced to the real `puskesos-district` service through a
//! counting TCP proxy. Prints the time, the HTTP requests made, the bytes on the wire
//! against the payload, and the bytes of an unchanged village pack check.
//!
//! `cargo run --release -p puskesos-e2e --bin sync-bench [-- HOUSEHOLDS PHOTOS_PER_HOUSEHOLD]`
//! (default 1,000 and 3). Everything lives in temporary directories (about 2 × 750 MB at
//! the default size), removed at the end.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::Utc;
use puskesos_core::model::{Document, DocumentKind, Household, HouseholdInput};
use puskesos_core::store::Store;
use puskesos_core::sync::client::PackPull;
use puskesos_core::sync::{sync_once, Enrolment, NoProgress, SyncOptions};
use puskesos_e2e::proxy::FaultProxy;
use puskesos_e2e::{sha256_hex, District, VILLAGE};
use rand::{Rng, SeedableRng};

/// A noise-textured photo-like JPEG of about 250 KB, different for every `seed`.
fn photo(seed: u64) -> Vec<u8> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let (w, h) = (1600u32, 1200u32);
    let tint = (seed % 251) as u8;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let n: u8 = rng.random_range(0..40);
        image::Rgb([
            ((x * 200 / w) as u8).wrapping_add(n),
            ((y * 200 / h) as u8).wrapping_add(n / 2),
            tint.wrapping_add(n / 3),
        ])
    });
    let mut out = Vec::with_capacity(300 * 1024);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 70)
        .encode_image(&img)
        .expect("JPEG encoding of an in-memory image");
    out
}

fn snapshot(proxy: &FaultProxy) -> (u64, u64, u64) {
    proxy.traffic()
}

fn mb(b: u64) -> f64 {
    b as f64 / 1_000_000.0
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let households = args.first().copied().unwrap_or(1000);
    let per = args.get(1).copied().unwrap_or(3);

    let district = District::start();
    let proxy = FaultProxy::counting(district.addr);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("phone.sqlite")).expect("phone store");
    println!(
        "sync-bench: {households} households × {per} photos, service at {}",
        district.url()
    );

    // The phone's data: households and their photos, each saved with its outbox entry.
    let t = Instant::now();
    let now = Utc::now();
    let mut photo_bytes = 0u64;
    for i in 0..households {
        let h = Household::new(
            HouseholdInput {
                kk_number: format!("320101010120{:04}", i % 9999 + 1),
                village_code: VILLAGE.into(),
                address: format!("Jl. Bench {i}"),
                rt: "001".into(),
                rw: "002".into(),
                head_name: "Kepala Bench".into(),
                housing: Default::default(),
            },
            "op-bench",
            now,
            None,
        )
        .expect("valid household");
        store.save_household(&h).expect("save household");
        for p in 0..per {
            let bytes = photo(i * per + p);
            photo_bytes += bytes.len() as u64;
            let kind = if p == 0 {
                DocumentKind::Kk
            } else {
                DocumentKind::HouseFront
            };
            let d = Document::new(
                h.meta.id,
                kind,
                &sha256_hex(&bytes),
                bytes.len() as u64,
                "image/jpeg",
                "op-bench",
                now,
            )
            .expect("valid document");
            store.save_document(&d, &bytes).expect("save document");
        }
    }
    let photos = households * per;
    let record_bytes: u64 = rusqlite::Connection::open(dir.path().join("phone.sqlite"))
        .and_then(|c| {
            c.query_row("SELECT SUM(LENGTH(payload)) FROM outbox", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .expect("outbox payload size") as u64;
    println!(
        "setup: {photos} photos, {:.1} MB (mean {:.0} KB), {:.1} MB of record JSON, in {:.1} s",
        mb(photo_bytes),
        photo_bytes as f64 / photos.max(1) as f64 / 1000.0,
        mb(record_bytes),
        t.elapsed().as_secs_f64()
    );

    // Enrolled directly, then every request goes through the counting proxy.
    let code = district.enrol_code("op-bench");
    let mut enrolment =
        Enrolment::enrol(&store, &district.url(), &code, None, "bench").expect("enrol");
    enrolment.base_url = proxy.url();
    enrolment.save(&store).expect("save enrolment");
    let client = enrolment.client().expect("client");
    let cancel = AtomicBool::new(false);

    let before = snapshot(&proxy);
    let t = Instant::now();
    let options = SyncOptions {
        pull: false,
        ..SyncOptions::default()
    };
    let report = sync_once(&store, &client, &enrolment, &options, &NoProgress, &cancel)
        .expect("sync over a clean loopback");
    let secs = t.elapsed().as_secs_f64();
    let after = snapshot(&proxy);
    assert!(report.is_drained(), "{report:?}");
    let (up, down, requests) = (after.0 - before.0, after.1 - before.1, after.2 - before.2);
    let payload = photo_bytes + record_bytes;
    println!(
        "upload: {} entries ({} files, {:.1} MB) in {secs:.1} s = {:.1} MB/s, {:.0} entries/s",
        report.acked,
        report.files_uploaded,
        mb(report.bytes_uploaded),
        mb(payload) / secs,
        report.acked as f64 / secs
    );
    println!(
        "requests: {requests} ({:.2} per photo)",
        requests as f64 / photos.max(1) as f64
    );
    println!(
        "wire: up {:.1} MB, down {:.2} MB, total {:.1} MB; payload {:.1} MB → {:.4}× (up ÷ payload {:.4}×)",
        mb(up),
        mb(down),
        mb(up + down),
        mb(payload),
        (up + down) as f64 / payload as f64,
        up as f64 / payload as f64
    );

    // The village pack: published once, pulled once, then checked unchanged.
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../core/rules/example-pack.json");
    district.admin(&[
        "pack",
        VILLAGE,
        "--rules",
        rules.to_str().expect("utf-8 path"),
    ]);
    let first = client.pull_pack(VILLAGE, None).expect("pack");
    let PackPull::Changed { pack, etag } = first else {
        panic!("a published pack comes whole the first time");
    };
    let before = snapshot(&proxy);
    let again = client
        .pull_pack(VILLAGE, Some((&etag, pack.manifest.version)))
        .expect("pack check");
    let after = snapshot(&proxy);
    assert_eq!(again, PackPull::Unchanged);
    println!(
        "unchanged pack check: {} bytes on the wire (request {} + response {})",
        (after.0 - before.0) + (after.1 - before.1),
        after.0 - before.0,
        after.1 - before.1
    );
    drop(store);
    drop(district);
    drop(dir);
}
