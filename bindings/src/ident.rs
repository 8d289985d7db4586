//! Identity numbers and the Kemendagri region list: what a desk form needs to check a NIK or
//! KK number as it is typed or scanned, and to name the region it was issued in.
//!
//! Checks never fail on a bad number: a wrong NIK is the normal case while a person is still
//! typing, so it comes back as a record with every readable part and every issue, each issue
//! with its message in both languages. Errors are for bad arguments (a date that is not a date,
//! a region file that cannot be read) and for panics.

use std::sync::Arc;

use chrono::NaiveDate;
use puskesos_core::ident::{self as core_ident, IdPart, KkNumber, Nik, RegionLevel, Sex};
use puskesos_core::Lang;

use crate::guard::{guard, Internal};

/// Why a number is refused, with the values a screen may want to show on its own.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum IdProblem {
    Empty,
    WrongLength {
        found: u32,
    },
    /// `position` counts from 1, as a person reads the number.
    NonDigit {
        position: u32,
        found: String,
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

/// One reason a number is invalid. Both messages travel so the app can follow the phone's
/// language without a second call; neither repeats the whole number, so both may be logged.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdIssue {
    pub part: IdPart,
    pub problem: IdProblem,
    pub message_id: String,
    pub message_en: String,
}

/// Everything a NIK says about itself, valid or not. Dates are ISO `YYYY-MM-DD`. `Debug`
/// masks `normalized`, the whole number as typed.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct NikCheck {
    /// The number with separators removed: what the form should keep.
    pub normalized: String,
    pub valid: bool,
    pub province: Option<String>,
    pub regency: Option<String>,
    pub district: Option<String>,
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    pub serial: Option<String>,
    /// For screens shared with others and for logs; only for a valid NIK.
    pub masked: Option<String>,
    pub issues: Vec<IdIssue>,
}

puskesos_core::redacted_debug!(NikCheck {
    normalized,
    valid,
    province,
    regency,
    district,
    birth_date,
    sex,
    serial,
    masked,
    issues,
});

/// A KK number's parts once it is valid, or the issues that make it invalid. `Debug` masks
/// `normalized`.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct KkCheck {
    pub normalized: String,
    pub valid: bool,
    pub district: Option<String>,
    pub recorded_on: Option<String>,
    pub serial: Option<String>,
    pub masked: Option<String>,
    pub issues: Vec<IdIssue>,
}

puskesos_core::redacted_debug!(KkCheck {
    normalized,
    valid,
    district,
    recorded_on,
    serial,
    masked,
    issues,
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NikWarningKind {
    SexMismatch,
    BirthDateMismatch,
    /// Normal for people who moved: a NIK keeps the district where it was first issued.
    RegionMismatch,
}

/// A mismatch between a valid NIK and what the form states: worth a question, not a refusal.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NikWarning {
    pub kind: NikWarningKind,
    pub message_id: String,
    pub message_en: String,
}

/// A Kemendagri region. `code` is digits only (as inside a NIK), `dotted` as people read it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Region {
    pub code: String,
    pub dotted: String,
    pub name: String,
    pub level: RegionLevel,
    /// False for codes retired by a split or a renumbering.
    pub current: bool,
    pub first_seen: Option<u16>,
    pub last_seen: Option<u16>,
}

/// The identity room's error. Messages are for people, in the language chosen with
/// `set_message_language` (Bahasa Indonesia by default), and never contain a whole identity
/// number: what they quote (a date box someone typed a NIK into, a panic's text) is masked
/// in `Display` and `Debug`. Flat: Kotlin receives the message, written when the error
/// crosses the boundary.
#[derive(Clone, PartialEq, Eq, uniffi::Error)]
#[uniffi(flat_error)]
pub enum IdentityError {
    InvalidDate { input: String },
    InvalidNik { message: String },
    RegionListUnreadable { reason: String },
    RegionListMalformed { line: u64, reason: String },
    Internal { detail: String },
}

puskesos_core::redacted_debug!(enum IdentityError {
    InvalidDate { input },
    InvalidNik { message },
    RegionListUnreadable { reason },
    RegionListMalformed { line, reason },
    Internal { detail },
});

impl std::fmt::Display for IdentityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let en = crate::lang::current() == Lang::En;
        let text = match (self, en) {
            (Self::InvalidDate { input }, false) => format!(
                "Tanggal \"{input}\" tidak terbaca; gunakan format TTTT-BB-HH, misalnya 2025-08-17."
            ),
            (Self::InvalidDate { input }, true) => format!(
                "The date \"{input}\" cannot be read; use YYYY-MM-DD, for example 2025-08-17."
            ),
            (Self::InvalidNik { message }, _) => message.clone(),
            (Self::RegionListUnreadable { reason }, false) => {
                format!("Daftar wilayah tidak bisa dibaca: {reason}")
            }
            (Self::RegionListUnreadable { reason }, true) => {
                format!("The region list cannot be read: {reason}")
            }
            (Self::RegionListMalformed { line, reason }, false) => {
                format!("Daftar wilayah rusak di baris {line}: {reason}")
            }
            (Self::RegionListMalformed { line, reason }, true) => {
                format!("The region list is damaged at line {line}: {reason}")
            }
            (Self::Internal { detail }, false) => format!(
                "Kesalahan internal pada pemeriksaan identitas; data tidak berubah. ({detail})"
            ),
            (Self::Internal { detail }, true) => format!(
                "Internal error while checking an identity number; nothing was changed. ({detail})"
            ),
        };
        f.write_str(&core_ident::redact(&text))
    }
}

impl std::error::Error for IdentityError {}

impl Internal for IdentityError {
    fn internal(detail: String) -> Self {
        IdentityError::Internal { detail }
    }
}

impl From<core_ident::RegionError> for IdentityError {
    fn from(error: core_ident::RegionError) -> Self {
        match error {
            core_ident::RegionError::Malformed { line, reason } => {
                IdentityError::RegionListMalformed { line, reason }
            }
            core_ident::RegionError::Io(io) => IdentityError::RegionListUnreadable {
                reason: io.to_string(),
            },
        }
    }
}

/// Checks a NIK as captured on `captured_on` (ISO date; today when absent), which decides the
/// century of the birth year. With `regions` the issuing district must have existed in some
/// Kemendagri list.
#[uniffi::export(default(captured_on = None, regions = None))]
pub fn check_nik(
    input: String,
    captured_on: Option<String>,
    regions: Option<Arc<RegionList>>,
) -> Result<NikCheck, IdentityError> {
    guard(|| {
        let on = capture_date(captured_on)?;
        let regions = regions.as_deref().map(|r| &*r.inner);
        let check = Nik::check(&input, on, regions);
        let masked = Nik::parse(&input, on, regions).ok().map(|n| n.masked());
        Ok(NikCheck {
            valid: check.is_valid(),
            province: check.province,
            regency: check.regency,
            district: check.district,
            birth_date: check.birth_date.map(|d| d.to_string()),
            sex: check.sex,
            serial: check.serial,
            masked,
            issues: issues(&check.issues),
            normalized: check.normalized,
        })
    })
}

/// Checks a KK number as captured on `captured_on` (ISO date; today when absent).
#[uniffi::export(default(captured_on = None, regions = None))]
pub fn check_kk(
    input: String,
    captured_on: Option<String>,
    regions: Option<Arc<RegionList>>,
) -> Result<KkCheck, IdentityError> {
    guard(|| {
        let on = capture_date(captured_on)?;
        let normalized = core_ident::normalize_number(&input);
        let regions = regions.as_deref().map(|r| &*r.inner);
        Ok(match KkNumber::parse(&input, on, regions) {
            Ok(kk) => KkCheck {
                normalized,
                valid: true,
                district: Some(kk.district().to_string()),
                recorded_on: Some(kk.recorded_on().to_string()),
                serial: Some(kk.serial().to_string()),
                masked: Some(kk.masked()),
                issues: Vec::new(),
            },
            Err(error) => KkCheck {
                normalized,
                valid: false,
                district: None,
                recorded_on: None,
                serial: None,
                masked: None,
                issues: issues(error.issues()),
            },
        })
    })
}

/// Compares a NIK with the sex, birth date (ISO) and address region (any level down to the
/// district, dotted or not) stated on a form. An invalid NIK is an `InvalidNik` error whose
/// message lists every issue.
#[uniffi::export(default(captured_on = None))]
pub fn nik_warnings(
    nik: String,
    stated_sex: Option<Sex>,
    stated_birth_date: Option<String>,
    address_region: Option<String>,
    captured_on: Option<String>,
) -> Result<Vec<NikWarning>, IdentityError> {
    guard(|| {
        let on = capture_date(captured_on)?;
        let stated_birth_date = stated_birth_date.map(parse_date).transpose()?;
        let nik = Nik::parse(&nik, on, None).map_err(|e| IdentityError::InvalidNik {
            message: e.message(crate::lang::current()),
        })?;
        let warnings = nik.warnings(stated_sex, stated_birth_date, address_region.as_deref());
        Ok(warnings.iter().map(nik_warning).collect())
    })
}

/// A core warning with both messages; also used when the store saves a member.
pub(crate) fn nik_warning(w: &core_ident::IdWarning) -> NikWarning {
    NikWarning {
        kind: match w {
            core_ident::IdWarning::SexMismatch { .. } => NikWarningKind::SexMismatch,
            core_ident::IdWarning::BirthDateMismatch { .. } => NikWarningKind::BirthDateMismatch,
            core_ident::IdWarning::RegionMismatch { .. } => NikWarningKind::RegionMismatch,
        },
        message_id: w.message(Lang::Id),
        message_en: w.message(Lang::En),
    }
}

/// Strips the separators people type, OCR and barcodes leave around a number.
#[uniffi::export]
pub fn normalize_number(input: String) -> Result<String, IdentityError> {
    guard(|| Ok(core_ident::normalize_number(&input)))
}

/// A loaded Kemendagri region list, shared read-only by every screen and thread.
#[derive(Debug, uniffi::Object)]
pub struct RegionList {
    /// Shared with the store, which keeps the pack's list parsed once.
    pub(crate) inner: Arc<core_ident::RegionList>,
}

#[uniffi::export]
impl RegionList {
    /// Loads a CSV file (`code,name` and optionally `first_seen,last_seen`), as shipped in
    /// the village pack.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<RegionList>, IdentityError> {
        guard(|| {
            let inner = core_ident::RegionList::from_path(std::path::Path::new(&path))?;
            Ok(Arc::new(RegionList {
                inner: Arc::new(inner),
            }))
        })
    }

    /// Parses a CSV held in memory (an asset, a download).
    #[uniffi::constructor]
    pub fn from_csv(text: String) -> Result<Arc<RegionList>, IdentityError> {
        guard(|| {
            let inner = core_ident::RegionList::from_csv(text.as_bytes())?;
            Ok(Arc::new(RegionList {
                inner: Arc::new(inner),
            }))
        })
    }

    pub fn size(&self) -> Result<u64, IdentityError> {
        guard(|| Ok(self.inner.len() as u64))
    }

    /// Looks a code up, dotted or not.
    pub fn get(&self, code: String) -> Result<Option<Region>, IdentityError> {
        guard(|| Ok(self.inner.get(&code).map(region)))
    }

    /// True if the code appears in any list loaded, current or retired.
    pub fn ever_existed(&self, code: String) -> Result<bool, IdentityError> {
        guard(|| Ok(self.inner.ever_existed(&code)))
    }

    /// Regions whose name contains `query`, exact matches first, at most `limit` of them.
    pub fn find_by_name(&self, query: String, limit: u32) -> Result<Vec<Region>, IdentityError> {
        guard(|| {
            Ok(self
                .inner
                .find_by_name(&query)
                .into_iter()
                .take(limit as usize)
                .map(region)
                .collect())
        })
    }

    /// The regions one level below `code`: the districts of a regency, the villages of a
    /// district (what the address form's pickers list).
    pub fn children(&self, code: String) -> Result<Vec<Region>, IdentityError> {
        guard(|| Ok(self.inner.children(&code).into_iter().map(region).collect()))
    }
}

fn region(r: &core_ident::Region) -> Region {
    Region {
        code: r.code.clone(),
        dotted: r.dotted(),
        name: r.name.clone(),
        level: r.level,
        current: r.current,
        first_seen: r.first_seen,
        last_seen: r.last_seen,
    }
}

fn capture_date(captured_on: Option<String>) -> Result<NaiveDate, IdentityError> {
    match captured_on {
        Some(text) => parse_date(text),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn parse_date(text: String) -> Result<NaiveDate, IdentityError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| IdentityError::InvalidDate { input: text })
}

fn issues(issues: &[core_ident::IdIssue]) -> Vec<IdIssue> {
    issues
        .iter()
        .map(|i| IdIssue {
            part: i.part,
            problem: problem(&i.problem),
            message_id: i.message(Lang::Id),
            message_en: i.message(Lang::En),
        })
        .collect()
}

fn problem(p: &core_ident::IdProblem) -> IdProblem {
    use core_ident::IdProblem as P;
    match p {
        P::Empty => IdProblem::Empty,
        P::WrongLength { found } => IdProblem::WrongLength {
            found: saturating_u32(*found),
        },
        P::NonDigit { position, found } => IdProblem::NonDigit {
            position: saturating_u32(*position),
            found: found.to_string(),
        },
        P::UnknownRegion { code } => IdProblem::UnknownRegion { code: code.clone() },
        P::ImpossibleDate { day, month, year } => IdProblem::ImpossibleDate {
            day: *day,
            month: *month,
            year: *year,
        },
        P::FutureDate { date } => IdProblem::FutureDate { date: date.clone() },
        P::ZeroSerial => IdProblem::ZeroSerial,
    }
}

fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
