//! The questionnaire the phone reaches from an "ask next" line: each fact's question with its
//! choices, and the answer recorded by the fact's name, as core's `rules::answer` does it.

use chrono::Utc;
use puskesos_core::rules::{fact_question, AnswerKind, FactId, FactQuestion};

use crate::guard::guard;
use crate::store::{id, FieldStore, RecordsError};

/// One choice of a coded question.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Choice {
    pub code: String,
    pub label_id: String,
    pub label_en: String,
}

/// A question: `kind` is `yes_no` (choices `yes`, `no` with the phrases), `number` (with
/// `unit_*`), `choice` (one of `choices`) or `codes` (comma-separated programme codes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Question {
    pub fact: String,
    pub label_id: String,
    pub label_en: String,
    /// Asked about one member (the app passes the member's id with the answer).
    pub member: bool,
    pub kind: String,
    pub choices: Vec<Choice>,
    pub unit_id: Option<String>,
    pub unit_en: Option<String>,
}

fn view(q: &FactQuestion) -> Question {
    let choice = |code: &str, id: &str, en: &str| Choice {
        code: code.to_string(),
        label_id: id.to_string(),
        label_en: en.to_string(),
    };
    let (kind, choices, unit) = match &q.kind {
        AnswerKind::YesNo { yes, no } => (
            "yes_no",
            vec![choice("yes", yes[0], yes[1]), choice("no", no[0], no[1])],
            None,
        ),
        AnswerKind::Number { unit } => ("number", Vec::new(), *unit),
        AnswerKind::Choice { choices } => (
            "choice",
            choices
                .iter()
                .map(|(c, id, en)| choice(c, id, en))
                .collect(),
            None,
        ),
        AnswerKind::Codes => ("codes", Vec::new(), None),
    };
    Question {
        fact: q.fact.name().to_string(),
        label_id: q.label[0].to_string(),
        label_en: q.label[1].to_string(),
        member: q.member,
        kind: kind.to_string(),
        choices,
        unit_id: unit.map(|u| u[0].to_string()),
        unit_en: unit.map(|u| u[1].to_string()),
    }
}

/// The question for a fact named as "ask next" names it; `null` when the questionnaire does
/// not ask it (the registry's facts, the member count, a member's age, sex or relationship:
/// those come from the extract, from adding members, from correcting one).
#[uniffi::export]
pub fn question(fact: String) -> Option<Question> {
    FactId::from_name(&fact)
        .and_then(fact_question)
        .map(|q| view(&q))
}

/// Every question of the questionnaire, household ones first.
#[uniffi::export]
pub fn questions() -> Vec<Question> {
    puskesos_core::rules::fact_questions()
        .iter()
        .map(view)
        .collect()
}

#[uniffi::export]
impl FieldStore {
    /// Records an answer (`yes`/`no`, a number, a code, or comma-separated codes) to a
    /// household fact, or to a member fact when `person_id` is given.
    pub fn answer(
        &self,
        household_id: String,
        person_id: Option<String>,
        fact: String,
        value: String,
        author: String,
    ) -> Result<(), RecordsError> {
        guard(|| {
            let person = person_id.as_deref().map(|p| id("person", p)).transpose()?;
            self.inner.answer(
                id("household", &household_id)?,
                person,
                &fact,
                &value,
                &author,
                Utc::now(),
            )?;
            Ok(())
        })
    }
}
