//! Hooks for the JVM tests only (feature `test-hooks`, never in a phone build).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use puskesos_core::lock::{Clock, Lock, SystemClock};

use crate::guard::guard;
use crate::ident::IdentityError;
use crate::lock::{FieldLock, LockError};

/// Panics inside the FFI barrier, as a bug in core would.
#[uniffi::export]
pub fn panic_for_test(message: String) -> Result<(), IdentityError> {
    guard(|| -> Result<(), IdentityError> { panic!("{message}") })
}

/// Seconds added to the clock of locks made by [`field_lock_with_test_clock`].
static LOCK_CLOCK_OFFSET: AtomicI64 = AtomicI64::new(0);

struct OffsetClock;

impl Clock for OffsetClock {
    fn now(&self) -> i64 {
        SystemClock.now() + LOCK_CLOCK_OFFSET.load(Ordering::SeqCst)
    }
}

/// A [`FieldLock`] whose clock the test moves on (the waits after wrong PINs reach 30 min).
#[uniffi::export]
pub fn field_lock_with_test_clock(
    path: String,
    pepper: Vec<u8>,
) -> Result<Arc<FieldLock>, LockError> {
    guard(|| {
        Ok(Arc::new(FieldLock {
            inner: Lock::open_with_clock(path, &pepper, Arc::new(OffsetClock))?,
        }))
    })
}

/// Moves the clock of test locks `seconds` on.
#[uniffi::export]
pub fn advance_lock_clock_for_test(seconds: i64) {
    LOCK_CLOCK_OFFSET.fetch_add(seconds, Ordering::SeqCst);
}
