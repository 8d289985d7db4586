//! The phone's end of the audit chain ([`crate::audit`]): an entry appended for every change
//! in the change's own transaction, read back for the district and checked here.
//!
//! The one place every change passes through is the outbox's `enqueue` (a record that the
//! district must learn about is a change), so that is where [`append`] is called: no use
//! case can change a record without leaving its entry, and a new use case cannot forget to.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::{get_setting, Store, StoreError};
use crate::audit::{
    canonical_time, entry_hash, field_changes, verify_chain, AuditEntry, BreakKind, ChainBreak,
    ChainHead, FieldHashes, GENESIS_HASH,
};

/// `seq hash` of the last entry appended, written with it: a tail cut off the table behind
/// the store's back leaves this behind.
const HEAD: &str = "audit.head";
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
    let old: Option<Map<String, Value>> = match table_of(entity) {
        Some(table) => tx
            .query_row(
                &format!("SELECT data FROM {table} WHERE id = ?1"),
                [entity_id.to_string()],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|data| serde_json::from_str::<Map<String, Value>>(&data))
            .transpose()?,
        None => None,
    };
    let new = match (outbox_op, payload) {
        ("delete", _) => None,
        (_, Value::Object(obj)) => {
            let mut obj = obj.clone();
            obj.remove("correction");
            Some(obj)
        }
        _ => None,
    };
    let op = match (outbox_op, &old, entity) {
        ("delete", _, _) => "delete",
        (_, None, "document") => "attach",
        (_, None, _) => "create",
        _ => "update",
    };
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let mut e = AuditEntry {
        seq,
        at,
        operator: operator.to_string(),
        entity: entity.to_string(),
        entity_id,
        op: op.to_string(),
        fields: field_changes(entity_id, old.as_ref(), new.as_ref()),
        prev_hash,
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    tx.execute(
        "INSERT INTO audit(seq, at, operator, entity, entity_id, op, fields, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            e.seq,
            canonical_time(&e.at),
            e.operator,
            e.entity,
            e.entity_id.to_string(),
            e.op,
            serde_json::to_string(&e.fields)?,
            e.prev_hash,
            e.hash
        ],
    )?;
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [HEAD, &format!("{} {}", e.seq, e.hash)],
    )?;
    Ok(())
}

/// The row as stored, every column as text so that a row edited into nonsense can still be
/// read and reported.
struct RawAudit {
    seq: i64,
    at: String,
    operator: String,
    entity: String,
    entity_id: String,
    op: String,
    fields: String,
    prev_hash: String,
    hash: String,
}

impl RawAudit {
    /// The entry; a row whose time, id or fields no longer parse becomes an entry that keeps
    /// its hashes and fails its hash check, so it is reported (and sent) as edited instead of
    /// stopping the reader.
    fn into_entry(self) -> AuditEntry {
        let at = DateTime::parse_from_rfc3339(&self.at).map(|t| t.with_timezone(&Utc));
        let id = Uuid::parse_str(&self.entity_id);
        let fields = serde_json::from_str::<Vec<FieldHashes>>(&self.fields);
        match (at, id, fields) {
            (Ok(at), Ok(entity_id), Ok(fields)) => AuditEntry {
                seq: self.seq,
                at,
                operator: self.operator,
                entity: self.entity,
                entity_id,
                op: self.op,
                fields,
                prev_hash: self.prev_hash,
                hash: self.hash,
            },
            _ => AuditEntry {
                seq: self.seq,
                at: DateTime::<Utc>::UNIX_EPOCH,
                operator: self.operator,
                entity: self.entity,
                entity_id: Uuid::nil(),
                op: format!("unreadable: {}", self.op),
                fields: Vec::new(),
                prev_hash: self.prev_hash,
                hash: self.hash,
            },
        }
    }
}

fn load(conn: &Connection, after: i64, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, operator, entity, entity_id, op, fields, prev_hash, hash FROM audit
         WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |r| {
        Ok(RawAudit {
            seq: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            op: r.get(5)?,
            fields: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    rows.map(|r| Ok(r?.into_entry())).collect()
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
        self.read(|c| {
            let end = last(c)?.map_or(0, |h| h.seq);
            load(c, acked(c)?.min(end), limit)
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
        self.write(|tx| {
            tx.execute("DELETE FROM settings WHERE key = ?1", [ACKED])?;
            Ok(())
        })
    }

    /// The chain's last entry as the table holds it: what the phone reports to the district.
    pub fn audit_head(&self) -> Result<Option<ChainHead>, StoreError> {
        self.read(last)
    }

    /// Records that the district holds every entry up to `through`; never moves back.
    pub fn audit_ack(&self, through: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            if through > acked(tx)? {
                tx.execute(
                    "INSERT INTO settings(key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [ACKED, &through.to_string()],
                )?;
            }
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
            let written: Option<(i64, String)> = get_setting(c, HEAD)?.and_then(|v| {
                let (seq, hash) = v.split_once(' ')?;
                Some((seq.parse().ok()?, hash.to_string()))
            });
            let acked = acked(c)?;
            let cut = match &written {
                Some((seq, _)) if *seq > last_seq => Some(last_seq + 1),
                Some((seq, hash))
                    if *seq == last_seq && Some(hash) != head.as_ref().map(|h| &h.hash) =>
                {
                    Some(last_seq)
                }
                None if last_seq > 0 => Some(1),
                _ if acked > last_seq => Some(last_seq + 1),
                _ => None,
            };
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
