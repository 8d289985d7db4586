//! The indicative welfare score: a proxy-means test for households not (yet) in the registry,
//! so that operators can rank proposals.
//!
//! BPS and Kemensos do not publish the weights of the DTSEN ranking model, so the weights and
//! desil cut-offs come from the pack; the shipped example's are illustrative only, and every
//! score says so when its pack marks them illustrative.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::RulesError;
use super::eval::{Evaluator, MissingFact, Truth};
use super::facts::HouseholdFacts;
use super::pack::{RulePack, Text};
use crate::Lang;

/// One indicator that applies to the household and its weight in the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub indicator_id: String,
    pub label: Text,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WelfareScore {
    pub pack_id: String,
    pub pack_version: String,
    /// The weights are illustrative, not official: shown to the operator with the score.
    pub illustrative: bool,
    /// Base plus the weights of the indicators that apply; undecided indicators count 0.
    pub score: f64,
    /// The lowest and highest score the undecided indicators still allow.
    pub score_low: f64,
    pub score_high: f64,
    /// Indicative desil 1–10 (1 poorest) of `score`.
    pub desil: u8,
    pub desil_low: u8,
    pub desil_high: u8,
    /// Indicators that apply, largest effect first.
    pub contributions: Vec<Contribution>,
    /// Facts that would settle the undecided indicators.
    pub missing: Vec<MissingFact>,
}

impl WelfareScore {
    /// True when every indicator was decided.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Scores a household with the pack's welfare-score section.
pub fn welfare_score(
    pack: &RulePack,
    facts: &HouseholdFacts,
    as_of: NaiveDate,
) -> Result<WelfareScore, RulesError> {
    let def = pack
        .score
        .as_ref()
        .ok_or_else(|| RulesError::NoWelfareScore {
            pack_id: pack.meta.id.clone(),
        })?;
    let ev = Evaluator { pack, facts, as_of };
    let mut score = def.base;
    let (mut low, mut high) = (0.0, 0.0);
    let mut contributions = Vec::new();
    let mut missing = Vec::new();
    for ind in &def.indicators {
        match ev.truth(ind.when, None) {
            Truth::True => {
                score += ind.weight;
                contributions.push(Contribution {
                    indicator_id: ind.id.clone(),
                    label: ind.label.clone(),
                    weight: ind.weight,
                });
            }
            Truth::False => {}
            Truth::Unknown => {
                if ind.weight < 0.0 {
                    low += ind.weight;
                } else {
                    high += ind.weight;
                }
                ev.missing(ind.when, None, &mut missing);
            }
        }
    }
    contributions.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    let desil = |s: f64| 1 + def.cutoffs.iter().filter(|c| **c <= s).count() as u8;
    Ok(WelfareScore {
        pack_id: pack.meta.id.clone(),
        pack_version: pack.meta.version.clone(),
        illustrative: def.illustrative,
        score,
        score_low: score + low,
        score_high: score + high,
        desil: desil(score),
        desil_low: desil(score + low),
        desil_high: desil(score + high),
        contributions,
        missing,
    })
}

/// The score as sentences: the headline, then the `top` largest contributions.
pub fn explain_score(score: &WelfareScore, lang: Lang, top: u32) -> Vec<String> {
    let fmt = |n: f64| {
        let s = format!("{:+}", (n * 10.0).round() / 10.0);
        match lang {
            Lang::Id => s.replace('.', ","),
            Lang::En => s,
        }
    };
    let plain = |n: f64| fmt(n).trim_start_matches('+').to_string();
    let mut lines = Vec::new();
    let mut head = match lang {
        Lang::Id => format!(
            "Skor kesejahteraan indikatif {} → desil indikatif {}",
            plain(score.score),
            score.desil
        ),
        Lang::En => format!(
            "Indicative welfare score {} → indicative desil {}",
            plain(score.score),
            score.desil
        ),
    };
    if score.desil_low != score.desil_high {
        head.push_str(&match lang {
            Lang::Id => format!(
                " (bisa desil {}–{} karena ada data yang belum lengkap)",
                score.desil_low, score.desil_high
            ),
            Lang::En => format!(
                " (desil {}–{} possible because some data are missing)",
                score.desil_low, score.desil_high
            ),
        });
    }
    head.push('.');
    if score.illustrative {
        head.push_str(lang.pick(
            " Bobot ini ilustratif, bukan bobot resmi BPS/Kemensos: hanya untuk mengurutkan usulan.",
            " These weights are illustrative, not the official BPS/Kemensos ones: use them only to rank proposals.",
        ));
    }
    lines.push(head);
    for c in score.contributions.iter().take(top as usize) {
        lines.push(format!("{}: {}", c.label.pick(lang), fmt(c.weight)));
    }
    lines
}
