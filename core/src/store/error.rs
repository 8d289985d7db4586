use crate::lang::Lang;
use crate::model::ModelError;

/// What can go wrong in the phone's store. Messages carry no personal data: rows are named
/// by id or line number, never by NIK or name.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error("the store file has schema version {found}, newer than this app's {supported}: update the app")]
    NewerSchema { found: u32, supported: u32 },
    #[error("registry extract line {line}: {reason}")]
    Import { line: u64, reason: String },
    #[error("{0}")]
    Conflict(String),
}

impl StoreError {
    pub(crate) fn import(line: u64, reason: impl Into<String>) -> Self {
        StoreError::Import {
            line,
            reason: reason.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Model(e), _) => e.message(lang),
            (StoreError::NotFound { entity, id }, Lang::Id) => {
                format!("Data {entity} dengan id {id} tidak ditemukan.")
            }
            (StoreError::NewerSchema { .. }, Lang::Id) => {
                "Berkas data dibuat oleh versi aplikasi yang lebih baru. Perbarui aplikasi.".into()
            }
            (StoreError::Import { line, reason }, Lang::Id) => {
                format!("Berkas DTKS baris {line}: {reason}. Tidak ada data yang diimpor.")
            }
            (StoreError::Conflict(reason), Lang::Id) => reason.clone(),
            (StoreError::Sqlite(_) | StoreError::Json(_), Lang::Id) => {
                format!("Gagal membaca/menulis penyimpanan: {self}")
            }
            (StoreError::Io(e), Lang::Id) => format!("Gagal membaca berkas: {e}"),
            (_, Lang::En) => self.to_string(),
        }
    }
}
