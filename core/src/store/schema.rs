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
    include_str!("migrations/003_name_index.sql"),
    include_str!("migrations/004_rules.sql"),
    include_str!("migrations/005_changes.sql"),
    include_str!("migrations/006_audit.sql"),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema as SQLite reports it, comparable between two files.
    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare(
                "SELECT name, COALESCE(sql, '') FROM sqlite_master
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn every_earlier_version_upgrades_to_the_fresh_schema() {
        let dir = tempfile::tempdir().unwrap();
        let mut fresh = Connection::open(dir.path().join("fresh.sqlite")).unwrap();
        migrate(&mut fresh).unwrap();
        let expected = schema_of(&fresh);
        assert_eq!(user_version(&fresh).unwrap(), SCHEMA_VERSION);

        for old in 0..SCHEMA_VERSION {
            let path = dir.path().join(format!("v{old}.sqlite"));
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, old).unwrap();
            assert_eq!(user_version(&conn).unwrap(), old);
            drop(conn);
            let mut conn = Connection::open(&path).unwrap();
            migrate(&mut conn).unwrap();
            assert_eq!(schema_of(&conn), expected, "upgrade from v{old}");
            assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        }
    }

    #[test]
    fn a_file_from_a_newer_app_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1)
        );
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION + 1);
    }
}
