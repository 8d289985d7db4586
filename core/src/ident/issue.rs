//! Why an identity number was refused, part by part, in words a desk operator can act on.

use serde::Serialize;

use crate::lang::Lang;

/// The part of a NIK or KK number that an issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum IdPart {
    Whole,
    Province,
    Regency,
    District,
    BirthDate,
    RecordDate,
    Serial,
}

impl IdPart {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            IdPart::Whole => lang.pick("nomor", "number"),
            IdPart::Province => lang.pick("kode provinsi", "province code"),
            IdPart::Regency => lang.pick("kode kabupaten/kota", "regency/city code"),
            IdPart::District => lang.pick("kode kecamatan", "district code"),
            IdPart::BirthDate => lang.pick("tanggal lahir", "birth date"),
            IdPart::RecordDate => lang.pick("tanggal pencatatan", "recording date"),
            IdPart::Serial => lang.pick("nomor urut", "serial number"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdProblem {
    Empty,
    WrongLength {
        found: usize,
    },
    /// `position` counts from 1, as a person reads the number.
    NonDigit {
        position: usize,
        found: char,
    },
    UnknownRegion {
        code: String,
    },
    ImpossibleDate {
        day: u32,
        month: u32,
        year: i32,
    },
    FutureDate {
        date: String,
    },
    ZeroSerial,
}

/// One reason a number is invalid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdIssue {
    pub part: IdPart,
    pub problem: IdProblem,
}

impl IdIssue {
    pub fn new(part: IdPart, problem: IdProblem) -> Self {
        IdIssue { part, problem }
    }

    /// A sentence for the person at the desk. It never repeats the whole number, so it can
    /// be logged.
    pub fn message(&self, lang: Lang) -> String {
        let part = self.part.label(lang);
        match (&self.problem, lang) {
            (IdProblem::Empty, Lang::Id) => "Nomor belum diisi.".into(),
            (IdProblem::Empty, Lang::En) => "The number is empty.".into(),
            (IdProblem::WrongLength { found }, Lang::Id) => {
                format!("Nomor harus 16 angka, yang diisi {found} karakter.")
            }
            (IdProblem::WrongLength { found }, Lang::En) => {
                format!("The number must have 16 digits; {found} characters were given.")
            }
            (IdProblem::NonDigit { position, found }, Lang::Id) => {
                format!("Karakter ke-{position} ('{found}') bukan angka.")
            }
            (IdProblem::NonDigit { position, found }, Lang::En) => {
                format!("Character {position} ('{found}') is not a digit.")
            }
            (IdProblem::UnknownRegion { code }, Lang::Id) => {
                format!("{part} {code} tidak dikenal di daftar wilayah Kemendagri.")
            }
            (IdProblem::UnknownRegion { code }, Lang::En) => {
                format!("{part} {code} is not in the Kemendagri region list.")
            }
            (IdProblem::ImpossibleDate { day, month, year }, Lang::Id) => {
                format!("{part} {day:02}-{month:02}-{year} tidak ada di kalender.")
            }
            (IdProblem::ImpossibleDate { day, month, year }, Lang::En) => {
                format!("{part} {day:02}-{month:02}-{year} is not a calendar date.")
            }
            (IdProblem::FutureDate { date }, Lang::Id) => {
                format!("{part} {date} ada di masa depan.")
            }
            (IdProblem::FutureDate { date }, Lang::En) => {
                format!("{part} {date} is in the future.")
            }
            (IdProblem::ZeroSerial, Lang::Id) => "Nomor urut 0000 tidak pernah diterbitkan.".into(),
            (IdProblem::ZeroSerial, Lang::En) => "Serial number 0000 is never issued.".into(),
        }
    }
}

/// A refused identity number with every reason found, not only the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentError {
    #[error("invalid NIK: {}", describe(.issues))]
    InvalidNik { issues: Vec<IdIssue> },
    #[error("invalid KK number: {}", describe(.issues))]
    InvalidKk { issues: Vec<IdIssue> },
}

impl IdentError {
    pub fn issues(&self) -> &[IdIssue] {
        match self {
            IdentError::InvalidNik { issues } | IdentError::InvalidKk { issues } => issues,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let head = match self {
            IdentError::InvalidNik { .. } => lang.pick("NIK tidak valid", "Invalid NIK"),
            IdentError::InvalidKk { .. } => lang.pick("Nomor KK tidak valid", "Invalid KK number"),
        };
        let reasons: Vec<String> = self.issues().iter().map(|i| i.message(lang)).collect();
        format!("{head}: {}", reasons.join(" "))
    }
}

fn describe(issues: &[IdIssue]) -> String {
    let reasons: Vec<String> = issues.iter().map(|i| i.message(Lang::En)).collect();
    reasons.join(" ")
}

/// The word an Indonesian sentence uses for a sex that `Sex::as_str` names ("male", "female").
fn sex_in_indonesian(sex: &str) -> &str {
    match sex {
        "male" => "laki-laki",
        "female" => "perempuan",
        other => other,
    }
}

/// A mismatch that does not make a number invalid but that an operator should look at:
/// typing errors in a form often show up here first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdWarning {
    SexMismatch {
        stated: String,
        from_nik: String,
    },
    BirthDateMismatch {
        stated: String,
        from_nik: String,
    },
    /// The NIK keeps the district where it was first issued, so this is normal for people
    /// who moved; it is worth a question, not a refusal.
    RegionMismatch {
        nik_district: String,
        address_district: String,
    },
}

impl IdWarning {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (IdWarning::SexMismatch { stated, from_nik }, Lang::Id) => format!(
                "Jenis kelamin yang diisi ({}) berbeda dengan yang tersirat di NIK ({}).",
                sex_in_indonesian(stated),
                sex_in_indonesian(from_nik)
            ),
            (IdWarning::SexMismatch { stated, from_nik }, Lang::En) => {
                format!("The stated sex ({stated}) differs from the one in the NIK ({from_nik}).")
            }
            (IdWarning::BirthDateMismatch { stated, from_nik }, Lang::Id) => format!(
                "Tanggal lahir yang diisi ({stated}) berbeda dengan yang di NIK ({from_nik})."
            ),
            (IdWarning::BirthDateMismatch { stated, from_nik }, Lang::En) => format!(
                "The stated birth date ({stated}) differs from the one in the NIK ({from_nik})."
            ),
            (IdWarning::RegionMismatch { nik_district, address_district }, Lang::Id) => format!(
                "NIK diterbitkan di kecamatan {nik_district}, alamat di kecamatan {address_district}: pastikan warga memang pindahan."
            ),
            (IdWarning::RegionMismatch { nik_district, address_district }, Lang::En) => format!(
                "The NIK was issued in district {nik_district} but the address is in district {address_district}: check that the person moved."
            ),
        }
    }
}
