//! Upload of outbox entries: idempotent by entry id, merged by logical clock.
//!
//! Households and persons merge field by field, last writer wins by the device's logical
//! clock with the device id as tie-break ([`write_wins`]); other kinds are replaced whole by
//! the same rule. Whenever two different devices' values meet on a field, the value that
//! does not survive goes to `conflicts` so that district staff can check it: a pillar's
//! correction must never vanish silently.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::Json;
use puskesos_core::sync::wire::{
    write_wins, AuditUpload, BatchResponse, EntryOutcome, EntryResult, Op, OutboxEntry, RejectCode,
    UploadBatch,
};
use serde_json::{Map, Value};
use sqlx::{Any, Row, Transaction};

use crate::auth::{DeviceAuth, UploadingDevice};
use crate::db::{now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// More entries than this in one batch is a client bug; the phone's drain sends far fewer.
pub const MAX_BATCH_ENTRIES: usize = 500;

/// The pseudo-field that carries deletion through the same last-writer-wins rule.
const DELETED_FIELD: &str = "_deleted";
/// The pseudo-field under which whole-record conflicts are listed.
const WHOLE_RECORD: &str = "*";

type Clocks = BTreeMap<String, (i64, String)>;

struct Existing {
    village_code: String,
    payload: Map<String, Value>,
    clocks: Clocks,
    record_clock: i64,
    record_device: String,
    deleted: bool,
    district_status: Option<String>,
}

struct Conflict {
    field: String,
    kept: Value,
    kept_by: (i64, String),
    lost: Value,
    lost_by: (i64, String),
}

/// `POST /api/v1/villages/{code}/batches`.
pub async fn post_batch(
    State(state): State<AppState>,
    UploadingDevice(device): UploadingDevice,
    Path(village_code): Path<String>,
    Json(batch): Json<UploadBatch>,
) -> ApiResult<Json<BatchResponse>> {
    device.require_village(&village_code)?;
    if batch.entries.len() > MAX_BATCH_ENTRIES {
        return Err(ApiError::BadRequest(format!(
            "paling banyak {MAX_BATCH_ENTRIES} entri per kiriman"
        )));
    }
    let (results, audit_acked) = apply_upload(
        state.db(),
        &device,
        &village_code,
        &batch.entries,
        batch.audit.as_ref(),
    )
    .await?;
    Ok(Json(BatchResponse {
        results,
        audit_acked,
        final_upload: device.final_upload,
    }))
}

fn reject(entry: &OutboxEntry, code: RejectCode, reason: String) -> EntryResult {
    EntryResult {
        entry_id: entry.entry_id,
        outcome: EntryOutcome::Rejected { code, reason },
    }
}

fn validate(entry: &OutboxEntry, device: &DeviceAuth, village_code: &str) -> Option<EntryResult> {
    if entry.village_code != village_code {
        return Some(reject(
            entry,
            RejectCode::WrongVillage,
            format!(
                "entri untuk desa {} dikirim ke desa {village_code}",
                entry.village_code
            ),
        ));
    }
    if entry.device_id != device.device_id {
        return Some(reject(
            entry,
            RejectCode::WrongDevice,
            "entri berasal dari perangkat lain".into(),
        ));
    }
    if entry.op == Op::Upsert {
        let Some(obj) = entry.payload.as_object() else {
            return Some(reject(
                entry,
                RejectCode::InvalidPayload,
                "isi catatan harus objek JSON".into(),
            ));
        };
        if let Some(id) = obj.get("id") {
            if id.as_str() != Some(entry.entity_id.to_string().as_str()) {
                return Some(reject(
                    entry,
                    RejectCode::InvalidPayload,
                    "id catatan tidak sama dengan entity_id".into(),
                ));
            }
        }
    }
    None
}

/// Applies a batch in one transaction: either every verdict is durable or none is (and the
/// phone sends the batch again, which the entry ids make harmless).
pub async fn apply_batch(
    db: &Db,
    device: &DeviceAuth,
    village_code: &str,
    entries: &[OutboxEntry],
) -> ApiResult<Vec<EntryResult>> {
    Ok(apply_upload(db, device, village_code, entries, None)
        .await?
        .0)
}

/// [`apply_batch`] with the device's audit chain, taken in the same transaction: the
/// acknowledgement of the chain is as durable as the records'.
pub async fn apply_upload(
    db: &Db,
    device: &DeviceAuth,
    village_code: &str,
    entries: &[OutboxEntry],
    audit: Option<&AuditUpload>,
) -> ApiResult<(Vec<EntryResult>, Option<i64>)> {
    let mut w = db.begin_write().await?;
    let mut results = Vec::with_capacity(entries.len());
    for entry in entries {
        if let Some(rejected) = validate(entry, device, village_code) {
            results.push(rejected);
            continue;
        }
        results.push(apply_entry(&mut w.tx, entry).await?);
    }
    let ack = match audit {
        Some(a) => Some(crate::audit::apply_audit(&mut w.tx, &device.device_id, a).await?),
        None => None,
    };
    w.commit().await?;
    Ok((results, ack))
}

async fn apply_entry(
    tx: &mut Transaction<'static, Any>,
    entry: &OutboxEntry,
) -> ApiResult<EntryResult> {
    loop {
        let existing = lock_existing(tx, entry).await?;
        if let Some(ex) = &existing {
            if ex.village_code != entry.village_code {
                return Ok(reject(
                    entry,
                    RejectCode::WrongVillage,
                    "catatan ini milik desa lain".into(),
                ));
            }
        }
        let fresh = sqlx::query(
            "INSERT INTO applied_entries (entry_id, device_id, village_code, entity, entity_id, applied_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (entry_id) DO NOTHING",
        )
        .bind(entry.entry_id.to_string())
        .bind(&entry.device_id)
        .bind(&entry.village_code)
        .bind(entry.entity.as_str())
        .bind(entry.entity_id.to_string())
        .bind(now_rfc3339())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1;
        if !fresh {
            return Ok(EntryResult {
                entry_id: entry.entry_id,
                outcome: EntryOutcome::Acked {
                    duplicate: true,
                    overridden_fields: Vec::new(),
                },
            });
        }
        let had_row = existing.is_some();
        let (record, conflicts, overridden) = merge(entry, existing);
        if !write_record(tx, entry, &record, had_row).await? {
            // Another transaction created the row since we looked (PostgreSQL only; SQLite
            // writers are serialised): undo our claim of the entry id and merge again.
            sqlx::query("DELETE FROM applied_entries WHERE entry_id = $1")
                .bind(entry.entry_id.to_string())
                .execute(&mut **tx)
                .await?;
            continue;
        }
        for c in conflicts {
            insert_conflict(tx, entry, c).await?;
        }
        return Ok(EntryResult {
            entry_id: entry.entry_id,
            outcome: EntryOutcome::Acked {
                duplicate: false,
                overridden_fields: overridden,
            },
        });
    }
}

/// Reads the current record, locking its row on PostgreSQL (a no-op `UPDATE … RETURNING` is
/// the portable way to say `SELECT … FOR UPDATE`).
async fn lock_existing(
    tx: &mut Transaction<'static, Any>,
    entry: &OutboxEntry,
) -> ApiResult<Option<Existing>> {
    let row = sqlx::query(
        "UPDATE records SET deleted = deleted WHERE entity = $1 AND entity_id = $2
         RETURNING village_code, payload, field_clocks, record_clock, record_device, deleted, district_status",
    )
    .bind(entry.entity.as_str())
    .bind(entry.entity_id.to_string())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let payload: String = r.try_get("payload")?;
    let clocks: String = r.try_get("field_clocks")?;
    Ok(Some(Existing {
        village_code: r.try_get("village_code")?,
        payload: serde_json::from_str(&payload)?,
        clocks: serde_json::from_str(&clocks)?,
        record_clock: r.try_get("record_clock")?,
        record_device: r.try_get("record_device")?,
        deleted: r.try_get::<i64, _>("deleted")? != 0,
        district_status: r.try_get("district_status")?,
    }))
}

struct Merged {
    payload: Map<String, Value>,
    clocks: Clocks,
    record_clock: i64,
    record_device: String,
    deleted: bool,
    district_status: Option<String>,
    /// A proposal the district returned came back fixed (its resubmission count rose): the
    /// returned decision no longer holds, and the proposal is in the queue again.
    reopened: bool,
}

/// How many times the phone sent a proposal again after it was returned.
fn resubmissions(payload: &Map<String, Value>) -> u64 {
    payload
        .get("resubmissions")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

fn merge(entry: &OutboxEntry, existing: Option<Existing>) -> (Merged, Vec<Conflict>, Vec<String>) {
    let me = (entry.clock, entry.device_id.clone());
    let incoming: Map<String, Value> = match (&entry.op, entry.payload.as_object()) {
        (Op::Upsert, Some(obj)) => obj.clone(),
        _ => Map::new(),
    };
    let deleted_value = Value::Bool(entry.op == Op::Delete);
    let Some(ex) = existing else {
        let mut clocks = Clocks::new();
        for k in incoming.keys() {
            clocks.insert(k.clone(), me.clone());
        }
        clocks.insert(DELETED_FIELD.into(), me.clone());
        return (
            Merged {
                payload: incoming,
                clocks,
                record_clock: entry.clock,
                record_device: entry.device_id.clone(),
                deleted: entry.op == Op::Delete,
                district_status: None,
                reopened: false,
            },
            Vec::new(),
            Vec::new(),
        );
    };
    let mut conflicts = Vec::new();
    let mut overridden = Vec::new();
    let newer_record = write_wins(
        entry.clock,
        &entry.device_id,
        ex.record_clock,
        &ex.record_device,
    );
    let (record_clock, record_device) = if newer_record {
        me.clone()
    } else {
        (ex.record_clock, ex.record_device.clone())
    };
    if entry.entity.merges_by_field() {
        let mut payload = ex.payload;
        let mut clocks = ex.clocks;
        let mut fields: Vec<(String, Value)> = incoming.into_iter().collect();
        fields.push((DELETED_FIELD.into(), deleted_value));
        let mut deleted = ex.deleted;
        for (k, v) in fields {
            let held_value = if k == DELETED_FIELD {
                Some(Value::Bool(deleted))
            } else {
                payload.get(&k).cloned()
            };
            let held = clocks.get(&k).cloned().unwrap_or((i64::MIN, String::new()));
            if write_wins(me.0, &me.1, held.0, &held.1) {
                if let Some(old) =
                    held_value.filter(|old| *old != v && held.1 != me.1 && !held.1.is_empty())
                {
                    conflicts.push(Conflict {
                        field: k.clone(),
                        kept: v.clone(),
                        kept_by: me.clone(),
                        lost: old,
                        lost_by: held.clone(),
                    });
                }
                clocks.insert(k.clone(), me.clone());
                if k == DELETED_FIELD {
                    deleted = v == Value::Bool(true);
                } else {
                    payload.insert(k, v);
                }
            } else if held_value.as_ref() != Some(&v) {
                if held.1 != me.1 {
                    conflicts.push(Conflict {
                        field: k.clone(),
                        kept: held_value.unwrap_or(Value::Null),
                        kept_by: held,
                        lost: v,
                        lost_by: me.clone(),
                    });
                }
                if k != DELETED_FIELD {
                    overridden.push(k);
                }
            }
        }
        (
            Merged {
                payload,
                clocks,
                record_clock,
                record_device,
                deleted,
                district_status: ex.district_status,
                reopened: false,
            },
            conflicts,
            overridden,
        )
    } else {
        let old_value = Value::Object(ex.payload.clone());
        let new_value = Value::Object(incoming.clone());
        let differs = ex.deleted != (entry.op == Op::Delete)
            || (entry.op == Op::Upsert && old_value != new_value);
        let other_device = ex.record_device != entry.device_id;
        if newer_record {
            if differs && other_device {
                conflicts.push(Conflict {
                    field: WHOLE_RECORD.into(),
                    kept: new_value,
                    kept_by: me.clone(),
                    lost: old_value,
                    lost_by: (ex.record_clock, ex.record_device.clone()),
                });
            }
            let deleted = entry.op == Op::Delete;
            let reopened = entry.entity == puskesos_core::sync::wire::Entity::Proposal
                && ex.district_status.as_deref() == Some("returned")
                && resubmissions(&incoming) > resubmissions(&ex.payload);
            let payload = if deleted { ex.payload } else { incoming };
            (
                Merged {
                    payload,
                    clocks: ex.clocks,
                    record_clock,
                    record_device,
                    deleted,
                    district_status: if reopened { None } else { ex.district_status },
                    reopened,
                },
                conflicts,
                overridden,
            )
        } else {
            if differs {
                if other_device {
                    conflicts.push(Conflict {
                        field: WHOLE_RECORD.into(),
                        kept: old_value,
                        kept_by: (ex.record_clock, ex.record_device.clone()),
                        lost: new_value,
                        lost_by: me.clone(),
                    });
                }
                overridden.push(WHOLE_RECORD.into());
            }
            (
                Merged {
                    payload: ex.payload,
                    clocks: ex.clocks,
                    record_clock,
                    record_device,
                    deleted: ex.deleted,
                    district_status: ex.district_status,
                    reopened: false,
                },
                conflicts,
                overridden,
            )
        }
    }
}

fn text_field(payload: &Map<String, Value>, key: &str) -> Option<String> {
    payload.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Writes the merged record. Returns false when the row was meant to be new but another
/// transaction inserted it first.
async fn write_record(
    tx: &mut Transaction<'static, Any>,
    entry: &OutboxEntry,
    m: &Merged,
    had_row: bool,
) -> ApiResult<bool> {
    let household_id = if entry.entity == puskesos_core::sync::wire::Entity::Household {
        Some(entry.entity_id.to_string())
    } else {
        text_field(&m.payload, "household_id")
    };
    let status = m
        .district_status
        .clone()
        .or_else(|| text_field(&m.payload, "status"));
    let payload = serde_json::to_string(&m.payload)?;
    let clocks = serde_json::to_string(&m.clocks)?;
    let sql = if had_row {
        "UPDATE records SET household_id = $3, payload = $4, field_clocks = $5, record_clock = $6,
             record_device = $7, deleted = $8, status = $9, updated_at = $10,
             district_status = CASE WHEN $11 = 1 THEN NULL ELSE district_status END
         WHERE entity = $1 AND entity_id = $2"
    } else {
        "INSERT INTO records (entity, entity_id, household_id, payload, field_clocks, record_clock,
             record_device, deleted, status, updated_at, village_code, district_status, district_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL)
         ON CONFLICT (entity, entity_id) DO NOTHING"
    };
    let mut q = sqlx::query(sql)
        .bind(entry.entity.as_str())
        .bind(entry.entity_id.to_string())
        .bind(household_id)
        .bind(payload)
        .bind(clocks)
        .bind(m.record_clock)
        .bind(m.record_device.clone())
        .bind(i64::from(m.deleted))
        .bind(status)
        .bind(now_rfc3339());
    if had_row {
        q = q.bind(i64::from(m.reopened));
    } else {
        q = q.bind(entry.village_code.clone());
    }
    Ok(q.execute(&mut **tx).await?.rows_affected() == 1)
}

async fn insert_conflict(
    tx: &mut Transaction<'static, Any>,
    entry: &OutboxEntry,
    c: Conflict,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO conflicts (id, village_code, entity, entity_id, field, kept_value, kept_clock,
             kept_device, lost_value, lost_clock, lost_device, entry_id, at, reviewed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(&entry.village_code)
    .bind(entry.entity.as_str())
    .bind(entry.entity_id.to_string())
    .bind(c.field)
    .bind(c.kept.to_string())
    .bind(c.kept_by.0)
    .bind(c.kept_by.1)
    .bind(c.lost.to_string())
    .bind(c.lost_by.0)
    .bind(c.lost_by.1)
    .bind(entry.entry_id.to_string())
    .bind(now_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
