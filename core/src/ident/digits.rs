//! What NIK and KK numbers share: the noise people type around them, the 6-digit district
//! prefix and a DDMMYY date whose century must be inferred.

use chrono::NaiveDate;

use super::issue::{IdIssue, IdPart, IdProblem};
use super::region::RegionList;

/// Strips the separators people type or that OCR and barcodes leave in (spaces, dots, dashes,
/// slashes, underscores). Any other character is kept so that validation can name it.
pub fn normalize_number(input: &str) -> String {
    input
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '/' | '_' | '\u{2013}')))
        .collect()
}

/// Length and digit checks shared by NIK and KK. Returns the issues; when any is found the
/// parts cannot be read.
pub(crate) fn check_shape(normalized: &str) -> Vec<IdIssue> {
    let mut issues = Vec::new();
    let len = normalized.chars().count();
    if len == 0 {
        issues.push(IdIssue::new(IdPart::Whole, IdProblem::Empty));
        return issues;
    }
    if len != 16 {
        issues.push(IdIssue::new(
            IdPart::Whole,
            IdProblem::WrongLength { found: len },
        ));
    }
    if let Some((position, ch)) = normalized
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        issues.push(IdIssue::new(
            IdPart::Whole,
            IdProblem::NonDigit {
                position: position + 1,
                found: ch,
            },
        ));
    }
    issues
}

/// Checks the issuing region `PPRRDD` against a region list, naming the widest part that is
/// unknown: a wrong province makes the regency and district meaningless.
pub(crate) fn check_region(code6: &str, regions: Option<&RegionList>) -> Option<IdIssue> {
    let regions = regions?;
    let (province, regency) = (&code6[..2], &code6[..4]);
    if !regions.ever_existed(province) {
        return Some(IdIssue::new(
            IdPart::Province,
            IdProblem::UnknownRegion {
                code: province.to_string(),
            },
        ));
    }
    if !regions.ever_existed(regency) {
        return Some(IdIssue::new(
            IdPart::Regency,
            IdProblem::UnknownRegion {
                code: regency.to_string(),
            },
        ));
    }
    if !regions.ever_existed(code6) {
        return Some(IdIssue::new(
            IdPart::District,
            IdProblem::UnknownRegion {
                code: code6.to_string(),
            },
        ));
    }
    None
}

/// Resolves a DDMMYY date. The century is chosen by year only: `YY` up to the capture year's
/// two digits is 20YY, above it 19YY. So a date later in the capture year stays in that year
/// and is reported as in the future rather than silently moved back a century.
pub(crate) fn resolve_date(
    day: u32,
    month: u32,
    yy: u32,
    captured_on: NaiveDate,
    part: IdPart,
) -> Result<NaiveDate, IdIssue> {
    use chrono::Datelike;
    let capture_year = captured_on.year();
    let century = capture_year - capture_year.rem_euclid(100);
    let mut year = century + yy as i32;
    if year > capture_year {
        year -= 100;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(IdIssue::new(
        part,
        IdProblem::ImpossibleDate { day, month, year },
    ))?;
    if date > captured_on {
        return Err(IdIssue::new(
            part,
            IdProblem::FutureDate {
                date: date.to_string(),
            },
        ));
    }
    Ok(date)
}

/// Reads two ASCII digits at `at` (the caller has checked that the string is 16 digits).
pub(crate) fn two(digits: &str, at: usize) -> u32 {
    digits[at..at + 2].parse().unwrap_or(0)
}
