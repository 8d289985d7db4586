//! A house visit by a pillar.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;
use super::text::Note;

code_enum!(VisitPurpose {
    Verification = "verification", "verifikasi data", "data verification";
    Assessment = "assessment", "asesmen kebutuhan", "needs assessment";
    ComplaintFollowUp = "complaint_follow_up", "tindak lanjut pengaduan", "complaint follow-up";
    Monitoring = "monitoring", "pemantauan", "monitoring";
    Other = "other", "lainnya", "other";
});

/// A location the user agreed to record, as a field of the record (never inside a photo).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub accuracy_m: Option<f64>,
}

impl GeoPoint {
    /// Indonesia spans about 6°N–11°S and 95°E–141°E; a point far outside is a device error.
    pub fn new(lat: f64, lon: f64, accuracy_m: Option<f64>) -> Result<GeoPoint, ModelError> {
        if !(-12.0..=7.0).contains(&lat) || !(94.0..=142.0).contains(&lon) {
            return Err(ModelError::invalid(
                "gps",
                "titik di luar wilayah Indonesia",
                "the point lies outside Indonesia",
            ));
        }
        if accuracy_m.is_some_and(|a| !a.is_finite() || a < 0.0) {
            return Err(ModelError::invalid(
                "gps",
                "akurasi tidak valid",
                "the accuracy is not valid",
            ));
        }
        Ok(GeoPoint {
            lat,
            lon,
            accuracy_m,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Visit {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Uuid,
    pub visited_at: DateTime<Utc>,
    pub gps: Option<GeoPoint>,
    pub purpose: VisitPurpose,
    pub notes: Option<Note>,
    /// When the pillar must come back (pendampingan): the case plan's next step, shown on
    /// the phone's list of follow-ups until a later visit to the household is recorded.
    #[serde(default)]
    pub next_visit_due: Option<chrono::NaiveDate>,
    /// The case this visit follows up, when it does.
    #[serde(default)]
    pub complaint_id: Option<Uuid>,
}

impl Visit {
    pub fn new(
        household_id: Uuid,
        visited_at: DateTime<Utc>,
        purpose: VisitPurpose,
        gps: Option<GeoPoint>,
        notes: Option<&str>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Visit, ModelError> {
        if visited_at > now + chrono::Duration::minutes(5) {
            return Err(ModelError::invalid(
                "visited_at",
                "waktu kunjungan di masa depan",
                "the visit time is in the future",
            ));
        }
        Ok(Visit {
            meta: Meta::new(author, now),
            household_id,
            visited_at,
            gps,
            purpose,
            notes: notes
                .filter(|n| !n.trim().is_empty())
                .map(Note::new)
                .transpose()?,
            next_visit_due: None,
            complaint_id: None,
        })
    }

    /// Plans the next visit by `due` (for the case `complaint`, when there is one). A date
    /// before the visit itself is refused: it would be overdue the moment it is saved.
    pub fn follow_up(
        mut self,
        due: chrono::NaiveDate,
        complaint: Option<Uuid>,
    ) -> Result<Visit, ModelError> {
        if due < self.visited_at.date_naive() {
            return Err(ModelError::invalid(
                "next_visit_due",
                "tanggal kunjungan berikutnya sebelum kunjungan ini",
                "the next visit is due before this one",
            ));
        }
        self.next_visit_due = Some(due);
        self.complaint_id = complaint;
        Ok(self)
    }
}
