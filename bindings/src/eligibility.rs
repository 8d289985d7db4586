//! Eligibility offline: the district's rule packs installed in the store, and a household's
//! verdicts with their reasons and what to ask next.
//!
//! Sentences come in both languages (core explains the same result twice), so a screen can
//! follow the phone's locale. Each evaluation is saved with its outbox entry, as on the desk.

use chrono::Utc;
use puskesos_core::ident::Redacted;
use puskesos_core::model::Sector;
use puskesos_core::rules::{
    evaluate, explain, explain_score, question, welfare_score, Institution, MissingFact,
    RegistryFacts, RulePack, Truth, Verdict,
};
use puskesos_core::store::{EvaluationRecord, InstallOutcome, StoreError};
use puskesos_core::Lang;

use crate::guard::{guard, Internal};
use crate::lang::{self, LocalText};
use crate::store::{parse_id, FieldStore};

/// The eligibility room's error.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum EligibilityError {
    /// No rule pack is installed yet: the district ships one in the village pack.
    #[error("{}", Redacted(.message))]
    NoRulePack { message: String },
    /// The pack was refused (malformed, older than the installed one, same version with
    /// other content); the installed pack stays active.
    #[error("{}", Redacted(.message))]
    PackRefused { message: String },
    #[error("{}", Redacted(.message))]
    NotFound { message: String },
    #[error("{}", Redacted(.message))]
    Invalid { message: String },
    #[error("{}", Redacted(.message))]
    Storage { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum EligibilityError {
    NoRulePack { message },
    PackRefused { message },
    NotFound { message },
    Invalid { message },
    Storage { message },
    Internal { message },
});

impl Internal for EligibilityError {
    fn internal(detail: String) -> Self {
        EligibilityError::Internal {
            message: match lang::current() {
                Lang::Id => format!("Kesalahan internal pada pemeriksaan kelayakan. ({detail})"),
                Lang::En => format!("Internal error in the eligibility check. ({detail})"),
            },
        }
    }
}

impl From<StoreError> for EligibilityError {
    fn from(e: StoreError) -> Self {
        let message = e.message(lang::current());
        match e {
            StoreError::NoActivePack => EligibilityError::NoRulePack { message },
            StoreError::Rules(_) => EligibilityError::PackRefused { message },
            StoreError::NotFound { .. } => EligibilityError::NotFound { message },
            StoreError::Model(_) => EligibilityError::Invalid { message },
            _ => EligibilityError::Storage { message },
        }
    }
}

impl From<puskesos_core::rules::RulesError> for EligibilityError {
    fn from(e: puskesos_core::rules::RulesError) -> Self {
        StoreError::Rules(e).into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProgrammeInfo {
    pub id: String,
    pub name: LocalText,
    pub sector: Sector,
    /// The regulation(s) the criteria come from.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PackInstallOutcome {
    Installed,
    Upgraded { previous: String },
    AlreadyInstalled,
}

/// A rule pack on the phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RulePackInfo {
    pub id: String,
    pub version: String,
    pub effective_from: String,
    pub title: LocalText,
    /// The shipped example, which a district must replace before real use.
    pub example: bool,
    pub programmes: Vec<ProgrammeInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InstalledRulePack {
    pub pack: RulePackInfo,
    pub outcome: PackInstallOutcome,
}

/// One criterion's outcome as a sentence, indented by `depth` under the programme.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerdictReason {
    pub depth: u32,
    pub truth: Truth,
    pub sentence: LocalText,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProgrammeVerdict {
    pub programme_id: String,
    pub name: LocalText,
    pub sector: Sector,
    pub verdict: Verdict,
    /// The verdict and its main reason, in one sentence.
    pub summary: LocalText,
    pub reasons: Vec<VerdictReason>,
    /// For `NeedsData`: the questions that would decide it, most decisive first.
    pub ask: Vec<LocalText>,
    pub source: String,
}

/// A question for the pillar, with the member it is about and the programmes waiting on it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AskNext {
    pub question: LocalText,
    /// The fact's stable name in rule packs (`household.housing.floor_material`).
    pub fact: String,
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub programmes: Vec<String>,
}

/// The indicative welfare score for a household outside the registry (to rank proposals).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WelfareScoreInfo {
    /// The weights are illustrative, not official: say so next to the score.
    pub illustrative: bool,
    pub score: f64,
    pub desil: u8,
    pub desil_low: u8,
    pub desil_high: u8,
    pub lines: Vec<LocalText>,
}

/// A household's eligibility under the active pack, as saved.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Eligibility {
    pub evaluation_id: String,
    pub household_id: String,
    /// "Paket aturan … versi …", marked when it is the shipped example.
    pub pack: LocalText,
    pub pack_id: String,
    pub pack_version: String,
    /// The registry extract the desil came from, when the household was found.
    pub registry_extract_version: Option<String>,
    pub programmes: Vec<ProgrammeVerdict>,
    pub ask_next: Vec<AskNext>,
    pub welfare_score: Option<WelfareScoreInfo>,
}

fn pack_info(pack: &RulePack) -> RulePackInfo {
    let meta = pack.meta();
    RulePackInfo {
        id: meta.id.clone(),
        version: meta.version.clone(),
        effective_from: meta.effective_from.to_string(),
        title: LocalText {
            id: meta.title.id.clone(),
            en: meta.title.en.clone(),
        },
        example: meta.example,
        programmes: pack
            .programmes()
            .into_iter()
            .map(|p| ProgrammeInfo {
                id: p.id,
                name: LocalText {
                    id: p.name.id,
                    en: p.name.en,
                },
                sector: p.sector,
                source: p.source,
            })
            .collect(),
    }
}

fn both(id: &str, en: &str) -> LocalText {
    LocalText {
        id: id.to_string(),
        en: en.to_string(),
    }
}

#[uniffi::export]
impl FieldStore {
    /// Checks and installs a rule pack (JSON), making it the active one. An older version,
    /// or a known version with other content, is refused and nothing changes.
    pub fn install_rule_pack(&self, json: String) -> Result<InstalledRulePack, EligibilityError> {
        guard(|| {
            let (pack, outcome) = self.inner.install_pack(&json, Utc::now())?;
            Ok(InstalledRulePack {
                pack: pack_info(&pack),
                outcome: match outcome {
                    InstallOutcome::Installed => PackInstallOutcome::Installed,
                    InstallOutcome::Upgraded { previous } => {
                        PackInstallOutcome::Upgraded { previous }
                    }
                    InstallOutcome::AlreadyInstalled => PackInstallOutcome::AlreadyInstalled,
                },
            })
        })
    }

    /// The pack new evaluations are made with, if one is installed.
    pub fn active_rule_pack(&self) -> Result<Option<RulePackInfo>, EligibilityError> {
        guard(|| Ok(self.inner.active_pack()?.as_ref().map(pack_info)))
    }

    /// The institutions the active pack lists for referrals, of one sector or of all; empty
    /// without a pack or when it lists none (the referral form then takes a typed name).
    pub fn institutions(
        &self,
        sector: Option<Sector>,
    ) -> Result<Vec<Institution>, EligibilityError> {
        guard(|| {
            Ok(self
                .inner
                .active_pack()?
                .map(|p| p.institutions(sector))
                .unwrap_or_default())
        })
    }

    /// Evaluates every programme of the active pack for a household (ages as of today),
    /// saves the result with its outbox entry, and explains it in both languages.
    pub fn evaluate_household(
        &self,
        household_id: String,
        author: String,
    ) -> Result<Eligibility, EligibilityError> {
        guard(|| {
            let hid = parse_id("household", &household_id)
                .map_err(|message| EligibilityError::Invalid { message })?;
            let pack = self.inner.require_active_pack()?;
            let (h, members, facts) = self.inner.household_facts(hid)?;
            let now = Utc::now();
            let day = now.date_naive();
            let evaluation = evaluate(&pack, &facts, day);
            // As on the desk: households outside the registry get the indicative score.
            let score = match (&facts.registry, pack.has_welfare_score()) {
                (RegistryFacts::Found { .. }, _) | (_, false) => None,
                _ => Some(welfare_score(&pack, &facts, day)?),
            };
            let record = EvaluationRecord::new(h.meta.id, evaluation, score, &author, now);
            self.inner.save_evaluation(&record)?;
            let id_text = explain(&pack, &record.evaluation, Lang::Id)?;
            let en_text = explain(&pack, &record.evaluation, Lang::En)?;
            let programmes = id_text
                .programmes
                .iter()
                .zip(&en_text.programmes)
                .map(|(i, e)| ProgrammeVerdict {
                    programme_id: i.programme_id.clone(),
                    name: both(&i.name, &e.name),
                    sector: i.sector,
                    verdict: i.verdict,
                    summary: both(&i.summary, &e.summary),
                    reasons: i
                        .reasons
                        .iter()
                        .zip(&e.reasons)
                        .map(|(ri, re)| VerdictReason {
                            depth: ri.depth,
                            truth: ri.truth,
                            sentence: both(&ri.sentence, &re.sentence),
                            source: ri.source.clone(),
                        })
                        .collect(),
                    ask: i.ask.iter().zip(&e.ask).map(|(a, b)| both(a, b)).collect(),
                    source: i.source.clone(),
                })
                .collect();
            let ask_next = record
                .evaluation
                .ask_next
                .iter()
                .map(|q| {
                    let member = q.member.and_then(|i| members.get(i as usize));
                    let missing = MissingFact {
                        fact: q.fact,
                        member: q.member,
                    };
                    AskNext {
                        question: LocalText::of(|l| question(&missing, l)),
                        fact: q.fact.name().to_string(),
                        person_id: member.map(|p| p.meta.id.to_string()),
                        person_name: member.map(|p| p.name.as_str().to_string()),
                        programmes: q.programmes.clone(),
                    }
                })
                .collect();
            let welfare_score = record.welfare_score.as_ref().map(|s| {
                let id_lines = explain_score(s, Lang::Id, 3);
                let en_lines = explain_score(s, Lang::En, 3);
                WelfareScoreInfo {
                    illustrative: s.illustrative,
                    score: s.score,
                    desil: s.desil,
                    desil_low: s.desil_low,
                    desil_high: s.desil_high,
                    lines: id_lines
                        .iter()
                        .zip(&en_lines)
                        .map(|(a, b)| both(a, b))
                        .collect(),
                }
            });
            Ok(Eligibility {
                evaluation_id: record.id.to_string(),
                household_id: h.meta.id.to_string(),
                pack: both(&id_text.pack, &en_text.pack),
                pack_id: record.evaluation.pack_id.clone(),
                pack_version: record.evaluation.pack_version.clone(),
                registry_extract_version: record.evaluation.registry_extract_version.clone(),
                programmes,
                ask_next,
                welfare_score,
            })
        })
    }
}
