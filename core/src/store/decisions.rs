//! What the district decided about the phone's records (a proposal accepted or returned with
//! its reason, a case or referral moved on), as the sync's status feed left it: the latest
//! decision per record. Kept beside the records, not in them: writing a decision into a
//! record would queue it back to the district as if the phone had made it.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::records::{one, put_proposal};
use super::{Store, StoreError};
use crate::model::Proposal;

/// Settings key prefix of the latest decision per record (`district_status.<entity>.<id>`).
pub const DECISION_PREFIX: &str = "district_status.";

/// A decision of the district about one record. Staff write notes such as "NIK … tidak
/// cocok dengan KK", so `Debug` masks identity numbers in them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Decision {
    pub entity: String,
    pub entity_id: Uuid,
    /// The status the district set: `accepted`, `returned` for proposals; the case and
    /// referral steps (`referred`, `handled`, `served`, …) for the others.
    pub status: String,
    /// The district's reason or note (why a proposal was returned).
    #[serde(default)]
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

crate::redacted_debug!(Decision {
    entity,
    entity_id,
    status,
    note,
    by,
    at,
});

impl Decision {
    /// A proposal the district sent back for the phone to fix.
    pub fn is_returned(&self) -> bool {
        self.entity == "proposal" && self.status == "returned"
    }
}

fn key(entity: &str, id: Uuid) -> String {
    format!("{DECISION_PREFIX}{entity}.{id}")
}

impl Store {
    /// Every decision received, newest first.
    pub fn decisions(&self) -> Result<Vec<Decision>, StoreError> {
        let mut list: Vec<Decision> = self.read(|c| {
            let mut stmt = c.prepare("SELECT value FROM settings WHERE key >= ?1 AND key < ?2")?;
            let hi = format!("{}\u{10FFFF}", DECISION_PREFIX);
            let rows = stmt.query_map(params![DECISION_PREFIX, hi], |r| r.get::<_, String>(0))?;
            rows.map(|r| Ok(serde_json::from_str(&r?)?))
                .collect::<Result<Vec<_>, StoreError>>()
        })?;
        list.sort_by_key(|d| std::cmp::Reverse(d.at));
        Ok(list)
    }

    /// The latest decision about one record, if the district made one.
    pub fn decision(&self, entity: &str, id: Uuid) -> Result<Option<Decision>, StoreError> {
        self.setting(&key(entity, id))?
            .map(|json| Ok(serde_json::from_str(&json)?))
            .transpose()
    }

    /// Fixes a proposal the district returned and sends it again, in one transaction; the
    /// returned decision is cleared, so the phone shows it as submitted until the district
    /// decides again.
    pub fn resubmit_proposal(
        &self,
        id: Uuid,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Proposal, StoreError> {
        let returned = self
            .decision("proposal", id)?
            .is_some_and(|d| d.is_returned());
        if !returned {
            return Err(StoreError::refused(
                "Usulan ini tidak dikembalikan oleh dinas sosial; tidak perlu dikirim ulang.",
                "The district did not return this proposal; there is nothing to send again.",
            ));
        }
        self.write(|tx| {
            let mut p: Proposal = one(tx, "proposals", "proposal", id)?;
            p.resubmit(reason, author, now)?;
            put_proposal(tx, &p)?;
            tx.execute("DELETE FROM settings WHERE key = ?1", [key("proposal", id)])?;
            Ok(p)
        })
    }
}
