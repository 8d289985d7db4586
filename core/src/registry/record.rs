//! One person's row in a registry extract, as shipped in CSV or JSON Lines.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ident::Sex;

/// The CSV header of an extract, in column order. JSON Lines objects use the same keys.
pub const EXTRACT_CSV_HEADER: &[&str] = &[
    "extract_version",
    "village_code",
    "kk_number",
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "relationship",
    "desil",
    "address",
    "rt",
    "rw",
];

/// A person in the extract. The family (KK) carries the desil; every member's row repeats it
/// so that a lookup by NIK answers in one read. Numbers are plain strings here (the importer
/// validates them), so `Debug` masks them: an import or a lookup that logs a row must not
/// write a whole village's NIKs into a phone's log.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryRecord {
    /// The quarter of the publication, `YYYYQn` (`2025Q3`).
    pub extract_version: String,
    /// Kemendagri village code, 10 digits, no dots.
    pub village_code: String,
    pub kk_number: String,
    pub nik: String,
    pub name: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// Relationship to the head of the family, a `model::Relationship` code
    /// (`head`, `spouse`, `child`, `child_in_law`, `grandchild`, `parent`, `parent_in_law`,
    /// `other_family`, `helper`, `other`).
    pub relationship: String,
    /// Welfare decile 1–10; empty when the family is registered but not yet ranked.
    pub desil: Option<u8>,
    pub address: String,
    pub rt: String,
    pub rw: String,
}

crate::redacted_debug!(RegistryRecord {
    extract_version,
    village_code,
    kk_number,
    nik,
    name,
    birth_place,
    birth_date,
    sex,
    relationship,
    desil,
    address,
    rt,
    rw,
});
