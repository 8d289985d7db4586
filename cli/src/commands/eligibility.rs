//! `rules install|show` and `eligibility`: which programmes a household qualifies for, why,
//! and what to ask next, with the rule pack installed on this desk.

use clap::{Args, Subcommand};
use puskesos_core::model::Person;
use puskesos_core::rules::{
    evaluate, explain, explain_score, question, verdicts, welfare_score, FactId, MissingFact,
    RegistryFacts, RulePack, Truth, Verdict,
};
use puskesos_core::store::{EvaluationRecord, InstallOutcome, Store, StoreError};
use puskesos_core::Lang;
use serde::Serialize;

use super::Ctx;
use crate::output::{print_json, CliError};

#[derive(Subcommand)]
pub enum RulesAction {
    /// Install a rule pack (JSON) from the district; an older version is refused.
    Install { pack: std::path::PathBuf },
    /// The active pack, its programmes, and every installed version.
    Show,
}

#[derive(Args)]
pub struct EligibilityArgs {
    /// The household to check; the result is saved and queued for the district.
    #[arg(required_unless_present = "village", conflicts_with = "village")]
    pub household: Option<String>,
    /// Count verdicts over the households of this village (10-digit code); saves nothing.
    #[arg(long, requires = "summary")]
    pub village: Option<String>,
    /// With --village: counts per programme and verdict.
    #[arg(long, requires = "village")]
    pub summary: bool,
}

/// The active pack, or an error that says how to install one.
fn active_pack(store: &Store, lang: Lang) -> Result<RulePack, CliError> {
    match store.require_active_pack() {
        Err(StoreError::NoActivePack) => Err(CliError::invalid(
            lang,
            "Belum ada paket aturan yang terpasang. Jalankan dulu: puskesos rules install PAKET.json",
            "No rule pack is installed. First run: puskesos rules install PACK.json",
        )),
        other => Ok(other?),
    }
}

pub fn rules(ctx: &Ctx, action: RulesAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    match action {
        RulesAction::Install { pack } => {
            let text = std::fs::read_to_string(&pack).map_err(|e| {
                CliError::Invalid(format!(
                    "{} {}: {e}",
                    lang.pick("Tidak dapat membaca paket", "Cannot read the pack"),
                    pack.display()
                ))
            })?;
            let (pack, outcome) = store.install_pack(&text, ctx.now)?;
            let meta = pack.meta();
            if ctx.global.json {
                return print_json(&serde_json::json!({ "installed": meta, "result": outcome }));
            }
            let what = match &outcome {
                InstallOutcome::Installed => lang.pick("terpasang", "installed").to_string(),
                InstallOutcome::Upgraded { previous } => match lang {
                    Lang::Id => format!("terpasang, menggantikan versi {previous}"),
                    Lang::En => format!("installed, replacing version {previous}"),
                },
                InstallOutcome::AlreadyInstalled => lang
                    .pick(
                        "sudah terpasang; dipakai sebagai paket aktif",
                        "already installed; now the active pack",
                    )
                    .to_string(),
            };
            println!(
                "{} {} {} {}: {what}",
                lang.pick("Paket", "Pack"),
                meta.id,
                lang.pick("versi", "version"),
                meta.version
            );
            if meta.example {
                eprintln!(
                    "{}",
                    lang.pick(
                        "Peringatan: ini paket CONTOH; dinas sosial kabupaten/kota menggantinya dengan paket resmi.",
                        "Warning: this is an EXAMPLE pack; the district social service replaces it with its own."
                    )
                );
            }
            Ok(())
        }
        RulesAction::Show => {
            let pack = active_pack(&store, lang)?;
            let installed = store.installed_packs()?;
            if ctx.global.json {
                return print_json(&serde_json::json!({
                    "active": pack.meta(),
                    "programmes": pack.programmes(),
                    "welfare_score_illustrative": pack.welfare_score_is_illustrative(),
                    "installed": installed,
                }));
            }
            let meta = pack.meta();
            println!(
                "{} — {} {} ({} {})",
                meta.id,
                meta.title.pick(lang),
                meta.version,
                lang.pick("berlaku mulai", "effective"),
                meta.effective_from
            );
            if meta.example {
                println!(
                    "  {}",
                    lang.pick(
                        "CONTOH — ganti dengan paket dinas sosial",
                        "EXAMPLE — replace with the district's pack"
                    )
                );
            }
            for p in pack.programmes() {
                println!(
                    "  {:<8} {:<60} [{}]",
                    p.id,
                    p.name.pick(lang),
                    p.sector.label(lang)
                );
            }
            if let Some(illustrative) = pack.welfare_score_is_illustrative() {
                println!(
                    "  {}{}",
                    lang.pick("Skor kesejahteraan indikatif", "Indicative welfare score"),
                    if illustrative {
                        lang.pick(" (bobot ilustratif)", " (illustrative weights)")
                    } else {
                        ""
                    }
                );
            }
            println!("{}:", lang.pick("Terpasang", "Installed"));
            for p in &installed {
                println!(
                    "  {} {}{}  {}",
                    p.meta.id,
                    p.meta.version,
                    if p.active { " *" } else { "" },
                    p.installed_at
                );
            }
            Ok(())
        }
    }
}

pub fn eligibility(ctx: &Ctx, args: EligibilityArgs) -> Result<(), CliError> {
    match (args.household, args.village) {
        (Some(id), _) => household(ctx, &id),
        (None, Some(village)) => summary(ctx, &village),
        (None, None) => Err(CliError::invalid(
            ctx.global.lang,
            "Sebutkan id rumah tangga, atau --village KODE --summary.",
            "Give a household id, or --village CODE --summary.",
        )),
    }
}

/// The command that records the answer to a question, for the operator.
fn how_to_answer(fact: FactId, person: Option<&Person>, household: &str) -> Option<String> {
    let name = fact.name();
    if let Some(field) = name.strip_prefix("member.") {
        let flag = match field {
            "occupation" => "work-field".to_string(),
            "age" | "sex" | "relationship" => return None,
            f => f.replace('_', "-"),
        };
        return person.map(|p| format!("puskesos person update {} --{flag} …", p.meta.id));
    }
    let flag = match name {
        "household.registry.status" | "household.registry.desil" => {
            return Some("puskesos registry import EXTRACT".into())
        }
        "household.members" => {
            return Some(format!("puskesos person add --household {household} …"))
        }
        "household.programmes_received" => {
            return Some(format!(
                "puskesos household circumstances {household} --receives …"
            ))
        }
        "household.lost_livelihood" => {
            return Some(format!(
                "puskesos household circumstances {household} --lost-livelihood …"
            ))
        }
        "household.housing.floor_material" => "floor".to_string(),
        "household.housing.wall_material" => "wall".to_string(),
        "household.housing.roof_material" => "roof".to_string(),
        "household.housing.floor_area_m2" => "area".to_string(),
        "household.housing.drinking_water" => "water".to_string(),
        "household.housing.electricity_va" => "va".to_string(),
        "household.housing.cooking_fuel" => "fuel".to_string(),
        other => match (
            other.strip_prefix("household.housing."),
            other.strip_prefix("household.assets."),
        ) {
            (Some(f), _) => f.replace('_', "-"),
            (_, Some(asset)) => format!("asset {asset}=yes|no"),
            _ => return None,
        },
    };
    Some(format!("puskesos household housing {household} --{flag} …"))
}

fn mark(t: Truth) -> &'static str {
    match t {
        Truth::True => "✓",
        Truth::False => "✗",
        Truth::Unknown => "?",
    }
}

fn household(ctx: &Ctx, id: &str) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let pack = active_pack(&store, lang)?;
    let (h, members, facts) = store.household_facts(ctx.id(id)?)?;
    let day = ctx.now.date_naive();
    let evaluation = evaluate(&pack, &facts, day);
    // Households outside the registry get the indicative score, to rank proposals.
    let score = match (&facts.registry, pack.has_welfare_score()) {
        (RegistryFacts::Found { .. }, _) | (_, false) => None,
        _ => Some(welfare_score(&pack, &facts, day).map_err(StoreError::from)?),
    };
    let record = EvaluationRecord::new(h.meta.id, evaluation, score, &ctx.global.operator, ctx.now);
    store.save_evaluation(&record)?;
    let text = explain(&pack, &record.evaluation, lang).map_err(StoreError::from)?;
    let hid = h.meta.id.to_string();
    let questions: Vec<Question> = record
        .evaluation
        .ask_next
        .iter()
        .map(|q| {
            let person = q.member.and_then(|i| members.get(i as usize));
            Question {
                question: question(
                    &MissingFact {
                        fact: q.fact,
                        member: q.member,
                    },
                    lang,
                ),
                fact: q.fact,
                person_id: person.map(|p| p.meta.id.to_string()),
                person_name: person.map(|p| p.name.as_str().to_string()),
                programmes: q.programmes.clone(),
                answer_with: how_to_answer(q.fact, person, &hid),
            }
        })
        .collect();
    let score_text = record
        .welfare_score
        .as_ref()
        .map(|s| explain_score(s, lang, 3));
    if ctx.global.json {
        return print_json(&serde_json::json!({
            "evaluation_id": record.id,
            "household_id": h.meta.id,
            "registry": facts.registry,
            "evaluation": record.evaluation,
            "explanation": text,
            "ask_next": questions,
            "welfare_score": record.welfare_score,
            "welfare_score_text": score_text,
        }));
    }
    println!(
        "{} {} — {}",
        lang.pick("Rumah tangga", "Household"),
        h.meta.id,
        h.head_name
    );
    println!("{}", text.pack);
    println!("DTKS/DTSEN: {}", registry_line(&facts.registry, lang));
    for p in &text.programmes {
        let tag = match p.verdict {
            Verdict::Eligible => lang.pick("LAYAK", "ELIGIBLE"),
            Verdict::NotEligible => lang.pick("TIDAK LAYAK", "NOT ELIGIBLE"),
            Verdict::NeedsData => lang.pick("PERLU DATA", "NEEDS DATA"),
        };
        println!();
        println!("[{tag}] {}", p.summary);
        for r in &p.reasons {
            println!(
                "  {}{} {}",
                "  ".repeat(r.depth as usize),
                mark(r.truth),
                r.sentence
            );
        }
    }
    if !questions.is_empty() {
        println!();
        println!("{}:", lang.pick("Tanyakan berikutnya", "Ask next"));
        for (n, q) in questions.iter().enumerate() {
            let who = q
                .person_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            println!(
                "  {}. {}{who} — {} {}",
                n + 1,
                q.question,
                lang.pick("menentukan", "decides"),
                q.programmes.join(", ")
            );
            if let Some(cmd) = &q.answer_with {
                println!("     {cmd}");
            }
        }
    }
    if let Some(lines) = &score_text {
        println!();
        for l in lines {
            println!("{l}");
        }
    }
    println!();
    println!(
        "{} {}",
        lang.pick("Hasil tersimpan:", "Result saved:"),
        record.id
    );
    Ok(())
}

#[derive(Serialize)]
struct Question {
    question: String,
    fact: FactId,
    person_id: Option<String>,
    person_name: Option<String>,
    programmes: Vec<String>,
    answer_with: Option<String>,
}

fn registry_line(r: &RegistryFacts, lang: Lang) -> String {
    match r {
        RegistryFacts::Unknown => lang
            .pick(
                "belum diketahui (tidak ada data DTKS desa ini di perangkat)",
                "unknown (no registry extract for this village on this device)",
            )
            .into(),
        RegistryFacts::NotFound { extract_version } => match lang {
            Lang::Id => format!("tidak terdaftar (data {extract_version})"),
            Lang::En => format!("not registered (extract {extract_version})"),
        },
        RegistryFacts::Found {
            desil,
            extract_version,
        } => {
            let d = desil
                .map(|d| format!("desil {d}"))
                .unwrap_or_else(|| lang.pick("belum berdesil", "no desil").into());
            format!(
                "{} {d} ({extract_version})",
                lang.pick("terdaftar", "registered")
            )
        }
    }
}

#[derive(Serialize, Default)]
struct Count {
    programme_id: String,
    name: String,
    eligible: u32,
    not_eligible: u32,
    needs_data: u32,
}

fn summary(ctx: &Ctx, village: &str) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let pack = active_pack(&store, lang)?;
    let day = ctx.now.date_naive();
    let mut counts: Vec<Count> = pack
        .programmes()
        .into_iter()
        .map(|p| Count {
            programme_id: p.id,
            name: p.name.pick(lang).to_string(),
            ..Default::default()
        })
        .collect();
    let households = store.households(Some(village))?;
    for h in &households {
        let (_, _, facts) = store.household_facts(h.meta.id)?;
        for (c, v) in counts.iter_mut().zip(verdicts(&pack, &facts, day)) {
            match v {
                Verdict::Eligible => c.eligible += 1,
                Verdict::NotEligible => c.not_eligible += 1,
                Verdict::NeedsData => c.needs_data += 1,
            }
        }
    }
    if ctx.global.json {
        return print_json(&serde_json::json!({
            "village_code": village,
            "pack_id": pack.meta().id,
            "pack_version": pack.meta().version,
            "households": households.len(),
            "programmes": counts,
        }));
    }
    println!(
        "{} {village}: {} {} — {} {} {}",
        lang.pick("Desa", "Village"),
        households.len(),
        lang.pick("rumah tangga", "households"),
        lang.pick("paket", "pack"),
        pack.meta().id,
        pack.meta().version
    );
    println!(
        "  {:<8} {:>8} {:>12} {:>11}",
        lang.pick("program", "programme"),
        lang.pick("layak", "eligible"),
        lang.pick("tidak layak", "not eligible"),
        lang.pick("perlu data", "needs data")
    );
    for c in &counts {
        println!(
            "  {:<8} {:>8} {:>12} {:>11}",
            c.programme_id, c.eligible, c.not_eligible, c.needs_data
        );
    }
    Ok(())
}
