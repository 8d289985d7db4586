//! How long the lock screen makes a person wait: one PIN unlock (one Argon2id run at
//! m = 19 MiB, t = 2, p = 1, then AES-GCM and two atomic file writes), and setting a PIN.
//!
//! Run: `cargo bench -p puskesos-core --bench lock` (prints figures; no criterion needed).
//! The Argon2 work is all inside the dependency, so `--profile dev` (dependencies at
//! opt-level 2) gives a comparable figure without the long release build.
//!
//! 2026-12-08, this workplace's shared 2-core x86 machine: unlock median 13.1 ms (max
//! 21.5 ms) in `bench`, 36.0 ms in `--profile dev`; set_pin 21–33 ms. Not yet measured on a
//! phone: a low-end ARM core is several times slower, which still keeps an unlock well under
//! a second.

use std::time::{Duration, Instant};

use puskesos_core::lock::Lock;

const RUNS: usize = 10;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lock = Lock::open(dir.path().join("app.lock"), &[7u8; 32]).expect("lock opens");
    let t = Instant::now();
    let key = lock.set_pin("482915").expect("PIN set");
    let set = t.elapsed();
    let mut unlocks = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let again = lock.unlock("482915").expect("unlocks");
        unlocks.push(t.elapsed());
        assert_eq!(again.as_bytes(), key.as_bytes());
    }
    let max = unlocks.iter().max().copied().unwrap_or_default();
    println!(
        "lock: set_pin {:.1} ms; unlock median {:.1} ms, max {:.1} ms over {RUNS} runs (Argon2id m=19 MiB t=2 p=1)",
        set.as_secs_f64() * 1e3,
        median(unlocks).as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
    );
}
