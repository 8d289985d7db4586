//! Eligibility speed: every programme of the example pack on 270,000 generated households,
//! single-threaded (goal ≤ 2 s), and loading + validating the pack (goal ≤ 5 ms).
//!
//! Run: `cargo bench -p puskesos-core --bench rules` (prints figures; no criterion needed).

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use puskesos_core::rules::{
    evaluate, verdicts, welfare_score, HouseholdFacts, RulePack, EXAMPLE_PACK_JSON,
};
use rand::SeedableRng;

#[path = "../tests/rules/generate.rs"]
mod generate;

const HOUSEHOLDS: usize = 270_000;
const LOADS: usize = 500;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let day = NaiveDate::from_ymd_opt(2025, 8, 1).expect("valid date");

    // Loading and validating the pack.
    let mut loads = Vec::with_capacity(LOADS);
    for _ in 0..LOADS {
        let t = Instant::now();
        let pack = RulePack::from_json(black_box(EXAMPLE_PACK_JSON)).expect("example pack loads");
        loads.push(t.elapsed());
        black_box(pack);
    }
    let pack = RulePack::example().expect("example pack loads");
    println!(
        "pack load+validate ({} bytes, {} programmes): median {:.3} ms, max {:.3} ms over {LOADS} loads (goal ≤ 5 ms)",
        EXAMPLE_PACK_JSON.len(),
        pack.programmes().len(),
        median(loads.clone()).as_secs_f64() * 1e3,
        loads.iter().max().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );

    // A village district's worth of households; about 5% of facts not yet asked.
    let t = Instant::now();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2025);
    let households: Vec<HouseholdFacts> = (0..HOUSEHOLDS)
        .map(|_| {
            let mut h = generate::household(&mut rng, day);
            generate::hide_some(&mut h, &mut rng, 0.05);
            h
        })
        .collect();
    let members: usize = households.iter().map(|h| h.members.len()).sum();
    println!(
        "generated {HOUSEHOLDS} households ({:.2} members each) in {:.2} s",
        members as f64 / HOUSEHOLDS as f64,
        t.elapsed().as_secs_f64()
    );

    let programmes = pack.programmes();
    let mut runs = Vec::new();
    let mut counts = vec![[0usize; 3]; programmes.len()];
    let mut reasons = 0usize;
    for run in 0..3 {
        let t = Instant::now();
        for h in &households {
            let e = evaluate(&pack, h, day);
            if run == 0 {
                for (i, r) in e.results.iter().enumerate() {
                    counts[i][r.verdict as usize] += 1;
                    reasons += r.reasons.len();
                }
            }
            black_box(e);
        }
        runs.push(t.elapsed());
    }
    let full = median(runs.clone());
    println!(
        "evaluate (verdicts + reasons + questions), {} programmes × {HOUSEHOLDS} households: median {:.3} s of 3 runs {:?} (goal ≤ 2 s); {:.2} µs per household",
        programmes.len(),
        full.as_secs_f64(),
        runs.iter().map(|d| format!("{:.3}", d.as_secs_f64())).collect::<Vec<_>>(),
        full.as_secs_f64() * 1e6 / HOUSEHOLDS as f64,
    );

    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        for h in &households {
            black_box(verdicts(&pack, h, day));
        }
        runs.push(t.elapsed());
    }
    let only = median(runs);
    println!(
        "verdicts only: median {:.3} s ({:.2}× the full evaluation's time)",
        only.as_secs_f64(),
        only.as_secs_f64() / full.as_secs_f64()
    );

    let t = Instant::now();
    let mut desil = [0usize; 10];
    for h in &households {
        if let Ok(s) = welfare_score(&pack, h, day) {
            desil[usize::from(s.desil.clamp(1, 10)) - 1] += 1;
        }
    }
    println!(
        "welfare score: {:.3} s for {HOUSEHOLDS} households; indicative desil 1..10: {desil:?}",
        t.elapsed().as_secs_f64()
    );

    println!(
        "verdicts (eligible / not eligible / needs data), {:.1} reasons per programme:",
        reasons as f64 / (HOUSEHOLDS * programmes.len()) as f64
    );
    for (p, [e, n, d]) in programmes.iter().zip(&counts) {
        println!("  {:<8} {e:>7} {n:>7} {d:>7}", p.id);
    }
}
