//! Hooks for the JVM tests only (feature `test-hooks`, never in a phone build).

use crate::guard::guard;
use crate::ident::IdentityError;

/// Panics inside the FFI barrier, as a bug in core would.
#[uniffi::export]
pub fn panic_for_test(message: String) -> Result<(), IdentityError> {
    guard(|| -> Result<(), IdentityError> { panic!("{message}") })
}
