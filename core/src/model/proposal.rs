//! A proposal to the registry: Cek Bansos's "usul" (register a family, correct its data) and
//! "sanggah" (object to a recipient who should not receive aid).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;
use super::text::Note;
use crate::ident::Nik;

code_enum!(ProposalKind {
    NewRegistration = "new_registration", "usul baru", "new registration";
    Correction = "correction", "perbaikan data", "correction";
    Objection = "objection", "sanggah", "objection";
});

code_enum!(ProposalStatus {
    Draft = "draft", "draf", "draft";
    Submitted = "submitted", "diajukan", "submitted";
    Accepted = "accepted", "diterima", "accepted";
    Returned = "returned", "dikembalikan", "returned";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Uuid,
    pub kind: ProposalKind,
    pub reason: Note,
    /// For an objection: the recipient objected to. For a correction: the member whose data
    /// is wrong, when it is one person.
    pub target_nik: Option<Nik>,
    pub status: ProposalStatus,
    /// How many times the proposal was fixed and sent again after the district returned it;
    /// a higher count than the district holds tells it the returned proposal is back.
    #[serde(default)]
    pub resubmissions: u32,
}

/// Days the district has to verify a sanggah (objection) from its submission.
pub const OBJECTION_VERIFICATION_DAYS: i64 = 14;
/// Usul (new registration, correction) received up to this day of the month go into that
/// month's registry update; later ones wait for the next month's.
pub const MONTHLY_CUTOFF_DAY: u32 = 17;

/// The date a proposal is measured against: the end of a sanggah's verification, or the
/// cut-off of the monthly update an usul goes into.
pub fn proposal_due(kind: ProposalKind, submitted_on: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    match kind {
        ProposalKind::Objection => {
            submitted_on + chrono::Duration::days(OBJECTION_VERIFICATION_DAYS)
        }
        ProposalKind::NewRegistration | ProposalKind::Correction => {
            let this_month = submitted_on.with_day(MONTHLY_CUTOFF_DAY);
            match this_month {
                Some(cutoff) if submitted_on <= cutoff => cutoff,
                _ => {
                    let (y, m) = if submitted_on.month() == 12 {
                        (submitted_on.year() + 1, 1)
                    } else {
                        (submitted_on.year(), submitted_on.month() + 1)
                    };
                    chrono::NaiveDate::from_ymd_opt(y, m, MONTHLY_CUTOFF_DAY)
                        .unwrap_or(submitted_on)
                }
            }
        }
    }
}

impl Proposal {
    /// See [`proposal_due`]; measured from when the proposal was last submitted.
    pub fn due(&self) -> chrono::NaiveDate {
        proposal_due(self.kind, self.meta.updated_at.date_naive())
    }

    pub fn new(
        household_id: Uuid,
        kind: ProposalKind,
        reason: &str,
        target_nik: Option<&str>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Proposal, ModelError> {
        let target_nik = target_nik
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Nik::parse(s, now.date_naive(), None))
            .transpose()?;
        if kind == ProposalKind::Objection && target_nik.is_none() {
            return Err(ModelError::invalid(
                "target_nik",
                "sanggahan harus menyebut NIK penerima yang disanggah",
                "an objection must name the NIK of the recipient objected to",
            ));
        }
        Ok(Proposal {
            meta: Meta::new(author, now),
            household_id,
            kind,
            reason: Note::new(reason)?,
            target_nik,
            status: ProposalStatus::Submitted,
            resubmissions: 0,
        })
    }

    /// Fixes a proposal the district returned (with the reason it gave) and submits it again.
    pub fn resubmit(
        &mut self,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        self.reason = Note::new(reason)?;
        self.status = ProposalStatus::Submitted;
        self.resubmissions += 1;
        self.meta.touch(author, now);
        Ok(())
    }
}

#[cfg(test)]
mod clock_tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_sanggah_has_fourteen_days_and_an_usul_the_months_cutoff() {
        assert_eq!(
            proposal_due(ProposalKind::Objection, d(2026, 12, 3)),
            d(2026, 12, 17)
        );
        assert_eq!(
            proposal_due(ProposalKind::NewRegistration, d(2026, 12, 3)),
            d(2026, 12, 17)
        );
        assert_eq!(
            proposal_due(ProposalKind::NewRegistration, d(2026, 12, 17)),
            d(2026, 12, 17)
        );
        assert_eq!(
            proposal_due(ProposalKind::Correction, d(2026, 12, 18)),
            d(2027, 1, 17)
        );
        assert_eq!(
            proposal_due(ProposalKind::Correction, d(2026, 1, 31)),
            d(2026, 2, 17)
        );
    }
}
