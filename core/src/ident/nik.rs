//! NIK: the 16-digit personal number on every KTP and KK.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::digits::{check_region, check_shape, normalize_number, resolve_date, two};
use super::issue::{IdIssue, IdPart, IdProblem, IdWarning, IdentError};
use super::region::RegionList;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn parse(s: &str) -> Option<Sex> {
        match s.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "l" | "laki-laki" | "laki" | "pria" => Some(Sex::Male),
            "female" | "f" | "p" | "perempuan" | "wanita" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// A structurally valid NIK. It can only be built by [`Nik::parse`], so holding one means
/// the number passed every check that was possible at capture time.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nik {
    digits: String,
    birth_date: NaiveDate,
    sex: Sex,
}

/// Everything a NIK says about itself, valid or not: what the desk shows while a person is
/// still correcting a typo. `Debug` masks `normalized`, which is the whole number as typed.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct NikCheck {
    pub normalized: String,
    pub province: Option<String>,
    pub regency: Option<String>,
    pub district: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub serial: Option<String>,
    pub issues: Vec<IdIssue>,
}

crate::redacted_debug!(NikCheck {
    normalized,
    province,
    regency,
    district,
    birth_date,
    sex,
    serial,
    issues,
});

impl NikCheck {
    pub fn is_valid(&self) -> bool {
        self.issues.is_empty()
    }
}

impl Nik {
    /// Validates `input` as captured on `captured_on` (which resolves the two-digit birth
    /// year and bounds it). With a region list the issuing district must have existed in
    /// some Kemendagri list since 2016, because a NIK keeps its first district for life.
    pub fn parse(
        input: &str,
        captured_on: NaiveDate,
        regions: Option<&RegionList>,
    ) -> Result<Nik, IdentError> {
        let check = Nik::check(input, captured_on, regions);
        match (check.issues.is_empty(), check.birth_date, check.sex) {
            (true, Some(birth_date), Some(sex)) => Ok(Nik {
                digits: check.normalized,
                birth_date,
                sex,
            }),
            _ => Err(IdentError::InvalidNik {
                issues: check.issues,
            }),
        }
    }

    /// Like [`Nik::parse`] but returns every readable part alongside the issues.
    pub fn check(input: &str, captured_on: NaiveDate, regions: Option<&RegionList>) -> NikCheck {
        let normalized = normalize_number(input);
        let mut check = NikCheck {
            normalized,
            province: None,
            regency: None,
            district: None,
            birth_date: None,
            sex: None,
            serial: None,
            issues: Vec::new(),
        };
        check.issues = check_shape(&check.normalized);
        if !check.issues.is_empty() {
            return check;
        }
        let d = check.normalized.clone();
        check.province = Some(d[..2].to_string());
        check.regency = Some(d[..4].to_string());
        check.district = Some(d[..6].to_string());
        check.serial = Some(d[12..].to_string());
        check.issues.extend(check_region(&d[..6], regions));

        let raw_day = two(&d, 6);
        let sex = if raw_day > 40 { Sex::Female } else { Sex::Male };
        let day = if raw_day > 40 { raw_day - 40 } else { raw_day };
        check.sex = Some(sex);
        match resolve_date(day, two(&d, 8), two(&d, 10), captured_on, IdPart::BirthDate) {
            Ok(date) => check.birth_date = Some(date),
            Err(issue) => check.issues.push(issue),
        }
        if &d[12..] == "0000" {
            check
                .issues
                .push(IdIssue::new(IdPart::Serial, IdProblem::ZeroSerial));
        }
        check
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }
    pub fn province(&self) -> &str {
        &self.digits[..2]
    }
    pub fn regency(&self) -> &str {
        &self.digits[..4]
    }
    /// The district (kecamatan) where the NIK was first issued.
    pub fn district(&self) -> &str {
        &self.digits[..6]
    }
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    pub fn sex(&self) -> Sex {
        self.sex
    }
    pub fn serial(&self) -> &str {
        &self.digits[12..]
    }

    /// The form safe for logs and screens shared with others: the issuing district stays
    /// readable, the birth date and serial do not.
    pub fn masked(&self) -> String {
        mask(&self.digits)
    }

    /// Differences between the NIK and what was stated on a form or an address. Not errors:
    /// the NIK may be right and the form wrong, or the person may have moved.
    pub fn warnings(
        &self,
        stated_sex: Option<Sex>,
        stated_birth_date: Option<NaiveDate>,
        address_region: Option<&str>,
    ) -> Vec<IdWarning> {
        let mut warnings = Vec::new();
        if let Some(stated) = stated_sex.filter(|s| *s != self.sex) {
            warnings.push(IdWarning::SexMismatch {
                stated: stated.as_str().into(),
                from_nik: self.sex.as_str().into(),
            });
        }
        if let Some(stated) = stated_birth_date.filter(|d| *d != self.birth_date) {
            warnings.push(IdWarning::BirthDateMismatch {
                stated: stated.to_string(),
                from_nik: self.birth_date.to_string(),
            });
        }
        if let Some(address) = address_region {
            let address: String = address.chars().filter(char::is_ascii_digit).collect();
            if address.len() >= 6 && address[..6] != self.digits[..6] {
                warnings.push(IdWarning::RegionMismatch {
                    nik_district: self.digits[..6].to_string(),
                    address_district: address[..6].to_string(),
                });
            }
        }
        warnings
    }
}

/// Masks a 16-digit identity number for logs: district kept, the rest hidden but the last two.
/// Public for callers that hold a number already validated elsewhere (a registry row).
pub fn mask(digits: &str) -> String {
    if digits.len() != 16 || !digits.is_ascii() {
        return "*".repeat(digits.chars().count().min(16));
    }
    format!("{}********{}", &digits[..6], &digits[14..])
}

/// Debug output never shows the full number, so a NIK that reaches a log stays masked.
impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl Serialize for Nik {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digits)
    }
}

impl<'de> Deserialize<'de> for Nik {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let today = chrono::Local::now().date_naive();
        Nik::parse(&s, today, None).map_err(serde::de::Error::custom)
    }
}
