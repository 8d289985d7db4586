//! The phone's end of the audit chain ([`crate::audit`]): an entry appended for every change
//! in the change's own transaction, read back for the district and checked here.
//!
//! The one place every change passes through is the outbox's `enqueue` (a record that the
//! district must learn about is a change), so that is where [`append`] is called: no use
//! case can change a record without leaving its entry, and a new use case cannot forget to.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::{get_setting, Store, StoreError};
use crate::audit::{
    canonical_time, entry_hash, field_changes, verify_chain, AuditEntry, BreakKind, ChainBreak,
    ChainHead, GENESIS_HASH,
};

/// The last seq the district acknowledged holding.
const ACKED: &str = "audit.acked";

/// The table a kind of record is stored in, where its form before the change is read.
fn table_of(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "household" => "households",
        "person" => "persons",
        "visit" => "visits",
        "complaint" => "complaints",
        "referral" => "referrals",
        "proposal" => "proposals",
        "document" => "documents",
        "evaluation" => "evaluations",
        _ => return None,
    })
}

/// Appends the entry for one change. Called by `enqueue` before the record's row is
/// written, so the row still holds the record as it was. `payload` is what the outbox
/// carries: the whole record (with a correction's reason beside it, which is not a field),
/// or for a deletion only the reason.
pub(crate) fn append(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: Uuid,
    outbox_op: &str,
    operator: &str,
    at: DateTime<Utc>,
    payload: &Value,
) -> Result<(), StoreError> {
    let old: Option<Value> = match table_of(entity) {
        Some(table) => tx
            .query_row(
                &format!("SELECT data FROM {table} WHERE id = ?1"),
                [entity_id.to_string()],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|data| serde_json::from_str::<Value>(&data))
            .transpose()?,
        None => None,
    };
    let old = old.as_ref().and_then(Value::as_object);
    let new = match outbox_op {
        "delete" => None,
        _ => payload.as_object(),
    };
    let mut fields = field_changes(entity_id, old, new);
    // A correction's reason travels beside the record; it is not one of its fields.
    fields.retain(|f| f.field != "correction");
    let op = match (outbox_op, old, entity) {
        ("delete", _, _) => "delete",
        (_, None, "document") => "attach",
        (_, None, _) => "create",
        _ => "update",
    };
    let (seq, prev_hash) = match last(tx)? {
        Some(h) => (h.seq + 1, h.hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let mut e = AuditEntry {
        seq,
        at: canonical_time(&at),
        operator: operator.to_string(),
        entity: entity.to_string(),
        entity_id,
        op: op.to_string(),
        fields,
        prev_hash,
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    tx.execute(
        "INSERT INTO audit(seq, hash, entry) VALUES (?1, ?2, ?3)",
        params![e.seq, e.hash, serde_json::to_string(&e)?],
    )?;
    Ok(())
}

/// Entries after `after` as stored JSON, with `seq` and `hash` from their columns (which
/// the chain's order and links are read by). Read as `Value`, not as [`AuditEntry`]: the
/// phone only passes them on, and its library already reads JSON that way. A row mangled
/// into something else than a JSON object is passed on as `{seq, hash}` and fails its
/// check at the district.
fn load_json(conn: &Connection, after: i64, limit: u32) -> Result<Vec<Value>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, hash, entry FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![after, limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut entry = match serde_json::from_str::<Value>(&r.get::<_, String>(2)?) {
            Ok(Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        entry.insert("seq".into(), Value::from(r.get::<_, i64>(0)?));
        entry.insert("hash".into(), Value::from(r.get::<_, String>(1)?));
        out.push(Value::Object(entry));
    }
    Ok(out)
}

fn load(conn: &Connection, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
    Ok(load_json(conn, after, limit)?
        .into_iter()
        .map(|v| {
            let seq = v["seq"].as_i64().unwrap_or_default();
            let hash = v["hash"].as_str().unwrap_or_default().to_string();
            serde_json::from_value(v).unwrap_or(AuditEntry {
                seq,
                hash,
                ..AuditEntry::default()
            })
        })
        .collect())
}

fn last(conn: &Connection) -> Result<Option<ChainHead>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| {
                Ok(ChainHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            },
        )
        .optional()?)
}

fn acked(conn: &Connection) -> Result<i64, StoreError> {
    Ok(get_setting(conn, ACKED)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// The outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries: u64,
    pub head: Option<ChainHead>,
    /// The last entry the district acknowledged holding (0: none yet).
    pub acked: i64,
    pub breaks: Vec<ChainBreak>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

impl Store {
    /// Entries after `after`, in order, at most `limit`.
    pub fn audit_entries(&self, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.read(|c| load(c, after, limit))
    }

    /// The entries the district has not acknowledged yet, oldest first, at most `limit`. A
    /// chain now shorter than what was acknowledged is sent from its own end, so that the
    /// district sees the entries that replace the ones it holds.
    pub fn audit_unacked(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let json = self.audit_unacked_json(limit)?;
        Ok(json
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect())
    }

    /// [`Store::audit_unacked`] as the JSON that is sent.
    pub fn audit_unacked_json(&self, limit: u32) -> Result<Vec<Value>, StoreError> {
        self.read(|c| {
            let end = last(c)?.map_or(0, |h| h.seq);
            load_json(c, acked(c)?.min(end), limit)
        })
    }

    /// The last entry the district acknowledged holding (0: none).
    pub fn audit_acked(&self) -> Result<i64, StoreError> {
        self.read(acked)
    }

    /// Forgets the district's acknowledgements, so that the next syncs send the chain from
    /// its first entry: after enrolling again, the district knows this store by a new device
    /// id that holds none of it, and a chain starting past 1 would look like a gap there.
    pub fn audit_resend_all(&self) -> Result<(), StoreError> {
        self.set_acked(None)
    }

    /// The chain's last entry as the table holds it: what the phone reports to the district.
    pub fn audit_head(&self) -> Result<Option<ChainHead>, StoreError> {
        self.read(last)
    }

    /// Records that the district holds every entry up to `through`; never moves back.
    pub fn audit_ack(&self, through: i64) -> Result<(), StoreError> {
        self.set_acked(Some(through))
    }

    /// `None` forgets the acknowledgements; one write path for both keeps the phone
    /// library small.
    fn set_acked(&self, through: Option<i64>) -> Result<(), StoreError> {
        self.write(|tx| {
            let now = acked(tx)?;
            let value = match through {
                Some(t) if t > now => t,
                Some(_) => return Ok(()),
                None => 0,
            };
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [ACKED, &value.to_string()],
            )?;
            Ok(())
        })
    }

    /// Checks the whole chain on the phone: numbers without holes, every hash, every link,
    /// and a tail no shorter than the store last wrote or the district acknowledged.
    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        self.read(|c| {
            let entries = load(c, 0, u32::MAX)?;
            let mut breaks = verify_chain(None, &entries);
            let head = entries.last().map(|e| ChainHead {
                seq: e.seq,
                hash: e.hash.clone(),
            });
            let last_seq = head.as_ref().map_or(0, |h| h.seq);
            // AUTOINCREMENT keeps the highest seq ever used: a tail cut off leaves it behind.
            let highest: i64 = c
                .query_row(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'audit'",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0);
            let acked = acked(c)?;
            let cut = (highest > last_seq || acked > last_seq).then_some(last_seq + 1);
            if let Some(seq) = cut {
                breaks.push(ChainBreak {
                    kind: BreakKind::Truncated,
                    seq,
                });
            }
            Ok(AuditReport {
                entries: entries.len() as u64,
                head,
                acked,
                breaks,
            })
        })
    }
}
