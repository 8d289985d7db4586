//! Follow-up visits (pendampingan) that are due: a visit that planned the next one, with no
//! later visit to the same household yet. What a pillar's day starts from.

use chrono::NaiveDate;
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
        // Each household's latest visit is read whole and its plan taken from the record's
        // JSON here: the phone's SQLite has no JSON functions (sqlite3mc/build.rs).
        #[derive(serde::Deserialize)]
        struct Plan {
            next_visit_due: Option<String>,
            complaint_id: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct Address {
            #[serde(default)]
            address: Option<String>,
        }
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT v.household_id, h.head_name, h.data, v.data, v.id
                 FROM visits v JOIN households h ON h.id = v.household_id
                 WHERE v.deleted_at IS NULL AND h.deleted_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM visits later
                                   WHERE later.household_id = v.household_id
                                     AND later.deleted_at IS NULL
                                     AND later.visited_at > v.visited_at)",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            let mut due = Vec::new();
            for row in rows {
                let (h, head, household, visit_data, visit) = row?;
                let plan: Plan = serde_json::from_str(&visit_data)?;
                let Some(date) = plan.next_visit_due else {
                    continue;
                };
                let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|e| StoreError::Conflict(format!("stored date {date}: {e}")))?;
                if date > until {
                    continue;
                }
                let address: Address = serde_json::from_str(&household)?;
                due.push(FollowUp {
                    household_id: parse_id(&h)?,
                    head_name: head,
                    address: address.address.unwrap_or_default(),
                    due: date,
                    complaint_id: plan.complaint_id.as_deref().map(parse_id).transpose()?,
                    planned_by: parse_id(&visit)?,
                });
            }
            due.sort_by(|a, b| {
                a.due
                    .cmp(&b.due)
                    .then_with(|| a.head_name.cmp(&b.head_name))
            });
            Ok(due)
        })
    }
}
