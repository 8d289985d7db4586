//! The village's registry (DTSEN) extract in the store: import from a file the district
//! shipped, and offline lookup by NIK, by KK number and by name.
//!
//! Lookups return full numbers because the desk compares them with the card in front of it;
//! each record also carries the masked forms for lists and anything shared or logged.

use std::path::Path;

use puskesos_core::ident::{mask_number as mask, normalize_number, Redacted, Sex};
use puskesos_core::model::Relationship;
use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::{self as core_store, StoreError};
use puskesos_core::Lang;

use crate::guard::{guard, Internal};
use crate::lang;
use crate::store::FieldStore;

/// The registry room's error; messages for people, never with a whole NIK or KK.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum RegistryError {
    /// The extract was refused (a malformed line, named by number, or no rows); the previous
    /// extract stays as it was.
    #[error("{}", Redacted(.message))]
    ImportRefused { message: String },
    /// The extract file could not be read.
    #[error("{}", Redacted(.message))]
    FileUnreadable { message: String },
    #[error("{}", Redacted(.message))]
    Storage { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum RegistryError {
    ImportRefused { message },
    FileUnreadable { message },
    Storage { message },
    Internal { message },
});

impl Internal for RegistryError {
    fn internal(detail: String) -> Self {
        RegistryError::Internal {
            message: match lang::current() {
                Lang::Id => {
                    format!("Kesalahan internal pada data DTKS; data tidak berubah. ({detail})")
                }
                Lang::En => {
                    format!("Internal error in the registry; nothing was changed. ({detail})")
                }
            },
        }
    }
}

impl From<StoreError> for RegistryError {
    fn from(e: StoreError) -> Self {
        let message = e.message(lang::current());
        match e {
            StoreError::Import { .. } => RegistryError::ImportRefused { message },
            StoreError::Io(_) => RegistryError::FileUnreadable { message },
            _ => RegistryError::Storage { message },
        }
    }
}

/// One person in the extract.
/// `Debug` masks both numbers: a lookup that is logged names nobody.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct RegistryPerson {
    /// The quarter of the publication, `YYYYQn`.
    pub extract_version: String,
    pub village_code: String,
    pub kk_number: String,
    pub kk_masked: String,
    pub nik: String,
    pub nik_masked: String,
    pub name: String,
    pub birth_place: String,
    pub birth_date: String,
    pub sex: Sex,
    pub relationship: Relationship,
    /// Welfare decile 1–10 (1 poorest); `null` when registered but not yet ranked.
    pub desil: Option<u8>,
    pub address: String,
    pub rt: String,
    pub rw: String,
}

puskesos_core::redacted_debug!(RegistryPerson {
    extract_version,
    village_code,
    kk_number,
    kk_masked,
    nik,
    nik_masked,
    name,
    birth_place,
    birth_date,
    sex,
    relationship,
    desil,
    address,
    rt,
    rw,
});

/// A name search hit; `score` is 0..1, 1 for an exact match.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RegistryMatch {
    pub person: RegistryPerson,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportSummary {
    pub people: u64,
    pub families: u64,
    pub villages: Vec<String>,
    pub versions: Vec<String>,
}

/// The answer to "am I in DTKS?". "Not found" is only as good as the extracts on the
/// phone, so it names the versions searched (empty if none was ever imported).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RegistryStatus {
    Found {
        desil: Option<u8>,
        extract_version: String,
        kk_masked: String,
        village_code: String,
    },
    NotFound {
        searched_versions: Vec<String>,
    },
}

fn person(r: RegistryRecord) -> RegistryPerson {
    RegistryPerson {
        kk_masked: mask(&r.kk_number),
        nik_masked: mask(&r.nik),
        // Validated on import against the same code list; `Other` only if the file was
        // edited outside the app.
        relationship: Relationship::parse(&r.relationship).unwrap_or(Relationship::Other),
        birth_date: r.birth_date.to_string(),
        extract_version: r.extract_version,
        village_code: r.village_code,
        kk_number: r.kk_number,
        nik: r.nik,
        name: r.name,
        birth_place: r.birth_place,
        sex: r.sex,
        desil: r.desil,
        address: r.address,
        rt: r.rt,
        rw: r.rw,
    }
}

#[uniffi::export]
impl FieldStore {
    /// Imports a `.csv` or `.jsonl` extract in one transaction: a malformed line aborts the
    /// whole import with its line number, and the villages' previous extracts stay intact.
    pub fn import_registry(&self, path: String) -> Result<ImportSummary, RegistryError> {
        guard(|| {
            let s = self.inner.import_registry_file(Path::new(&path))?;
            Ok(ImportSummary {
                people: s.people,
                families: s.families,
                villages: s.villages,
                versions: s.versions,
            })
        })
    }

    /// The person with this NIK (separators allowed) in the extract, if any.
    pub fn registry_by_nik(&self, nik: String) -> Result<Option<RegistryPerson>, RegistryError> {
        guard(|| {
            Ok(self
                .inner
                .registry_by_nik(&normalize_number(&nik))?
                .map(person))
        })
    }

    /// The family on a KK, head first.
    pub fn registry_family(&self, kk_number: String) -> Result<Vec<RegistryPerson>, RegistryError> {
        guard(|| {
            let rows = self.inner.registry_by_kk(&normalize_number(&kk_number))?;
            Ok(rows.into_iter().map(person).collect())
        })
    }

    /// People whose name matches the way Indonesian names vary (spellings, titles, merged
    /// words), best first, at most `limit`; only in `village_code` when given.
    pub fn registry_search_name(
        &self,
        query: String,
        village_code: Option<String>,
        limit: u32,
    ) -> Result<Vec<RegistryMatch>, RegistryError> {
        guard(|| {
            let hits = self
                .inner
                .registry_search_name(&query, village_code.as_deref(), limit)?;
            Ok(hits
                .into_iter()
                .map(|m| RegistryMatch {
                    person: person(m.record),
                    score: m.score,
                })
                .collect())
        })
    }

    /// Whether a NIK is in the registry, with its family's desil.
    pub fn registry_status(&self, nik: String) -> Result<RegistryStatus, RegistryError> {
        guard(|| {
            Ok(match self.inner.registry_status(&normalize_number(&nik))? {
                core_store::RegistryStatus::Found {
                    desil,
                    extract_version,
                    kk_number,
                    village_code,
                } => RegistryStatus::Found {
                    desil,
                    extract_version,
                    kk_masked: mask(&kk_number),
                    village_code,
                },
                core_store::RegistryStatus::NotFound { searched_versions } => {
                    RegistryStatus::NotFound { searched_versions }
                }
            })
        })
    }

    /// Extract versions on the phone, newest first.
    pub fn registry_versions(&self) -> Result<Vec<String>, RegistryError> {
        guard(|| Ok(self.inner.registry_versions()?))
    }
}
