//! `enrol`, `sync` and `outbox`: the desk's link with the district service.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use chrono::{Duration, Utc};
use puskesos_core::sync::drain::{backoff, is_transient, PackOutcome};
use puskesos_core::sync::{sync_once, Enrolment, SyncOptions, SyncProgress, SyncReport};
use serde::Serialize;

use super::Ctx;
use crate::app::{EnrolArgs, SyncArgs};
use crate::output::{print_json, CliError};

pub fn enrol(ctx: &Ctx, args: EnrolArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let e = Enrolment::enrol(
        &store,
        &args.url,
        &args.code,
        args.fingerprint.as_deref(),
        &args.label,
    )?;
    if ctx.global.json {
        return print_json(&e);
    }
    let lang = ctx.global.lang;
    println!(
        "{} {} ({}) · {} {} · {} {}",
        lang.pick("Terdaftar untuk desa", "Enrolled for village"),
        e.village,
        e.village_name,
        lang.pick("operator", "operator"),
        e.operator,
        lang.pick("perangkat", "device"),
        e.device_id
    );
    Ok(())
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// One progress line on stderr, rewritten in place.
fn show(p: &SyncProgress) {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\rsync: {}/{} entri · {:.1}/{:.1} MB   ",
        p.entries_done,
        p.entries_total,
        mb(p.bytes_done),
        mb(p.bytes_total)
    );
    let _ = err.flush();
}

fn print_report(ctx: &Ctx, r: &SyncReport) -> Result<(), CliError> {
    eprintln!();
    if ctx.global.json {
        return print_json(r);
    }
    let lang = ctx.global.lang;
    println!(
        "{}: {} · {}: {} · {}: {} · {}: {} ({} {}) · {}: {}",
        lang.pick("terkirim", "acknowledged"),
        r.acked,
        lang.pick("ditahan", "parked"),
        r.parked,
        lang.pick("berkas", "files"),
        r.files_uploaded,
        lang.pick("sudah ada", "already there"),
        r.files_skipped,
        r.bytes_uploaded,
        lang.pick("bita", "bytes"),
        lang.pick("menunggu", "pending"),
        r.pending
    );
    match &r.pack {
        PackOutcome::Updated {
            version,
            registry_rows,
            rules,
            rules_refused,
        } => {
            println!(
                "{} {version} ({registry_rows} {})",
                lang.pick(
                    "paket desa diperbarui: versi",
                    "village pack updated: version"
                ),
                lang.pick("baris DTKS", "registry rows")
            );
            if let Some(r) = rules {
                println!(
                    "{} {r}",
                    lang.pick("paket aturan terpasang:", "rule pack installed:")
                );
            }
            if let Some(why) = rules_refused {
                println!(
                    "{} {why}",
                    lang.pick(
                        "paket aturan dari dinas tidak dipasang:",
                        "the district's rule pack was not installed:"
                    )
                );
            }
        }
        PackOutcome::Unchanged => println!(
            "{}",
            lang.pick("paket desa tidak berubah", "village pack unchanged")
        ),
        PackOutcome::NotPublished => println!(
            "{}",
            lang.pick(
                "paket desa belum diterbitkan dinas",
                "the district has not published a village pack yet"
            )
        ),
        PackOutcome::NotChecked => {}
    }
    if r.status_changes > 0 {
        println!(
            "{}: {}",
            lang.pick(
                "perubahan status dari dinas",
                "status changes from the district"
            ),
            r.status_changes
        );
    }
    if let Some(t) = r.retry_at {
        println!(
            "{} {}",
            lang.pick("dicoba lagi setelah", "retrying after"),
            t.to_rfc3339()
        );
    }
    Ok(())
}

pub fn sync(ctx: &Ctx, args: SyncArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let enrolment = Enrolment::require(&store)?;
    let mut client = enrolment.client()?;
    if let Some(ms) = args.timeout_ms {
        client = client.with_stall_timeout(std::time::Duration::from_millis(ms))?;
    }
    if let Some(kb) = args.chunk_kb {
        client = client.with_chunk_bytes(kb.saturating_mul(1024));
    }
    // Someone typed the command: the first pass sends at once what an earlier failure left
    // waiting; the retries of this run then keep to their backoff.
    let mut options = SyncOptions {
        batch_entries: args.batch.max(1),
        backoff_base: Duration::milliseconds(args.backoff_ms.max(1) as i64),
        send_now: true,
        ..SyncOptions::default()
    };
    let cancel = AtomicBool::new(false);
    let mut failures = 0u32;
    loop {
        let pass = sync_once(&store, &client, &enrolment, &options, &show, &cancel);
        options.send_now = false;
        match pass {
            Ok(report) => {
                let waiting = report.retry_at.filter(|_| !report.is_drained());
                match waiting {
                    Some(t) if !args.once => {
                        if report.acked > 0 {
                            failures = 0;
                        }
                        sleep_until(t);
                    }
                    _ => return print_report(ctx, &report),
                }
            }
            Err(e) if is_transient(&e) && !args.once => {
                failures += 1;
                eprintln!("\n{}", e.message(ctx.global.lang));
                if failures >= args.max_failures {
                    return Err(e.into());
                }
                match store.outbox_deferred_until(Utc::now())? {
                    Some(t) => sleep_until(t),
                    // The failure came after the outbox was drained (pack or status pull).
                    None => sleep_until(Utc::now() + backoff(&options, failures)),
                }
            }
            Err(e) => {
                eprintln!();
                return Err(e.into());
            }
        }
    }
}

fn sleep_until(t: chrono::DateTime<Utc>) {
    if let Ok(d) = (t - Utc::now()).to_std() {
        std::thread::sleep(d);
    }
}

#[derive(Serialize)]
struct OutboxView {
    pending: u64,
    acked: u64,
    parked: u64,
    enrolment: Option<Enrolment>,
    parked_entries: Vec<ParkedView>,
}

#[derive(Serialize)]
struct ParkedView {
    seq: i64,
    entry_id: String,
    entity: String,
    entity_id: String,
    attempts: u32,
    reason: String,
}

pub fn outbox(ctx: &Ctx) -> Result<(), CliError> {
    let store = ctx.store()?;
    let counts = store.outbox_counts()?;
    let parked = store.outbox_parked()?;
    let view = OutboxView {
        pending: counts.pending,
        acked: counts.acked,
        parked: counts.parked,
        enrolment: Enrolment::load(&store)?,
        parked_entries: parked
            .into_iter()
            .map(|e| ParkedView {
                seq: e.seq,
                entry_id: e.entry_id.to_string(),
                entity: e.entity,
                entity_id: e.entity_id.to_string(),
                attempts: e.attempts,
                reason: e.last_error.unwrap_or_default(),
            })
            .collect(),
    };
    if ctx.global.json {
        return print_json(&view);
    }
    let lang = ctx.global.lang;
    println!(
        "{}: {}  {}: {}  {}: {}",
        lang.pick("menunggu", "pending"),
        view.pending,
        lang.pick("terkirim", "acked"),
        view.acked,
        lang.pick("ditahan", "parked"),
        view.parked
    );
    for p in &view.parked_entries {
        println!("#{} {} {} — {}", p.seq, p.entity, p.entity_id, p.reason);
    }
    Ok(())
}

/// `puskesos audit`: the store's audit chain checked; a broken chain is reported, not an
/// error of the command (the district flags it too).
pub fn audit(ctx: &Ctx) -> Result<(), CliError> {
    let report = ctx.store()?.verify_audit()?;
    if ctx.global.json {
        return print_json(&report);
    }
    let lang = ctx.global.lang;
    println!(
        "{}: {} {}, {} {}",
        lang.pick("Jejak audit", "Audit trail"),
        report.entries,
        lang.pick("entri", "entries"),
        lang.pick("diterima dinas s.d. no.", "held by the district up to no."),
        report.acked
    );
    if report.is_intact() {
        println!("{}", lang.pick("Rantai utuh.", "The chain is intact."));
    }
    for b in &report.breaks {
        println!("⚠ {}", b.describe(lang));
    }
    Ok(())
}
