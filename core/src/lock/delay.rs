//! How long a wrong PIN or code makes the next try wait, and the clock that measures it.
//!
//! PINs: three free mistakes (a fumbled keypad), then 30 s, 1, 2, 5, 15 and 30 minutes, and
//! the tenth wrong PIN locks the PIN out for good (until the district's code). At most ten
//! guesses ever, of a million six-digit PINs.
//!
//! Codes: no wait after the first four wrong codes, then 1, 5, 15 minutes and one hour per
//! try from then on (the same shape as for PINs, a little more generous), with no
//! lock-out, because the code is the way back in and a phone must never become a brick. At
//! one try an hour (≈ 8,800 a year) a 59-bit code stays out of reach for ever.

use std::time::{SystemTime, UNIX_EPOCH};

/// Wrong PINs that lock the PIN out.
pub const MAX_PIN_FAILURES: u32 = 10;

/// Seconds to wait after `failures` consecutive wrong PINs.
pub fn pin_wait(failures: u32) -> u64 {
    match failures {
        0..=3 => 0,
        4 => 30,
        5 => 60,
        6 => 2 * 60,
        7 => 5 * 60,
        8 => 15 * 60,
        _ => 30 * 60,
    }
}

/// Seconds to wait after `failures` consecutive wrong unlock codes.
pub fn code_wait(failures: u32) -> u64 {
    match failures {
        0..=4 => 0,
        5 => 60,
        6 => 5 * 60,
        7 => 15 * 60,
        _ => 60 * 60,
    }
}

/// Seconds still to wait when the last failure was at `failed_at` and the rule says `wait`.
/// A clock earlier than the failure (set back, by hand or by a flat battery) counts as "it
/// just failed": turning the clock back never shortens the wait.
pub fn remaining(failed_at: Option<i64>, wait: u64, now: i64) -> u64 {
    let Some(at) = failed_at else { return 0 };
    if now < at {
        return wait;
    }
    let elapsed = (now - at) as u64;
    wait.saturating_sub(elapsed)
}

/// Where the lock reads the time (unix seconds). Injectable so tests need not sleep.
pub trait Clock: Send + Sync {
    fn now(&self) -> i64;
}

/// The phone's own clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_waits_grow_as_specified() {
        let waits: Vec<u64> = (1..=9).map(pin_wait).collect();
        assert_eq!(waits, [0, 0, 0, 30, 60, 120, 300, 900, 1800]);
    }

    #[test]
    fn code_waits_are_capped_at_an_hour() {
        let waits: Vec<u64> = (1..=12).map(code_wait).collect();
        assert_eq!(
            waits,
            [0, 0, 0, 0, 60, 300, 900, 3600, 3600, 3600, 3600, 3600]
        );
    }

    #[test]
    fn a_clock_set_back_does_not_shorten_the_wait() {
        assert_eq!(remaining(Some(1_000), 300, 1_100), 200);
        assert_eq!(remaining(Some(1_000), 300, 1_300), 0);
        assert_eq!(remaining(Some(1_000), 300, 10), 300);
        assert_eq!(remaining(None, 300, 10), 0);
    }
}
