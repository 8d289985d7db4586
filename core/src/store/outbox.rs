//! The outbox: every record saved on the phone, queued for the district in the order it was
//! written. Entries are enqueued inside the record's own transaction (so a record never
//! exists without its entry) and leave the `pending` state only when the district answers.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{get_setting, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent, or sent without an answer yet: a request cut off mid-way leaves
    /// the entry here and it is sent again, which the district recognises by its entry id.
    Pending,
    Acked,
    /// Refused by the district with a reason a person must act on; the rest go on.
    Parked,
}

impl OutboxState {
    fn parse(s: &str) -> OutboxState {
        match s {
            "acked" => OutboxState::Acked,
            "parked" => OutboxState::Parked,
            _ => OutboxState::Pending,
        }
    }
}

/// One queued change, in the shape it travels to the district. The payload is a whole record
/// (a household's KK number, a member's NIK) and `last_error` may quote it back, so `Debug`
/// masks identity numbers: a sync that logs what it sends must not log them whole.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub seq: i64,
    pub entry_id: Uuid,
    pub entity: String,
    pub entity_id: Uuid,
    pub village_code: Option<String>,
    pub op: String,
    /// The device's logical clock when the change was made: the district resolves two
    /// phones editing the same field by it.
    pub clock: i64,
    pub author: String,
    pub recorded_at: DateTime<Utc>,
    pub payload: serde_json::Value,
    pub state: OutboxState,
    pub attempts: u32,
    pub last_error: Option<String>,
}

crate::redacted_debug!(OutboxEntry {
    seq,
    entry_id,
    entity,
    entity_id,
    village_code,
    op,
    clock,
    author,
    recorded_at,
    payload,
    state,
    attempts,
    last_error,
});

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutboxCounts {
    pub pending: u64,
    pub acked: u64,
    pub parked: u64,
}

/// Queues `payload` for the district, with the change's audit entry. Must be called inside
/// the transaction that writes the record itself, before the record's row is written (the
/// audit entry reads the record as it was).
#[allow(clippy::too_many_arguments)]
pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: Uuid,
    village_code: Option<&str>,
    op: &str,
    author: &str,
    recorded_at: DateTime<Utc>,
    payload: &serde_json::Value,
) -> Result<i64, StoreError> {
    super::audit::append(tx, entity, entity_id, op, author, recorded_at, payload)?;
    let clock = tick(tx)?;
    tx.execute(
        "INSERT INTO outbox(entry_id, entity, entity_id, village_code, op, clock, author,
                            recorded_at, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            Uuid::now_v7().to_string(),
            entity,
            entity_id.to_string(),
            village_code,
            op,
            clock,
            author,
            recorded_at.to_rfc3339(),
            payload.to_string(),
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Advances the device's Lamport clock. It only moves forward, also across restarts.
fn tick(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    let now: i64 = get_setting(tx, "clock")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        + 1;
    tx.execute(
        "INSERT INTO settings(key, value) VALUES ('clock', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [now.to_string()],
    )?;
    Ok(now)
}

/// The row as stored; converted to an [`OutboxEntry`] outside the SQLite callback so that a
/// malformed id or timestamp is a typed error, not a panic.
struct RawEntry {
    seq: i64,
    entry_id: String,
    entity: String,
    entity_id: String,
    village_code: Option<String>,
    op: String,
    clock: i64,
    author: String,
    recorded_at: String,
    payload: String,
    state: String,
    attempts: u32,
    last_error: Option<String>,
}

impl RawEntry {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<RawEntry> {
        Ok(RawEntry {
            seq: row.get("seq")?,
            entry_id: row.get("entry_id")?,
            entity: row.get("entity")?,
            entity_id: row.get("entity_id")?,
            village_code: row.get("village_code")?,
            op: row.get("op")?,
            clock: row.get("clock")?,
            author: row.get("author")?,
            recorded_at: row.get("recorded_at")?,
            payload: row.get("payload")?,
            state: row.get("state")?,
            attempts: row.get("attempts")?,
            last_error: row.get("last_error")?,
        })
    }

    fn into_entry(self) -> Result<OutboxEntry, StoreError> {
        Ok(OutboxEntry {
            seq: self.seq,
            entry_id: parse_uuid(&self.entry_id)?,
            entity: self.entity,
            entity_id: parse_uuid(&self.entity_id)?,
            village_code: self.village_code,
            op: self.op,
            clock: self.clock,
            author: self.author,
            recorded_at: parse_time(&self.recorded_at)?,
            payload: serde_json::from_str(&self.payload)?,
            state: OutboxState::parse(&self.state),
            attempts: self.attempts,
            last_error: self.last_error,
        })
    }
}

fn load_entries(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<OutboxEntry>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, RawEntry::from_row)?;
    rows.map(|r| r.map_err(StoreError::from).and_then(RawEntry::into_entry))
        .collect()
}

pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Conflict(format!("stored time {s}: {e}")))
}

pub(crate) fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Conflict(format!("stored id {s}: {e}")))
}

const ENTRY_COLUMNS: &str = "seq, entry_id, entity, entity_id, village_code, op, clock, author,
                             recorded_at, payload, state, attempts, last_error";

impl Store {
    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        self.read(|c| {
            let mut counts = OutboxCounts::default();
            let mut stmt = c.prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?)))?;
            for row in rows {
                let (state, n) = row?;
                match OutboxState::parse(&state) {
                    OutboxState::Pending => counts.pending = n,
                    OutboxState::Acked => counts.acked = n,
                    OutboxState::Parked => counts.parked = n,
                }
            }
            Ok(counts)
        })
    }

    /// Entries not yet acknowledged (pending or parked), oldest first.
    pub fn outbox_unacked(&self, limit: u32) -> Result<Vec<OutboxEntry>, StoreError> {
        self.read(|c| {
            load_entries(
                c,
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM outbox WHERE state != 'acked' ORDER BY seq LIMIT ?1"
                ),
                [limit],
            )
        })
    }

    /// What a sync has ahead of it: pending entries, and the bytes of the documents they
    /// carry (for the progress bar's totals).
    pub fn outbox_pending_totals(&self) -> Result<(u64, u64), StoreError> {
        // The sizes are read from the payloads here rather than with SQLite's JSON functions,
        // which the phone's SQLite leaves out (sqlite3mc/build.rs: 30 KB of its size budget).
        #[derive(serde::Deserialize)]
        struct Sized {
            #[serde(default)]
            size: u64,
        }
        self.read(|c| {
            let count: i64 = c.query_row(
                "SELECT COUNT(*) FROM outbox WHERE state = 'pending'",
                [],
                |r| r.get(0),
            )?;
            let mut stmt = c.prepare(
                "SELECT payload FROM outbox
                 WHERE state = 'pending' AND entity = 'document' AND op = 'upsert'",
            )?;
            let mut bytes = 0u64;
            for payload in stmt.query_map([], |r| r.get::<_, String>(0))? {
                // A payload that does not say its size counts as 0, as before.
                let size = serde_json::from_str::<Sized>(&payload?).map_or(0, |p| p.size);
                bytes = bytes.saturating_add(size);
            }
            Ok((count.max(0) as u64, bytes))
        })
    }

    /// When the earliest deferred entry may be sent again, if any is still waiting after
    /// `now`. The drain waits for it rather than sending later entries first, so that the
    /// district always receives a household before its members and photos.
    pub fn outbox_deferred_until(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.read(|c| {
            let t: Option<String> = c.query_row(
                "SELECT MIN(next_attempt_at) FROM outbox
                 WHERE state = 'pending' AND next_attempt_at > ?1",
                [now.to_rfc3339()],
                |r| r.get(0),
            )?;
            t.map(|t| parse_time(&t)).transpose()
        })
    }

    /// Entries the district refused, with its reasons, for a person to act on.
    pub fn outbox_parked(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        self.read(|c| {
            load_entries(
                c,
                &format!("SELECT {ENTRY_COLUMNS} FROM outbox WHERE state = 'parked' ORDER BY seq"),
                [],
            )
        })
    }

    /// The next entries to send: pending ones whose retry time has come, in the order they
    /// were written, so that a household always reaches the district before its members
    /// and photos. Parked entries are skipped; they wait for a person.
    pub fn outbox_next_batch(
        &self,
        max_entries: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<OutboxEntry>, StoreError> {
        self.read(|c| {
            load_entries(
                c,
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM outbox
                     WHERE state = 'pending'
                       AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                     ORDER BY seq LIMIT ?2"
                ),
                params![now.to_rfc3339(), max_entries],
            )
        })
    }

    /// Marks entries acknowledged by the district, all in one transaction: after a crash
    /// either all of a batch's acks are recorded or none are (and the batch is resent, which
    /// the district recognises by entry id).
    pub fn outbox_ack(&self, entry_ids: &[Uuid], at: DateTime<Utc>) -> Result<u64, StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE outbox SET state = 'acked', acked_at = ?2, last_error = NULL
                 WHERE entry_id = ?1 AND state != 'acked'",
            )?;
            let mut n = 0;
            for id in entry_ids {
                n += stmt.execute(params![id.to_string(), at.to_rfc3339()])? as u64;
            }
            Ok(n)
        })
    }

    /// Parks an entry the district refused, keeping its reason for the operator.
    pub fn outbox_park(&self, entry_id: Uuid, reason: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET state = 'parked', last_error = ?2, attempts = attempts + 1
                 WHERE entry_id = ?1 AND state != 'acked'",
                params![entry_id.to_string(), reason],
            )?;
            Ok(())
        })
    }

    /// Puts entries back for a later try after a transient failure (no signal, a 5xx).
    pub fn outbox_defer(
        &self,
        entry_ids: &[Uuid],
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3
                 WHERE entry_id = ?1 AND state = 'pending'",
            )?;
            for id in entry_ids {
                stmt.execute(params![id.to_string(), error, next_attempt_at.to_rfc3339()])?;
            }
            Ok(())
        })
    }

    /// Makes every entry waiting out a backoff due at once: a person pressed "send now" and
    /// should not wait up to half an hour for a retry time set while there was no signal.
    /// Attempts are kept, so a further failure still backs off longer. Returns how many
    /// entries were waiting.
    pub fn outbox_due_now(&self) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET next_attempt_at = NULL
                 WHERE state = 'pending' AND next_attempt_at IS NOT NULL",
                [],
            )?)
        })
    }

    /// Sends a parked entry again, after the operator corrected what the district refused.
    pub fn outbox_retry_parked(&self, entry_id: Uuid) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET state = 'pending', next_attempt_at = NULL
                 WHERE entry_id = ?1 AND state = 'parked'",
                [entry_id.to_string()],
            )?;
            Ok(())
        })
    }
}
