//! What every handler shares.

use std::sync::Arc;

use crate::db::Db;
use crate::files::FileStore;
use crate::unlock::UnlockCodeKey;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The address phones use, shown on the staff page and in the enrolment QR.
    pub public_url: String,
    /// SHA-256 of the DER certificate when the service terminates TLS itself.
    pub cert_sha256: Option<String>,
    /// How long an enrolment code works, in minutes.
    pub enrol_code_minutes: i64,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    db: Db,
    files: FileStore,
    settings: Settings,
    unlock_key: UnlockCodeKey,
}

impl AppState {
    pub fn new(
        db: Db,
        files: FileStore,
        settings: Settings,
        unlock_key: UnlockCodeKey,
    ) -> AppState {
        AppState(Arc::new(Inner {
            db,
            files,
            settings,
            unlock_key,
        }))
    }

    pub fn db(&self) -> &Db {
        &self.0.db
    }

    pub fn files(&self) -> &FileStore {
        &self.0.files
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    /// The key devices' unlock codes are sealed under (see `unlock`).
    pub fn unlock_key(&self) -> &UnlockCodeKey {
        &self.0.unlock_key
    }
}
