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
}

impl Proposal {
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
        })
    }
}
