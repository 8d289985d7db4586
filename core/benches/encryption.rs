//! What encryption at rest costs, plaintext against encrypted in one run, on real files:
//! importing a registry extract, looking a NIK up (p50/p99), saving a household.
//!
//! `cargo bench -p puskesos-core --bench encryption [-- HOUSEHOLDS]` (default 30,000
//! households, about 110,000 people). Prints figures and the encrypted/plaintext ratios;
//! the README quotes a run.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use puskesos_core::ident::RegionList;
use puskesos_core::model::{HouseholdInput, PersonInput, Relationship};
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::{Store, StoreKey};
use puskesos_core::synth::{write_village, VillageSpec};

/// Households saved one by one in each store.
const SAVES: usize = 400;

fn shared_data() -> PathBuf {
    if let Ok(p) = std::env::var("PUSKESOS_SHARED_DATA") {
        return p.into();
    }
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while dir.pop() {
        if dir.join("shared/data").is_dir() {
            return dir.join("shared/data");
        }
    }
    panic!("shared/data not found; set PUSKESOS_SHARED_DATA");
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// One store's figures, in milliseconds.
struct Figures {
    import: f64,
    lookup_p50: f64,
    lookup_p99: f64,
    save_p50: f64,
    save_p99: f64,
    save_mean: f64,
}

fn measure(store: &Store, extract: &Path, sample: &[RegistryRecord]) -> Figures {
    let started = Instant::now();
    store.import_registry_file(extract).expect("import");
    let import = started.elapsed().as_secs_f64() * 1000.0;

    let mut lookups = Vec::with_capacity(sample.len());
    for r in sample {
        let t = Instant::now();
        let found = store.registry_by_nik(&r.nik).expect("lookup");
        lookups.push(t.elapsed());
        assert!(found.is_some());
    }
    lookups.sort();

    let mut saves = Vec::with_capacity(SAVES);
    let heads = sample.iter().filter(|r| r.relationship == "head");
    for r in heads.take(SAVES) {
        let t = Instant::now();
        store
            .save_family(
                HouseholdInput {
                    kk_number: r.kk_number.clone(),
                    village_code: r.village_code.clone(),
                    address: r.address.clone(),
                    rt: r.rt.clone(),
                    rw: r.rw.clone(),
                    ..Default::default()
                },
                vec![PersonInput {
                    nik: Some(r.nik.clone()),
                    name: r.name.clone(),
                    birth_date: Some(r.birth_date),
                    sex: Some(r.sex),
                    relationship: Some(Relationship::Head),
                    ..Default::default()
                }],
                "bench",
                Utc::now(),
            )
            .expect("save");
        saves.push(t.elapsed());
    }
    let save_mean =
        saves.iter().map(Duration::as_secs_f64).sum::<f64>() * 1000.0 / saves.len().max(1) as f64;
    saves.sort();
    Figures {
        import,
        lookup_p50: percentile(&lookups, 0.50),
        lookup_p99: percentile(&lookups, 0.99),
        save_p50: percentile(&saves, 0.50),
        save_p99: percentile(&saves, 0.99),
        save_mean,
    }
}

fn main() {
    let households: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let regions =
        RegionList::from_path(&shared_data().join("wilayah/wilayah-history.csv")).expect("regions");
    let extract = dir.path().join("extract.csv");
    let spec = VillageSpec::new(households, 42, Utc::now().date_naive());
    let generated = write_village(&spec, &regions, &extract).expect("generate");
    drop(regions);
    println!(
        "extract: {} people, {} households",
        generated.people, generated.households
    );
    let mut reader = csv::Reader::from_path(&extract).expect("re-read extract");
    let step = (generated.people / 10_000).max(1) as usize;
    let sample: Vec<RegistryRecord> = reader
        .deserialize::<RegistryRecord>()
        .step_by(step)
        .filter_map(Result::ok)
        .collect();

    let plain_store = Store::open(&dir.path().join("plain.sqlite")).expect("plaintext store");
    let plain = measure(&plain_store, &extract, &sample);
    drop(plain_store);
    let key = StoreKey::generate();
    let enc_store =
        Store::open_encrypted(&dir.path().join("enc.sqlite"), &key).expect("encrypted store");
    let enc = measure(&enc_store, &extract, &sample);
    drop(enc_store);

    println!(
        "{:<34} {:>12} {:>12} {:>7}",
        "(ms)", "plaintext", "encrypted", "ratio"
    );
    let rows = [
        ("registry import", plain.import, enc.import),
        ("NIK lookup p50", plain.lookup_p50, enc.lookup_p50),
        ("NIK lookup p99", plain.lookup_p99, enc.lookup_p99),
        ("save household p50", plain.save_p50, enc.save_p50),
        ("save household p99", plain.save_p99, enc.save_p99),
        ("save household mean", plain.save_mean, enc.save_mean),
    ];
    for (label, p, e) in rows {
        println!("{label:<34} {p:>12.3} {e:>12.3} {:>6.2}×", e / p);
    }
    println!(
        "({} lookups, {} saves per store; {} people imported)",
        sample.len(),
        SAVES.min(sample.iter().filter(|r| r.relationship == "head").count()),
        generated.people
    );
}
