//! The phone's store: one SQLite file holding the village's records, the outbox and the
//! registry extract.
//!
//! [`Store`] owns a single connection behind a mutex: phones have one user and short
//! transactions, and one writer avoids SQLITE_BUSY entirely. WAL lets the UI read while a
//! sync writes from another process-level connection if one is ever added.

mod audit;
mod decisions;
mod encryption;
mod error;
mod family;
mod find;
mod follow_ups;
mod names;
mod outbox;
mod photos;
mod prune;
mod records;
mod regions;
mod registry;
mod rules;
mod schema;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

use crate::ident::RegionList;

pub use audit::AuditReport;
pub use decisions::{Decision, DECISION_PREFIX};
pub use encryption::StoreKey;
pub use error::StoreError;
pub use family::{HistoryEntry, SavedFamily, SavedMember};
pub use find::HouseholdSummary;
pub use follow_ups::FollowUp;
pub use outbox::{OutboxCounts, OutboxEntry, OutboxState};
pub use photos::{AttachedPhoto, ChecklistItem};
pub use prune::PruneReport;
pub use regions::REGION_LIST_SETTING;
pub use registry::{ExtractFormat, ImportSummary, RegistryMatch, RegistryStatus};
pub use rules::{EvaluationRecord, InstallOutcome, InstalledPack};
pub use schema::SCHEMA_VERSION;

pub struct Store {
    conn: Mutex<Connection>,
    /// The pack's region list, parsed on first use (see `regions.rs`).
    regions: Mutex<Option<Arc<RegionList>>>,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::from_connection(conn)
    }

    /// Opens (creating if needed) the store at `path` encrypted with `key`, and migrates it.
    /// The key is set before any other statement touches the file. A plaintext store (from
    /// before encryption, or made by `open`) is encrypted in place first, once (see
    /// `encryption::encrypt_plaintext`). A key that does not open the file is
    /// [`StoreError::WrongKey`], and the file is left as it was.
    pub fn open_encrypted(path: &Path, key: &StoreKey) -> Result<Store, StoreError> {
        encryption::remove_leftovers(path)?;
        if encryption::is_plaintext(path)? {
            encryption::encrypt_plaintext(path, key)?;
        }
        Store::from_connection(encryption::open_keyed(path, key)?)
    }

    /// Changes the key of a store opened with [`Store::open_encrypted`]. Afterwards only
    /// `key` opens it; keep the old key until this returns.
    pub fn rekey(&self, key: &StoreKey) -> Result<(), StoreError> {
        encryption::rekey(&self.lock(), key)
    }

    /// A store in memory, for tests and one-off tools.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(mut conn: Connection) -> Result<Store, StoreError> {
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        names::refresh_keys(&tx)?;
        tx.commit()?;
        Ok(Store {
            conn: Mutex::new(conn),
            regions: Mutex::new(None),
        })
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::user_version(&self.lock())
    }

    /// A poisoned lock only means another thread panicked mid-call; SQLite rolled back its
    /// transaction, so the connection is still consistent and the store stays usable.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in an IMMEDIATE transaction, committing only if it succeeds.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        f(&self.lock())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| get_setting(c, key))
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )?;
            Ok(())
        })?;
        self.forget_regions_if(key);
        Ok(())
    }
}

/// Pragmas for a phone: WAL so readers never block the writer, foreign keys enforced,
/// temp tables in memory because Android apps have no usable temp directory, and
/// `synchronous=NORMAL`, which in WAL mode is still durable against app crashes.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", 2)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

fn get_setting(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}
