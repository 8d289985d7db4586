//! Follow-up visits (pendampingan) that are due: a visit that planned the next one, with no
//! later visit to the same household yet. What a pillar's day starts from.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

use super::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowUp {
    pub household_id: Uuid,
    pub head_name: String,
    pub address: String,
    pub due: NaiveDate,
    /// The case the visit follows up, when there is one.
    pub complaint_id: Option<Uuid>,
    /// The visit that planned this one.
    pub planned_by: Uuid,
}

fn parse_id(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Conflict(format!("stored id {s}: {e}")))
}

impl Store {
    /// Follow-ups due on or before `until`, the most overdue first.
    pub fn follow_ups_due(&self, until: NaiveDate) -> Result<Vec<FollowUp>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT v.household_id, h.head_name, json_extract(h.data, '$.address'),
                        json_extract(v.data, '$.next_visit_due') AS due,
                        json_extract(v.data, '$.complaint_id'), v.id
                 FROM visits v JOIN households h ON h.id = v.household_id
                 WHERE v.deleted_at IS NULL AND h.deleted_at IS NULL
                   AND due IS NOT NULL AND due <= ?1
                   AND NOT EXISTS (SELECT 1 FROM visits later
                                   WHERE later.household_id = v.household_id
                                     AND later.deleted_at IS NULL
                                     AND later.visited_at > v.visited_at)
                 ORDER BY due, h.head_name",
            )?;
            let rows = stmt.query_map(params![until.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?;
            rows.map(|r| {
                let (h, head, address, due, complaint, visit) = r?;
                Ok(FollowUp {
                    household_id: parse_id(&h)?,
                    head_name: head,
                    address: address.unwrap_or_default(),
                    due: NaiveDate::parse_from_str(&due, "%Y-%m-%d")
                        .map_err(|e| StoreError::Conflict(format!("stored date {due}: {e}")))?,
                    complaint_id: complaint.as_deref().map(parse_id).transpose()?,
                    planned_by: parse_id(&visit)?,
                })
            })
            .collect()
        })
    }
}
