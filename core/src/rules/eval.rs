//! Three-valued evaluation of a pack's programmes against one household.
//!
//! Kleene's strong logic: "and" is false as soon as one part is false, true only when all
//! are true, otherwise unknown; "or" dually; "not" keeps unknown. It is monotone: learning a
//! fact can turn unknown into true or false but never a decided verdict back into unknown,
//! which is what lets a pillar trust a verdict before the interview is complete.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{FactId, Scope};
use super::facts::{HouseholdFacts, Lookup, RegistryFacts, Value};
use super::pack::{Const, Node, Quantifier, RulePack, Test};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Verdict {
    Eligible,
    NotEligible,
    NeedsData,
}

impl From<Truth> for Verdict {
    fn from(t: Truth) -> Verdict {
        match t {
            Truth::True => Verdict::Eligible,
            Truth::False => Verdict::NotEligible,
            Truth::Unknown => Verdict::NeedsData,
        }
    }
}

/// What the household's data showed for one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Observed {
    /// A composite criterion (all / any / not): its children carry the data.
    Composite,
    /// Not known; `ask` is the fact to collect.
    Unknown {
        ask: FactId,
    },
    /// Known not to exist (no desil outside the registry).
    Absent,
    Bool {
        value: bool,
    },
    Number {
        value: f64,
    },
    Code {
        value: String,
    },
    Codes {
        values: Vec<String>,
    },
    /// A members aggregate: members (0-based positions in `HouseholdFacts::members`) for
    /// whom the filter held, could not be decided, and the member count.
    Members {
        matched: Vec<u32>,
        undecided: Vec<u32>,
        total: u32,
    },
}

/// One criterion's outcome. `node` indexes the criterion in the pack that made the result
/// (same id and version), which supplies its wording, path and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub node: u32,
    pub truth: Truth,
    pub observed: Observed,
}

/// A fact to collect: a household fact, or a fact of one member (0-based position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MissingFact {
    pub fact: FactId,
    pub member: Option<u32>,
}

/// A question for the pillar, with the programmes whose verdict waits on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub fact: FactId,
    pub member: Option<u32>,
    pub programmes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeResult {
    pub programme_id: String,
    pub verdict: Verdict,
    /// Every household-level criterion in pre-order (parents before children).
    pub reasons: Vec<Reason>,
    /// For `NeedsData`: the facts that would decide it, most decisive first.
    pub missing: Vec<MissingFact>,
}

/// The verdicts for one household under one pack, kept as history: the pack id, version and
/// digest say which rules made them, so that they stay explicable after the pack changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdEvaluation {
    pub pack_id: String,
    pub pack_version: String,
    pub pack_digest: String,
    /// The day ages were computed for.
    pub as_of: NaiveDate,
    /// The registry extract the desil came from, when the household was looked up.
    pub registry_extract_version: Option<String>,
    pub results: Vec<ProgrammeResult>,
    /// Every missing fact across programmes: those that decide the most programmes first.
    pub ask_next: Vec<Question>,
}

/// Evaluates every programme of `pack` for one household, ages taken on `as_of`.
pub fn evaluate(pack: &RulePack, facts: &HouseholdFacts, as_of: NaiveDate) -> HouseholdEvaluation {
    let ev = Evaluator { pack, facts, as_of };
    let mut results: Vec<ProgrammeResult> = pack
        .programmes
        .iter()
        .map(|p| {
            let mut reasons = Vec::with_capacity(p.reason_count);
            let truth = ev.trace(p.root, &mut reasons);
            let mut missing = Vec::new();
            if truth == Truth::Unknown {
                ev.missing(p.root, None, &mut missing);
            }
            ProgrammeResult {
                programme_id: p.info.id.clone(),
                verdict: truth.into(),
                reasons,
                missing,
            }
        })
        .collect();
    let ask_next = order_questions(&mut results);
    HouseholdEvaluation {
        pack_id: pack.meta.id.clone(),
        pack_version: pack.meta.version.clone(),
        pack_digest: pack.meta.digest.clone(),
        as_of,
        registry_extract_version: match &facts.registry {
            RegistryFacts::Unknown => None,
            RegistryFacts::NotFound { extract_version }
            | RegistryFacts::Found {
                extract_version, ..
            } => Some(extract_version.clone()),
        },
        results,
        ask_next,
    }
}

/// Only the verdicts, in the pack's programme order: for village summaries, where reasons
/// are not shown.
pub fn verdicts(pack: &RulePack, facts: &HouseholdFacts, as_of: NaiveDate) -> Vec<Verdict> {
    let ev = Evaluator { pack, facts, as_of };
    pack.programmes
        .iter()
        .map(|p| ev.truth(p.root, None).into())
        .collect()
}

/// Ranks missing facts by the number of undecided programmes waiting on them (ties keep the
/// order of first appearance, i.e. programme order then criterion order), and sorts each
/// programme's list the same way.
fn order_questions(results: &mut [ProgrammeResult]) -> Vec<Question> {
    let mut tally: Vec<(MissingFact, Vec<usize>)> = Vec::new();
    for (p, r) in results.iter().enumerate() {
        for m in &r.missing {
            match tally.iter_mut().find(|(f, _)| f == m) {
                Some((_, ps)) => ps.push(p),
                None => tally.push((*m, vec![p])),
            }
        }
    }
    if tally.is_empty() {
        return Vec::new();
    }
    tally.sort_by_key(|(_, ps)| std::cmp::Reverse(ps.len()));
    for r in results.iter_mut() {
        r.missing
            .sort_by_key(|m| tally.iter().position(|(f, _)| f == m).unwrap_or(usize::MAX));
    }
    tally
        .into_iter()
        .map(|(m, ps)| Question {
            fact: m.fact,
            member: m.member,
            programmes: ps
                .into_iter()
                .map(|p| results[p].programme_id.clone())
                .collect(),
        })
        .collect()
}

pub(crate) struct Evaluator<'a> {
    pub pack: &'a RulePack,
    pub facts: &'a HouseholdFacts,
    pub as_of: NaiveDate,
}

/// Counts of a filter over the members.
struct Tally {
    yes: u32,
    no: u32,
    unknown: u32,
}

impl<'a> Evaluator<'a> {
    fn lookup(&self, fact: FactId, member: Option<usize>) -> Lookup<'a> {
        match (fact.scope(), member) {
            (Scope::Household, _) => self.facts.household_value(fact),
            (Scope::Member, Some(i)) => self.facts.members[i].value(fact, self.as_of),
            // Refused at load; kept total for safety.
            (Scope::Member, None) => Lookup::Unknown(fact),
        }
    }

    /// The truth of a node, without recording reasons.
    pub(crate) fn truth(&self, id: u32, member: Option<usize>) -> Truth {
        match &self.pack.node(id).node {
            Node::All(children) => {
                let mut acc = Truth::True;
                for &c in children {
                    acc = acc.and(self.truth(c, member));
                    if acc == Truth::False {
                        break;
                    }
                }
                acc
            }
            Node::Any(children) => {
                let mut acc = Truth::False;
                for &c in children {
                    acc = acc.or(self.truth(c, member));
                    if acc == Truth::True {
                        break;
                    }
                }
                acc
            }
            Node::Not(c) => self.truth(*c, member).not(),
            Node::Test { fact, test } => apply(self.lookup(*fact, member), test),
            Node::Members { quantifier, filter } => {
                if self.facts.members.is_empty() {
                    return Truth::Unknown;
                }
                let t = self.tally(*filter);
                quantify(*quantifier, &t)
            }
        }
    }

    fn tally(&self, filter: u32) -> Tally {
        let mut t = Tally {
            yes: 0,
            no: 0,
            unknown: 0,
        };
        for i in 0..self.facts.members.len() {
            match self.truth(filter, Some(i)) {
                Truth::True => t.yes += 1,
                Truth::False => t.no += 1,
                Truth::Unknown => t.unknown += 1,
            }
        }
        t
    }

    /// The truth of a household-level node, recording a reason for it and each of its
    /// household-level descendants, in pre-order. Children are all evaluated (no
    /// short-circuit) so that every failed criterion is reported, not only the first.
    fn trace(&self, id: u32, out: &mut Vec<Reason>) -> Truth {
        let slot = out.len();
        out.push(Reason {
            node: id,
            truth: Truth::Unknown,
            observed: Observed::Composite,
        });
        let (truth, observed) = match &self.pack.node(id).node {
            Node::All(children) => {
                let mut acc = Truth::True;
                for &c in children {
                    acc = acc.and(self.trace(c, out));
                }
                (acc, Observed::Composite)
            }
            Node::Any(children) => {
                let mut acc = Truth::False;
                for &c in children {
                    acc = acc.or(self.trace(c, out));
                }
                (acc, Observed::Composite)
            }
            Node::Not(c) => (self.trace(*c, out).not(), Observed::Composite),
            Node::Test { fact, test } => {
                let found = self.lookup(*fact, None);
                (apply(found, test), observed(found))
            }
            Node::Members { quantifier, filter } => self.trace_members(*quantifier, *filter),
        };
        out[slot].truth = truth;
        out[slot].observed = observed;
        truth
    }

    fn trace_members(&self, quantifier: Quantifier, filter: u32) -> (Truth, Observed) {
        if self.facts.members.is_empty() {
            return (
                Truth::Unknown,
                Observed::Unknown {
                    ask: FactId::Members,
                },
            );
        }
        let mut t = Tally {
            yes: 0,
            no: 0,
            unknown: 0,
        };
        let mut matched = Vec::new();
        let mut undecided = Vec::new();
        for i in 0..self.facts.members.len() {
            match self.truth(filter, Some(i)) {
                Truth::True => {
                    t.yes += 1;
                    matched.push(i as u32);
                }
                Truth::False => t.no += 1,
                Truth::Unknown => {
                    t.unknown += 1;
                    undecided.push(i as u32);
                }
            }
        }
        (
            quantify(quantifier, &t),
            Observed::Members {
                matched,
                undecided,
                total: self.facts.members.len() as u32,
            },
        )
    }

    /// Pushes the facts that keep an unknown node unknown. Only unknown children are
    /// followed: a fact under a decided branch would not change the verdict.
    pub(crate) fn missing(&self, id: u32, member: Option<usize>, out: &mut Vec<MissingFact>) {
        match &self.pack.node(id).node {
            Node::All(children) | Node::Any(children) => {
                for &c in children {
                    if self.truth(c, member) == Truth::Unknown {
                        self.missing(c, member, out);
                    }
                }
            }
            Node::Not(c) => self.missing(*c, member, out),
            Node::Test { fact, .. } => {
                if let Lookup::Unknown(ask) = self.lookup(*fact, member) {
                    let m = MissingFact {
                        fact: ask,
                        member: match ask.scope() {
                            Scope::Member => member.map(|i| i as u32),
                            Scope::Household => None,
                        },
                    };
                    if !out.contains(&m) {
                        out.push(m);
                    }
                }
            }
            Node::Members { filter, .. } => {
                if self.facts.members.is_empty() {
                    let m = MissingFact {
                        fact: FactId::Members,
                        member: None,
                    };
                    if !out.contains(&m) {
                        out.push(m);
                    }
                    return;
                }
                for i in 0..self.facts.members.len() {
                    if self.truth(*filter, Some(i)) == Truth::Unknown {
                        self.missing(*filter, Some(i), out);
                    }
                }
            }
        }
    }
}

fn quantify(q: Quantifier, t: &Tally) -> Truth {
    let at_least = |n: u32| {
        if t.yes >= n {
            Truth::True
        } else if t.yes + t.unknown < n {
            Truth::False
        } else {
            Truth::Unknown
        }
    };
    let at_most = |n: u32| {
        if t.yes + t.unknown <= n {
            Truth::True
        } else if t.yes > n {
            Truth::False
        } else {
            Truth::Unknown
        }
    };
    match q {
        Quantifier::Exists => at_least(1),
        Quantifier::All => {
            if t.no > 0 {
                Truth::False
            } else if t.unknown > 0 {
                Truth::Unknown
            } else {
                Truth::True
            }
        }
        Quantifier::Count {
            at_least: low,
            at_most: high,
        } => {
            let l = low.map_or(Truth::True, at_least);
            let h = high.map_or(Truth::True, at_most);
            l.and(h)
        }
    }
}

fn observed(found: Lookup<'_>) -> Observed {
    match found {
        Lookup::Unknown(ask) => Observed::Unknown { ask },
        Lookup::Absent => Observed::Absent,
        Lookup::Known(Value::Bool(value)) => Observed::Bool { value },
        Lookup::Known(Value::Number(value)) => Observed::Number { value },
        Lookup::Known(Value::Code(c)) => Observed::Code {
            value: c.to_string(),
        },
        Lookup::Known(Value::Set(s)) => Observed::Codes { values: s.to_vec() },
    }
}

fn equals(v: Value<'_>, c: &Const) -> bool {
    match (v, c) {
        (Value::Bool(a), Const::Bool(b)) => a == *b,
        (Value::Number(a), Const::Number(b)) => a == *b,
        (Value::Code(a), Const::Code(b)) => a == b,
        _ => false,
    }
}

/// A comparison on a looked-up value. Every comparison with an absent value is false (a
/// family outside the registry has no desil, so "desil ≤ 4" does not hold for it).
fn apply(found: Lookup<'_>, test: &Test) -> Truth {
    let v = match found {
        Lookup::Unknown(_) => return Truth::Unknown,
        Lookup::Absent => return Truth::False,
        Lookup::Known(v) => v,
    };
    Truth::from_bool(match test {
        Test::Eq(c) => equals(v, c),
        Test::Ne(c) => !equals(v, c),
        Test::Lt(x) => matches!(v, Value::Number(n) if n < *x),
        Test::Le(x) => matches!(v, Value::Number(n) if n <= *x),
        Test::Gt(x) => matches!(v, Value::Number(n) if n > *x),
        Test::Ge(x) => matches!(v, Value::Number(n) if n >= *x),
        Test::Between(lo, hi) => matches!(v, Value::Number(n) if *lo <= n && n <= *hi),
        Test::In(set) => set.iter().any(|c| equals(v, c)),
        Test::NotIn(set) => !set.iter().any(|c| equals(v, c)),
        Test::Contains(code) => match v {
            Value::Set(s) => s.iter().any(|x| x == code),
            _ => false,
        },
    })
}
