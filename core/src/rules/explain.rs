//! Verdicts and their reasons as sentences for the pillar (Bahasa Indonesia) and for district
//! IT staff (English), rendered from a result and the pack that made it.
//!
//! Results store structure, not text: sentences are made on demand, so a stored result stays
//! small and can be shown in either language, and an old result is explained with the pack
//! version that made it (kept in the store).

use serde::{Deserialize, Serialize};

use super::catalog::{FactId, FactType};
use super::codes::label_of;
use super::error::RulesError;
use super::eval::{
    HouseholdEvaluation, MissingFact, Observed, ProgrammeResult, Reason, Truth, Verdict,
};
use super::pack::{Const, Node, Quantifier, RulePack, Sector, Test};
use crate::Lang;

/// One criterion's outcome as a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainedReason {
    /// Where the criterion is in the pack (`programmes[0].criteria.all[1]`).
    pub path: String,
    /// Nesting under the programme's root criterion (0), for indentation.
    pub depth: u32,
    pub truth: Truth,
    pub sentence: String,
    /// The regulation the criterion comes from, as the pack cites it.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeExplanation {
    pub programme_id: String,
    pub name: String,
    pub sector: Sector,
    pub verdict: Verdict,
    /// One sentence: the verdict and its main reason.
    pub summary: String,
    pub reasons: Vec<ExplainedReason>,
    /// The facts to collect, as questions, most decisive first.
    pub ask: Vec<String>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdExplanation {
    /// "Paket aturan … versi …", marked when it is the shipped example.
    pub pack: String,
    pub programmes: Vec<ProgrammeExplanation>,
    /// Questions across all programmes, those that decide the most programmes first.
    pub ask_next: Vec<String>,
}

/// Explains every verdict of `evaluation` in `lang`. `pack` must be the pack that made it.
pub fn explain(
    pack: &RulePack,
    evaluation: &HouseholdEvaluation,
    lang: Lang,
) -> Result<HouseholdExplanation, RulesError> {
    let meta = &pack.meta;
    if evaluation.pack_id != meta.id
        || evaluation.pack_version != meta.version
        || evaluation.pack_digest != meta.digest
    {
        return Err(RulesError::PackMismatch {
            expected: format!("{}@{}", meta.id, meta.version),
            found: format!("{}@{}", evaluation.pack_id, evaluation.pack_version),
        });
    }
    let programmes = evaluation
        .results
        .iter()
        .map(|r| explain_programme(pack, r, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let mut title = format!(
        "{} {} {} {}",
        lang.pick("Paket aturan", "Rule pack"),
        meta.title.pick(lang),
        lang.pick("versi", "version"),
        meta.version
    );
    if meta.example {
        title.push_str(lang.pick(
            " (CONTOH — ganti dengan paket dinas sosial kabupaten/kota)",
            " (EXAMPLE — replace with the district social service's pack)",
        ));
    }
    Ok(HouseholdExplanation {
        pack: title,
        programmes,
        ask_next: evaluation
            .ask_next
            .iter()
            .map(|q| {
                question(
                    &MissingFact {
                        fact: q.fact,
                        member: q.member,
                    },
                    lang,
                )
            })
            .collect(),
    })
}

fn mismatch(pack: &RulePack, what: &str) -> RulesError {
    RulesError::PackMismatch {
        expected: format!("{}@{}", pack.meta.id, pack.meta.version),
        found: what.to_string(),
    }
}

/// Explains one programme's result.
pub fn explain_programme(
    pack: &RulePack,
    result: &ProgrammeResult,
    lang: Lang,
) -> Result<ProgrammeExplanation, RulesError> {
    let programme = pack
        .programmes
        .iter()
        .find(|p| p.info.id == result.programme_id)
        .ok_or_else(|| mismatch(pack, &result.programme_id))?;
    if result
        .reasons
        .iter()
        .any(|r| r.node as usize >= pack.nodes.len())
    {
        return Err(mismatch(pack, &result.programme_id));
    }
    let reasons = result
        .reasons
        .iter()
        .map(|r| {
            let def = pack.node(r.node);
            ExplainedReason {
                path: def.path.clone(),
                depth: u32::from(def.depth),
                truth: r.truth,
                sentence: sentence(pack, r, lang),
                source: def.source.clone(),
            }
        })
        .collect();
    let name = programme.info.name.pick(lang).to_string();
    let ask: Vec<String> = result.missing.iter().map(|m| question(m, lang)).collect();
    let summary = match result.verdict {
        Verdict::Eligible => format!("{name}: {}.", lang.pick("memenuhi syarat", "eligible")),
        Verdict::NotEligible => {
            let causes: Vec<String> = causes(pack, &result.reasons, 0)
                .into_iter()
                .map(|r| describe(pack, r.node, lang))
                .collect();
            format!(
                "{name}: {} — {}.",
                lang.pick("tidak memenuhi syarat", "not eligible"),
                causes.join("; ")
            )
        }
        Verdict::NeedsData => format!(
            "{name}: {} {}.",
            lang.pick(
                "belum dapat diputuskan; perlu data:",
                "cannot be decided yet; needs:"
            ),
            ask.join(", ")
        ),
    };
    Ok(ProgrammeExplanation {
        programme_id: programme.info.id.clone(),
        name,
        sector: programme.info.sector,
        verdict: result.verdict,
        summary,
        reasons,
        ask,
        source: programme.info.source.clone(),
    })
}

/// The failed criteria that make a programme fail: under a failed "all", its failed parts
/// (recursively); otherwise the failed node itself.
fn causes<'r>(pack: &RulePack, reasons: &'r [Reason], at: usize) -> Vec<&'r Reason> {
    let Some(r) = reasons.get(at) else {
        return Vec::new();
    };
    let def = pack.node(r.node);
    match &def.node {
        Node::All(_) if def.label.is_none() && r.truth == Truth::False => {
            // Children follow in pre-order; a direct child has depth + 1.
            let mut out = Vec::new();
            let mut i = at + 1;
            while let Some(c) = reasons.get(i) {
                let cdef = pack.node(c.node);
                if cdef.depth <= def.depth {
                    break;
                }
                if cdef.depth == def.depth + 1 && c.truth == Truth::False {
                    out.extend(causes(pack, reasons, i));
                }
                i += 1;
            }
            out
        }
        _ => vec![r],
    }
}

/// A fact to collect, as a short question label: "status bersekolah anggota ke-2".
pub fn question(missing: &MissingFact, lang: Lang) -> String {
    let label = missing.fact.label(lang);
    match (missing.member, lang) {
        (Some(i), Lang::Id) => format!("{label} anggota ke-{}", i + 1),
        (Some(i), Lang::En) => format!("{label} of member {}", i + 1),
        (None, _) => label.to_string(),
    }
}

/// One reason as a sentence: what the criterion asks, whether it is met, and what was
/// recorded. `reason.node` must be in `pack` (checked by `explain_programme`).
pub(crate) fn sentence(pack: &RulePack, reason: &Reason, lang: Lang) -> String {
    let what = describe(pack, reason.node, lang);
    let status = match reason.truth {
        Truth::True => lang.pick("terpenuhi", "met"),
        Truth::False => lang.pick("tidak terpenuhi", "not met"),
        Truth::Unknown => lang.pick("belum dapat diputuskan", "undecided"),
    };
    let fact = match &pack.node(reason.node).node {
        Node::Test { fact, .. } => Some(*fact),
        _ => None,
    };
    let seen = observed(pack, &reason.observed, fact, lang);
    format!("{what}: {status}{seen}.")
}

fn observed(pack: &RulePack, o: &Observed, fact: Option<FactId>, lang: Lang) -> String {
    let recorded = lang.pick("tercatat", "recorded");
    match o {
        Observed::Composite => String::new(),
        Observed::Unknown { ask } => format!(
            " ({}: {})",
            lang.pick("data belum ada", "missing"),
            ask.label(lang)
        ),
        Observed::Absent => format!(" ({recorded}: {})", lang.pick("tidak ada", "none")),
        Observed::Bool { value } => {
            let text = match fact.and_then(|f| f.info().phrases) {
                Some([yes_id, no_id, yes_en, no_en]) => {
                    if *value {
                        lang.pick(yes_id, yes_en)
                    } else {
                        lang.pick(no_id, no_en)
                    }
                }
                None => lang.pick(
                    if *value { "ya" } else { "tidak" },
                    if *value { "yes" } else { "no" },
                ),
            };
            format!(" ({recorded}: {text})")
        }
        Observed::Number { value } => {
            let unit = fact.map(|f| unit(f, lang)).unwrap_or_default();
            format!(" ({recorded}: {}{unit})", number(*value, lang))
        }
        Observed::Code { value } => {
            let text = fact.map_or_else(|| value.clone(), |f| code(pack, f, value, lang));
            format!(" ({recorded}: {text})")
        }
        Observed::Codes { values } if values.is_empty() => {
            format!(" ({recorded}: {})", lang.pick("tidak ada", "none"))
        }
        Observed::Codes { values } => {
            let texts: Vec<String> = values
                .iter()
                .map(|v| fact.map_or_else(|| v.clone(), |f| code(pack, f, v, lang)))
                .collect();
            format!(" ({recorded}: {})", texts.join(", "))
        }
        Observed::Members {
            matched,
            undecided,
            total,
        } => {
            let mut parts = Vec::new();
            if !matched.is_empty() {
                parts.push(members(matched, lang));
            }
            if !undecided.is_empty() {
                parts.push(format!(
                    "{} {}",
                    lang.pick("belum diketahui untuk", "unknown for"),
                    members(undecided, lang)
                ));
            }
            if parts.is_empty() {
                parts.push(match lang {
                    Lang::Id => format!("tidak ada dari {total} anggota"),
                    Lang::En => format!("none of {total} members"),
                });
            }
            format!(" ({})", parts.join("; "))
        }
    }
}

fn members(positions: &[u32], lang: Lang) -> String {
    let list: Vec<String> = positions
        .iter()
        .map(|i| match lang {
            Lang::Id => format!("ke-{}", i + 1),
            Lang::En => format!("{}", i + 1),
        })
        .collect();
    match lang {
        Lang::Id => format!("anggota {}", list.join(", ")),
        Lang::En if positions.len() == 1 => format!("member {}", list.join(", ")),
        Lang::En => format!("members {}", list.join(", ")),
    }
}

/// Numbers as people write them: no trailing ".0", and a decimal comma in Indonesian.
fn number(n: f64, lang: Lang) -> String {
    let s = format!("{n}");
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

fn unit(fact: FactId, lang: Lang) -> String {
    fact.info()
        .unit
        .map(|[id, en]| format!(" {}", lang.pick(id, en)))
        .unwrap_or_default()
}

/// A code's label: the fact's own code table, or for programme ids the pack's programme
/// name.
fn code(pack: &RulePack, fact: FactId, value: &str, lang: Lang) -> String {
    match fact.ty() {
        FactType::Code(table) => label_of(table, value, lang),
        FactType::Set => pack
            .label_of(value)
            .map_or_else(|| value.to_string(), |t| t.pick(lang).to_string()),
        _ => value.to_string(),
    }
}

/// What a criterion asks, as a phrase: the pack's label when it gives one, else built from
/// the criterion.
pub(crate) fn describe(pack: &RulePack, id: u32, lang: Lang) -> String {
    let def = pack.node(id);
    if let Some(label) = &def.label {
        return label.pick(lang).to_string();
    }
    let part = |c: u32| {
        let text = describe(pack, c, lang);
        let def = pack.node(c);
        let composite = matches!(def.node, Node::All(_) | Node::Any(_) | Node::Not(_));
        if composite && def.label.is_none() {
            format!("({text})")
        } else {
            text
        }
    };
    match &def.node {
        Node::All(children) => children
            .iter()
            .map(|&c| part(c))
            .collect::<Vec<_>>()
            .join(lang.pick(" dan ", " and ")),
        Node::Any(children) => children
            .iter()
            .map(|&c| part(c))
            .collect::<Vec<_>>()
            .join(lang.pick(" atau ", " or ")),
        Node::Not(c) => format!("{} {}", lang.pick("bukan", "not"), part(*c)),
        Node::Test { fact, test } => describe_test(pack, *fact, test, lang),
        Node::Members { quantifier, filter } => {
            let f = describe(pack, *filter, lang);
            match (quantifier, lang) {
                (Quantifier::Exists, Lang::Id) => format!("ada anggota keluarga dengan: {f}"),
                (Quantifier::Exists, Lang::En) => format!("at least one member with: {f}"),
                (Quantifier::All, Lang::Id) => format!("semua anggota keluarga dengan: {f}"),
                (Quantifier::All, Lang::En) => format!("every member with: {f}"),
                (Quantifier::Count { at_least, at_most }, _) => {
                    let n = match (at_least, at_most, lang) {
                        (Some(l), None, Lang::Id) => format!("paling sedikit {l}"),
                        (Some(l), None, Lang::En) => format!("at least {l}"),
                        (None, Some(m), Lang::Id) => format!("paling banyak {m}"),
                        (None, Some(m), Lang::En) => format!("at most {m}"),
                        (Some(l), Some(m), Lang::Id) => format!("antara {l} dan {m}"),
                        (Some(l), Some(m), Lang::En) => format!("between {l} and {m}"),
                        (None, None, _) => String::new(),
                    };
                    match lang {
                        Lang::Id => format!("{n} anggota keluarga dengan: {f}"),
                        Lang::En => format!("{n} members with: {f}"),
                    }
                }
            }
        }
    }
}

fn constant(pack: &RulePack, fact: FactId, c: &Const, lang: Lang) -> String {
    match c {
        Const::Bool(b) => lang
            .pick(
                if *b { "ya" } else { "tidak" },
                if *b { "yes" } else { "no" },
            )
            .to_string(),
        Const::Number(n) => format!("{}{}", number(*n, lang), unit(fact, lang)),
        Const::Code(s) => code(pack, fact, s, lang),
    }
}

fn alternatives(pack: &RulePack, fact: FactId, set: &[Const], lang: Lang) -> String {
    let items: Vec<String> = set.iter().map(|c| constant(pack, fact, c, lang)).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), lang.pick("atau", "or"))
        }
        _ => items.join(""),
    }
}

fn describe_test(pack: &RulePack, fact: FactId, test: &Test, lang: Lang) -> String {
    let label = fact.label(lang);
    if let (
        Some([yes_id, no_id, yes_en, no_en]),
        Test::Eq(Const::Bool(b)) | Test::Ne(Const::Bool(b)),
    ) = (fact.info().phrases, test)
    {
        let positive = *b == matches!(test, Test::Eq(_));
        return if positive {
            lang.pick(yes_id, yes_en).to_string()
        } else {
            lang.pick(no_id, no_en).to_string()
        };
    }
    let num = |n: f64| format!("{}{}", number(n, lang), unit(fact, lang));
    match test {
        Test::Eq(c) => format!(
            "{label} {} {}",
            lang.pick("adalah", "is"),
            constant(pack, fact, c, lang)
        ),
        Test::Ne(c) => format!(
            "{label} {} {}",
            lang.pick("bukan", "is not"),
            constant(pack, fact, c, lang)
        ),
        Test::Lt(n) => format!(
            "{label} {} {}",
            lang.pick("kurang dari", "less than"),
            num(*n)
        ),
        Test::Le(n) => format!("{label} {} {}", lang.pick("maksimal", "at most"), num(*n)),
        Test::Gt(n) => format!(
            "{label} {} {}",
            lang.pick("lebih dari", "more than"),
            num(*n)
        ),
        Test::Ge(n) => format!("{label} {} {}", lang.pick("minimal", "at least"), num(*n)),
        Test::Between(lo, hi) => format!(
            "{label} {} {} {} {}",
            lang.pick("antara", "between"),
            number(*lo, lang),
            lang.pick("dan", "and"),
            num(*hi)
        ),
        Test::In(set) => format!("{label}: {}", alternatives(pack, fact, set, lang)),
        Test::NotIn(set) => format!(
            "{label} {} {}",
            lang.pick("bukan", "is not"),
            alternatives(pack, fact, set, lang)
        ),
        Test::Contains(c) => format!(
            "{label} {} {}",
            lang.pick("mencakup", "include"),
            code(pack, fact, c, lang)
        ),
    }
}
