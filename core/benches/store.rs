//! The registry extract at the scale of a big district, on this machine: import time, peak
//! memory during import, lookup latency by NIK and by name, and the store file's size.
//!
//! `cargo bench -p puskesos-core --bench store [-- HOUSEHOLDS]` (default 270,000 households,
//! about 1,000,000 people). Prints figures; the targets are in the README.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Utc;
use puskesos_core::ident::RegionList;
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::Store;
use puskesos_core::synth::{write_village, VillageSpec};

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

/// Peak resident memory of this process since the last reset, in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Resets the peak so that generating the file does not count against the import.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// How an operator mistypes a name: lower case, a title, old spelling, words run together.
fn mangle(name: &str, i: usize) -> String {
    let lower = name.to_lowercase();
    match i % 4 {
        0 => lower,
        1 => format!("Bpk. {}", lower.replacen('u', "oe", 1)),
        2 => lower.replacen(' ', "", 1),
        _ => lower.replacen("i", "y", 1),
    }
}

fn main() {
    let households: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(270_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let regions =
        RegionList::from_path(&shared_data().join("wilayah/wilayah-history.csv")).expect("regions");
    let extract = dir.path().join("extract.csv");
    let spec = VillageSpec::new(households, 42, Utc::now().date_naive());
    let generated = write_village(&spec, &regions, &extract).expect("generate");
    drop(regions);
    println!(
        "extract: {} people, {} households, {} villages, {:.0} MB CSV",
        generated.people,
        generated.households,
        generated.villages.len(),
        std::fs::metadata(&extract).map(|m| m.len()).unwrap_or(0) as f64 / 1e6
    );

    reset_peak_rss();
    let db = dir.path().join("store.sqlite");
    let store = Store::open(&db).expect("store");
    let started = Instant::now();
    let summary = store.import_registry_file(&extract).expect("import");
    let import = started.elapsed();
    let peak = peak_rss_mb();
    println!(
        "import: {} people in {:.2} s ({:.0} people/s); peak RSS during import {:.0} MB",
        summary.people,
        import.as_secs_f64(),
        summary.people as f64 / import.as_secs_f64(),
        peak
    );

    let mut reader = csv::Reader::from_path(&extract).expect("re-read extract");
    let step = (summary.people / 10_000).max(1) as usize;
    let sample: Vec<RegistryRecord> = reader
        .deserialize::<RegistryRecord>()
        .step_by(step)
        .filter_map(Result::ok)
        .collect();

    let mut by_nik = Vec::with_capacity(sample.len());
    for r in &sample {
        let t = Instant::now();
        let found = store.registry_by_nik(&r.nik).expect("lookup");
        by_nik.push(t.elapsed());
        assert!(found.is_some());
    }
    by_nik.sort();
    println!(
        "lookup by NIK: {} lookups, p50 {:.3} ms, p99 {:.3} ms",
        by_nik.len(),
        percentile(&by_nik, 0.50),
        percentile(&by_nik, 0.99)
    );

    for (label, village) in [("whole extract", false), ("one village", true)] {
        let mut times = Vec::new();
        let mut top3 = 0;
        for (i, r) in sample.iter().step_by(10).enumerate() {
            let query = mangle(&r.name, i);
            let v = village.then_some(r.village_code.as_str());
            let t = Instant::now();
            let found = store.registry_search_name(&query, v, 3).expect("search");
            times.push(t.elapsed());
            if found.iter().any(|m| m.record.name == r.name) {
                top3 += 1;
            }
        }
        times.sort();
        println!(
            "name search ({label}): {} mangled queries, p50 {:.2} ms, p95 {:.2} ms; the name in the top 3 for {:.1}%",
            times.len(),
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            100.0 * top3 as f64 / times.len() as f64
        );
    }

    drop(store);
    let size: u64 = ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "store file: {:.0} MB ({:.0} bytes per person)",
        size as f64 / 1e6,
        size as f64 / summary.people as f64
    );
}
