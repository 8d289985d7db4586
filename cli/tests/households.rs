//! The desk's second visit: a household found again, corrected with a reason, a member
//! moved and one deleted, the history read, all through the real `puskesos` binary.

use std::path::Path;
use std::process::{Command, Output};

fn puskesos(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_puskesos"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("PUSKESOS_REGIONS")
        .output()
        .expect("the binary runs")
}

fn ok(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn household(db: &Path, kk: &str, head: &str, nik: &str) -> String {
    let id = ok(puskesos(
        db,
        &[
            "household",
            "add",
            "--kk",
            kk,
            "--village",
            "3204052001",
            "--address",
            "Kampung Sukamaju",
            "--rt",
            "3",
            "--rw",
            "1",
            "--head",
            head,
        ],
    ));
    ok(puskesos(
        db,
        &[
            "person",
            "add",
            "--household",
            &id,
            "--nik",
            nik,
            "--name",
            head,
        ],
    ));
    id
}

/// The two households both tests start from: Asep's and Dedi's.
fn two_households(db: &Path) -> (String, String) {
    (
        household(db, "3204010105120042", "Asep Saepudin", "3204051708800001"),
        household(db, "3204010105120043", "Dedi Kurniawan", "3204050505900002"),
    )
}

#[test]
fn a_household_is_found_corrected_and_its_history_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let (a, b) = two_households(&db);
    let child = ok(puskesos(
        &db,
        &[
            "person",
            "add",
            "--household",
            &a,
            "--nik",
            "3204050910120003",
            "--name",
            "Muhammad Rizki",
            "--relationship",
            "child",
        ],
    ))
    .lines()
    .next()
    .unwrap()
    .to_string();

    let found = ok(puskesos(&db, &["household", "find", "Muhamad Riski"]));
    assert!(found.starts_with(&a), "{found}");
    assert!(found.contains("matched: Muhammad Rizki"), "{found}");
    assert!(!found.contains("3204010105120042"), "KK masked: {found}");
    assert_eq!(
        ok(puskesos(&db, &["household", "find", "0043"]))
            .lines()
            .count(),
        1
    );

    // A correction without a reason is refused, exit 1, nothing changed.
    let refused = puskesos(
        &db,
        &["household", "correct", &a, "--rt", "7", "--reason", " "],
    );
    assert_eq!(refused.status.code(), Some(1));
    let fixed = ok(puskesos(
        &db,
        &[
            "household",
            "correct",
            &a,
            "--rt",
            "7",
            "--reason",
            "RT salah tulis",
        ],
    ));
    assert!(fixed.contains("rt: 003 → 007"), "{fixed}");

    ok(puskesos(
        &db,
        &[
            "person",
            "move",
            &child,
            "--to",
            &b,
            "--relationship",
            "other_family",
            "--reason",
            "ikut paman",
        ],
    ));
    let history = ok(puskesos(&db, &["household", "history", &a]));
    assert!(history.contains("correction household"), "{history}");
    assert!(history.contains("move person"), "{history}");
    assert!(history.contains("RT salah tulis"), "{history}");

    ok(puskesos(
        &db,
        &["household", "delete", &a, "--reason", "KK ganda"],
    ));
    let all = ok(puskesos(&db, &["household", "find", ""]));
    assert_eq!(all.lines().count(), 1, "{all}");
    assert!(all.contains("2 members"), "{all}");
}

/// A photo of a page holding the QR of `text`, 8 px per module, as a PNG.
fn qr_photo(path: &Path, text: &str) {
    let qr = puskesos_core::capture::receipt::qr_modules(text).unwrap();
    let (module, quiet) = (8u32, 40u32);
    let side = qr.size as u32 * module + 2 * quiet;
    let img = image::GrayImage::from_fn(side + 200, side + 120, |x, y| {
        let (x, y) = (x.wrapping_sub(100 + quiet), y.wrapping_sub(60 + quiet));
        let (i, j) = ((x / module) as usize, (y / module) as usize);
        if i < qr.size && j < qr.size && qr.dark[j * qr.size + i] {
            image::Luma([20])
        } else {
            image::Luma([235])
        }
    });
    img.save(path).unwrap();
}

#[test]
fn the_kk_qr_is_kept_from_its_text_or_a_photo_and_anything_else_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let (a, b) = two_households(&db);
    let link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ";
    assert!(ok(puskesos(&db, &["household", "show", &a])).contains("KK QR not scanned yet"));

    assert_eq!(
        ok(puskesos(&db, &["household", "kk-qr", &a, link])),
        "KK QR kept as evidence."
    );
    assert!(ok(puskesos(&db, &["household", "show", &a])).contains("KK QR kept as evidence"));
    let history = ok(puskesos(&db, &["household", "history", &a]));
    assert!(history.contains(link), "{history}");

    // From a photo of the KK: the QR is read, then kept.
    let photo = dir.path().join("kk.png");
    qr_photo(&photo, link);
    let out = ok(puskesos(
        &db,
        &[
            "--json",
            "household",
            "kk-qr",
            &b,
            "--photo",
            photo.to_str().unwrap(),
        ],
    ));
    let h: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(h["kk_qr_evidence"], link);

    // Another code is refused with what it is, and nothing changes.
    let card = dir.path().join("card.png");
    qr_photo(&card, "https://kartu.example.com/cek?no=1234567");
    let o = puskesos(
        &db,
        &["household", "kk-qr", &a, "--photo", card.to_str().unwrap()],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no KK QR in this photo; other codes read: 1")
    );
    let o = puskesos(
        &db,
        &[
            "household",
            "kk-qr",
            &a,
            "https://kartu.example.com/cek?no=1",
        ],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("kartu.example.com"));
    let o = puskesos(&db, &["household", "kk-qr", &a]);
    assert_ne!(o.status.code(), Some(0), "neither text nor photo");
    let out = ok(puskesos(&db, &["--json", "household", "show", &a]));
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["household"]["kk_qr_evidence"], link);
}
