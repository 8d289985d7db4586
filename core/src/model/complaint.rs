//! A complaint (pengaduan): the case SLRT opens when a citizen asks for help.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;
use super::text::{Note, PersonName};

code_enum!(ComplaintCategory {
    NotRegistered = "not_registered", "belum terdaftar DTKS", "not in the registry";
    AidNotReceived = "aid_not_received", "bantuan tidak diterima", "aid not received";
    WrongTarget = "wrong_target", "bantuan salah sasaran", "aid mistargeted";
    DataCorrection = "data_correction", "perbaikan data", "data correction";
    ServiceRequest = "service_request", "permohonan layanan", "service request";
    Other = "other", "lainnya", "other";
});

code_enum!(ComplaintChannel {
    WalkIn = "walk_in", "datang langsung", "walk-in";
    HouseVisit = "house_visit", "kunjungan rumah", "house visit";
    WhatsApp = "whatsapp", "WhatsApp", "WhatsApp";
    Phone = "phone", "telepon", "phone";
    Letter = "letter", "surat", "letter";
});

code_enum!(
    /// The SLRT case flow, in order. A case moves forward, possibly skipping steps (not
    /// every case needs a referral), and is closed from any step.
    ComplaintStatus {
        Received = "received", "diterima", "received";
        RegistryChecked = "registry_checked", "sudah cek DTKS", "registry checked";
        Referred = "referred", "dirujuk", "referred";
        Handled = "handled", "ditangani", "handled";
        Monitored = "monitored", "dipantau", "monitored";
        Closed = "closed", "selesai", "closed";
    }
);

impl ComplaintStatus {
    fn rank(self) -> usize {
        ComplaintStatus::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
    }

    /// The step after this one, if any: what the desk offers as "advance".
    pub fn next(self) -> Option<ComplaintStatus> {
        ComplaintStatus::ALL.get(self.rank() + 1).copied()
    }
}

/// Days a new case may wait for its first step (the registry check). A service standard of
/// this app, not a regulation: SLRT guidance asks for a same-week answer; districts that set
/// their own will get it through the village pack.
pub const RESPONSE_DAYS: i64 = 3;
/// Days a checked or referred case may wait for the service to act before it shows as
/// overdue, as the 14-day verification clock of a sanggah.
pub const HANDLING_DAYS: i64 = 14;

/// One dated, signed change of status, kept forever with the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StatusChange {
    pub status: ComplaintStatus,
    pub at: DateTime<Utc>,
    pub by: String,
    pub note: Note,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Option<Uuid>,
    pub complainant_name: PersonName,
    pub category: ComplaintCategory,
    pub description: Note,
    pub channel: ComplaintChannel,
    status: ComplaintStatus,
    history: Vec<StatusChange>,
}

impl Complaint {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        household_id: Option<Uuid>,
        complainant_name: &str,
        category: ComplaintCategory,
        description: &str,
        channel: ComplaintChannel,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Complaint, ModelError> {
        let description = Note::new(description)?;
        Ok(Complaint {
            meta: Meta::new(author, now),
            household_id,
            complainant_name: PersonName::new(complainant_name)?,
            category,
            channel,
            status: ComplaintStatus::Received,
            history: vec![StatusChange {
                status: ComplaintStatus::Received,
                at: now,
                by: author.to_string(),
                note: Note::new(ComplaintStatus::Received.label(crate::Lang::Id))?,
            }],
            description,
        })
    }

    pub fn status(&self) -> ComplaintStatus {
        self.status
    }

    pub fn history(&self) -> &[StatusChange] {
        &self.history
    }

    /// Whole days since the case was opened, as the case list shows its age.
    pub fn days_open(&self, now: DateTime<Utc>) -> i64 {
        (now - self.meta.created_at).num_days().max(0)
    }

    /// The case has waited longer than its step allows: past [`RESPONSE_DAYS`] without a
    /// first step, or past [`HANDLING_DAYS`] since it was referred without being handled.
    /// Closed and monitored cases are never overdue.
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        let since_last = self
            .history
            .last()
            .map(|c| (now - c.at).num_days())
            .unwrap_or(0);
        match self.status {
            ComplaintStatus::Received => since_last > RESPONSE_DAYS,
            ComplaintStatus::RegistryChecked | ComplaintStatus::Referred => {
                since_last > HANDLING_DAYS
            }
            _ => false,
        }
    }

    /// Moves the case forward with a note. Going back, or staying, is refused: a wrong step
    /// is corrected by a further step with a note, so the history stays truthful.
    pub fn advance(
        &mut self,
        to: ComplaintStatus,
        note: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        if to.rank() <= self.status.rank() {
            return Err(ModelError::StatusBackwards {
                from: self.status.code().into(),
                to: to.code().into(),
            });
        }
        let note = Note::new(note).map_err(|_| ModelError::NoteRequired)?;
        self.history.push(StatusChange {
            status: to,
            at,
            by: by.to_string(),
            note,
        });
        self.status = to;
        self.meta.touch(by, at);
        Ok(())
    }
}
