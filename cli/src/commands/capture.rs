//! `scan`, `photo normalize`, `doc add` and `doc list`, and the KK QR read from a photo.

use std::path::{Path, PathBuf};

use puskesos_core::capture::{
    self, Interpretation, NormalizedPhoto, PayloadKind, PhotoOptions, Symbol,
};
use puskesos_core::model::{Document, DocumentKind};
use puskesos_core::Lang;
use serde::Serialize;

use super::Ctx;
use crate::app::{DocAction, PhotoAction};
use crate::output::{print_json, CliError};

fn read(lang: Lang, path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|e| {
        CliError::Invalid(format!(
            "{} {}: {e}",
            lang.pick("Tidak bisa membaca", "Cannot read"),
            path.display()
        ))
    })
}

fn kind(lang: Lang, code: &str) -> Result<DocumentKind, CliError> {
    DocumentKind::parse(code).ok_or_else(|| {
        CliError::Invalid(format!(
            "{} {code:?}; {} {}",
            lang.pick("Jenis dokumen tidak dikenal", "Unknown document kind"),
            lang.pick("pilihan:", "choose from:"),
            DocumentKind::codes()
        ))
    })
}

fn normalize(lang: Lang, path: &Path, kind: DocumentKind) -> Result<NormalizedPhoto, CliError> {
    Ok(capture::normalize(
        &read(lang, path)?,
        &PhotoOptions::for_kind(kind),
    )?)
}

fn print_checks(photo: &NormalizedPhoto, lang: Lang) {
    println!(
        "  {} × {} px, {} KB, JPEG q{}{}",
        photo.width,
        photo.height,
        photo.size / 1024,
        photo.quality,
        if photo.budget_met {
            String::new()
        } else {
            lang.pick(" (melebihi batas ukuran)", " (over the size budget)")
                .into()
        }
    );
    for check in &photo.checks {
        let mark = if check.passed() { "ok" } else { "ULANGI" };
        println!("  [{mark}] {}", check.message(lang));
    }
}

#[derive(Serialize)]
struct ScanOut {
    file: PathBuf,
    symbols: Vec<ScannedSymbol>,
}

#[derive(Serialize)]
struct ScannedSymbol {
    #[serde(flatten)]
    symbol: Symbol,
    interpretation: Interpretation,
}

/// The text of the KK verification QR in a photo of a KK, or an error that says what the
/// photo held instead.
pub fn kk_qr_in_photo(ctx: &Ctx, file: &Path) -> Result<String, CliError> {
    let lang = ctx.global.lang;
    let today = ctx.now.date_naive();
    let symbols = capture::decode_image(&read(lang, file)?)?;
    let found = symbols.len();
    symbols
        .into_iter()
        .find(|s| capture::interpret(&s.text, today).kind == PayloadKind::KkVerificationLink)
        .map(|s| s.text)
        .ok_or_else(|| {
            CliError::Invalid(format!(
                "{}: {} {found}",
                file.display(),
                lang.pick(
                    "tidak ada QR KK di foto ini; kode lain yang terbaca:",
                    "no KK QR in this photo; other codes read:"
                ),
            ))
        })
}

pub fn scan(ctx: &Ctx, images: &[PathBuf]) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let today = ctx.now.date_naive();
    let mut all = Vec::new();
    for file in images {
        let symbols = capture::decode_image(&read(lang, file)?)?;
        let symbols = symbols
            .into_iter()
            .map(|symbol| ScannedSymbol {
                interpretation: capture::interpret(&symbol.text, today),
                symbol,
            })
            .collect();
        all.push(ScanOut {
            file: file.clone(),
            symbols,
        });
    }
    if ctx.global.json {
        return print_json(&all);
    }
    for out in &all {
        println!("{}", out.file.display());
        if out.symbols.is_empty() {
            println!("  {}", lang.pick("tidak ada kode terbaca", "no code read"));
        }
        for s in &out.symbols {
            println!(
                "  {} [{:?}] {}",
                s.symbol.format.as_str(),
                s.interpretation.kind,
                s.symbol.text
            );
            for c in &s.interpretation.candidates {
                println!(
                    "    {} {}: {}",
                    format!("{:?}", c.kind).to_uppercase(),
                    c.number,
                    c.reason(lang)
                );
            }
        }
    }
    Ok(())
}

pub fn photo(ctx: &Ctx, action: PhotoAction) -> Result<(), CliError> {
    let PhotoAction::Normalize {
        input,
        output,
        kind: code,
    } = action;
    let lang = ctx.global.lang;
    let photo = normalize(lang, &input, kind(lang, &code)?)?;
    std::fs::write(&output, &photo.bytes).map_err(|e| {
        CliError::Invalid(format!(
            "{} {}: {e}",
            lang.pick("Tidak bisa menulis", "Cannot write"),
            output.display()
        ))
    })?;
    if ctx.global.json {
        return print_json(&photo);
    }
    println!("{} → {}", input.display(), output.display());
    print_checks(&photo, lang);
    Ok(())
}

pub fn doc(ctx: &Ctx, action: DocAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    match action {
        DocAction::Add {
            household,
            kind: code,
            image,
        } => {
            let household = ctx.id(&household)?;
            store.household(household)?;
            let kind = kind(lang, &code)?;
            let photo = normalize(lang, &image, kind)?;
            let doc = Document::new(
                household,
                kind,
                &photo.content_hash,
                photo.size,
                "image/jpeg",
                &ctx.global.operator,
                ctx.now,
            )?;
            let saved = store.save_document(&doc, &photo.bytes)?;
            if ctx.global.json {
                return print_json(&serde_json::json!({ "document": saved, "photo": photo }));
            }
            println!("{}", saved.meta.id);
            if saved.meta.id != doc.meta.id {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Foto yang sama sudah tersimpan untuk rumah tangga ini.",
                        "The same photo is already stored for this household."
                    )
                );
            }
            print_checks(&photo, lang);
            Ok(())
        }
        DocAction::List { household } => {
            let household = ctx.id(&household)?;
            store.household(household)?;
            let docs = store.documents_of(household)?;
            let present: Vec<DocumentKind> = docs.iter().map(|d| d.kind).collect();
            let missing = DocumentKind::missing(&present);
            if ctx.global.json {
                return print_json(&serde_json::json!({ "documents": docs, "missing": missing }));
            }
            for d in &docs {
                println!(
                    "{}  {:<24} {:>6} KB  {}",
                    d.meta.id,
                    d.kind.label(lang),
                    d.size / 1024,
                    &d.sha256[..12]
                );
            }
            if missing.is_empty() {
                println!(
                    "{}",
                    lang.pick("Foto DTKS lengkap.", "Registry photo set complete.")
                );
            } else {
                let names: Vec<&str> = missing.iter().map(|k| k.label(lang)).collect();
                println!(
                    "{} {}",
                    lang.pick("Belum ada foto:", "Photos still missing:"),
                    names.join(", ")
                );
            }
            Ok(())
        }
    }
}
