//! One sync pass: drain the outbox to the district, then pull the village pack and the
//! district's status changes.
//!
//! Nothing is lost or doubled whatever instant the pass is cut at (a killed process, a
//! dropped connection): an entry leaves `pending` only in the transaction that records the
//! district's acknowledgement, the district applies an entry id once, and a document's bytes
//! are resumed from the offset the district reports, so finished chunks are not sent again.

use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::client::{PackPull, SyncClient, SyncError};
use super::enrolment::{local, Enrolment};
use super::wire::{self, Entity, EntryOutcome, Op, PackBody};
use crate::store::{ExtractFormat, OutboxEntry, Store, StoreError};

const PACK_ETAG: &str = "sync.pack_etag";
const PACK_VERSION: &str = "sync.pack_version";
/// The setting that holds the region list (Kemendagri CSV) of the last pack pulled.
pub const PACK_REGIONS: &str = crate::store::REGION_LIST_SETTING;
const STATUS_CURSOR: &str = "sync.status_cursor";
const LAST_PASS: &str = "sync.last_pass_at";
/// Prefix of the settings that hold the district's latest decision on one record
/// (`district_status.<entity>.<id>` → JSON of the [`wire::StatusChange`]).
pub const DISTRICT_STATUS_PREFIX: &str = crate::store::DECISION_PREFIX;

/// Where a sync pass is, for a progress bar or the phone's notification.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncProgress {
    pub entries_done: u64,
    pub entries_total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
}

/// Receives progress; called often, so it must be cheap.
pub trait Progress {
    fn update(&self, p: &SyncProgress);
}

/// For callers that show nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&self, _: &SyncProgress) {}
}

impl<F: Fn(&SyncProgress)> Progress for F {
    fn update(&self, p: &SyncProgress) {
        self(p)
    }
}

/// Knobs of a pass. The defaults suit 2G/3G: batches small enough to get through a weak
/// signal, backoff long enough not to drain the battery.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub batch_entries: u32,
    /// The first retry waits about this long; each further failure of the same entries
    /// doubles it, up to `backoff_cap`.
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// Also pull the pack and the status feed after draining.
    pub pull: bool,
    /// A person asked for this pass ("send now"): entries waiting out a backoff go at once.
    /// Scheduled passes leave it off, so that a village without signal is not hammered.
    pub send_now: bool,
    /// After the pass, release what the district acknowledged (photo bytes, outbox rows,
    /// deleted records): the phone keeps its storage bounded. The desk tool leaves it off,
    /// so an operator can still read the acknowledged outbox.
    pub prune: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            batch_entries: 50,
            backoff_base: Duration::seconds(5),
            backoff_cap: Duration::minutes(30),
            pull: true,
            send_now: false,
            prune: false,
        }
    }
}

/// What happened to the village pack in this pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PackOutcome {
    #[default]
    NotChecked,
    /// District staff have not published a pack for the village yet.
    NotPublished,
    Unchanged,
    Updated {
        version: i64,
        registry_rows: u64,
        /// The rule pack the pack carried, now installed and active (`id version`).
        #[serde(skip_serializing_if = "Option::is_none")]
        rules: Option<String>,
        /// Why the carried rule pack was not installed (older than the one in use, or
        /// invalid); the phone keeps evaluating with the pack it had.
        #[serde(skip_serializing_if = "Option::is_none")]
        rules_refused: Option<String>,
    },
}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Entries the district acknowledged (including ones it had applied before).
    pub acked: u64,
    /// Of those, entries the district had already applied: a resend after a cut answer.
    pub duplicates: u64,
    /// Entries refused with a reason and parked for a person.
    pub parked: u64,
    pub files_uploaded: u64,
    /// Files whose bytes the district already held: not sent again.
    pub files_skipped: u64,
    pub bytes_uploaded: u64,
    /// Entries still pending when the pass ended.
    pub pending: u64,
    /// Set when the pass stopped early because entries wait for a retry time.
    pub retry_at: Option<DateTime<Utc>>,
    pub cancelled: bool,
    pub pack: PackOutcome,
    /// District status changes received and recorded.
    pub status_changes: u64,
    /// What the pass released after the district acknowledged it (with `prune`).
    pub pruned: crate::store::PruneReport,
    /// The district revoked this device and took this pass as its last upload.
    pub final_upload: bool,
}

impl SyncReport {
    /// Everything was sent and answered.
    pub fn is_drained(&self) -> bool {
        self.pending == 0
    }
}

/// Errors worth trying again: network trouble, 5xx, and an answer cut off so that it
/// cannot be parsed (the request may or may not have been applied; the entry id makes a
/// resend safe).
pub fn is_transient(e: &SyncError) -> bool {
    e.is_retryable() || matches!(e, SyncError::Protocol(_))
}

/// Runs one pass: sends every due entry in order, then (with `options.pull`) pulls the pack
/// and status feed. A transient failure defers the unsent entries with backoff and returns
/// the error; an authorisation failure returns at once (enrol again); `cancel` stops between
/// requests with nothing half-recorded.
pub fn sync_once(
    store: &Store,
    client: &SyncClient,
    enrolment: &Enrolment,
    options: &SyncOptions,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    if options.send_now {
        store.outbox_due_now().map_err(local)?;
    }
    let (entries_total, bytes_total) = store.outbox_pending_totals().map_err(local)?;
    let mut prog = SyncProgress {
        entries_total,
        bytes_total,
        ..SyncProgress::default()
    };
    progress.update(&prog);
    let mut drain = Drain {
        store,
        client,
        enrolment,
        options,
        progress,
        prog: &mut prog,
        report: &mut report,
    };
    drain.run(cancel)?;
    if report.final_upload {
        return finish_final_upload(store, report);
    }
    if options.pull && !report.cancelled && report.retry_at.is_none() {
        report.pack = pull_pack(store, client, &enrolment.village)?;
        report.status_changes = pull_status(store, client, &enrolment.village)?;
    }
    if options.prune {
        report.pruned = store.prune_acknowledged().map_err(local)?;
    }
    report.pending = store.outbox_counts().map_err(local)?.pending;
    if !report.cancelled {
        store
            .set_setting(LAST_PASS, &Utc::now().to_rfc3339())
            .map_err(local)?;
    }
    Ok(report)
}

/// A revoked device's last upload: while anything still waits (a retry time, a cut pass) the
/// pass ends as usual and the next one goes on sending; once nothing waits, the pass ends
/// with the district's own `revoked` answer, on which the app wipes the phone. Nothing is
/// pulled: the district refuses a revoked device everything but uploads.
fn finish_final_upload(store: &Store, mut report: SyncReport) -> Result<SyncReport, SyncError> {
    report.pending = store.outbox_counts().map_err(local)?.pending;
    if report.pending > 0 {
        return Ok(report);
    }
    Err(SyncError::Auth {
        status: 401,
        code: super::wire::REVOKED_CODE.into(),
        message: "perangkat dicabut Dinas Sosial; unggahan terakhir selesai".into(),
    })
}

/// When the last pass ran to its end without an error (the home screen's "last sync"), if
/// ever. A cancelled or failed pass leaves the earlier time.
pub fn last_sync(store: &Store) -> Result<Option<DateTime<Utc>>, SyncError> {
    let Some(text) = store.setting(LAST_PASS).map_err(local)? else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(&text)
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|e| SyncError::Local(format!("{LAST_PASS}: {e}")))
}

/// A batch's `audit` as the phone sends it: [`wire::AuditUpload`]'s JSON, each entry as the
/// store holds it (passed on, not parsed: the phone library stays small).
#[derive(Serialize)]
struct AuditOut {
    head: Option<crate::audit::ChainHead>,
    entries: Vec<serde_json::Value>,
}

struct Drain<'a> {
    store: &'a Store,
    client: &'a SyncClient,
    enrolment: &'a Enrolment,
    options: &'a SyncOptions,
    progress: &'a dyn Progress,
    prog: &'a mut SyncProgress,
    report: &'a mut SyncReport,
}

impl Drain<'_> {
    fn run(&mut self, cancel: &AtomicBool) -> Result<(), SyncError> {
        loop {
            if cancel.load(Ordering::SeqCst) {
                self.report.cancelled = true;
                return Ok(());
            }
            let now = Utc::now();
            if let Some(t) = self.store.outbox_deferred_until(now).map_err(local)? {
                self.report.retry_at = Some(t);
                return Ok(());
            }
            let batch = self
                .store
                .outbox_next_batch(self.options.batch_entries.max(1), now)
                .map_err(local)?;
            if batch.is_empty() {
                return self.send_audit();
            }
            let sendable = match self.prepare(&batch, cancel) {
                Ok(s) => s,
                Err(e) if is_transient(&e) => return Err(self.defer(&batch, e)),
                Err(e) => return Err(e),
            };
            if self.report.cancelled {
                return Ok(());
            }
            if let Err(e) = self.send(&sendable, true) {
                if is_transient(&e) {
                    return Err(self.defer(&batch, e));
                }
                return Err(e);
            }
        }
    }

    /// Uploads the bytes of the batch's documents and turns entries into their wire form;
    /// an entry that cannot travel (unknown kind, missing photo) is parked here.
    fn prepare(
        &mut self,
        batch: &[OutboxEntry],
        cancel: &AtomicBool,
    ) -> Result<Vec<wire::OutboxEntry>, SyncError> {
        let mut out = Vec::with_capacity(batch.len());
        for entry in batch {
            let wire_entry = match to_wire(entry, self.enrolment) {
                Ok(w) => w,
                Err(reason) => {
                    self.park(entry.entry_id, &reason)?;
                    continue;
                }
            };
            if wire_entry.entity == Entity::Document && wire_entry.op == Op::Upsert {
                if cancel.load(Ordering::SeqCst) {
                    self.report.cancelled = true;
                    return Ok(out);
                }
                match self.ensure_file(&wire_entry) {
                    Ok(()) => {}
                    Err(SyncError::Validation { code, message, .. }) => {
                        self.park(entry.entry_id, &format!("{code}: {message}"))?;
                        continue;
                    }
                    Err(SyncError::LocalFile(m)) => {
                        self.park(entry.entry_id, &format!("local_file: {m}"))?;
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            out.push(wire_entry);
        }
        Ok(out)
    }

    /// Makes sure the district holds the document's bytes: skipped when it has them,
    /// resumed from its offset when an earlier try was cut.
    fn ensure_file(&mut self, entry: &wire::OutboxEntry) -> Result<(), SyncError> {
        let sha = entry.payload["sha256"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let size = entry.payload["size"].as_u64().unwrap_or(0);
        let mime = entry.payload["mime"]
            .as_str()
            .unwrap_or("application/octet-stream")
            .to_string();
        let village = &self.enrolment.village;
        if let Some(status) = self.client.file_status(village, &sha)? {
            if status.complete {
                self.report.files_skipped += 1;
                self.prog.bytes_done += size;
                self.progress.update(self.prog);
                return Ok(());
            }
        }
        let bytes = match self.store.document_bytes(entry.entity_id) {
            Ok(b) => b,
            Err(StoreError::NotFound { .. }) => {
                return Err(SyncError::LocalFile(
                    "isi dokumen tidak ada di HP".to_string(),
                ))
            }
            Err(e) => return Err(local(e)),
        };
        let got = hex::encode(Sha256::digest(&bytes));
        if got != sha || bytes.len() as u64 != size {
            return Err(SyncError::LocalFile(format!(
                "isi dokumen tidak cocok dengan sidik SHA-256 {sha}"
            )));
        }
        let before = self.prog.bytes_done;
        let mut first_offset = None;
        let progress = self.progress;
        let prog = &mut *self.prog;
        let status = self.client.upload(
            village,
            &sha,
            size,
            &mime,
            &mut Cursor::new(&bytes),
            &mut |received, _| {
                first_offset.get_or_insert(received);
                prog.bytes_done = before + received;
                progress.update(prog);
            },
        )?;
        if !status.complete {
            return Err(SyncError::Protocol("unggahan belum lengkap".into()));
        }
        self.prog.bytes_done = before + size;
        self.report.files_uploaded += 1;
        self.report.bytes_uploaded += size - first_offset.unwrap_or(0).min(size);
        Ok(())
    }

    /// Sends entries and records the answers. A whole-batch refusal (4xx) is narrowed down
    /// by sending the entries one by one, so that only the guilty entry is parked; those
    /// single sends leave the audit chain out, so that it can never be what gets an entry
    /// parked.
    fn send(&mut self, entries: &[wire::OutboxEntry], with_audit: bool) -> Result<(), SyncError> {
        if entries.is_empty() {
            return Ok(());
        }
        let audit = if with_audit {
            Some(self.audit_upload()?)
        } else {
            None
        };
        let village = &self.enrolment.village;
        let answer = match self
            .client
            .push_batch_with_audit(village, entries, audit.as_ref())
        {
            Ok(a) => a,
            Err(SyncError::Validation { code, message, .. }) => {
                if entries.len() == 1 {
                    return self.park(entries[0].entry_id, &format!("{code}: {message}"));
                }
                for e in entries {
                    self.send(std::slice::from_ref(e), false)?;
                }
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if let Some(through) = answer.audit_acked {
            self.store.audit_ack(through).map_err(local)?;
        }
        self.report.final_upload |= answer.final_upload;
        let mut acked = Vec::with_capacity(entries.len());
        for result in answer.results {
            match result.outcome {
                EntryOutcome::Acked { duplicate, .. } => {
                    if duplicate {
                        self.report.duplicates += 1;
                    }
                    acked.push(result.entry_id);
                }
                EntryOutcome::Rejected { code, reason } => {
                    let code = serde_json::to_value(code)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    self.park(result.entry_id, &format!("{code}: {reason}"))?;
                }
            }
        }
        let n = self.store.outbox_ack(&acked, Utc::now()).map_err(local)?;
        self.report.acked += n;
        self.prog.entries_done += acked.len() as u64;
        self.progress.update(self.prog);
        Ok(())
    }

    /// The device's chain head and the audit entries the district has not acknowledged, as
    /// many as a batch has entries: changes and their entries come one for one, so the chain
    /// keeps pace with the outbox.
    fn audit_upload(&self) -> Result<AuditOut, SyncError> {
        let limit = self.options.batch_entries.max(1);
        Ok(AuditOut {
            head: self.store.audit_head().map_err(local)?,
            entries: self.store.audit_unacked_json(limit).map_err(local)?,
        })
    }

    /// Sends what is left of the audit chain once the outbox is empty (entries of changes
    /// whose outbox rows were parked, or a chain an older district never acknowledged), in
    /// batches with no outbox entries. It stops when a district does not acknowledge it (one
    /// that predates the audit trail) or refuses it: the chain stays for a later pass.
    fn send_audit(&mut self) -> Result<(), SyncError> {
        loop {
            let upload = self.audit_upload()?;
            let head = upload.head.as_ref().map_or(0, |h| h.seq);
            let acked = self.store.audit_acked().map_err(local)?;
            // A chain shorter than what the district acknowledged is reported even with
            // nothing new: that is the district's one sign of a cut tail.
            let last = match upload.entries.last() {
                Some(e) => e["seq"].as_i64().unwrap_or(0),
                None if head < acked => head,
                None => return Ok(()),
            };
            let answer =
                match self
                    .client
                    .push_batch_with_audit(&self.enrolment.village, &[], Some(&upload))
                {
                    Ok(a) => a,
                    Err(SyncError::Validation { .. }) => return Ok(()),
                    Err(e) => return Err(e),
                };
            let Some(through) = answer.audit_acked else {
                return Ok(());
            };
            self.store.audit_ack(through).map_err(local)?;
            if through < last || upload.entries.is_empty() {
                return Ok(());
            }
        }
    }

    fn park(&mut self, entry_id: Uuid, reason: &str) -> Result<(), SyncError> {
        self.store.outbox_park(entry_id, reason).map_err(local)?;
        self.report.parked += 1;
        self.prog.entries_done += 1;
        self.progress.update(self.prog);
        Ok(())
    }

    /// Puts the batch back with exponential backoff and jitter (so that a village of phones
    /// coming back into signal together does not hit the district at the same instant), and
    /// hands the error back.
    fn defer(&mut self, batch: &[OutboxEntry], error: SyncError) -> SyncError {
        let attempts = batch.iter().map(|e| e.attempts).max().unwrap_or(0);
        let next = Utc::now() + backoff(self.options, attempts);
        let ids: Vec<Uuid> = batch.iter().map(|e| e.entry_id).collect();
        match self.store.outbox_defer(&ids, &error.to_string(), next) {
            Ok(()) => {
                self.report.retry_at = Some(next);
                error
            }
            Err(e) => local(e),
        }
    }
}

/// `base · 2^attempts`, capped, times a random factor in [0.5, 1].
pub fn backoff(options: &SyncOptions, attempts: u32) -> Duration {
    let base = options.backoff_base.num_milliseconds().max(1);
    let cap = options.backoff_cap.num_milliseconds().max(base);
    let full = base.saturating_mul(1i64 << attempts.min(30)).min(cap);
    let jitter = rand::rng().random_range(0.5..=1.0);
    Duration::milliseconds((full as f64 * jitter) as i64)
}

fn to_wire(e: &OutboxEntry, enrolment: &Enrolment) -> Result<wire::OutboxEntry, String> {
    let entity = Entity::parse(&e.entity)
        .ok_or_else(|| format!("unknown_entity: jenis catatan {:?} tidak dikenal", e.entity))?;
    let op = match e.op.as_str() {
        "upsert" => Op::Upsert,
        "delete" => Op::Delete,
        other => return Err(format!("unknown_op: operasi {other:?} tidak dikenal")),
    };
    Ok(wire::OutboxEntry {
        entry_id: e.entry_id,
        seq: e.seq,
        entity,
        entity_id: e.entity_id,
        village_code: e
            .village_code
            .clone()
            .unwrap_or_else(|| enrolment.village.clone()),
        op,
        clock: e.clock,
        device_id: enrolment.device_id.clone(),
        author: e.author.clone(),
        recorded_at: e.recorded_at,
        payload: e.payload.clone(),
    })
}

/// Checks the village pack with the version the phone holds; a changed pack replaces the
/// village's registry extract, region list and rules. A delta is answered by fetching the
/// whole pack: the store's import replaces a village's extract as a unit, which keeps the
/// extract consistent with one published version.
fn pull_pack(store: &Store, client: &SyncClient, village: &str) -> Result<PackOutcome, SyncError> {
    let etag = store.setting(PACK_ETAG).map_err(local)?;
    let version = store
        .setting(PACK_VERSION)
        .map_err(local)?
        .and_then(|v| v.parse::<i64>().ok());
    let known = match (&etag, version) {
        (Some(e), Some(v)) => Some((e.as_str(), v)),
        _ => None,
    };
    let first = match client.pull_pack(village, known) {
        Err(SyncError::Validation { status: 404, .. }) => return Ok(PackOutcome::NotPublished),
        other => other?,
    };
    let (pack, etag) = match first {
        PackPull::Unchanged => return Ok(PackOutcome::Unchanged),
        PackPull::Changed { pack, etag } => match pack.body {
            PackBody::Full { .. } => (pack, etag),
            PackBody::Delta { .. } => match client.pull_pack(village, None)? {
                PackPull::Changed { pack, etag } => (pack, etag),
                PackPull::Unchanged => {
                    return Err(SyncError::Protocol("paket penuh tidak dikirim".into()))
                }
            },
        },
    };
    let PackBody::Full {
        region_list_csv,
        registry,
        rules,
    } = pack.body
    else {
        return Err(SyncError::Protocol(
            "paket penuh diminta, selisih diterima".into(),
        ));
    };
    if !registry.is_empty() {
        let mut lines = Vec::with_capacity(registry.len() * 256);
        for rec in &registry {
            serde_json::to_writer(&mut lines, rec).map_err(|e| SyncError::Local(e.to_string()))?;
            lines.push(b'\n');
        }
        store
            .import_registry(Cursor::new(lines), ExtractFormat::JsonLines)
            .map_err(|e| SyncError::Validation {
                status: 200,
                code: "bad_registry_extract".into(),
                message: e.to_string(),
            })?;
    }
    if let Some(csv) = region_list_csv {
        store.set_setting(PACK_REGIONS, &csv).map_err(local)?;
    }
    // The rule pack is installed and made active, so that eligibility works offline with
    // what the district published. A pack the store refuses (older than the installed one,
    // invalid) does not stop the sync: the phone keeps the pack it has and says why.
    let (mut rules_installed, mut rules_refused) = (None, None);
    if let Some(rules) = rules {
        match store.install_pack(&rules.to_string(), Utc::now()) {
            Ok((pack, _)) => {
                let meta = pack.meta();
                rules_installed = Some(format!("{} {}", meta.id, meta.version));
            }
            Err(e @ StoreError::Rules(_)) => {
                rules_refused = Some(e.message(crate::Lang::Id));
            }
            Err(e) => return Err(local(e)),
        }
    }
    // The version is recorded last: a pass cut before this point fetches the pack again.
    store.set_setting(PACK_ETAG, &etag).map_err(local)?;
    store
        .set_setting(PACK_VERSION, &pack.manifest.version.to_string())
        .map_err(local)?;
    Ok(PackOutcome::Updated {
        version: pack.manifest.version,
        registry_rows: registry.len() as u64,
        rules: rules_installed,
        rules_refused,
    })
}

/// Pulls the district's decisions since the stored cursor and records the latest one per
/// record in settings (`district_status.<entity>.<id>`). They are not written into the
/// records themselves: that would queue them back to the district as phone edits.
fn pull_status(store: &Store, client: &SyncClient, village: &str) -> Result<u64, SyncError> {
    let mut cursor = store
        .setting(STATUS_CURSOR)
        .map_err(local)?
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let mut n = 0;
    loop {
        let feed = client.pull_status(village, cursor)?;
        for change in &feed.changes {
            let key = format!(
                "{DISTRICT_STATUS_PREFIX}{}.{}",
                change.entity.as_str(),
                change.entity_id
            );
            let json =
                serde_json::to_string(change).map_err(|e| SyncError::Local(e.to_string()))?;
            store.set_setting(&key, &json).map_err(local)?;
            n += 1;
        }
        if feed.next_cursor > cursor {
            cursor = feed.next_cursor;
            store
                .set_setting(STATUS_CURSOR, &cursor.to_string())
                .map_err(local)?;
        }
        if !feed.more || feed.changes.is_empty() {
            return Ok(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_stops_at_the_cap() {
        let o = SyncOptions {
            backoff_base: Duration::seconds(2),
            backoff_cap: Duration::seconds(60),
            ..SyncOptions::default()
        };
        for attempts in 0..5 {
            let full = 2000i64 << attempts;
            let d = backoff(&o, attempts).num_milliseconds();
            assert!(d >= full / 2 && d <= full, "attempt {attempts}: {d} ms");
        }
        for attempts in [6, 20, 40, u32::MAX] {
            let d = backoff(&o, attempts).num_milliseconds();
            assert!((30_000..=60_000).contains(&d), "capped: {d} ms");
        }
    }
}
