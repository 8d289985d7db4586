//! Why a rule pack was refused, or why a result cannot be explained with a given pack.
//!
//! Messages never contain household data: they are about the pack, so they can be logged
//! and shown to district IT staff as they are.

use serde::Serialize;

use crate::Lang;

/// What is wrong with one node of a pack. The node's path is in [`RulesError::Invalid`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackProblem {
    /// The value has the wrong JSON type (`expected` is "object", "text", "number", …).
    WrongType {
        expected: String,
    },
    Missing,
    /// A key the format does not know: most often a typo that would silently drop a
    /// condition, so it is refused rather than ignored.
    UnknownKey,
    UnsupportedFormat {
        found: String,
        supported: String,
    },
    BadVersion {
        found: String,
    },
    BadDate {
        found: String,
    },
    BadId {
        found: String,
    },
    DuplicateId {
        id: String,
    },
    UnknownSector {
        found: String,
    },
    Empty,
    /// A criterion needs exactly one of `all`, `any`, `not`, `field`, `members`.
    NotOneKind {
        found: Vec<String>,
    },
    UnknownFact {
        name: String,
    },
    /// A member fact used outside a `members` aggregate: which member would it be?
    MemberFactOutsideMembers {
        name: String,
    },
    NestedMembers,
    /// `household.members` can only be asked for, not compared.
    NotComparable {
        name: String,
    },
    UnknownOperator {
        found: String,
    },
    OperatorNotAllowed {
        op: String,
        fact: String,
    },
    UnknownCode {
        code: String,
        fact: String,
    },
    WrongValueType {
        fact: String,
        expected: String,
    },
    BadRange {
        low: f64,
        high: f64,
    },
    /// A setting outside what the app allows (`settings.lock_after_minutes` is 1–60).
    OutOfBounds {
        found: f64,
        min: f64,
        max: f64,
    },
    UnknownQuantifier {
        found: String,
    },
    /// Count bounds that no household can meet, or a count without a bound.
    BadCount,
    NotFinite,
    TooDeep {
        max: u32,
    },
    TooMany {
        max: u32,
    },
    TooLong {
        max: u32,
    },
    CutoffsNotAscending,
    WrongCutoffCount {
        found: u32,
    },
}

impl PackProblem {
    pub fn message(&self, lang: Lang) -> String {
        use PackProblem as P;
        match (self, lang) {
            (P::WrongType { expected }, Lang::Id) => format!("harus berupa {}", type_id(expected)),
            (P::WrongType { expected }, Lang::En) => format!("must be {expected}"),
            (P::Missing, _) => lang.pick("wajib diisi", "is required").into(),
            (P::UnknownKey, _) => lang
                .pick("kunci tidak dikenal (salah ketik?)", "unknown key (a typo?)")
                .into(),
            (P::UnsupportedFormat { found, supported }, Lang::Id) => {
                format!("format \"{found}\" tidak didukung; aplikasi ini membaca \"{supported}\"")
            }
            (P::UnsupportedFormat { found, supported }, Lang::En) => {
                format!("format \"{found}\" is not supported; this app reads \"{supported}\"")
            }
            (P::BadVersion { found }, Lang::Id) => format!(
                "versi \"{found}\" tidak valid: gunakan angka dipisah titik, misalnya 2025.7.0"
            ),
            (P::BadVersion { found }, Lang::En) => format!(
                "version \"{found}\" is not valid: use dot-separated numbers such as 2025.7.0"
            ),
            (P::BadDate { found }, Lang::Id) => {
                format!("tanggal \"{found}\" tidak valid: gunakan TTTT-BB-HH")
            }
            (P::BadDate { found }, Lang::En) => {
                format!("date \"{found}\" is not valid: use YYYY-MM-DD")
            }
            (P::BadId { found }, Lang::Id) => format!(
                "id \"{found}\" tidak valid: gunakan huruf kecil, angka, '_' atau '-' (1–40 karakter)"
            ),
            (P::BadId { found }, Lang::En) => format!(
                "id \"{found}\" is not valid: use lower-case letters, digits, '_' or '-' (1–40 characters)"
            ),
            (P::DuplicateId { id }, Lang::Id) => format!("id \"{id}\" dipakai lebih dari sekali"),
            (P::DuplicateId { id }, Lang::En) => format!("id \"{id}\" is used more than once"),
            (P::UnknownSector { found }, Lang::Id) => format!(
                "sektor \"{found}\" bukan salah satu dari sembilan sektor SLRT ({})",
                crate::model::Sector::codes()
            ),
            (P::UnknownSector { found }, Lang::En) => format!(
                "sector \"{found}\" is not one of the nine SLRT sectors ({})",
                crate::model::Sector::codes()
            ),
            (P::Empty, _) => lang.pick("tidak boleh kosong", "must not be empty").into(),
            (P::NotOneKind { found }, Lang::Id) => format!(
                "kriteria harus punya tepat satu dari all, any, not, field, members (ditemukan: {})",
                list_or_none(found, lang)
            ),
            (P::NotOneKind { found }, Lang::En) => format!(
                "a criterion needs exactly one of all, any, not, field, members (found: {})",
                list_or_none(found, lang)
            ),
            (P::UnknownFact { name }, Lang::Id) => format!("fakta \"{name}\" tidak dikenal"),
            (P::UnknownFact { name }, Lang::En) => format!("unknown fact \"{name}\""),
            (P::MemberFactOutsideMembers { name }, Lang::Id) => format!(
                "fakta anggota \"{name}\" hanya boleh dipakai di dalam \"members\""
            ),
            (P::MemberFactOutsideMembers { name }, Lang::En) => {
                format!("member fact \"{name}\" can only be used inside \"members\"")
            }
            (P::NestedMembers, _) => lang
                .pick(
                    "\"members\" tidak boleh bersarang di dalam \"members\"",
                    "\"members\" cannot be nested inside \"members\"",
                )
                .into(),
            (P::NotComparable { name }, Lang::Id) => {
                format!("\"{name}\" tidak dapat dibandingkan; gunakan \"members\"")
            }
            (P::NotComparable { name }, Lang::En) => {
                format!("\"{name}\" cannot be compared; use \"members\"")
            }
            (P::UnknownOperator { found }, Lang::Id) => format!(
                "operator \"{found}\" tidak dikenal (=, !=, <, <=, >, >=, in, not_in, between, contains)"
            ),
            (P::UnknownOperator { found }, Lang::En) => format!(
                "unknown operator \"{found}\" (=, !=, <, <=, >, >=, in, not_in, between, contains)"
            ),
            (P::OperatorNotAllowed { op, fact }, Lang::Id) => {
                format!("operator \"{op}\" tidak dapat dipakai untuk fakta \"{fact}\"")
            }
            (P::OperatorNotAllowed { op, fact }, Lang::En) => {
                format!("operator \"{op}\" cannot be used with fact \"{fact}\"")
            }
            (P::UnknownCode { code, fact }, Lang::Id) => {
                format!("kode \"{code}\" tidak dikenal untuk fakta \"{fact}\"")
            }
            (P::UnknownCode { code, fact }, Lang::En) => {
                format!("code \"{code}\" is not known for fact \"{fact}\"")
            }
            (P::WrongValueType { fact, expected }, Lang::Id) => {
                format!("nilai untuk \"{fact}\" harus berupa {}", type_id(expected))
            }
            (P::WrongValueType { fact, expected }, Lang::En) => {
                format!("the value for \"{fact}\" must be {expected}")
            }
            (P::BadRange { low, high }, Lang::Id) => {
                format!("rentang [{low}, {high}] terbalik: batas bawah melebihi batas atas")
            }
            (P::BadRange { low, high }, Lang::En) => {
                format!("range [{low}, {high}] is reversed: the low bound exceeds the high bound")
            }
            (P::OutOfBounds { found, min, max }, Lang::Id) => {
                format!("nilai {found} di luar batas yang dibolehkan ({min} sampai {max})")
            }
            (P::OutOfBounds { found, min, max }, Lang::En) => {
                format!("value {found} is outside the allowed bounds ({min} to {max})")
            }
            (P::UnknownQuantifier { found }, Lang::Id) => {
                format!("\"{found}\" tidak dikenal: gunakan exists, all atau count")
            }
            (P::UnknownQuantifier { found }, Lang::En) => {
                format!("\"{found}\" is not known: use exists, all or count")
            }
            (P::BadCount, _) => lang
                .pick(
                    "count perlu at_least dan/atau at_most, dengan at_least ≤ at_most",
                    "count needs at_least and/or at_most, with at_least ≤ at_most",
                )
                .into(),
            (P::NotFinite, _) => lang
                .pick("harus berupa angka terhingga", "must be a finite number")
                .into(),
            (P::TooDeep { max }, Lang::Id) => format!("kriteria terlalu dalam (paling banyak {max} tingkat)"),
            (P::TooDeep { max }, Lang::En) => format!("criteria nest too deep (at most {max} levels)"),
            (P::TooMany { max }, Lang::Id) => format!("terlalu banyak unsur (paling banyak {max})"),
            (P::TooMany { max }, Lang::En) => format!("too many items (at most {max})"),
            (P::TooLong { max }, Lang::Id) => format!("teks terlalu panjang (paling banyak {max} karakter)"),
            (P::TooLong { max }, Lang::En) => format!("text too long (at most {max} characters)"),
            (P::CutoffsNotAscending, _) => lang
                .pick(
                    "batas desil harus naik tegas dari kiri ke kanan",
                    "desil cut-offs must be strictly ascending",
                )
                .into(),
            (P::WrongCutoffCount { found }, Lang::Id) => {
                format!("batas desil harus tepat 9 angka (ada {found})")
            }
            (P::WrongCutoffCount { found }, Lang::En) => {
                format!("desil cut-offs must be exactly 9 numbers (found {found})")
            }
        }
    }
}

fn type_id(expected: &str) -> &str {
    match expected {
        "object" => "objek",
        "array" => "daftar",
        "text" => "teks",
        "number" => "angka",
        "whole number" => "bilangan bulat",
        "true or false" => "true atau false",
        "a list of two numbers" => "daftar dua angka",
        "a list" => "daftar",
        "a code" => "kode",
        other => other,
    }
}

fn list_or_none(found: &[String], lang: Lang) -> String {
    if found.is_empty() {
        lang.pick("tidak ada", "none").into()
    } else {
        found.join(", ")
    }
}

/// A refused pack or an unusable result. One enum for the `rules` room.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RulesError {
    #[error("rule pack is too large: {bytes} bytes, at most {max}")]
    TooLarge { bytes: u64, max: u64 },
    #[error("rule pack is not valid JSON (line {line}, column {column}): {detail}")]
    Syntax {
        line: u64,
        column: u64,
        detail: String,
    },
    #[error("rule pack refused at `{path}`: {}", .problem.message(Lang::En))]
    Invalid { path: String, problem: PackProblem },
    #[error(
        "rule pack {pack_id} version {offered} is older than the installed version {installed}"
    )]
    Downgrade {
        pack_id: String,
        installed: String,
        offered: String,
    },
    #[error("rule pack {pack_id} version {version} differs from the installed pack with the same version")]
    ConflictingVersion { pack_id: String, version: String },
    #[error("this result was made with rule pack {found}, not {expected}")]
    PackMismatch { expected: String, found: String },
    #[error("rule pack {pack_id} has no welfare score section")]
    NoWelfareScore { pack_id: String },
}

impl RulesError {
    pub(crate) fn invalid(path: &str, problem: PackProblem) -> RulesError {
        RulesError::Invalid {
            path: path.to_string(),
            problem,
        }
    }

    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RulesError::TooLarge { bytes, max }, Lang::Id) => {
                format!("Paket aturan terlalu besar: {bytes} bita, paling besar {max}.")
            }
            (RulesError::Syntax { line, column, detail }, Lang::Id) => format!(
                "Paket aturan bukan JSON yang valid (baris {line}, kolom {column}): {detail}"
            ),
            (RulesError::Invalid { path, problem }, Lang::Id) => {
                format!("Paket aturan ditolak di `{path}`: {}.", problem.message(lang))
            }
            (RulesError::Downgrade { pack_id, installed, offered }, Lang::Id) => format!(
                "Paket aturan {pack_id} versi {offered} lebih lama dari versi terpasang {installed}; paket ditolak."
            ),
            (RulesError::ConflictingVersion { pack_id, version }, Lang::Id) => format!(
                "Paket aturan {pack_id} versi {version} berbeda isinya dengan paket terpasang yang bernomor versi sama; minta dinas menaikkan nomor versi."
            ),
            (RulesError::PackMismatch { expected, found }, Lang::Id) => format!(
                "Hasil ini dibuat dengan paket aturan {found}, bukan {expected}."
            ),
            (RulesError::NoWelfareScore { pack_id }, Lang::Id) => {
                format!("Paket aturan {pack_id} tidak memuat skor kesejahteraan.")
            }
            (other, Lang::En) => format!("{other}."),
        }
    }
}
