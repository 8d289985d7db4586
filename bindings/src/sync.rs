//! Enrolment with the district and the blocking sync pass, with progress reported through
//! a callback interface and a cancellation flag the pass checks between requests.
//!
//! `sync` blocks for as long as the network takes: the app calls it from a background job
//! (JobScheduler), never from the UI thread. Cancelling stops it between requests with
//! nothing half-recorded; entries not yet acknowledged stay pending for the next pass.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use puskesos_core::ident::Redacted;
use puskesos_core::sync::{
    self as core_sync, drain::PackOutcome, wire::EnrolmentQr, Enrolment,
    SyncError as CoreSyncError, SyncProgress,
};
use puskesos_core::Lang;

use crate::guard::{guard, Internal};
use crate::lang;
use crate::lock::{FieldLock, UnlockedKey};
use crate::store::FieldStore;

/// The sync room's error, sorted by what the app should do about it.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum SyncError {
    /// No answer, a cut connection, a timeout: the work stays queued; try later.
    #[error("{}", Redacted(.message))]
    Network { message: String },
    /// The district service failed (5xx): try later.
    #[error("{}", Redacted(.message))]
    Server { message: String },
    /// Not enrolled, or the token is unknown: enrol the device again.
    #[error("{}", Redacted(.message))]
    NeedsEnrolment { message: String },
    /// The district revoked this device (lost, stolen, handed on): the app wipes what the
    /// phone holds (the store, photos, the lock) and says so.
    #[error("{}", Redacted(.message))]
    Revoked { message: String },
    /// The district refused the request itself (a wrong or used enrolment code, say).
    #[error("{}", Redacted(.message))]
    Rejected { message: String },
    /// The URL or certificate fingerprint cannot be used (plain HTTP off-device, …).
    #[error("{}", Redacted(.message))]
    Config { message: String },
    /// The server's certificate was refused (not the fingerprint received at enrolment, or
    /// not trusted): retrying cannot help; district staff must check it or re-enrol.
    #[error("{}", Redacted(.message))]
    Certificate { message: String },
    /// The district's answer could not be read.
    #[error("{}", Redacted(.message))]
    Protocol { message: String },
    /// The phone's own store failed.
    #[error("{}", Redacted(.message))]
    Storage { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum SyncError {
    Network { message },
    Server { message },
    NeedsEnrolment { message },
    Revoked { message },
    Rejected { message },
    Config { message },
    Certificate { message },
    Protocol { message },
    Storage { message },
    Internal { message },
});

impl Internal for SyncError {
    fn internal(detail: String) -> Self {
        SyncError::Internal {
            message: match lang::current() {
                Lang::Id => format!(
                    "Kesalahan internal saat sinkronisasi; data yang belum terkirim tetap di antrean. ({detail})"
                ),
                Lang::En => format!(
                    "Internal error during sync; unsent records stay queued. ({detail})"
                ),
            },
        }
    }
}

impl From<CoreSyncError> for SyncError {
    fn from(e: CoreSyncError) -> Self {
        let message = e.message(lang::current());
        match e {
            CoreSyncError::Network(_) => SyncError::Network { message },
            CoreSyncError::Server { .. } => SyncError::Server { message },
            CoreSyncError::Auth { ref code, .. } if code == core_sync::wire::REVOKED_CODE => {
                SyncError::Revoked { message }
            }
            CoreSyncError::Auth { .. } => SyncError::NeedsEnrolment { message },
            CoreSyncError::Validation { .. } => SyncError::Rejected { message },
            CoreSyncError::Config(_) => SyncError::Config { message },
            CoreSyncError::Certificate(_) => SyncError::Certificate { message },
            CoreSyncError::Protocol(_) => SyncError::Protocol { message },
            CoreSyncError::LocalFile(_) | CoreSyncError::Local(_) => SyncError::Storage { message },
        }
    }
}

/// Who this device is for the district. The token stays inside the store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnrolmentInfo {
    pub base_url: String,
    pub device_id: String,
    pub village_code: String,
    pub village_name: String,
    /// The operator the district enrolled this device for: the author of its records.
    pub operator: String,
    pub cert_sha256: Option<String>,
}

impl From<Enrolment> for EnrolmentInfo {
    fn from(e: Enrolment) -> Self {
        EnrolmentInfo {
            base_url: e.base_url,
            device_id: e.device_id,
            village_code: e.village,
            village_name: e.village_name,
            operator: e.operator,
            cert_sha256: e.cert_sha256,
        }
    }
}

/// Receives progress from inside `sync`, on the thread that called it. Called often, so it
/// must be cheap (post to the notification, check a cancel button).
#[uniffi::export(callback_interface)]
pub trait SyncListener: Send + Sync {
    fn on_progress(&self, progress: SyncProgress);
}

/// A cancel button for one or more passes: `cancel()` from any thread, and the pass stops
/// at its next check (between requests), reporting `cancelled = true`.
#[derive(Debug, Default, uniffi::Object)]
pub struct SyncCancel {
    flag: AtomicBool,
}

#[uniffi::export]
impl SyncCancel {
    #[uniffi::constructor]
    pub fn new() -> Arc<SyncCancel> {
        Arc::new(SyncCancel::default())
    }

    pub fn cancel(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}

/// Knobs of a pass; the defaults suit 2G/3G.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SyncSettings {
    #[uniffi(default = 50)]
    pub batch_entries: u32,
    /// Also pull the village pack and the district's status changes after sending.
    #[uniffi(default = true)]
    pub pull: bool,
    /// A person pressed "send now": entries waiting out a backoff after a failed pass are
    /// sent at once instead of at their retry time. Scheduled passes leave it off.
    #[uniffi(default = false)]
    pub send_now: bool,
    /// After the pass, release what the district acknowledged: uploaded photo bytes,
    /// acknowledged outbox rows, records whose deletion it has. The app turns it on; off by
    /// default so that a test can still count acknowledged entries.
    #[uniffi(default = false)]
    pub prune: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PackUpdate {
    NotChecked,
    /// District staff have not published a pack for the village yet.
    NotPublished,
    Unchanged,
    Updated {
        version: i64,
        registry_rows: u64,
        /// The rule pack it carried, now installed and active (`id version`).
        rules: Option<String>,
        /// Why the carried rule pack was not installed; the phone keeps the one it had.
        rules_refused: Option<String>,
    },
}

/// What a pass did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    pub acked: u64,
    /// Of those, entries the district had already applied (a resend after a cut answer).
    pub duplicates: u64,
    pub parked: u64,
    pub files_uploaded: u64,
    pub files_skipped: u64,
    pub bytes_uploaded: u64,
    /// Entries still pending when the pass ended.
    pub pending: u64,
    /// When deferred entries may be sent again, if the pass stopped for them.
    pub retry_at_ms: Option<i64>,
    pub cancelled: bool,
    pub pack: PackUpdate,
    pub status_changes: u64,
    /// Photo bytes released after upload (with `prune`).
    pub pruned_bytes: u64,
    /// Outbox rows released after acknowledgement (with `prune`).
    pub pruned_entries: u64,
}

struct Listener<'a>(&'a dyn SyncListener);

impl core_sync::Progress for Listener<'_> {
    fn update(&self, p: &core_sync::SyncProgress) {
        self.0.on_progress(*p);
    }
}

#[uniffi::export]
impl FieldStore {
    /// Trades a one-time code from the district for a device token and saves the enrolment
    /// in the store. `cert_sha256` pins a district that runs its own certificate authority
    /// (from the enrolment QR); plain HTTP is refused except to this device (loopback).
    ///
    /// With `lock` and the `key` it handed out, the unlock code the district issued for this
    /// device is wrapped around the store key at once: it never reaches Kotlin, and after ten
    /// wrong PINs it is what staff read out. A code that cannot be kept is `Storage` (the
    /// enrolment itself is saved; enrolling again issues a new code).
    #[uniffi::method(default(cert_sha256 = None, lock = None, key = None))]
    pub fn enrol(
        &self,
        base_url: String,
        code: String,
        device_label: String,
        cert_sha256: Option<String>,
        lock: Option<Arc<FieldLock>>,
        key: Option<Arc<UnlockedKey>>,
    ) -> Result<EnrolmentInfo, SyncError> {
        guard(|| {
            let e = Enrolment::enrol(
                &self.inner,
                &base_url,
                &code,
                cert_sha256.as_deref(),
                &device_label,
            )?;
            if let (Some(lock), Some(key), Some(unlock_code)) = (lock, key, &e.unlock_code) {
                lock.set_unlock_code(key, unlock_code.clone())
                    .map_err(|err| SyncError::Storage {
                        message: err.to_string(),
                    })?;
            }
            Ok(e.into())
        })
    }

    /// The saved enrolment, if the device was enrolled.
    pub fn enrolment(&self) -> Result<Option<EnrolmentInfo>, SyncError> {
        guard(|| Ok(Enrolment::load(&self.inner)?.map(EnrolmentInfo::from)))
    }

    /// When the last pass finished without error (ms since the epoch), if ever.
    pub fn last_sync_ms(&self) -> Result<Option<i64>, SyncError> {
        guard(|| Ok(core_sync::drain::last_sync(&self.inner)?.map(|t| t.timestamp_millis())))
    }

    /// One blocking pass: sends every due entry in order (documents' bytes first, resumed
    /// where a cut upload stopped), then pulls the village pack and the district's decisions.
    /// A network failure defers the unsent entries with backoff and is returned as `Network`.
    #[uniffi::method(default(settings = None))]
    pub fn sync(
        &self,
        listener: Box<dyn SyncListener>,
        cancel: Arc<SyncCancel>,
        settings: Option<SyncSettings>,
    ) -> Result<SyncReport, SyncError> {
        guard(|| {
            let enrolment = Enrolment::require(&self.inner)?;
            let client = enrolment.client()?;
            let mut options = core_sync::SyncOptions::default();
            if let Some(s) = settings {
                options.batch_entries = s.batch_entries;
                options.pull = s.pull;
                options.send_now = s.send_now;
                options.prune = s.prune;
            }
            let r = core_sync::sync_once(
                &self.inner,
                &client,
                &enrolment,
                &options,
                &Listener(listener.as_ref()),
                &cancel.flag,
            )?;
            Ok(SyncReport {
                acked: r.acked,
                duplicates: r.duplicates,
                parked: r.parked,
                files_uploaded: r.files_uploaded,
                files_skipped: r.files_skipped,
                bytes_uploaded: r.bytes_uploaded,
                pending: r.pending,
                retry_at_ms: r.retry_at.map(|t| t.timestamp_millis()),
                cancelled: r.cancelled,
                pack: match r.pack {
                    PackOutcome::NotChecked => PackUpdate::NotChecked,
                    PackOutcome::NotPublished => PackUpdate::NotPublished,
                    PackOutcome::Unchanged => PackUpdate::Unchanged,
                    PackOutcome::Updated {
                        version,
                        registry_rows,
                        rules,
                        rules_refused,
                    } => PackUpdate::Updated {
                        version,
                        registry_rows,
                        rules,
                        rules_refused,
                    },
                },
                status_changes: r.status_changes,
                pruned_bytes: r.pruned.document_bytes,
                pruned_entries: r.pruned.outbox_rows,
            })
        })
    }
}

/// Reads a scanned QR as the district renders it (JSON); anything else is `Config` with the
/// reason, so the scan screen can say "not an enrolment QR" before any network call.
#[uniffi::export]
pub fn parse_enrolment_qr(text: String) -> Result<EnrolmentQr, SyncError> {
    guard(|| Ok(core_sync::parse_enrolment_qr(&text)?))
}

/// Hands the phone's trust store (DER certificates from Android's `AndroidCAStore`) to every
/// sync from now on: a district behind a public certificate is checked against them, as the
/// library carries no root bundle of its own. Returns how many were accepted as roots.
#[uniffi::export]
pub fn use_system_trust_store(certificates: Vec<Vec<u8>>) -> u32 {
    u32::try_from(core_sync::use_system_roots(certificates)).unwrap_or(u32::MAX)
}
