//! The household's photos as the phone takes them: core's `attach_photo` (normalise, judge,
//! store, keep a poor one on purpose, a retake replacing, evidence for a proposal), the
//! checklist read back from the store, and the house's location on the household.

use chrono::Utc;
use puskesos_core::model::{self as m, Document, DocumentKind, GeoPoint};

use crate::capture::{verdict, QualityVerdict};
use crate::guard::guard;
use crate::model::Household;
use crate::store::{id, FieldStore, RecordsError};

/// What attaching a photo did: the stored record (none when the photo was poor and not
/// kept), every quality check, the earlier photo it replaced, the normalised JPEG.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AttachedPhoto {
    pub document: Option<Document>,
    pub checks: Vec<QualityVerdict>,
    pub passed: bool,
    pub replaced: Option<String>,
    pub jpeg: Vec<u8>,
}

/// One line of the registry's photo set: the kind and its current photo.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChecklistItem {
    pub kind: DocumentKind,
    pub document: Option<Document>,
}

#[uniffi::export]
impl FieldStore {
    /// Normalises, judges and stores a camera photo on a household in one transaction. A
    /// poor photo is stored only with `keep_poor` (with its problems recorded); a retake of a
    /// required kind replaces the earlier one; `proposal_id` makes it that proposal's evidence.
    #[uniffi::method(default(proposal_id = None))]
    pub fn attach_photo(
        &self,
        household_id: String,
        kind: DocumentKind,
        original: Vec<u8>,
        keep_poor: bool,
        author: String,
        proposal_id: Option<String>,
    ) -> Result<AttachedPhoto, RecordsError> {
        guard(|| {
            let proposal = proposal_id
                .as_deref()
                .map(|p| id("proposal", p))
                .transpose()?;
            let a = self.inner.attach_photo(
                id("household", &household_id)?,
                kind,
                &original,
                keep_poor,
                proposal,
                &author,
                Utc::now(),
            )?;
            let checks: Vec<QualityVerdict> = a.checks.iter().map(verdict).collect();
            Ok(AttachedPhoto {
                document: a.document,
                passed: checks.iter().all(|c| c.passed),
                checks,
                replaced: a.replaced.map(|r| r.to_string()),
                jpeg: a.jpeg,
            })
        })
    }

    /// The registry's photo set for a household, from the store.
    pub fn photo_checklist(
        &self,
        household_id: String,
    ) -> Result<Vec<ChecklistItem>, RecordsError> {
        guard(|| {
            let list = self
                .inner
                .photo_checklist(id("household", &household_id)?)?;
            Ok(list
                .iter()
                .map(|i| ChecklistItem {
                    kind: i.kind,
                    document: i.document.clone(),
                })
                .collect())
        })
    }

    /// A proposal's evidence photos.
    pub fn evidence(
        &self,
        household_id: String,
        proposal_id: String,
    ) -> Result<Vec<Document>, RecordsError> {
        guard(|| {
            let list = self.inner.evidence_of(
                id("household", &household_id)?,
                id("proposal", &proposal_id)?,
            )?;
            Ok(list)
        })
    }

    /// Records where the house is, on the household (never inside a photo).
    pub fn set_location(
        &self,
        household_id: String,
        point: GeoPoint,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let p = m::GeoPoint::new(point.lat, point.lon, point.accuracy_m)?;
            let h =
                self.inner
                    .set_location(id("household", &household_id)?, p, &author, Utc::now())?;
            Ok((&h).into())
        })
    }
}
