//! The household's photos as the registry asks for them: one current photo per kind of the
//! required set, read from the store (so the checklist survives Android killing the app
//! behind the camera, and a return days later), a photo the core judges poor kept only when
//! the person says so (a dark kitchen in a house without electricity never passes), a retake
//! replacing the earlier photo, and photos attached to a proposal as its evidence.

use chrono::{DateTime, Utc};
use rusqlite::params;
use uuid::Uuid;

use super::outbox::enqueue;
use super::records::{put_document, village_of};
use super::{Store, StoreError};
use crate::capture::{normalize, PhotoOptions, QualityVerdict};
use crate::model::{ChangeKind, Correction, Document, DocumentKind, GeoPoint, Household};

/// What attaching a photo did.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachedPhoto {
    /// The stored record; `None` when the photo was poor and not kept.
    pub document: Option<Document>,
    /// Every quality check on the normalised photo.
    pub checks: Vec<QualityVerdict>,
    /// The earlier photo of the same kind this one replaced.
    pub replaced: Option<Uuid>,
    /// The normalised bytes (for a preview), whether kept or not.
    pub jpeg: Vec<u8>,
}

/// One line of the checklist: the kind and its current photo, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    pub kind: DocumentKind,
    pub document: Option<Document>,
}

impl Store {
    /// Normalises (upright, resized, metadata such as GPS stripped), judges, hashes and stores
    /// a photo on a household, in one transaction. A poor photo is stored only with
    /// `keep_poor`, and then carries its problems. A photo of a kind the registry wants once
    /// (the required set) replaces the household's earlier one, whose deletion is queued.
    /// `proposal` links it as evidence for that proposal of the household.
    #[allow(clippy::too_many_arguments)]
    pub fn attach_photo(
        &self,
        household: Uuid,
        kind: DocumentKind,
        original: &[u8],
        keep_poor: bool,
        proposal: Option<Uuid>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<AttachedPhoto, StoreError> {
        let photo = normalize(original, &PhotoOptions::for_kind(kind))?;
        let problems: Vec<String> = photo
            .checks
            .iter()
            .filter_map(|c| c.problem)
            .filter_map(|p| serde_json::to_value(p).ok())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if !problems.is_empty() && !keep_poor {
            return Ok(AttachedPhoto {
                document: None,
                checks: photo.checks,
                replaced: None,
                jpeg: photo.bytes,
            });
        }
        let mut doc = Document::new(
            household,
            kind,
            &photo.content_hash,
            photo.size,
            "image/jpeg",
            author,
            now,
        )?;
        doc.kept_with = problems;
        doc.proposal_id = proposal;
        let once = DocumentKind::REQUIRED_SET.contains(&kind) && proposal.is_none();
        let replaced = if once {
            self.current_photo(household, kind)?
                .filter(|d| d.sha256 != doc.sha256)
                .map(|d| d.meta.id)
        } else {
            None
        };
        if let Some(p) = proposal {
            // One row, not every proposal of the village; a missing one is refused the same way.
            let theirs = match self.read(|c| {
                super::records::one::<crate::model::Proposal>(c, "proposals", "proposal", p)
            }) {
                Ok(x) => x.household_id == household,
                Err(StoreError::NotFound { .. }) => false,
                Err(e) => return Err(e),
            };
            if !theirs {
                return Err(StoreError::refused(
                    "Usulan ini bukan milik rumah tangga tersebut.",
                    "This proposal does not belong to that household.",
                ));
            }
        }
        let stored = self.write(|tx| {
            let stored = put_document(tx, &doc, &photo.bytes)?;
            if let Some(old) = replaced {
                let village = village_of(tx, household)?;
                let change =
                    Correction::new(ChangeKind::Delete, "foto diulang", Vec::new(), author, now)?;
                tx.execute(
                    "UPDATE documents SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                    params![old.to_string(), now.to_rfc3339()],
                )?;
                enqueue(
                    tx,
                    "document",
                    old,
                    Some(&village),
                    "delete",
                    author,
                    now,
                    &serde_json::json!({ "correction": change }),
                )?;
            }
            Ok(stored)
        })?;
        Ok(AttachedPhoto {
            document: Some(stored),
            checks: photo.checks,
            replaced,
            jpeg: photo.bytes,
        })
    }

    /// The newest live photo of `kind` on the household that is not a proposal's evidence.
    fn current_photo(
        &self,
        household: Uuid,
        kind: DocumentKind,
    ) -> Result<Option<Document>, StoreError> {
        Ok(self
            .documents_of(household)?
            .into_iter()
            .filter(|d| d.kind == kind && d.proposal_id.is_none())
            .max_by_key(|d| d.meta.id))
    }

    /// The registry's photo set for a household, with the current photo of each kind.
    pub fn photo_checklist(&self, household: Uuid) -> Result<Vec<ChecklistItem>, StoreError> {
        let docs = self.documents_of(household)?;
        Ok(DocumentKind::REQUIRED_SET
            .iter()
            .map(|kind| ChecklistItem {
                kind: *kind,
                document: docs
                    .iter()
                    .filter(|d| d.kind == *kind && d.proposal_id.is_none())
                    .max_by_key(|d| d.meta.id)
                    .cloned(),
            })
            .collect())
    }

    /// A proposal's evidence photos.
    pub fn evidence_of(
        &self,
        household: Uuid,
        proposal: Uuid,
    ) -> Result<Vec<Document>, StoreError> {
        Ok(self
            .documents_of(household)?
            .into_iter()
            .filter(|d| d.proposal_id == Some(proposal))
            .collect())
    }

    /// Records where the house is (from the phone's location, with its accuracy), on the
    /// household record: never inside a photo file, whose metadata is stripped.
    pub fn set_location(
        &self,
        household: Uuid,
        point: GeoPoint,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Household, StoreError> {
        self.update_household(household, |h| {
            h.location = Some(point);
            h.meta.touch(author, now);
            Ok(())
        })
    }
}
