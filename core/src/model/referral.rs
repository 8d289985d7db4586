//! A referral (rujukan) of a household to a service, the core of SLRT's work.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;
use super::text::Note;

code_enum!(
    /// The nine SLRT service sectors (Permensos 15/2018 on SLRT).
    Sector {
        Health = "health", "kesehatan", "health";
        Education = "education", "pendidikan", "education";
        SocialEconomic = "social_economic", "sosial-ekonomi", "social-economic";
        Food = "food", "pangan", "food";
        Energy = "energy", "energi", "energy";
        Agriculture = "agriculture", "pertanian", "agriculture";
        Fisheries = "fisheries", "perikanan", "fisheries";
        Housing = "housing", "perumahan", "housing";
        CivilRegistration = "civil_registration", "administrasi kependudukan", "civil registration";
    }
);

code_enum!(ReferralStatus {
    Proposed = "proposed", "diusulkan", "proposed";
    Sent = "sent", "dikirim", "sent";
    Accepted = "accepted", "diterima layanan", "accepted by the service";
    Served = "served", "sudah dilayani", "served";
    Rejected = "rejected", "ditolak", "rejected";
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Referral {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Uuid,
    pub complaint_id: Option<Uuid>,
    pub sector: Sector,
    /// The service asked for, e.g. "PBI-JK" or "akta kelahiran".
    pub service: String,
    /// Who is to provide it, e.g. "Puskesmas Sukamaju" or "Disdukcapil".
    pub institution: String,
    pub status: ReferralStatus,
    pub note: Option<Note>,
}

impl Referral {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        household_id: Uuid,
        complaint_id: Option<Uuid>,
        sector: Sector,
        service: &str,
        institution: &str,
        note: Option<&str>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Referral, ModelError> {
        let short = |field: &'static str, s: &str| -> Result<String, ModelError> {
            let t = s.trim();
            if t.is_empty() || t.chars().count() > 200 {
                return Err(ModelError::invalid(
                    field,
                    "harus 1–200 karakter",
                    "must be 1–200 characters",
                ));
            }
            Ok(t.to_string())
        };
        Ok(Referral {
            meta: Meta::new(author, now),
            household_id,
            complaint_id,
            sector,
            service: short("service", service)?,
            institution: short("institution", institution)?,
            status: ReferralStatus::Proposed,
            note: note
                .filter(|n| !n.trim().is_empty())
                .map(Note::new)
                .transpose()?,
        })
    }
}
