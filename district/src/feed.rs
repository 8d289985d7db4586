//! What the district decides about a village's complaints, referrals and proposals, and the
//! cursor-based feed that carries those decisions down to the village's phones.

use axum::extract::{Path, Query, State};
use axum::Json;
use puskesos_core::sync::wire::{Entity, StatusChange, StatusFeed};
use serde::Deserialize;
use sqlx::Row;

use crate::auth::DeviceAuth;
use crate::db::{now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The complaint path of the SLRT service flow (Permensos 15/2018 on SLRT and Puskesos):
/// received, checked against the registry, referred, handled, monitored, closed.
pub const COMPLAINT_FLOW: &[&str] = &[
    "received",
    "registry_checked",
    "referred",
    "handled",
    "monitored",
    "closed",
];
/// A referral goes to a service and is either accepted and served or rejected.
pub const REFERRAL_FLOW: &[&str] = &["proposed", "sent", "accepted", "served"];

/// The next status on a linear flow, if any.
pub fn next_status(flow: &'static [&'static str], current: &str) -> Option<&'static str> {
    let i = flow.iter().position(|s| *s == current)?;
    flow.get(i + 1).copied()
}

/// Checks a staff decision against the record's kind and current status.
pub fn check_transition(entity: Entity, current: &str, target: &str, note: &str) -> ApiResult<()> {
    let ok = match entity {
        Entity::Complaint => next_status(COMPLAINT_FLOW, current) == Some(target),
        Entity::Referral => {
            next_status(REFERRAL_FLOW, current) == Some(target)
                || (target == "rejected" && !matches!(current, "served" | "rejected"))
        }
        Entity::Proposal => {
            matches!(current, "submitted" | "draft") && matches!(target, "accepted" | "returned")
        }
        _ => false,
    };
    if !ok {
        return Err(ApiError::BadRequest(format!(
            "status {} tidak bisa berubah dari {current:?} ke {target:?}",
            entity.as_str()
        )));
    }
    if entity == Entity::Proposal && target == "returned" && note.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "usulan yang dikembalikan harus diberi alasan".into(),
        ));
    }
    Ok(())
}

/// Applies a staff decision: sets the district's status on the record and appends it to
/// the village's feed, in one transaction.
pub async fn change_status(
    db: &Db,
    village: &str,
    entity: Entity,
    entity_id: &str,
    target: &str,
    note: &str,
    by: &str,
) -> ApiResult<StatusChange> {
    let mut w = db.begin_write().await?;
    let row = sqlx::query(
        "UPDATE records SET deleted = deleted WHERE entity = $1 AND entity_id = $2 AND village_code = $3
         RETURNING status",
    )
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(village)
    .fetch_optional(&mut *w.tx)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("{} {entity_id}", entity.as_str())))?;
    let current: Option<String> = row.try_get("status")?;
    check_transition(entity, current.as_deref().unwrap_or(""), target, note)?;
    let at = now_rfc3339();
    sqlx::query(
        "UPDATE records SET district_status = $1, district_note = $2, status = $1, updated_at = $3
         WHERE entity = $4 AND entity_id = $5",
    )
    .bind(target)
    .bind(note)
    .bind(&at)
    .bind(entity.as_str())
    .bind(entity_id)
    .execute(&mut *w.tx)
    .await?;
    let seq: i64 = sqlx::query(
        "UPDATE counters SET value = value + 1 WHERE name = 'status_feed' RETURNING value",
    )
    .fetch_one(&mut *w.tx)
    .await?
    .try_get("value")?;
    sqlx::query(
        "INSERT INTO status_feed (seq, village_code, entity, entity_id, status, note, changed_by, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(village)
    .bind(entity.as_str())
    .bind(entity_id)
    .bind(target)
    .bind(note)
    .bind(by)
    .bind(&at)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(StatusChange {
        cursor: seq,
        entity,
        entity_id: entity_id
            .parse()
            .map_err(|_| ApiError::BadRequest("id bukan UUID".into()))?,
        status: target.into(),
        note: note.into(),
        by: by.into(),
        at: chrono::Utc::now(),
    })
}

#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    pub after: i64,
    pub limit: Option<i64>,
}

pub async fn feed(db: &Db, village: &str, after: i64, limit: i64) -> ApiResult<StatusFeed> {
    let limit = limit.clamp(1, 1000);
    let rows = sqlx::query(
        "SELECT seq, entity, entity_id, status, note, changed_by, at FROM status_feed
         WHERE village_code = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(village)
    .bind(after)
    .bind(limit + 1)
    .fetch_all(&db.pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let mut changes = Vec::new();
    for r in rows.iter().take(limit as usize) {
        let entity: String = r.try_get("entity")?;
        let id: String = r.try_get("entity_id")?;
        let at: String = r.try_get("at")?;
        changes.push(StatusChange {
            cursor: r.try_get("seq")?,
            entity: Entity::parse(&entity)
                .ok_or_else(|| ApiError::Internal(format!("jenis tersimpan {entity}")))?,
            entity_id: id
                .parse()
                .map_err(|_| ApiError::Internal("id tersimpan".into()))?,
            status: r.try_get("status")?,
            note: r.try_get("note")?,
            by: r.try_get("changed_by")?,
            at: chrono::DateTime::parse_from_rfc3339(&at)
                .map_err(|_| ApiError::Internal("waktu tersimpan".into()))?
                .with_timezone(&chrono::Utc),
        });
    }
    let next_cursor = changes.last().map(|c| c.cursor).unwrap_or(after);
    Ok(StatusFeed {
        changes,
        next_cursor,
        more,
    })
}

/// `GET /api/v1/villages/{code}/status-changes?after=C`.
pub async fn get_feed(
    State(state): State<AppState>,
    device: DeviceAuth,
    Path(village): Path<String>,
    Query(q): Query<FeedQuery>,
) -> ApiResult<Json<StatusFeed>> {
    device.require_village(&village)?;
    Ok(Json(
        feed(state.db(), &village, q.after, q.limit.unwrap_or(200)).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complaints_advance_one_step_at_a_time() {
        assert!(check_transition(Entity::Complaint, "received", "registry_checked", "").is_ok());
        assert!(check_transition(Entity::Complaint, "received", "closed", "").is_err());
        assert!(check_transition(Entity::Complaint, "closed", "received", "").is_err());
    }

    #[test]
    fn a_returned_proposal_needs_a_reason() {
        assert!(check_transition(Entity::Proposal, "submitted", "returned", " ").is_err());
        assert!(check_transition(Entity::Proposal, "submitted", "returned", "KK buram").is_ok());
        assert!(check_transition(Entity::Proposal, "accepted", "returned", "x").is_err());
    }

    #[test]
    fn referrals_can_be_rejected_until_served() {
        assert!(check_transition(Entity::Referral, "sent", "rejected", "").is_ok());
        assert!(check_transition(Entity::Referral, "served", "rejected", "").is_err());
        assert!(check_transition(Entity::Referral, "proposed", "sent", "").is_ok());
    }
}
