//! The outbox as the home screen and Settings show it: what waits to be sent, what the
//! district refused and why, and a way to send a refused entry again after correcting it.

use puskesos_core::ident::Redacted;
use puskesos_core::store::{OutboxCounts, StoreError};
use puskesos_core::Lang;

use crate::guard::{guard, Internal};
use crate::lang;
use crate::store::{parse_id, FieldStore};

/// The outbox room's error.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum OutboxError {
    #[error("{}", Redacted(.message))]
    Invalid { message: String },
    #[error("{}", Redacted(.message))]
    Storage { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum OutboxError {
    Invalid { message },
    Storage { message },
    Internal { message },
});

impl Internal for OutboxError {
    fn internal(detail: String) -> Self {
        OutboxError::Internal {
            message: match lang::current() {
                Lang::Id => format!("Kesalahan internal pada antrean kirim. ({detail})"),
                Lang::En => format!("Internal error in the outbox. ({detail})"),
            },
        }
    }
}

impl From<StoreError> for OutboxError {
    fn from(e: StoreError) -> Self {
        OutboxError::Storage {
            message: e.message(lang::current()),
        }
    }
}

/// An entry the district refused, with its reason (`code: message`).
/// `Debug` masks identity numbers in the reason, which may quote the record.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct ParkedEntry {
    pub entry_id: String,
    /// `household`, `person`, `visit`, `complaint`, `referral`, `proposal`, `document`, …
    pub entity: String,
    pub entity_id: String,
    pub recorded_at_ms: i64,
    pub attempts: u32,
    pub reason: Option<String>,
}

puskesos_core::redacted_debug!(ParkedEntry {
    entry_id,
    entity,
    entity_id,
    recorded_at_ms,
    attempts,
    reason,
});

#[uniffi::export]
impl FieldStore {
    pub fn outbox_counts(&self) -> Result<OutboxCounts, OutboxError> {
        guard(|| Ok(self.inner.outbox_counts()?))
    }

    /// Refused entries, oldest first.
    pub fn outbox_parked(&self) -> Result<Vec<ParkedEntry>, OutboxError> {
        guard(|| {
            Ok(self
                .inner
                .outbox_parked()?
                .into_iter()
                .map(|e| ParkedEntry {
                    entry_id: e.entry_id.to_string(),
                    entity: e.entity,
                    entity_id: e.entity_id.to_string(),
                    recorded_at_ms: e.recorded_at.timestamp_millis(),
                    attempts: e.attempts,
                    reason: e.last_error,
                })
                .collect())
        })
    }

    /// Sends a refused entry again with the next sync (after the operator corrected what the
    /// district refused). An entry that is not parked is left as it is.
    pub fn outbox_retry_parked(&self, entry_id: String) -> Result<(), OutboxError> {
        guard(|| {
            let id =
                parse_id("entry", &entry_id).map_err(|message| OutboxError::Invalid { message })?;
            Ok(self.inner.outbox_retry_parked(id)?)
        })
    }
}
