//! What the district decided about the phone's records, and a returned proposal fixed and
//! sent again: core's decisions room, converted.

use chrono::Utc;

use crate::guard::guard;
use crate::model::Proposal;
use crate::store::{id, FieldStore, RecordsError};

/// A decision of the district about one of the phone's records.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// `proposal`, `complaint`, `referral`, …
    pub entity: String,
    pub entity_id: String,
    /// `accepted` or `returned` for a proposal; a case's or referral's step otherwise.
    pub status: String,
    /// The district's reason (why a proposal was returned) or note.
    pub note: String,
    pub by: String,
    pub at_ms: i64,
}

impl From<&puskesos_core::store::Decision> for Decision {
    fn from(d: &puskesos_core::store::Decision) -> Self {
        Decision {
            entity: d.entity.clone(),
            entity_id: d.entity_id.to_string(),
            status: d.status.clone(),
            note: d.note.clone(),
            by: d.by.clone(),
            at_ms: d.at.timestamp_millis(),
        }
    }
}

#[uniffi::export]
impl FieldStore {
    /// Every decision the sync brought, newest first.
    pub fn decisions(&self) -> Result<Vec<Decision>, RecordsError> {
        guard(|| Ok(self.inner.decisions()?.iter().map(Decision::from).collect()))
    }

    /// The latest decision about one record (`entity`: `proposal`, `complaint`, …).
    pub fn decision(
        &self,
        entity: String,
        entity_id: String,
    ) -> Result<Option<Decision>, RecordsError> {
        guard(|| {
            let d = self.inner.decision(&entity, id("record", &entity_id)?)?;
            Ok(d.as_ref().map(Decision::from))
        })
    }

    /// Fixes a proposal the district returned and sends it again; refused (`Conflict`) when
    /// the district did not return it.
    pub fn resubmit_proposal(
        &self,
        proposal_id: String,
        reason: String,
        author: String,
    ) -> Result<Proposal, RecordsError> {
        guard(|| {
            let p = self.inner.resubmit_proposal(
                id("proposal", &proposal_id)?,
                &reason,
                &author,
                Utc::now(),
            )?;
            Ok((&p).into())
        })
    }
}
