//! KK number: the 16-digit number of a family card. Unlike a NIK it changes when a family
//! moves, splits or loses its head, so a household is matched on it only together with
//! its members' NIKs.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::digits::{check_region, check_shape, normalize_number, resolve_date, two};
use super::issue::{IdIssue, IdPart, IdProblem, IdentError};
use super::nik::mask;
use super::region::RegionList;

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct KkNumber {
    digits: String,
    recorded_on: NaiveDate,
}

impl KkNumber {
    /// Validates `input` as captured on `captured_on`; with a region list the district must
    /// have existed in some Kemendagri list.
    pub fn parse(
        input: &str,
        captured_on: NaiveDate,
        regions: Option<&RegionList>,
    ) -> Result<KkNumber, IdentError> {
        let normalized = normalize_number(input);
        let mut issues = check_shape(&normalized);
        if !issues.is_empty() {
            return Err(IdentError::InvalidKk { issues });
        }
        let d = normalized;
        issues.extend(check_region(&d[..6], regions));
        let date = resolve_date(
            two(&d, 6),
            two(&d, 8),
            two(&d, 10),
            captured_on,
            IdPart::RecordDate,
        );
        let recorded_on = date.map_err(|issue| issues.push(issue)).ok();
        if &d[12..] == "0000" {
            issues.push(IdIssue::new(IdPart::Serial, IdProblem::ZeroSerial));
        }
        match recorded_on {
            Some(recorded_on) if issues.is_empty() => Ok(KkNumber {
                digits: d,
                recorded_on,
            }),
            _ => Err(IdentError::InvalidKk { issues }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }
    pub fn district(&self) -> &str {
        &self.digits[..6]
    }
    pub fn recorded_on(&self) -> NaiveDate {
        self.recorded_on
    }
    pub fn serial(&self) -> &str {
        &self.digits[12..]
    }
    pub fn masked(&self) -> String {
        mask(&self.digits)
    }
}

impl fmt::Debug for KkNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KkNumber({})", self.masked())
    }
}

impl Serialize for KkNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digits)
    }
}

impl<'de> Deserialize<'de> for KkNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let today = chrono::Local::now().date_naive();
        KkNumber::parse(&s, today, None).map_err(serde::de::Error::custom)
    }
}
