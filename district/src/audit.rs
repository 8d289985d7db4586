//! The district's copy of each device's audit chain, checked on arrival.
//!
//! A phone's batch carries the entries the district has not acknowledged and the chain head
//! the phone holds. The checks are core's ([`check_upload`]), the same code the phone verifies
//! itself with, so the two ends cannot drift. A break (a gap, an edited entry, a reordering,
//! a cut or rewritten tail) never refuses the batch: the records still count, the entries
//! are kept as first received, and the break is stored and flagged on the village page.

use std::collections::{BTreeMap, BTreeSet};

use puskesos_core::audit::{check_upload, BreakKind, ChainBreak, ChainHead};
use puskesos_core::sync::wire::AuditUpload;
use puskesos_core::Lang;
use serde::Serialize;
use sqlx::{Any, Row, Transaction};
use uuid::Uuid;

use crate::db::{now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};

/// More audit entries than this in one batch is a client bug: the phone sends as many as the
/// batch has outbox entries.
pub const MAX_AUDIT_ENTRIES: usize = 500;

/// Reads the head the district holds for the device, locking its row on PostgreSQL (the
/// no-op `UPDATE … RETURNING` of `records.rs`).
async fn lock_head(
    tx: &mut Transaction<'static, Any>,
    device_id: &str,
) -> ApiResult<Option<ChainHead>> {
    let row =
        sqlx::query("UPDATE audit_heads SET seq = seq WHERE device_id = $1 RETURNING seq, hash")
            .bind(device_id)
            .fetch_optional(&mut **tx)
            .await?;
    row.map(|r| {
        Ok(ChainHead {
            seq: r.try_get("seq")?,
            hash: r.try_get("hash")?,
        })
    })
    .transpose()
}

/// Takes a batch's audit chain inside the batch's transaction and says up to which seq the
/// district now holds it.
pub async fn apply_audit(
    tx: &mut Transaction<'static, Any>,
    device_id: &str,
    upload: &AuditUpload,
) -> ApiResult<i64> {
    if upload.entries.len() > MAX_AUDIT_ENTRIES {
        return Err(ApiError::BadRequest(format!(
            "paling banyak {MAX_AUDIT_ENTRIES} entri jejak audit per kiriman"
        )));
    }
    let seen = lock_head(tx, device_id).await?;
    let seen_seq = seen.as_ref().map_or(0, |h| h.seq);
    let mut needed: BTreeSet<i64> = upload
        .entries
        .iter()
        .map(|e| e.seq)
        .filter(|s| *s <= seen_seq)
        .collect();
    needed.extend(
        upload
            .head
            .as_ref()
            .map(|h| h.seq)
            .filter(|s| *s <= seen_seq),
    );
    let mut held = BTreeMap::new();
    for seq in needed {
        let row = sqlx::query("SELECT hash FROM audit_entries WHERE device_id = $1 AND seq = $2")
            .bind(device_id)
            .bind(seq)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(r) = row {
            held.insert(seq, r.try_get::<String, _>("hash")?);
        }
    }
    let check = check_upload(
        seen.as_ref(),
        |seq| held.get(&seq).cloned(),
        &upload.entries,
        upload.head.as_ref(),
    );
    let now = now_rfc3339();
    for &i in &check.fresh {
        let e = &upload.entries[i];
        sqlx::query(
            "INSERT INTO audit_entries (device_id, seq, hash, entry, received_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id, seq) DO NOTHING",
        )
        .bind(device_id)
        .bind(e.seq)
        .bind(&e.hash)
        .bind(serde_json::to_string(e)?)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    if let Some(h) = check.head.as_ref().filter(|h| h.seq > seen_seq) {
        sqlx::query(
            "INSERT INTO audit_heads (device_id, seq, hash, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
               updated_at = excluded.updated_at",
        )
        .bind(device_id)
        .bind(h.seq)
        .bind(&h.hash)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO audit_syncs (id, device_id, reported_seq, reported_hash, entries, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(device_id)
    .bind(upload.head.as_ref().map(|h| h.seq))
    .bind(upload.head.as_ref().map(|h| h.hash.clone()))
    .bind(upload.entries.len() as i64)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    for b in &check.breaks {
        tracing::warn!(
            device = device_id,
            kind = b.kind.as_str(),
            seq = b.seq,
            "audit chain broken"
        );
        sqlx::query(
            "INSERT INTO audit_breaks (device_id, kind, seq, found_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (device_id, kind, seq) DO NOTHING",
        )
        .bind(device_id)
        .bind(b.kind.as_str())
        .bind(b.seq)
        .bind(&now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(upload.entries.iter().map(|e| e.seq).max().unwrap_or(0))
}

/// One device's chain as the district holds it, for the village page and the staff API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeviceAudit {
    pub device_id: String,
    /// The last entry held (none before the device's first sync with an audit chain).
    pub head_seq: Option<i64>,
    /// The head the phone reported at its last sync, and when.
    pub reported_seq: Option<i64>,
    pub last_sync: Option<String>,
    pub breaks: Vec<BreakRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakRow {
    pub kind: BreakKind,
    pub seq: i64,
    /// In Bahasa Indonesia, as the page shows it.
    pub label: String,
    pub found_at: String,
}

impl DeviceAudit {
    pub fn is_intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// The chains of a village's devices, by device id.
pub async fn village_audit(db: &Db, village: &str) -> ApiResult<BTreeMap<String, DeviceAudit>> {
    let mut out: BTreeMap<String, DeviceAudit> = BTreeMap::new();
    let heads = sqlx::query(
        "SELECT d.device_id, h.seq,
                (SELECT s.reported_seq FROM audit_syncs s WHERE s.device_id = d.device_id
                 ORDER BY s.at DESC, s.id DESC LIMIT 1) AS reported_seq,
                (SELECT MAX(s.at) FROM audit_syncs s WHERE s.device_id = d.device_id) AS last_sync
         FROM devices d LEFT JOIN audit_heads h ON h.device_id = d.device_id
         WHERE d.village_code = $1",
    )
    .bind(village)
    .fetch_all(&db.pool)
    .await?;
    for r in &heads {
        let device_id: String = r.try_get("device_id")?;
        out.insert(
            device_id.clone(),
            DeviceAudit {
                device_id,
                head_seq: r.try_get("seq")?,
                reported_seq: r.try_get("reported_seq")?,
                last_sync: r.try_get("last_sync")?,
                breaks: Vec::new(),
            },
        );
    }
    let breaks = sqlx::query(
        "SELECT b.device_id, b.kind, b.seq, b.found_at FROM audit_breaks b
         JOIN devices d ON d.device_id = b.device_id
         WHERE d.village_code = $1 ORDER BY b.device_id, b.seq, b.kind",
    )
    .bind(village)
    .fetch_all(&db.pool)
    .await?;
    for r in &breaks {
        let device_id: String = r.try_get("device_id")?;
        let kind: String = r.try_get("kind")?;
        let Some(kind) = BreakKind::parse(&kind) else {
            continue;
        };
        let seq: i64 = r.try_get("seq")?;
        if let Some(d) = out.get_mut(&device_id) {
            d.breaks.push(BreakRow {
                kind,
                seq,
                label: ChainBreak { kind, seq }.describe(Lang::Id),
                found_at: r.try_get("found_at")?,
            });
        }
    }
    Ok(out)
}
