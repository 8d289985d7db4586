//! The panic barrier of the FFI. A Rust panic must never unwind into the JVM: JNA would abort
//! the process and the pillar would lose what was on screen. Each room's error enum has an
//! `Internal` variant that a caught panic becomes.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An error enum that can report a caught panic.
pub(crate) trait Internal {
    fn internal(detail: String) -> Self;
}

/// Runs `body`, turning a panic into `E::internal`. `AssertUnwindSafe` is sound here because
/// the facade holds no state of its own across a call: objects it shares (a region list, later
/// a store) are immutable or guarded by core's own transactions, so a panic leaves them as
/// they were before the call.
pub(crate) fn guard<T, E: Internal>(body: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(E::internal(panic_text(payload.as_ref()))),
    }
}

fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum TestError {
        Internal(String),
    }

    impl Internal for TestError {
        fn internal(detail: String) -> Self {
            TestError::Internal(detail)
        }
    }

    #[test]
    fn a_panic_becomes_the_internal_variant_with_its_message() {
        let result: Result<(), TestError> = guard(|| panic!("index {} out of range", 7));
        assert_eq!(
            result,
            Err(TestError::Internal("index 7 out of range".into()))
        );
    }

    #[test]
    fn results_pass_through_untouched() {
        assert_eq!(guard::<_, TestError>(|| Ok(41 + 1)), Ok(42));
    }
}
