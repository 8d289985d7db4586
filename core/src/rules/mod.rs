//! Eligibility checks offline: programmes as versioned rule data, verdicts with reasons, and
//! what to ask next.
//!
//! Programme criteria change by ministerial decree and differ by district, so they are data
//! (a [`RulePack`], JSON, published by the district) and never code. A pack can only compare
//! named facts and combine the comparisons with all / any / not and aggregates over the
//! family's members: no loops, no functions, no I/O, bounded depth and size.
//!
//! Evaluation is three-valued (Kleene): every fact may be unknown, and a programme whose
//! criteria hinge on an unknown fact gets [`Verdict::NeedsData`] with the facts to ask for,
//! those that decide the most programmes first.
//!
//! # Use
//!
//! ```
//! use puskesos_core::rules::{evaluate, explain, HouseholdFacts, RulePack};
//! use puskesos_core::Lang;
//! let pack = RulePack::example().unwrap();
//! let facts = HouseholdFacts::default(); // nothing known yet
//! let day = chrono::NaiveDate::from_ymd_opt(2025, 8, 1).unwrap();
//! let result = evaluate(&pack, &facts, day);
//! let text = explain(&pack, &result, Lang::Id).unwrap();
//! assert!(!text.ask_next.is_empty());
//! ```
//!
//! # Facts
//!
//! A pack names facts by these stable names. Member facts are only valid inside a
//! `members` aggregate. "—" means the fact is unknown when the field is `None`.
//!
//! | Name | Type | From `HouseholdFacts` |
//! |---|---|---|
//! | `household.village_code` | text | `village_code` |
//! | `household.registry.status` | code `found`/`not_found` | `registry` |
//! | `household.registry.desil` | number 1–10 | `registry: Found { desil }`; absent when `NotFound` |
//! | `household.size` | number | `members.len()`; unknown when `members` is empty |
//! | `household.members` | (ask only) | asked for when `members` is empty |
//! | `household.housing.floor_material` | code [`FloorMaterial`] | `housing.floor_material` |
//! | `household.housing.wall_material` | code [`WallMaterial`] | `housing.wall_material` |
//! | `household.housing.roof_material` | code [`RoofMaterial`] | `housing.roof_material` |
//! | `household.housing.floor_area_m2` | number | `housing.floor_area_m2` |
//! | `household.housing.floor_area_per_person_m2` | number | `floor_area_m2 / members.len()` |
//! | `household.housing.tenure` | code [`Tenure`] | `housing.tenure` |
//! | `household.housing.owns_land` | yes/no | `housing.owns_land` |
//! | `household.housing.toilet` | code [`Toilet`] | `housing.toilet` |
//! | `household.housing.drinking_water` | code [`DrinkingWater`] | `housing.drinking_water` |
//! | `household.housing.lighting` | code [`Lighting`] | `housing.lighting` |
//! | `household.housing.electricity_va` | number | `housing.electricity_va` |
//! | `household.housing.cooking_fuel` | code [`CookingFuel`] | `housing.cooking_fuel` |
//! | `household.assets.{refrigerator, air_conditioner, water_heater, landline, television, gold, computer, bicycle, motorcycle, car, boat, motor_boat, land, other_house}` | yes/no | `assets.*` |
//! | `household.programmes_received` | set of programme ids | `programmes_received` |
//! | `household.lost_livelihood` | yes/no | `lost_livelihood` |
//! | `member.age` | number (years) | `birth_date` on the evaluation day, else `age_years` |
//! | `member.sex` | code `male`/`female` | `sex` ([`crate::ident::Sex`]) |
//! | `member.relationship` | code [`Relationship`] | `relationship` |
//! | `member.pregnant` | yes/no | `pregnant` |
//! | `member.disability` | yes/no | `disability` |
//! | `member.disability_severity` | code [`DisabilitySeverity`] | `disability_severity`; absent when `disability` is false |
//! | `member.chronic_illness` | yes/no | `chronic_illness` |
//! | `member.in_school` | yes/no | `in_school` |
//! | `member.school_level` | code [`SchoolLevel`] | `school_level`; absent when `in_school` is false |
//! | `member.education` | code [`Education`] | `education` |
//! | `member.employed` | yes/no | `employed` |
//! | `member.occupation` | code [`WorkField`] | `occupation`; absent when `employed` is false |
//! | `member.neglected` | yes/no | `neglected` |
//!
//! Every comparison with an *absent* value is false (a family outside the registry has no
//! desil, so "desil ≤ 4" does not hold and is not a question to ask).
//!
//! # Pack format (`puskesos-rules/1`)
//!
//! ```json
//! { "format": "puskesos-rules/1", "id": "kab-contoh", "version": "2025.7.0",
//!   "effective_from": "2025-07-01", "example": false,
//!   "title": {"id": "…", "en": "…"},
//!   "programmes": [ { "id": "pkh", "name": {"id": "…", "en": "…"}, "sector": "social_economic",
//!                     "source": "Permensos 1/2018", "criteria": CRITERION } ],
//!   "welfare_score": { "illustrative": true, "base": 100, "desil_cutoffs": [9 numbers],
//!                      "indicators": [ {"id": "…", "label": {…}, "weight": -6, "when": CRITERION} ] } }
//! ```
//!
//! A `CRITERION` is one of `{"all": [..]}`, `{"any": [..]}`, `{"not": C}`,
//! `{"field": NAME, "op": OP, "value": V}` with `OP` one of `=` `!=` `<` `<=` `>` `>=` `in`
//! `not_in` `between` (`[low, high]`, inclusive) `contains` (sets), or
//! `{"members": "exists" | "all" | "count", "where": C, "at_least": n, "at_most": m}`;
//! each may carry `"label": {"id", "en"}`, `"source"` (the regulation) and `"note"`.

mod answer;
mod catalog;
mod codes;
mod error;
mod eval;
mod explain;
mod facts;
mod pack;
mod score;

/// The questionnaire's code lists and the SLRT sectors are the model's; re-exported because
/// facts and pack results are written in them.
pub use crate::model::{
    CookingFuel, DisabilitySeverity, DrinkingWater, Education, FloorMaterial, Lighting,
    Relationship, RoofMaterial, SchoolLevel, Sector, Tenure, Toilet, WallMaterial, WorkField,
};
pub use answer::{
    answer_household, answer_member, fact_question, fact_questions, AnswerKind, FactQuestion,
};
pub use catalog::{FactId, FactType, Scope};
pub use error::{PackProblem, RulesError};
pub use eval::{
    evaluate, verdicts, HouseholdEvaluation, MissingFact, Observed, ProgrammeResult, Question,
    Reason, Truth, Verdict,
};
pub use explain::{
    explain, explain_programme, question, ExplainedReason, HouseholdExplanation,
    ProgrammeExplanation,
};
pub use facts::{
    from_household, AssetFacts, HouseholdFacts, HousingFacts, MemberFacts, RegistryFacts,
};
pub use pack::{
    check_upgrade, Institution, PackMeta, PackSettings, ProgrammeInfo, RulePack, Text, Upgrade,
    DEFAULT_LOCK_AFTER_MINUTES, EXAMPLE_PACK_JSON, LOCK_AFTER_MINUTES_RANGE, MAX_DEPTH, MAX_NODES,
    MAX_PACK_BYTES, PACK_FORMAT,
};
pub use score::{explain_score, welfare_score, Contribution, WelfareScore};
