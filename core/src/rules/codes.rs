//! The code tables of facts that are not questionnaire answers. The questionnaire's own code
//! lists (housing, sanitation, energy, relationship, schooling, work) belong to the record the
//! pillar fills in and live in [`crate::model`]; the catalogue uses their `TABLE`s.

pub use crate::model::CodeLabel;

/// Registry membership as a code (the desil is a separate number fact).
pub const REGISTRY_STATUS: &[CodeLabel] = &[
    (
        "found",
        "terdaftar di DTSEN/DTKS",
        "listed in the DTSEN/DTKS registry",
    ),
    (
        "not_found",
        "tidak terdaftar di DTSEN/DTKS",
        "not listed in the DTSEN/DTKS registry",
    ),
];

/// Sex as on the KK; the same spelling as `ident::Sex`.
pub const SEX: &[CodeLabel] = &[
    ("male", "laki-laki", "male"),
    ("female", "perempuan", "female"),
];

/// The label of `code` in `table`, or the code itself when it is not listed (free codes such
/// as programme ids and village codes).
pub fn label_of(table: &[CodeLabel], code: &str, lang: crate::Lang) -> String {
    table
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, id, en)| lang.pick(id, en).to_string())
        .unwrap_or_else(|| code.to_string())
}
