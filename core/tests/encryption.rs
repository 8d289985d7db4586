//! Encryption at rest on real files: what an attacker copying the app's files reads. The
//! store, its WAL, its shared-memory file and whatever else it writes beside them are
//! scanned for a synthetic NIK, a name and a run of the stored photo's bytes. The same scan
//! finds all three in a plaintext store, so it can fail.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::{now, region_history};
use image::{ImageBuffer, Rgb};
use puskesos_core::model::{DocumentKind, HouseholdInput, PersonInput, Relationship};
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::{Store, StoreError, StoreKey};
use puskesos_core::synth::{generate_village, VillageSpec};

/// The secrets that must not be readable in the files.
struct Secrets {
    nik: String,
    name: String,
    /// Runs of 32 bytes from the photo as stored (the normalised JPEG).
    photo_runs: Vec<Vec<u8>>,
}

/// A household head from a generated village (never a real person).
fn synthetic_head() -> RegistryRecord {
    let spec = VillageSpec::new(3, 20261208, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    generate_village(&spec, &region_history())
        .unwrap()
        .find(|r| r.relationship == "head" && r.name.len() >= 8)
        .expect("a generated head")
}

/// A 1200×900 JPEG with a pattern, as a camera would hand it over.
fn jpeg() -> Vec<u8> {
    let img = ImageBuffer::from_fn(1200, 900, |x, y| {
        let v = if ((x / 10) + (y / 14)).is_multiple_of(2) {
            50
        } else {
            210
        };
        Rgb([v, ((x + y) % 256) as u8, 255 - v])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

/// Saves the head as a household of one with a photo of the house.
fn fill(store: &Store, head: &RegistryRecord) -> Secrets {
    let saved = store
        .save_family(
            HouseholdInput {
                kk_number: head.kk_number.clone(),
                village_code: head.village_code.clone(),
                address: head.address.clone(),
                rt: head.rt.clone(),
                rw: head.rw.clone(),
                ..Default::default()
            },
            vec![PersonInput {
                nik: Some(head.nik.clone()),
                name: head.name.clone(),
                birth_date: Some(head.birth_date),
                sex: Some(head.sex),
                relationship: Some(Relationship::Head),
                ..Default::default()
            }],
            "op",
            now(),
        )
        .unwrap();
    let photo = store
        .attach_photo(
            saved.household.meta.id,
            DocumentKind::HouseFront,
            &jpeg(),
            false,
            None,
            "op",
            now(),
        )
        .unwrap();
    assert!(photo.document.is_some());
    let stored = photo.jpeg;
    assert!(stored.len() > 4096, "a real photo is stored");
    let photo_runs = [stored.len() / 4, stored.len() / 2, stored.len() * 3 / 4]
        .iter()
        .map(|&at| stored[at..at + 32].to_vec())
        .collect();
    Secrets {
        nik: head.nik.clone(),
        name: head.name.clone(),
        photo_runs,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What of `secrets` each file in `dir` shows, as "file: what" (never the secret itself).
fn readable(dir: &Path, secrets: &Secrets) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).unwrap();
        if contains(&bytes, secrets.nik.as_bytes()) {
            found.push(format!("{name}: NIK"));
        }
        if contains(&bytes, secrets.name.as_bytes()) {
            found.push(format!("{name}: name"));
        }
        if secrets.photo_runs.iter().any(|run| contains(&bytes, run)) {
            found.push(format!("{name}: photo bytes"));
        }
    }
    found.sort();
    found
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_encrypted_store_shows_no_nik_name_or_photo_in_its_files_open_or_closed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.sqlite");
    let head = synthetic_head();
    let key = StoreKey::generate();
    let store = Store::open_encrypted(&path, &key).unwrap();
    let secrets = fill(&store, &head);

    // Open, before any checkpoint: the records are (also) in the WAL.
    let wal = std::fs::metadata(dir.path().join("field.sqlite-wal")).unwrap();
    assert!(wal.len() > 0, "the WAL holds the writes");
    assert_eq!(
        readable(dir.path(), &secrets),
        Vec::<String>::new(),
        "files: {:?}",
        files_in(dir.path())
    );
    drop(store);
    assert_eq!(readable(dir.path(), &secrets), Vec::<String>::new());

    // The data is all there for the key.
    let store = Store::open_encrypted(&path, &key).unwrap();
    let person = store.person_by_nik(&head.nik).unwrap().expect("saved");
    assert_eq!(person.name.as_str(), head.name);
}

#[test]
fn the_same_scan_reads_everything_in_a_plaintext_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.sqlite");
    let store = Store::open(&path).unwrap();
    let secrets = fill(&store, &synthetic_head());
    let open = readable(dir.path(), &secrets);
    for what in ["NIK", "name", "photo bytes"] {
        assert!(open.iter().any(|f| f.ends_with(what)), "{what}: {open:?}");
    }
    drop(store);
    let closed = readable(dir.path(), &secrets);
    assert!(
        closed.contains(&"field.sqlite: NIK".to_string())
            && closed.contains(&"field.sqlite: name".to_string())
            && closed.contains(&"field.sqlite: photo bytes".to_string()),
        "{closed:?}"
    );
}

#[test]
fn a_plaintext_store_is_encrypted_once_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.sqlite");
    let head = synthetic_head();
    let first = tempfile::tempdir().unwrap();
    let (secrets, households) = {
        let store = Store::open(&first.path().join("field.sqlite")).unwrap();
        let secrets = fill(&store, &head);
        store.set_setting("desa", "Sukamaju").unwrap();
        let households = store.households(None).unwrap().len();
        // The files as a crash would leave them: the last writes only in the WAL.
        for name in ["field.sqlite", "field.sqlite-wal"] {
            std::fs::copy(first.path().join(name), dir.path().join(name)).unwrap();
        }
        (secrets, households)
    };
    let settings = "Sukamaju";
    assert!(!readable(dir.path(), &secrets).is_empty());

    let key = StoreKey::generate();
    {
        let store = Store::open_encrypted(&path, &key).unwrap();
        assert_eq!(store.households(None).unwrap().len(), households);
        let person = store.person_by_nik(&head.nik).unwrap().expect("kept");
        assert_eq!(person.name.as_str(), head.name);
        assert_eq!(store.setting("desa").unwrap().as_deref(), Some(settings));
        let docs = store
            .documents_of(store.households(None).unwrap()[0].meta.id)
            .unwrap();
        assert_eq!(docs.len(), 1, "the photo is kept");
    }
    assert_eq!(
        readable(dir.path(), &secrets),
        Vec::<String>::new(),
        "files: {:?}",
        files_in(dir.path())
    );
    assert!(
        !files_in(dir.path())
            .iter()
            .any(|f| f.contains("encrypting")),
        "no copy is left behind"
    );
    // Once: the key opens it again, without it the file is not a store.
    let store = Store::open_encrypted(&path, &key).unwrap();
    assert!(store.person_by_nik(&head.nik).unwrap().is_some());
    drop(store);
    assert!(Store::open(&path).is_err());
    assert!(matches!(
        Store::open_encrypted(&path, &StoreKey::generate()),
        Err(StoreError::WrongKey)
    ));
}
