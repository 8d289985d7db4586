//! Prints the speed of the synthetic-village generator and of name keys:
//! `cargo run --release -p puskesos-core --example synth_bench [households]`
//! (default 270,000 households, about a million people, written as CSV to a temp file).
//!
//! Region list: `$PUSKESOS_SHARED_DATA/wilayah/wilayah-history.csv`, else `shared/data`
//! beside an ancestor of this crate.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use puskesos_core::ident::RegionList;
use puskesos_core::registry::{similarity, NameKey};
use puskesos_core::synth::{generate_village, write_village, VillageSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let households: u32 = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 270_000,
    };
    let dir = std::env::var_os("PUSKESOS_SHARED_DATA")
        .map(PathBuf::from)
        .or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .map(|a| a.join("shared/data"))
                .find(|d| d.is_dir())
        })
        .ok_or("shared data not found: set PUSKESOS_SHARED_DATA")?;
    let regions = RegionList::from_path(&dir.join("wilayah/wilayah-history.csv"))?;
    let today = NaiveDate::from_ymd_opt(2025, 8, 15).ok_or("date")?;
    let spec = VillageSpec::new(households, 1, today);

    let out = tempfile_path("synth_bench.csv");
    let started = Instant::now();
    let summary = write_village(&spec, &regions, &out)?;
    let secs = started.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&out)?.len();
    println!(
        "generate+write CSV: {} people in {} households, {} villages: {secs:.2} s, {:.0} people/s, {:.1} MB",
        summary.people,
        summary.households,
        summary.villages.len(),
        summary.people as f64 / secs,
        bytes as f64 / 1e6
    );
    std::fs::remove_file(&out)?;

    let names: Vec<String> = generate_village(&VillageSpec::new(30_000, 2, today), &regions)?
        .map(|r| r.name)
        .collect();
    let started = Instant::now();
    let mut total_len = 0usize;
    let rounds = 10;
    for _ in 0..rounds {
        for name in &names {
            total_len += std::hint::black_box(NameKey::new(name)).joined.len();
        }
    }
    let per_name = started.elapsed().as_nanos() as f64 / (rounds * names.len()) as f64;
    println!(
        "NameKey::new: {per_name:.0} ns/name over {} names (mean joined key {:.1} bytes)",
        rounds * names.len(),
        total_len as f64 / (rounds * names.len()) as f64
    );

    let keys: Vec<NameKey> = names.iter().map(|n| NameKey::new(n)).collect();
    let query = NameKey::new("Bpk. Moh. Rizki");
    let started = Instant::now();
    let best = keys
        .iter()
        .map(|k| similarity(&query, k))
        .fold(0.0, f64::max);
    let per = started.elapsed().as_nanos() as f64 / keys.len() as f64;
    println!("similarity: {per:.0} ns/candidate (best score {best:.3})");
    Ok(())
}

fn tempfile_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("{}-{name}", std::process::id()))
}
