//! `registry import` and `registry find`.

use puskesos_core::registry::RegistryRecord;
use puskesos_core::store::RegistryStatus;
use puskesos_core::Lang;
use serde::Serialize;

use super::Ctx;
use crate::app::{FindArgs, RegistryAction};
use crate::output::{print_json, CliError};

pub fn run(ctx: &Ctx, action: RegistryAction) -> Result<(), CliError> {
    match action {
        RegistryAction::Import { file } => import(ctx, &file),
        RegistryAction::Find(args) => find(ctx, args),
    }
}

fn import(ctx: &Ctx, file: &std::path::Path) -> Result<(), CliError> {
    let store = ctx.store()?;
    let summary = store.import_registry_file(file)?;
    if ctx.global.json {
        return print_json(&summary);
    }
    let lang = ctx.global.lang;
    println!(
        "{} {} {} {} {}, {} {}: {}",
        lang.pick("Diimpor", "Imported"),
        summary.people,
        lang.pick("jiwa dalam", "people in"),
        summary.families,
        lang.pick("keluarga", "families"),
        summary.villages.len(),
        lang.pick("desa, versi", "villages, version"),
        summary.versions.join(", ")
    );
    Ok(())
}

#[derive(Serialize)]
struct FoundOut {
    #[serde(flatten)]
    record: RegistryRecord,
    score: f64,
}

fn find(ctx: &Ctx, args: FindArgs) -> Result<(), CliError> {
    let store = ctx.store()?;
    let lang = ctx.global.lang;
    let found: Vec<FoundOut> = if let Some(nik) = &args.by.nik {
        let nik = puskesos_core::ident::normalize_number(nik);
        let status = store.registry_status(&nik)?;
        if ctx.global.json {
            let record = store.registry_by_nik(&nik)?;
            return print_json(&serde_json::json!({ "status": status, "record": record }));
        }
        print_status(&status, lang);
        store
            .registry_by_nik(&nik)?
            .into_iter()
            .map(|record| FoundOut { record, score: 1.0 })
            .collect()
    } else if let Some(kk) = &args.by.kk {
        let kk = puskesos_core::ident::normalize_number(kk);
        store
            .registry_by_kk(&kk)?
            .into_iter()
            .map(|record| FoundOut { record, score: 1.0 })
            .collect()
    } else if let Some(name) = &args.by.name {
        store
            .registry_search_name(name, args.village.as_deref(), args.limit)?
            .into_iter()
            .map(|m| FoundOut {
                record: m.record,
                score: m.score,
            })
            .collect()
    } else {
        Vec::new()
    };
    if ctx.global.json {
        return print_json(&found);
    }
    if found.is_empty() {
        println!(
            "{}",
            lang.pick(
                "Tidak ditemukan di data DTKS/DTSEN yang ada di perangkat.",
                "Not found in the registry extract on this device."
            )
        );
    }
    for f in &found {
        let r = &f.record;
        let desil = r
            .desil
            .map(|d| format!("desil {d}"))
            .unwrap_or_else(|| lang.pick("belum berdesil", "no desil").into());
        println!(
            "{}  {:<30} {} {}  KK {}  {}  RT {}/RW {}  [{}]",
            mask(&r.nik),
            r.name,
            r.sex.as_str(),
            r.birth_date,
            mask(&r.kk_number),
            desil,
            r.rt,
            r.rw,
            r.extract_version
        );
    }
    Ok(())
}

/// Screens at the desk are seen by the queue behind the citizen: numbers are masked.
fn mask(number: &str) -> String {
    if number.len() == 16 {
        format!("{}******{}", &number[..6], &number[12..])
    } else {
        number.to_string()
    }
}

fn print_status(status: &RegistryStatus, lang: Lang) {
    match status {
        RegistryStatus::Found {
            desil,
            extract_version,
            ..
        } => println!(
            "{} {} ({} {extract_version})",
            lang.pick("TERDAFTAR di DTKS/DTSEN,", "IN the registry (DTSEN),"),
            desil
                .map(|d| format!("desil {d}"))
                .unwrap_or_else(|| lang.pick("belum berdesil", "no desil").into()),
            lang.pick("data", "extract"),
        ),
        RegistryStatus::NotFound { searched_versions } => println!(
            "{} ({}: {})",
            lang.pick(
                "TIDAK TERDAFTAR di DTKS/DTSEN",
                "NOT in the registry (DTSEN)"
            ),
            lang.pick("data yang diperiksa", "extracts searched"),
            if searched_versions.is_empty() {
                lang.pick("belum ada", "none").to_string()
            } else {
                searched_versions.join(", ")
            }
        ),
    }
}
