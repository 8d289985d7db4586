//! Freeing what the district already holds. A village's photos are ~3 MB a household, and
//! the phones have little storage: once the district has acknowledged a photo, its bytes
//! leave the phone; acknowledged outbox rows and records deleted on the phone (whose deletion
//! the district has acknowledged) go too. Nothing unacknowledged is ever touched, and the
//! history of changes stays. Freed pages are reused by SQLite, so the file stops growing.

use rusqlite::params;

use super::{Store, StoreError};

/// What one prune freed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct PruneReport {
    /// Photo and document bytes released (their records stay, marked as uploaded).
    pub document_bytes: u64,
    pub documents: u64,
    pub outbox_rows: u64,
    /// Records deleted on the phone whose deletion the district acknowledged.
    pub deleted_records: u64,
}

/// Rows of `entity` whose every outbox entry has been acknowledged (and that have one).
fn all_acked(entity: &str, id_column: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM outbox o WHERE o.entity = '{entity}' AND o.entity_id = {id_column} AND o.state = 'acked')
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = '{entity}' AND o.entity_id = {id_column} AND o.state != 'acked')"
    )
}

impl Store {
    /// Releases what the district has acknowledged, in one transaction.
    pub fn prune_acknowledged(&self) -> Result<PruneReport, StoreError> {
        self.write(|tx| {
            let mut r = PruneReport::default();
            let docs = all_acked("document", "documents.id");
            let (n, bytes): (i64, i64) = tx.query_row(
                &format!(
                    "SELECT COUNT(*), COALESCE(SUM(LENGTH(bytes)), 0) FROM documents
                     WHERE bytes IS NOT NULL AND {docs}"
                ),
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            tx.execute(
                &format!("UPDATE documents SET bytes = NULL WHERE bytes IS NOT NULL AND {docs}"),
                [],
            )?;
            r.documents = n as u64;
            r.document_bytes = bytes as u64;
            // Children before the households they point at.
            for (table, entity) in [
                ("documents", "document"),
                ("visits", "visit"),
                ("persons", "person"),
                ("households", "household"),
            ] {
                let acked = all_acked(entity, &format!("{table}.id"));
                r.deleted_records += tx.execute(
                    &format!(
                        "DELETE FROM {table} WHERE deleted_at IS NOT NULL AND {acked}
                         AND NOT EXISTS (SELECT 1 FROM persons p WHERE '{table}' = 'households' AND p.household_id = {table}.id)
                         AND NOT EXISTS (SELECT 1 FROM visits v WHERE '{table}' = 'households' AND v.household_id = {table}.id)
                         AND NOT EXISTS (SELECT 1 FROM documents d WHERE '{table}' = 'households' AND d.household_id = {table}.id)"
                    ),
                    [],
                )? as u64;
            }
            r.outbox_rows = tx.execute("DELETE FROM outbox WHERE state = ?1", params!["acked"])? as u64;
            Ok(r)
        })
    }

    /// Bytes the store's live pages take (pages in use × page size): what the phone's storage
    /// pays for the store, free pages that SQLite will reuse not counted.
    pub fn storage_in_use(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0))?;
            let free: i64 = c.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
            let size: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            Ok(((pages - free).max(0) * size) as u64)
        })
    }

    /// Whether a document's bytes are still on the phone (not yet released after upload).
    pub fn document_bytes_kept(&self, id: uuid::Uuid) -> Result<bool, StoreError> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT bytes IS NOT NULL FROM documents WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?)
        })
    }
}
