//! The lock on real temporary files, with a clock the tests move by hand.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

use super::*;

const PIN: &str = "482915";
const PEPPER: &[u8] = b"keystore-pepper-for-tests-32byte";
const T0: i64 = 1_790_000_000;

struct TestClock(AtomicI64);

impl Clock for TestClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

struct Phone {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    clock: Arc<TestClock>,
    lock: Lock,
}

impl Phone {
    fn new() -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.lock");
        let clock = Arc::new(TestClock(AtomicI64::new(T0)));
        let lock = Lock::open_with_clock(&path, PEPPER, clock.clone()).unwrap();
        Phone {
            _dir: dir,
            path,
            clock,
            lock,
        }
    }

    fn advance(&self, seconds: i64) {
        self.clock.0.fetch_add(seconds, Ordering::SeqCst);
    }

    fn set_clock(&self, t: i64) {
        self.clock.0.store(t, Ordering::SeqCst);
    }

    /// A second `Lock` on the same file, as after the app was killed and started again.
    fn reopen(&self) -> Lock {
        Lock::open_with_clock(&self.path, PEPPER, self.clock.clone()).unwrap()
    }

    fn file_text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }
}

#[test]
fn a_pin_is_set_then_opens_the_same_key_and_can_be_changed() {
    let p = Phone::new();
    assert!(!p.lock.is_set().unwrap());
    assert_eq!(p.lock.unlock(PIN).unwrap_err(), LockError::NotSet);
    let key = p.lock.set_pin(PIN).unwrap();
    assert!(p.lock.is_set().unwrap());
    assert_eq!(p.lock.set_pin("730518").unwrap_err(), LockError::AlreadySet);
    assert_eq!(p.lock.unlock(PIN).unwrap().as_bytes(), key.as_bytes());

    p.lock.change_pin(PIN, "730518").unwrap();
    assert!(matches!(
        p.lock.unlock(PIN),
        Err(LockError::WrongPin { .. })
    ));
    assert_eq!(
        p.reopen().unlock("730518").unwrap().as_bytes(),
        key.as_bytes()
    );
}

#[test]
fn a_weak_pin_is_refused_when_chosen() {
    let p = Phone::new();
    assert_eq!(
        p.lock.set_pin("123456").unwrap_err(),
        LockError::WeakPin {
            problem: PinProblem::Sequence
        }
    );
    assert!(!p.lock.is_set().unwrap());
    p.lock.set_pin(PIN).unwrap();
    assert_eq!(
        p.lock.change_pin(PIN, "555555").unwrap_err(),
        LockError::WeakPin {
            problem: PinProblem::AllSame
        }
    );
    assert_eq!(
        p.lock.status().unwrap().pin_failures,
        0,
        "a weak new PIN costs no try"
    );
}

#[test]
fn wrong_pins_wait_30s_1_2_5_15_30_minutes_after_three_free_tries() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    let expected_waits = [0u64, 0, 0, 30, 60, 120, 300, 900, 1800];
    for (i, wait) in expected_waits.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(
            p.lock.unlock("000111").unwrap_err(),
            LockError::WrongPin {
                attempts_left: 10 - n
            },
            "wrong PIN no. {n}"
        );
        let status = p.lock.status().unwrap();
        assert_eq!(status.pin_failures, n);
        assert_eq!(status.wait_seconds, *wait, "wait after wrong PIN no. {n}");
        if *wait > 0 {
            // Even the right PIN is not looked at during the wait, nor counted.
            p.advance(*wait as i64 - 1);
            assert_eq!(
                p.lock.unlock(PIN).unwrap_err(),
                LockError::TooSoon { wait_seconds: 1 }
            );
            assert_eq!(p.lock.status().unwrap().pin_failures, n);
            p.advance(1);
        }
    }
    // Ninth wrong PIN behind us, 30 minutes waited: the right PIN opens and clears it all.
    p.lock.unlock(PIN).unwrap();
    let status = p.lock.status().unwrap();
    assert_eq!((status.pin_failures, status.wait_seconds), (0, 0));
}

#[test]
fn the_tenth_wrong_pin_locks_out_even_the_right_pin() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    for _ in 0..9 {
        p.advance(3600);
        assert!(matches!(
            p.lock.unlock("000111"),
            Err(LockError::WrongPin { .. })
        ));
    }
    p.advance(3600);
    assert_eq!(p.lock.unlock("000111").unwrap_err(), LockError::LockedOut);
    p.advance(365 * 24 * 3600);
    assert_eq!(p.lock.unlock(PIN).unwrap_err(), LockError::LockedOut);
    assert_eq!(p.reopen().unlock(PIN).unwrap_err(), LockError::LockedOut);
    assert_eq!(
        p.lock.change_pin(PIN, "730518").unwrap_err(),
        LockError::LockedOut
    );
    let status = p.lock.status().unwrap();
    assert!(status.locked_out);
    assert_eq!(status.attempts_left, 0);
}

fn lock_out(p: &Phone) {
    for _ in 0..10 {
        p.advance(3600);
        let _ = p.lock.unlock("000111");
    }
    assert!(p.lock.status().unwrap().locked_out);
}

#[test]
fn the_unlock_code_opens_the_same_key_sets_a_new_pin_and_clears_the_count() {
    let p = Phone::new();
    let key = p.lock.set_pin(PIN).unwrap();
    let code = new_unlock_code();
    p.lock.set_unlock_code(&key, &code).unwrap();
    assert!(p.lock.status().unwrap().has_unlock_code);
    lock_out(&p);

    // Typed in lower case with spaces instead of dashes.
    let typed = code.to_lowercase().replace('-', " ");
    let again = p.lock.unlock_with_code(&typed, "730518").unwrap();
    assert_eq!(again.as_bytes(), key.as_bytes());
    let status = p.lock.status().unwrap();
    assert!(!status.locked_out);
    assert_eq!((status.pin_failures, status.wait_seconds), (0, 0));
    assert_eq!(p.lock.unlock("730518").unwrap().as_bytes(), key.as_bytes());
    assert!(matches!(
        p.lock.unlock(PIN),
        Err(LockError::WrongPin { .. })
    ));
    // The code stays valid for the next time.
    assert!(p.lock.unlock_with_code(&code, "620417").is_ok());
}

#[test]
fn unlock_code_refusals_are_typed_and_cost_nothing_when_it_cannot_be_a_code() {
    let p = Phone::new();
    assert_eq!(
        p.lock
            .unlock_with_code("ABCD-EFGH-JKMN", "730518")
            .unwrap_err(),
        LockError::NotSet
    );
    let key = p.lock.set_pin(PIN).unwrap();
    assert_eq!(
        p.lock
            .unlock_with_code("ABCD-EFGH-JKMN", "730518")
            .unwrap_err(),
        LockError::NoUnlockCode
    );
    assert_eq!(
        p.lock.set_unlock_code(&key, "ABCD-EFGH").unwrap_err(),
        LockError::CodeFormat
    );
    let other = SecretKey::from_bytes([9; 32]);
    assert_eq!(
        p.lock
            .set_unlock_code(&other, "ABCD-EFGH-JKMN")
            .unwrap_err(),
        LockError::KeyMismatch
    );
    p.lock.set_unlock_code(&key, "ABCD-EFGH-JKMN").unwrap();
    assert_eq!(
        p.lock
            .unlock_with_code("ABCD-EFGH-JKM", "730518")
            .unwrap_err(),
        LockError::CodeFormat
    );
    assert_eq!(
        p.lock
            .unlock_with_code("ABCD-EFGH-JKMN", "123456")
            .unwrap_err(),
        LockError::WeakPin {
            problem: PinProblem::Sequence
        }
    );
    assert_eq!(p.lock.status().unwrap().code_failures, 0);
    assert_eq!(
        p.lock
            .unlock_with_code("ABCD-EFGH-JKMP", "730518")
            .unwrap_err(),
        LockError::WrongCode
    );
    assert_eq!(p.lock.status().unwrap().code_failures, 1);
}

#[test]
fn wrong_codes_wait_up_to_an_hour_but_never_lock_the_phone_for_good() {
    let p = Phone::new();
    let key = p.lock.set_pin(PIN).unwrap();
    p.lock.set_unlock_code(&key, "ABCD-EFGH-JKMN").unwrap();
    let mut waits = Vec::new();
    for _ in 0..12 {
        assert_eq!(
            p.lock
                .unlock_with_code("ABCD-EFGH-JKMP", "730518")
                .unwrap_err(),
            LockError::WrongCode
        );
        let wait = p.lock.status().unwrap().code_wait_seconds;
        waits.push(wait);
        if wait > 0 {
            assert_eq!(
                p.lock
                    .unlock_with_code("ABCD-EFGH-JKMN", "730518")
                    .unwrap_err(),
                LockError::TooSoon { wait_seconds: wait }
            );
        }
        p.advance(wait as i64);
    }
    assert_eq!(
        waits,
        [0, 0, 0, 0, 60, 300, 900, 3600, 3600, 3600, 3600, 3600]
    );
    let back = p.lock.unlock_with_code("ABCD-EFGH-JKMN", "730518").unwrap();
    assert_eq!(back.as_bytes(), key.as_bytes());
    assert_eq!(p.lock.status().unwrap().code_failures, 0);
}

#[test]
fn a_failed_try_is_on_disk_when_the_app_is_killed() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    assert!(p.lock.unlock("000111").is_err());
    // A fresh process sees the try.
    assert_eq!(p.reopen().status().unwrap().pin_failures, 1);
    assert!(p.file_text().contains("\"pin_failures\": 1"));
}

#[test]
fn the_try_is_counted_on_disk_before_the_pin_is_checked() {
    // Watch the file from another thread while a *right* PIN is checked: the count must be
    // on disk during the Argon2 run (the window a kill would hit), and cleared after.
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    let path = p.path.clone();
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut seen = false;
            while !done.load(Ordering::SeqCst) && !seen {
                if let Ok(Some(f)) = file::read(&path) {
                    seen = f.pin_failures == 1;
                }
            }
            seen
        })
    };
    p.lock.unlock(PIN).unwrap();
    done.store(true, Ordering::SeqCst);
    assert!(
        watcher.join().unwrap(),
        "the try was not on disk during the check"
    );
    assert_eq!(p.lock.status().unwrap().pin_failures, 0);
}

#[test]
fn a_clock_set_back_does_not_shorten_the_wait() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    for _ in 0..5 {
        p.advance(100);
        assert!(matches!(
            p.lock.unlock("000111"),
            Err(LockError::WrongPin { .. })
        ));
    }
    // Five wrong PINs: one minute to wait. Set the clock back a day.
    p.set_clock(T0 - 86_400);
    assert_eq!(
        p.lock.unlock(PIN).unwrap_err(),
        LockError::TooSoon { wait_seconds: 60 }
    );
    p.advance(30);
    assert_eq!(
        p.lock.unlock(PIN).unwrap_err(),
        LockError::TooSoon { wait_seconds: 30 }
    );
    p.advance(30);
    p.lock.unlock(PIN).unwrap();
}

#[test]
fn another_pepper_opens_nothing() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    let copied = Lock::open_with_clock(&p.path, b"another phone", p.clock.clone()).unwrap();
    assert!(matches!(
        copied.unlock(PIN),
        Err(LockError::WrongPin { .. })
    ));
}

#[test]
fn a_damaged_lock_file_is_corrupt_never_a_panic() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    let good = std::fs::read(&p.path).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();
    let mut damaged: Vec<Vec<u8>> = (0..good.len())
        .step_by(7)
        .map(|n| good[..n].to_vec())
        .collect();
    damaged.push(b"\x00\xff garbage".to_vec());
    damaged.push(vec![b' '; (file::MAX_FILE_BYTES + 10) as usize]);
    damaged.push(
        text.replace("puskesos-lock/1", "puskesos-lock/9")
            .into_bytes(),
    );
    damaged.push(text.replace("argon2id", "scrypt").into_bytes());
    damaged.push(
        text.replace("\"m_kib\": 19456", "\"m_kib\": 4000000")
            .into_bytes(),
    );
    damaged.push(text.replace("\"salt\": \"", "\"salt\": \"00").into_bytes());
    damaged.push(
        text.replace("\"pin_failures\": 0", "\"pin_failures\": -1")
            .into_bytes(),
    );
    damaged.push(
        text.replace("\"code\": null", "\"code\": null, \"extra\": 1")
            .into_bytes(),
    );
    for (i, bytes) in damaged.iter().enumerate() {
        std::fs::write(&p.path, bytes).unwrap();
        let e = p.lock.unlock(PIN).unwrap_err();
        assert!(matches!(e, LockError::Corrupt { .. }), "case {i}: {e:?}");
        assert!(
            matches!(p.lock.status(), Err(LockError::Corrupt { .. })),
            "case {i}"
        );
    }
    // A damaged file can still be wiped.
    p.lock.forget().unwrap();
    assert!(!p.lock.is_set().unwrap());
}

#[test]
fn a_sealed_key_swapped_for_another_phones_is_refused() {
    let a = Phone::new();
    let b = Phone::new();
    a.lock.set_pin(PIN).unwrap();
    b.lock.set_pin(PIN).unwrap();
    let mut fa = file::read(&a.path).unwrap().unwrap();
    let fb = file::read(&b.path).unwrap().unwrap();
    fa.pin = fb.pin;
    file::write(&a.path, &fa).unwrap();
    assert!(matches!(a.lock.unlock(PIN), Err(LockError::Corrupt { .. })));
}

#[test]
fn the_key_never_appears_in_the_lock_file() {
    let p = Phone::new();
    let key = p.lock.set_pin(PIN).unwrap();
    p.lock.set_unlock_code(&key, "ABCD-EFGH-JKMN").unwrap();
    let bytes = std::fs::read(&p.path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!bytes.windows(32).any(|w| w == key.as_bytes()));
    assert!(!text.contains(&hex::encode(key.as_bytes())));
    assert!(!text.contains(&hex::encode(&key.as_bytes()[..8])));
    assert!(!text.contains(PIN));
    assert!(!text.contains("ABCDEFGHJKMN"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only");
    }
}

#[test]
fn changing_the_pin_rewrites_the_wrap_with_a_new_salt_and_nonce() {
    let p = Phone::new();
    p.lock.set_pin(PIN).unwrap();
    let before = file::read(&p.path).unwrap().unwrap();
    p.lock.change_pin(PIN, "730518").unwrap();
    let after = file::read(&p.path).unwrap().unwrap();
    assert_ne!(before.pin.salt, after.pin.salt);
    assert_ne!(before.pin.nonce, after.pin.nonce);
    assert_ne!(before.pin.sealed, after.pin.sealed);
    assert_eq!(before.key_check, after.key_check);
}

#[test]
fn forget_removes_the_file_and_the_lock_starts_over() {
    let p = Phone::new();
    let first = p.lock.set_pin(PIN).unwrap();
    p.lock.forget().unwrap();
    assert!(!p.path.exists());
    assert!(!p.lock.is_set().unwrap());
    assert_eq!(p.lock.unlock(PIN).unwrap_err(), LockError::NotSet);
    p.lock.forget().unwrap();
    let second = p.lock.set_pin(PIN).unwrap();
    assert_ne!(first.as_bytes(), second.as_bytes());
}
