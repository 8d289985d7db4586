//! The village's extract of the national social-welfare registry (DTSEN, formerly DTKS),
//! kept on the phone for offline lookup.
//!
//! Since Inpres 4/2025 the registry is DTSEN: every family has a welfare decile (desil 1–10,
//! 1 poorest), re-published quarterly. An extract is one quarter's version for one village.

pub mod names;
mod record;

pub use names::{similarity, NameKey, NAME_KEY_VERSION, SAME_NAME_THRESHOLD};
pub use record::{RegistryRecord, EXTRACT_CSV_HEADER};
