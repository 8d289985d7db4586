//! Schema versions on `PRAGMA user_version`, applied one step at a time.
//!
//! Each migration is a numbered SQL file that is never edited once released: a phone may
//! sit on any old version for months. A file newer than the code is refused, not guessed at.

use rusqlite::{Connection, TransactionBehavior};

use super::error::StoreError;

/// The migrations in order; index + 1 is the version each one produces.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_records.sql"),
    include_str!("migrations/002_registry.sql"),
];

pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the file to [`SCHEMA_VERSION`] in one IMMEDIATE transaction, so a crash midway
/// leaves the old version intact and a second process waits instead of racing.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
