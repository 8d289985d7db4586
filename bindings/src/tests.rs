//! The facade as the app uses it, on a real store file, real images and a real (refused)
//! network connection. Numbers are synthetic: serials from 9900 that no real card carries.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use puskesos_core::ident::Sex;
use puskesos_core::model::{ComplaintCategory, ComplaintChannel, ComplaintStatus, DocumentKind};

use crate::capture::{self, CaptureError};
use crate::eligibility::{EligibilityError, PackInstallOutcome};
use crate::model::{ComplaintInput, PersonInput, ProposalInput};
use crate::registry::{RegistryError, RegistryStatus};
use crate::store::{FieldStore, RecordsError};
use crate::sync::{SyncCancel, SyncError, SyncListener};
use puskesos_core::model::{HouseholdInput, Housing};
use puskesos_core::sync::SyncProgress;

/// Male, born 1990-01-01, issued in Cibinong (3201.01).
const NIK: &str = "3201010101909901";
/// Female, born 1992-03-05.
const NIK_F: &str = "3201014503929902";
const KK: &str = "3201011505159903";
const VILLAGE: &str = "3201010001";
const AUTHOR: &str = "op-test";

fn open() -> (tempfile::TempDir, Arc<FieldStore>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("field.sqlite");
    let store = FieldStore::open(path.to_string_lossy().into_owned()).expect("store opens");
    (dir, store)
}

fn household(store: &FieldStore) -> crate::model::Household {
    store
        .save_household(
            HouseholdInput {
                kk_number: KK.into(),
                village_code: "32.01.01.0001".into(),
                address: "Jl. Contoh No. 1".into(),
                rt: "3".into(),
                rw: "1".into(),
                head_name: "Budi Contoh".into(),
                housing: Housing::default(),
            },
            AUTHOR.into(),
        )
        .expect("household saved")
}

fn person(household_id: &str, nik: Option<&str>, name: &str) -> PersonInput {
    PersonInput {
        household_id: household_id.into(),
        name: name.into(),
        nik: nik.map(str::to_string),
        birth_place: None,
        birth_date: None,
        sex: None,
        relationship: None,
        marital_status: None,
        education: None,
        occupation: None,
        disability: None,
        chronic_illness: None,
        pregnant: None,
        in_school: None,
    }
}

#[test]
fn a_household_and_its_members_round_trip_and_are_queued() {
    let (_dir, store) = open();
    let h = household(&store);
    assert_eq!(h.village_code, VILLAGE);
    assert_eq!(h.rt, "003");
    assert_eq!(h.kk_masked, "320101********03");
    let saved = store
        .add_person(
            person(&h.meta.id.to_string(), Some(NIK), "Budi Contoh"),
            AUTHOR.into(),
        )
        .expect("member saved");
    // Sex and birth date come from the NIK when the form left them empty.
    assert_eq!(saved.person.sex, Sex::Male);
    assert_eq!(saved.person.birth_date.as_deref(), Some("1990-01-01"));
    assert_eq!(saved.person.nik_masked.as_deref(), Some("320101********01"));
    assert!(saved.warnings.is_empty());
    let mut stated = person(&h.meta.id.to_string(), Some(NIK_F), "Siti Contoh");
    stated.sex = Some(Sex::Male);
    let warned = store
        .add_person(stated, AUTHOR.into())
        .expect("saved with warning");
    assert_eq!(
        warned.warnings.len(),
        1,
        "stated sex differs from the NIK's"
    );

    assert_eq!(store.household(h.meta.id.to_string()).expect("read"), h);
    assert_eq!(
        store.members(h.meta.id.to_string()).expect("members").len(),
        2
    );
    assert_eq!(
        store.households(Some(VILLAGE.into())).expect("list").len(),
        1
    );
    assert_eq!(store.households_by_kk(KK.into()).expect("by kk").len(), 1);
    let found = store
        .person_by_nik("3201.0101.0190.9901".into())
        .expect("lookup")
        .expect("found");
    assert_eq!(found.name, "Budi Contoh");
    let counts = store.outbox_counts().expect("counts");
    assert_eq!((counts.pending, counts.acked, counts.parked), (3, 0, 0));
}

#[test]
fn bad_input_is_a_typed_error_and_the_store_stays_usable() {
    let (_dir, store) = open();
    let mut input = HouseholdInput {
        kk_number: "123".into(),
        village_code: VILLAGE.into(),
        address: "Jl. Contoh".into(),
        rt: "1".into(),
        rw: "1".into(),
        head_name: "Budi".into(),
        housing: Housing::default(),
    };
    assert!(matches!(
        store.save_household(input.clone(), AUTHOR.into()),
        Err(RecordsError::Invalid { .. })
    ));
    input.kk_number = KK.into();
    input.housing.floor_area_m2 = Some(-4.0);
    let err = store.save_household(input, AUTHOR.into()).unwrap_err();
    assert!(err.to_string().contains("floor_area_m2"), "{err}");
    assert!(matches!(
        store.household("not-an-id".into()),
        Err(RecordsError::Invalid { .. })
    ));
    assert!(matches!(
        store.household("0190a0a0-0000-7000-8000-000000000000".into()),
        Err(RecordsError::NotFound { .. })
    ));
    let h = household(&store);
    store
        .add_person(
            person(&h.meta.id.to_string(), Some(NIK), "Budi"),
            AUTHOR.into(),
        )
        .expect("first");
    let dup = store
        .add_person(
            person(&h.meta.id.to_string(), Some(NIK), "Budi Lain"),
            AUTHOR.into(),
        )
        .unwrap_err();
    assert!(matches!(dup, RecordsError::Conflict { .. }));
    assert!(
        !dup.to_string().contains(NIK),
        "no whole NIK in a message: {dup}"
    );
    assert_eq!(
        store
            .members(h.meta.id.to_string())
            .expect("still usable")
            .len(),
        1
    );
}

#[test]
fn a_complaint_moves_forward_only_with_its_history() {
    let (_dir, store) = open();
    let h = household(&store);
    let k = store
        .register_complaint(
            ComplaintInput {
                household_id: Some(h.meta.id.to_string()),
                complainant_name: "Siti Contoh".into(),
                category: ComplaintCategory::NotRegistered,
                description: "Belum terdaftar DTKS".into(),
                channel: ComplaintChannel::WalkIn,
            },
            AUTHOR.into(),
        )
        .expect("registered");
    assert_eq!(k.status, ComplaintStatus::Received);
    assert_eq!(k.next_status, Some(ComplaintStatus::RegistryChecked));
    assert!(k.receipt_qr.starts_with("PUSKESOS:CASE:"));
    let k2 = store
        .advance_complaint(
            k.meta.id.to_string(),
            ComplaintStatus::Referred,
            "Dirujuk ke dinas".into(),
            AUTHOR.into(),
        )
        .expect("forward");
    assert_eq!(k2.history.len(), 2);
    assert!(matches!(
        store.advance_complaint(
            k.meta.id.to_string(),
            ComplaintStatus::Received,
            "mundur".into(),
            AUTHOR.into()
        ),
        Err(RecordsError::Invalid { .. })
    ));
    assert_eq!(
        store
            .complaints(Some(ComplaintStatus::Referred))
            .expect("list")
            .len(),
        1
    );
    assert!(store
        .complaints(Some(ComplaintStatus::Closed))
        .expect("list")
        .is_empty());
    // An objection must name the recipient objected to.
    let objection = ProposalInput {
        household_id: h.meta.id.to_string(),
        kind: puskesos_core::model::ProposalKind::Objection,
        reason: "Mampu".into(),
        target_nik: None,
    };
    assert!(matches!(
        store.propose(objection, AUTHOR.into()),
        Err(RecordsError::Invalid { .. })
    ));
}

fn write_extract(dir: &std::path::Path, rows: &[&str]) -> String {
    let path = dir.join("extract.csv");
    let mut f = std::fs::File::create(&path).expect("file");
    writeln!(
        f,
        "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw"
    )
    .expect("header");
    for r in rows {
        writeln!(f, "{r}").expect("row");
    }
    path.to_string_lossy().into_owned()
}

#[test]
fn the_registry_imports_all_or_nothing_and_answers_lookups() {
    let (dir, store) = open();
    let good = write_extract(
        dir.path(),
        &[
            &format!("2025Q3,{VILLAGE},{KK},{NIK},Budi Santoso,Bogor,1990-01-01,male,head,2,Jl. Contoh,003,001"),
            &format!("2025Q3,{VILLAGE},{KK},{NIK_F},Siti Aminah,Bogor,1992-03-05,female,spouse,2,Jl. Contoh,003,001"),
        ],
    );
    let summary = store.import_registry(good).expect("imported");
    assert_eq!((summary.people, summary.families), (2, 1));
    let p = store
        .registry_by_nik(NIK.into())
        .expect("lookup")
        .expect("found");
    assert_eq!(p.nik_masked, "320101********01");
    assert_eq!(store.registry_family(KK.into()).expect("family").len(), 2);
    let hits = store
        .registry_search_name("siti aminah".into(), None, 5)
        .expect("search");
    assert_eq!(hits[0].person.nik, NIK_F);
    assert!(matches!(
        store.registry_status(NIK.into()).expect("status"),
        RegistryStatus::Found { desil: Some(2), .. }
    ));

    let bad = write_extract(
        dir.path(),
        &[&format!(
            "2025Q3,{VILLAGE},{KK},123,Rusak,Bogor,1990-01-01,male,head,2,Jl,003,001"
        )],
    );
    let err = store.import_registry(bad).unwrap_err();
    assert!(matches!(err, RegistryError::ImportRefused { .. }));
    assert!(err.to_string().contains("baris 2"), "{err}");
    assert_eq!(store.registry_versions().expect("versions"), vec!["2025Q3"]);
    assert!(matches!(
        store.import_registry(dir.path().join("nope.csv").to_string_lossy().into_owned()),
        Err(RegistryError::FileUnreadable { .. })
    ));
}

fn qr_luma(text: &str, module: usize, stride_pad: usize) -> (Vec<u8>, u32, u32, u32) {
    let code = qrcode::QrCode::new(text.as_bytes()).expect("qr");
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 8) * module;
    let stride = side + stride_pad;
    let mut luma = vec![255u8; stride * side];
    for y in 0..n {
        for x in 0..n {
            if colors[y * n + x] == qrcode::Color::Dark {
                for dy in 0..module {
                    let row = (y + 4) * module + dy;
                    let start = row * stride + (x + 4) * module;
                    luma[start..start + module].fill(0);
                }
            }
        }
    }
    (luma, side as u32, side as u32, stride as u32)
}

#[test]
fn a_camera_frame_with_padding_is_decoded_and_a_short_buffer_refused() {
    let (luma, w, h, stride) = qr_luma("PUSKESOS:CASE:0190A0A0-0000-7000-8000-000000000001", 4, 16);
    let symbols = capture::decode_frame(&luma, w, h, stride, 0).expect("decoded");
    assert_eq!(symbols.len(), 1);
    let meaning = capture::interpret_payload(symbols[0].text.clone(), None).expect("read");
    assert_eq!(meaning.kind, puskesos_core::capture::PayloadKind::CaseQr);
    assert!(matches!(
        capture::decode_frame(&luma[..100], w, h, stride, 0),
        Err(CaptureError::InvalidFrame { .. })
    ));
    assert!(matches!(
        capture::decode_frame(&luma, w, h, stride, 45),
        Err(CaptureError::InvalidFrame { .. })
    ));
}

#[test]
fn a_photo_is_normalised_judged_and_attached_once() {
    let (_dir, store) = open();
    let h = household(&store);
    let img = image::RgbImage::from_fn(2000, 1500, |x, y| {
        let v = if (x / 25 + y / 25) % 2 == 0 { 30 } else { 220 };
        image::Rgb([v, v, v])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .expect("jpeg");
    let photo = capture::normalize_photo(jpeg, DocumentKind::HouseFront).expect("normalised");
    assert_eq!((photo.width, photo.height), (1280, 960));
    let resolution = photo
        .checks
        .iter()
        .find(|c| c.check == puskesos_core::capture::QualityCheck::Resolution)
        .expect("resolution checked");
    assert!(resolution.passed, "a 2000 px source is enough");
    assert!(photo.jpeg.len() as u64 <= 300_000);
    let doc = store
        .attach_document(
            h.meta.id.to_string(),
            DocumentKind::HouseFront,
            photo.jpeg.clone(),
            "image/jpeg".into(),
            AUTHOR.into(),
        )
        .expect("attached");
    assert_eq!(doc.sha256, photo.sha256);
    let again = store
        .attach_document(
            h.meta.id.to_string(),
            DocumentKind::HouseFront,
            photo.jpeg.clone(),
            "image/jpeg".into(),
            AUTHOR.into(),
        )
        .expect("same content");
    assert_eq!(again.meta.id, doc.meta.id, "kept once");
    assert_eq!(
        store
            .document_bytes(doc.meta.id.to_string())
            .expect("bytes"),
        photo.jpeg
    );
    let missing = store
        .missing_photos(h.meta.id.to_string())
        .expect("checklist");
    assert!(!missing.contains(&DocumentKind::HouseFront));
    assert_eq!(missing.len(), DocumentKind::REQUIRED_SET.len() - 1);
    assert!(matches!(
        capture::normalize_photo(b"GIF89a....".to_vec(), DocumentKind::Kk),
        Err(CaptureError::Unsupported { .. })
    ));
}

#[test]
fn eligibility_needs_a_pack_then_gives_verdicts_and_questions() {
    let (_dir, store) = open();
    let h = household(&store);
    assert!(matches!(
        store.evaluate_household(h.meta.id.to_string(), AUTHOR.into()),
        Err(EligibilityError::NoRulePack { .. })
    ));
    assert!(matches!(
        store.install_rule_pack("{\"format\": 1}".into()),
        Err(EligibilityError::PackRefused { .. })
    ));
    let installed = store
        .install_rule_pack(puskesos_core::rules::EXAMPLE_PACK_JSON.into())
        .expect("installed");
    assert_eq!(installed.outcome, PackInstallOutcome::Installed);
    assert!(installed.pack.example);
    let e = store
        .evaluate_household(h.meta.id.to_string(), AUTHOR.into())
        .expect("evaluated");
    assert_eq!(e.programmes.len(), installed.pack.programmes.len());
    assert!(
        !e.ask_next.is_empty(),
        "nothing is known yet, so there is a lot to ask"
    );
    assert!(e
        .programmes
        .iter()
        .all(|p| !p.summary.id.is_empty() && !p.summary.en.is_empty()));
    assert_ne!(e.ask_next[0].question.id, e.ask_next[0].question.en);
}

struct Recorder(Mutex<Vec<SyncProgress>>);

impl SyncListener for Recorder {
    fn on_progress(&self, progress: SyncProgress) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(progress);
    }
}

struct Exploding(AtomicU64);

impl SyncListener for Exploding {
    fn on_progress(&self, _: SyncProgress) {
        self.0.fetch_add(1, Ordering::SeqCst);
        panic!("listener bug");
    }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

#[test]
fn sync_errors_are_typed_and_a_panicking_listener_is_internal() {
    let (_dir, store) = open();
    household(&store);
    let cancel = SyncCancel::new();
    let recorder = Box::new(Recorder(Mutex::new(Vec::new())));
    assert!(matches!(
        store.sync(recorder, cancel.clone(), None),
        Err(SyncError::NeedsEnrolment { .. })
    ));
    let url = format!("http://127.0.0.1:{}", closed_port());
    assert!(matches!(
        store.enrol(
            url.clone(),
            "ABCD-1234".into(),
            "uji".into(),
            None,
            None,
            None
        ),
        Err(SyncError::Network { .. })
    ));
    assert!(matches!(
        store.enrol(
            "http://dinsos.example.go.id".into(),
            "ABCD-1234".into(),
            "uji".into(),
            None,
            None,
            None
        ),
        Err(SyncError::Config { .. })
    ));
    assert_eq!(store.enrolment().expect("read"), None);

    // An enrolment as a district would have given it, towards a closed port.
    puskesos_core::sync::Enrolment {
        base_url: url,
        token: "t".into(),
        device_id: "d".into(),
        village: VILLAGE.into(),
        village_name: "Desa Uji".into(),
        operator: AUTHOR.into(),
        cert_sha256: None,
        unlock_code: None,
    }
    .save(&store.inner)
    .expect("saved");
    let exploding = Arc::new(Exploding(AtomicU64::new(0)));
    struct Shared(Arc<Exploding>);
    impl SyncListener for Shared {
        fn on_progress(&self, p: SyncProgress) {
            self.0.on_progress(p)
        }
    }
    let err = store
        .sync(Box::new(Shared(exploding.clone())), cancel.clone(), None)
        .unwrap_err();
    assert!(matches!(err, SyncError::Internal { .. }), "{err:?}");
    assert_eq!(exploding.0.load(Ordering::SeqCst), 1);

    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    struct Rec(Arc<Recorder>);
    impl SyncListener for Rec {
        fn on_progress(&self, p: SyncProgress) {
            self.0.on_progress(p)
        }
    }
    let err = store
        .sync(Box::new(Rec(recorder.clone())), cancel.clone(), None)
        .unwrap_err();
    assert!(matches!(err, SyncError::Network { .. }), "{err:?}");
    let first = recorder.0.lock().expect("lock")[0];
    assert_eq!((first.entries_done, first.entries_total), (0, 1));
    assert_eq!(
        store.outbox_counts().expect("counts").pending,
        1,
        "nothing lost"
    );
    assert_eq!(store.last_sync_ms().expect("last"), None);

    // Cancelled before the first request: nothing is sent, nothing fails.
    cancel.cancel();
    assert!(cancel.is_cancelled());
    let report = store
        .sync(Box::new(Rec(recorder)), cancel, None)
        .expect("a cancelled pass is not an error");
    assert!(report.cancelled);
    assert_eq!(report.pending, 1);
}

/// `{:?}` and `{:#?}` of a facade value, as a log line or a crash report prints it: no whole
/// NIK or KK number, and at least one masked.
fn assert_debug_masked<T: std::fmt::Debug>(what: &str, value: &T) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        assert_text_masked(what, &text);
    }
}

fn assert_text_masked(what: &str, text: &str) {
    for n in [NIK, NIK_F, KK] {
        assert!(!text.contains(n), "{what} shows {n} whole:\n{text}");
    }
    assert!(
        [NIK, NIK_F, KK]
            .iter()
            .any(|n| text.contains(&puskesos_core::ident::mask_number(n))),
        "{what} shows no masked number:\n{text}"
    );
}

/// Every view, form, check, scan and error of the facade that can carry a NIK or KK number
/// masks it in `Debug`, and each room's error in the message Kotlin receives.
#[test]
fn views_forms_and_errors_print_numbers_only_masked() {
    use crate::family::{FieldChange, HistoryLine, PersonChanges};
    use crate::model::{ReferralInput, VisitInput};
    use crate::outbox::{OutboxError, ParkedEntry};
    use crate::{eligibility::EligibilityError, ident, registry::RegistryPerson};

    let (dir, store) = open();
    let mut h = household(&store);
    h.kk_qr_evidence = Some(format!(
        "https://layananonline.dukcapil.kemendagri.go.id/v?kk={KK}"
    ));
    assert_debug_masked("Household", &h);
    let household_id = h.meta.id.to_string();
    let input = person(&household_id, Some(&format!("{NIK} ")), "Budi Contoh");
    assert_debug_masked("PersonInput", &input);
    let saved = store.add_person(input, AUTHOR.into()).expect("member");
    assert_debug_masked("Person", &saved.person);
    assert_debug_masked("SavedPerson", &saved);
    assert_debug_masked(
        "PersonChanges",
        &PersonChanges {
            nik: Some(NIK_F.into()),
            ..Default::default()
        },
    );
    assert_debug_masked(
        "FieldChange",
        &FieldChange {
            field: "address".into(),
            old: Some(format!("ikut KK {KK}")),
            new: None,
        },
    );
    assert_debug_masked(
        "HistoryLine",
        &HistoryLine {
            entity: "person".into(),
            entity_id: saved.person.meta.id.to_string(),
            kind: "correction".into(),
            reason: format!("NIK lama {NIK_F} salah ketik"),
            by: AUTHOR.into(),
            at_ms: 0,
            fields: Vec::new(),
        },
    );
    let proposal_input = ProposalInput {
        household_id: household_id.clone(),
        kind: puskesos_core::model::ProposalKind::Objection,
        reason: format!("Penerima {NIK} sudah mampu"),
        target_nik: Some(NIK_F.into()),
    };
    assert_debug_masked("ProposalInput", &proposal_input);
    let proposal = store
        .propose(proposal_input, AUTHOR.into())
        .expect("objection");
    assert_debug_masked("Proposal", &proposal);
    let complaint_input = ComplaintInput {
        household_id: Some(household_id.clone()),
        complainant_name: "Siti Contoh".into(),
        category: ComplaintCategory::NotRegistered,
        description: format!("NIK saya {NIK_F} tidak ada di DTKS"),
        channel: ComplaintChannel::WalkIn,
    };
    assert_debug_masked("ComplaintInput", &complaint_input);
    let complaint = store
        .register_complaint(complaint_input, AUTHOR.into())
        .expect("complaint");
    assert_debug_masked("Complaint", &complaint);
    assert_debug_masked(
        "VisitInput",
        &VisitInput {
            household_id: household_id.clone(),
            visited_at_ms: 0,
            purpose: puskesos_core::model::VisitPurpose::ALL[0],
            gps: None,
            notes: Some(format!("KK baru {KK}")),
            next_visit_due: None,
            complaint_id: None,
        },
    );
    assert_debug_masked(
        "ReferralInput",
        &ReferralInput {
            household_id: household_id.clone(),
            complaint_id: None,
            sector: puskesos_core::model::Sector::ALL[0],
            service: "PBI-JK".into(),
            institution: "Puskesmas Contoh".into(),
            note: Some(format!("atas nama NIK {NIK}")),
        },
    );
    assert_debug_masked(
        "ParkedEntry",
        &ParkedEntry {
            entry_id: "e".into(),
            entity: "person".into(),
            entity_id: "p".into(),
            recorded_at_ms: 0,
            attempts: 1,
            reason: Some(format!("invalid_payload: NIK {NIK} ganda")),
        },
    );

    // Checks and scans.
    let nik_check = ident::check_nik(NIK.into(), None, None).expect("check");
    assert_debug_masked("NikCheck", &nik_check);
    let typo = ident::check_nik(format!("{NIK}7"), None, None).expect("check");
    assert!(!format!("{typo:?}").contains(NIK), "{typo:?}");
    assert_debug_masked(
        "KkCheck",
        &ident::check_kk(KK.into(), None, None).expect("check"),
    );
    let scan = capture::interpret_payload(format!("KARTU PKH|{NIK}|{KK}"), None).expect("scan");
    assert!(!scan.candidates.is_empty());
    assert_debug_masked("Interpretation", &scan);
    for candidate in &scan.candidates {
        assert_debug_masked("IdCandidate", candidate);
    }

    // The registry's rows.
    let extract = write_extract(
        dir.path(),
        &[&format!(
            "2025Q3,{VILLAGE},{KK},{NIK},Budi Santoso,Bogor,1990-01-01,male,head,2,Jl. Contoh,003,001"
        )],
    );
    store.import_registry(extract).expect("imported");
    let row: RegistryPerson = store
        .registry_by_nik(NIK.into())
        .expect("lookup")
        .expect("found");
    assert_debug_masked("RegistryPerson", &row);
    let hits = store
        .registry_search_name("budi santoso".into(), None, 1)
        .expect("search");
    assert_debug_masked("RegistryMatch", &hits[0]);

    // Errors: what Kotlin receives (`Display`) and what a Rust log prints (`Debug`).
    let quoted = format!("NIK {NIK} ditolak");
    let bad_date = ident::check_nik(NIK.into(), Some(NIK.into()), None).unwrap_err();
    let bad_scan_date = capture::interpret_payload("x".into(), Some(KK.into())).unwrap_err();
    let errors: Vec<(&str, Box<dyn std::fmt::Debug>, String)> = vec![
        (
            "IdentityError",
            Box::new(bad_date.clone()),
            bad_date.to_string(),
        ),
        (
            "CaptureError",
            Box::new(bad_scan_date.clone()),
            bad_scan_date.to_string(),
        ),
        {
            let e = ident::IdentityError::Internal {
                detail: quoted.clone(),
            };
            (
                "IdentityError::Internal",
                Box::new(e.clone()),
                e.to_string(),
            )
        },
        {
            let e = RecordsError::Conflict {
                message: quoted.clone(),
            };
            ("RecordsError", Box::new(e.clone()), e.to_string())
        },
        {
            let e = RegistryError::ImportRefused {
                message: quoted.clone(),
            };
            ("RegistryError", Box::new(e.clone()), e.to_string())
        },
        {
            let e = SyncError::Rejected {
                message: quoted.clone(),
            };
            ("SyncError", Box::new(e.clone()), e.to_string())
        },
        {
            let e = OutboxError::Storage {
                message: quoted.clone(),
            };
            ("OutboxError", Box::new(e.clone()), e.to_string())
        },
        {
            let e = EligibilityError::Invalid {
                message: quoted.clone(),
            };
            ("EligibilityError", Box::new(e.clone()), e.to_string())
        },
        {
            let e = CaptureError::Failed { message: quoted };
            ("CaptureError::Failed", Box::new(e.clone()), e.to_string())
        },
    ];
    for (what, debug, display) in errors {
        assert_debug_masked(what, &debug);
        assert_text_masked(&format!("{what} (Display)"), &display);
    }
}

#[test]
fn a_kk_qr_is_kept_on_the_household_and_other_text_is_a_conflict() {
    let (_dir, store) = open();
    let h = household(&store);
    let link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH9903";
    let refused = store
        .keep_kk_qr(h.meta.id.to_string(), KK.into(), AUTHOR.into())
        .expect_err("a KK number is not the KK's QR");
    assert!(
        matches!(&refused, RecordsError::Conflict { message } if message.contains("QR KK") || message.contains("KK QR")),
        "{refused:?}"
    );
    let kept = store
        .keep_kk_qr(h.meta.id.to_string(), link.into(), AUTHOR.into())
        .expect("kept");
    assert_eq!(kept.kk_qr_evidence.as_deref(), Some(link));
    assert_eq!(
        store
            .household(h.meta.id.to_string())
            .expect("read")
            .kk_qr_evidence
            .as_deref(),
        Some(link)
    );
    let history = store.history(h.meta.id.to_string()).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].fields[0].field, "kk_qr_evidence");
    assert!(matches!(
        store.keep_kk_qr("not-an-id".into(), link.into(), AUTHOR.into()),
        Err(RecordsError::Invalid { .. })
    ));
}
