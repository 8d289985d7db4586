//! Prints how fast the phone finds a household in a village of 2,000 families (issue 11: a
//! list with search by name, KK, NIK and RT/RW, "fast on a village of 2,000 families"):
//! `cargo run --release -p puskesos-core --example find_bench [households]`.
//!
//! The families are synthetic (the core's village generator), saved through the same use
//! case the phone calls (`save_family`) into a real store file; the queries are names as
//! said (the head's or a member's first two words), the last six digits of a member's NIK,
//! RT/RW, and the whole list. Region list: `$PUSKESOS_SHARED_DATA/wilayah/wilayah-history.csv`,
//! else `shared/data` beside an ancestor of this crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use puskesos_core::ident::RegionList;
use puskesos_core::model::{HouseholdInput, PersonInput, Relationship};
use puskesos_core::store::Store;
use puskesos_core::synth::{generate_village, VillageSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let households: u32 = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 2_000,
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
    let now = Utc
        .with_ymd_and_hms(2025, 8, 15, 9, 0, 0)
        .single()
        .ok_or("time")?;
    let mut spec = VillageSpec::new(households, 11, today);
    spec.village_codes = Vec::new();
    let mut families: BTreeMap<String, Vec<puskesos_core::registry::RegistryRecord>> =
        BTreeMap::new();
    for r in generate_village(&spec, &regions)? {
        families.entry(r.kk_number.clone()).or_default().push(r);
    }

    let tmp = std::env::temp_dir().join(format!("find_bench_{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let store = Store::open(&tmp)?;
    let started = Instant::now();
    let mut people = 0usize;
    for rows in families.values() {
        let first = &rows[0];
        let members = rows
            .iter()
            .map(|r| PersonInput {
                nik: Some(r.nik.clone()),
                name: r.name.clone(),
                birth_date: Some(r.birth_date),
                sex: Some(r.sex),
                relationship: Relationship::parse(&r.relationship),
                ..Default::default()
            })
            .collect::<Vec<_>>();
        people += members.len();
        store.save_family(
            HouseholdInput {
                kk_number: first.kk_number.clone(),
                village_code: first.village_code.clone(),
                address: first.address.clone(),
                rt: first.rt.clone(),
                rw: first.rw.clone(),
                ..Default::default()
            },
            members,
            "bench",
            now,
        )?;
    }
    println!(
        "saved {} families ({people} people) with save_family in {:.2} s",
        families.len(),
        started.elapsed().as_secs_f64()
    );

    let rows: Vec<_> = families.values().collect();
    let pick = |i: usize| rows[(i * 7919) % rows.len()];
    let name_queries: Vec<String> = (0..200)
        .map(|i| {
            let r = pick(i);
            let m = &r[i % r.len()];
            m.name
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let nik_queries: Vec<String> = (0..200).map(|i| pick(i)[0].nik[10..].to_string()).collect();
    let rt_queries: Vec<String> = (0..200)
        .map(|i| format!("RT {} RW {}", pick(i)[0].rt, pick(i)[0].rw))
        .collect();
    let all = vec![String::new(); 50];
    for (what, queries) in [
        ("name as said", &name_queries),
        ("NIK ending (6 digits)", &nik_queries),
        ("RT/RW", &rt_queries),
        ("whole list (limit 200)", &all),
    ] {
        let mut times = Vec::with_capacity(queries.len());
        let mut found = 0usize;
        for q in queries {
            let t = Instant::now();
            let hits = store.find_households(q, None, 200)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            found += usize::from(!hits.is_empty());
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "{what:<24} p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms  ({found}/{} found something)",
            at(0.5),
            at(0.95),
            times[times.len() - 1],
            queries.len()
        );
    }
    drop(store);
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}
