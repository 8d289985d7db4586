//! What the district decided about the phone's records, and a returned proposal fixed and
//! sent again: core's decisions room (its `Decision` crosses as it is).

use chrono::Utc;

use puskesos_core::store::Decision;

use crate::guard::guard;
use crate::model::Proposal;
use crate::store::{id, FieldStore, RecordsError};

#[uniffi::export]
impl FieldStore {
    /// Every decision the sync brought, newest first.
    pub fn decisions(&self) -> Result<Vec<Decision>, RecordsError> {
        guard(|| Ok(self.inner.decisions()?))
    }

    /// The latest decision about one record (`entity`: `proposal`, `complaint`, …).
    pub fn decision(
        &self,
        entity: String,
        entity_id: String,
    ) -> Result<Option<Decision>, RecordsError> {
        guard(|| Ok(self.inner.decision(&entity, id("record", &entity_id)?)?))
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
