//! The connection pool over SQLite or PostgreSQL, and the migrations. Both back ends run the
//! same SQL through sqlx's `any` driver: `$N` placeholders (SQLite accepts them too),
//! BIGINT/TEXT columns only, `ON CONFLICT` and `RETURNING` (SQLite ≥ 3.35).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// Numbered migrations, applied in order, each in its own transaction.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/001_init.sql")),
    (2, include_str!("../migrations/002_audit.sql")),
    (3, include_str!("../migrations/003_unlock_codes.sql")),
    (4, include_str!("../migrations/004_final_upload.sql")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("unsupported DATABASE_URL scheme (use sqlite: or postgres:): {0}")]
    Scheme(String),
    #[error("the database schema (version {found}) is newer than this service (version {known})")]
    TooNew { found: i64, known: i64 },
}

/// The pool plus, on SQLite, one async lock that serialises writers: SQLite has a single
/// writer, and queueing here (instead of in `busy_timeout`) means a deferred transaction can
/// never fail with SQLITE_BUSY when it upgrades to a write.
#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    write_lock: Option<Arc<Mutex<()>>>,
}

/// A write transaction; on SQLite it holds the writer lock until commit or drop.
pub struct WriteTx {
    pub tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Db {
    /// The SQLite URL for a file in the data directory.
    pub fn sqlite_url(path: &Path) -> String {
        format!("sqlite://{}?mode=rwc", path.display())
    }

    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(DbError::Scheme(scheme.to_string()));
        };
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .max_connections(4)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            // WAL lets the review pages read while a batch commits;
                            // synchronous=NORMAL is durable in WAL except for the last
                            // commits on power loss, which the phones resend (idempotent).
                            conn.execute("PRAGMA journal_mode=WAL").await?;
                            conn.execute("PRAGMA synchronous=NORMAL").await?;
                            conn.execute("PRAGMA foreign_keys=ON").await?;
                            conn.execute("PRAGMA busy_timeout=10000").await?;
                            Ok(())
                        })
                    })
                    .connect(url)
                    .await?
            }
            Backend::Postgres => options.max_connections(16).connect(url).await?,
        };
        let db = Db {
            pool,
            backend,
            write_lock: (backend == Backend::Sqlite).then(|| Arc::new(Mutex::new(()))),
        };
        db.migrate().await?;
        Ok(db)
    }

    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let tx = self.pool.begin().await?;
        Ok(WriteTx { tx, _guard: guard })
    }

    async fn migrate(&self) -> Result<(), DbError> {
        let mut w = self.begin_write().await?;
        w.tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .await?;
        let current: i64 =
            sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
                .fetch_one(&mut *w.tx)
                .await?
                .try_get("v")?;
        w.commit().await?;
        let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
        if current > known {
            return Err(DbError::TooNew {
                found: current,
                known,
            });
        }
        for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            let mut w = self.begin_write().await?;
            for statement in split_statements(sql) {
                w.tx.execute(sqlx::AssertSqlSafe(statement)).await?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now_rfc3339())
                .execute(&mut *w.tx)
                .await?;
            w.commit().await?;
        }
        Ok(())
    }
}

/// Splits a migration file into statements: on `;` at the end of a line, after dropping
/// `--` comment lines. Migrations are written so that this is enough (no `;` inside strings).
fn split_statements(sql: &str) -> Vec<String> {
    let cleaned: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    cleaned
        .split(";\n")
        .map(|s| s.trim().trim_end_matches(';').trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads an optional text column, treating a missing column as a programming error surfaced
/// as a database error rather than a panic.
pub fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>, sqlx::Error> {
    row.try_get::<Option<String>, _>(col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_split_on_line_ending_semicolons_without_comments() {
        let s = split_statements("-- c;\nCREATE TABLE a (x TEXT);\nINSERT INTO a VALUES ('1');\n");
        assert_eq!(
            s,
            vec!["CREATE TABLE a (x TEXT)", "INSERT INTO a VALUES ('1')"]
        );
    }
}
