//! puskesos-ffi: the UniFFI surface of `puskesos-core` for the Android app.
//!
//! A thin facade and nothing more: every function converts arguments, calls core, and maps
//! the result back. Domain logic stays in core, where `cargo test` reaches it without UniFFI.
//!
//! One module per room of core, each with its own error enum (`...Error`, which Kotlin sees
//! as `...Exception`):
//! - [`ident`]: NIK and KK checks, the Kemendagri region list.
//! - [`lang`]: the language of messages for people.
//! - [`model`]: the field records and their coded answers.
//! - [`store`]: [`store::FieldStore`], the phone's store, and the records in it.
//! - [`family`]: the household use cases: a family saved whole, search, corrections,
//!   moves, deletions, history, warnings, follow-ups.
//! - [`registry`]: the village's DTSEN extract: import and lookup.
//! - [`capture`]: photos normalised and judged, barcodes from photos and camera frames.
//! - [`decisions`]: what the district decided; a returned proposal fixed and sent again.
//! - [`eligibility`]: rule packs, verdicts with reasons, what to ask next.
//! - [`questionnaire`]: each "ask next" fact's question with its choices, and its answer.
//! - [`photos`]: the photo checklist from the store, a poor photo kept on purpose, evidence.
//! - [`outbox`]: what waits to be sent and what the district refused.
//! - [`lock`]: the app lock (PIN, the district's unlock code) and the encrypted store's key.
//! - [`sync`]: enrolment and the blocking sync pass with progress and cancellation.
//!
//! Every exported function runs its body through [`guard::guard`], so a panic inside core
//! becomes the room's `Internal` error instead of unwinding into JNA (which would abort the
//! app and could leave a half-written record behind).
//!
//! Nothing here prints a whole NIK or KK number: records that carry one (or free text that
//! may) implement `Debug` with `puskesos_core::redacted_debug!`, and each room's error masks
//! identity numbers in its message, which Kotlin logs and crash reports receive as is.

uniffi::setup_scaffolding!();

pub mod capture;
pub mod decisions;
pub mod eligibility;
pub mod family;
mod guard;
pub mod ident;
pub mod lang;
pub mod lock;
pub mod model;
pub mod outbox;
pub mod photos;
pub mod questionnaire;
pub mod registry;
pub mod store;
pub mod sync;
#[cfg(feature = "test-hooks")]
mod test_hooks;

/// The version of the core library, shown in Settings and sent with bug reports so that a
/// district can tell which rules and checks a phone ran.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests;
