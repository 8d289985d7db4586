use crate::ident::{redact, Redacted};
use crate::lang::Lang;
use crate::model::ModelError;
use crate::rules::RulesError;

/// What can go wrong in the phone's store. Messages carry no personal data: rows are named
/// by id or line number, never by NIK or name. What the store does not write itself (a JSON
/// error quoting the value it choked on, a line of an extract) is masked in the message,
/// `Display` and `Debug`, for the logs and crash reports errors end up in.
#[derive(thiserror::Error)]
pub enum StoreError {
    #[error("database: {}", Redacted(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is unreadable: {}", Redacted(.0))]
    Json(#[from] serde_json::Error),
    #[error("file: {}", Redacted(.0))]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// A photo that could not be read or normalised.
    #[error(transparent)]
    Capture(#[from] crate::capture::CaptureError),
    /// The store file is encrypted with another key (or is not a store at all). Nothing
    /// was written to it.
    #[error("the store cannot be opened with this key (wrong key, or not a store file)")]
    WrongKey,
    #[error("no rule pack is installed")]
    NoActivePack,
    #[error("{entity} {} not found", Redacted(.id))]
    NotFound { entity: &'static str, id: String },
    #[error("the store file has schema version {found}, newer than this app's {supported}: update the app")]
    NewerSchema { found: u32, supported: u32 },
    #[error("registry extract line {line}: {}", Redacted(.reason))]
    Import { line: u64, reason: String },
    #[error("{}", Redacted(.0))]
    Conflict(String),
    /// The record clashes with what is stored (a NIK already on another member, a household
    /// with open cases to delete); the reasons say what to do, in each language.
    #[error("{}", Redacted(.reason_en))]
    Refused { reason: String, reason_en: String },
    /// A member of a family saved at once was refused; `index` counts from 0 in the order
    /// the form gave them, so the form can point at the member.
    #[error("member {}: {source}", index + 1)]
    Member {
        index: usize,
        source: Box<StoreError>,
    },
}

crate::redacted_debug!(enum StoreError {
    Sqlite(error),
    Json(error),
    Io(error),
    Model(error),
    Rules(error),
    Capture(error),
    WrongKey,
    NoActivePack,
    NotFound { entity, id },
    NewerSchema { found, supported },
    Import { line, reason },
    Conflict(reason),
    Refused { reason, reason_en },
    Member { index, source },
});

impl StoreError {
    pub(crate) fn import(line: u64, reason: impl Into<String>) -> Self {
        StoreError::Import {
            line,
            reason: reason.into(),
        }
    }

    pub(crate) fn refused(reason: impl Into<String>, reason_en: impl Into<String>) -> Self {
        StoreError::Refused {
            reason: reason.into(),
            reason_en: reason_en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = match (self, lang) {
            (StoreError::Refused { reason, .. }, Lang::Id) => reason.clone(),
            (StoreError::Refused { reason_en, .. }, Lang::En) => reason_en.clone(),
            (StoreError::Member { index, source }, Lang::Id) => {
                format!("Anggota ke-{}: {}", index + 1, source.message(lang))
            }
            (StoreError::Member { index, source }, Lang::En) => {
                format!("Member {}: {}", index + 1, source.message(lang))
            }
            (StoreError::Model(e), _) => e.message(lang),
            (StoreError::Rules(e), _) => e.message(lang),
            (StoreError::Capture(e), _) => e.message(lang),
            (StoreError::NoActivePack, Lang::Id) => {
                "Belum ada paket aturan yang terpasang; pasang paket aturan dari dinas sosial."
                    .into()
            }
            (StoreError::WrongKey, Lang::Id) => {
                "Kunci penyimpanan salah: berkas data tidak dapat dibuka dengan kunci ini (atau bukan berkas data)."
                    .into()
            }
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
        };
        redact(&text).into_owned()
    }
}
