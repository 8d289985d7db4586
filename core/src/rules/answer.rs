//! Recording the answer to a fact the rules asked for ("ask next"), by the fact's stable
//! name: the phone's questionnaire, reached straight from an "ask next" line, shows the
//! question with its choices and saves the answer through here, so every front end writes a
//! fact into the same field of the same record with the same checks.
//!
//! Facts the questionnaire does not ask (the registry's, derived ones such as the member
//! count, and the KK's own fields: age, sex, relationship) are answered elsewhere: by the
//! registry extract, by adding members, by correcting a member.

use serde::Serialize;

use super::catalog::{FactId, FactType, Scope};
use super::codes::CodeLabel;
use crate::lang::Lang;
use crate::model::{
    CookingFuel, Disability, DisabilitySeverity, DrinkingWater, Education, FloorMaterial,
    Household, Lighting, MemberAnswers, ModelError, Person, RoofMaterial, SchoolLevel, Tenure,
    Toilet, WallMaterial, WorkField,
};

/// How a question is answered on a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKind {
    /// Yes or no: the two phrases are the question's answers in words (`[yes, no]`).
    YesNo {
        yes: [&'static str; 2],
        no: [&'static str; 2],
    },
    /// A number, with its unit (`[id, en]`).
    Number { unit: Option<[&'static str; 2]> },
    /// One code of a closed list: `(code, Bahasa Indonesia, English)`.
    Choice { choices: &'static [CodeLabel] },
    /// Several short codes (programme ids), comma-separated.
    Codes,
}

/// A question of the questionnaire: what to ask, how it is answered, and for whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactQuestion {
    pub fact: FactId,
    pub label: [&'static str; 2],
    pub member: bool,
    pub kind: AnswerKind,
}

impl FactQuestion {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.label[0], self.label[1])
    }
}

/// The question for `fact`, or `None` when the questionnaire does not ask it (see the module
/// documentation for where those are answered).
pub fn fact_question(fact: FactId) -> Option<FactQuestion> {
    use FactId as F;
    let info = fact.info();
    let kind = match fact {
        F::VillageCode
        | F::RegistryStatus
        | F::RegistryDesil
        | F::HouseholdSize
        | F::Members
        | F::FloorAreaPerPerson
        | F::MemberAge
        | F::MemberSex
        | F::MemberRelationship => return None,
        // Recorded as the kind of disability (UU 8/2016): "none" answers no.
        F::MemberDisability => AnswerKind::Choice {
            choices: Disability::TABLE,
        },
        _ => match (info.ty, info.phrases) {
            (FactType::Bool, Some([yes_id, no_id, yes_en, no_en])) => AnswerKind::YesNo {
                yes: [yes_id, yes_en],
                no: [no_id, no_en],
            },
            (FactType::Number, _) => AnswerKind::Number { unit: info.unit },
            (FactType::Code(choices), _) => AnswerKind::Choice { choices },
            (FactType::Set, _) => AnswerKind::Codes,
            _ => return None,
        },
    };
    Some(FactQuestion {
        fact,
        label: info.label,
        member: info.scope == Scope::Member,
        kind,
    })
}

/// Every question of the questionnaire, household ones first, in catalogue order.
pub fn fact_questions() -> Vec<FactQuestion> {
    FactId::all().filter_map(fact_question).collect()
}

fn refused(fact: FactId, id: &str, en: &str) -> ModelError {
    ModelError::invalid(fact.info().name, id.to_string(), en.to_string())
}

fn yes_no(fact: FactId, value: &str) -> Result<bool, ModelError> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "ya" | "true" | "y" => Ok(true),
        "no" | "tidak" | "false" | "n" => Ok(false),
        _ => Err(refused(fact, "jawab ya atau tidak", "answer yes or no")),
    }
}

fn number(fact: FactId, value: &str) -> Result<f64, ModelError> {
    value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| refused(fact, "harus berupa angka", "must be a number"))
}

fn choice<T: Copy>(
    fact: FactId,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, ModelError> {
    parse(value).ok_or_else(|| refused(fact, "pilihan tidak dikenal", "not one of the choices"))
}

/// Records the answer to a household fact (`value` as the form gives it: `yes`/`no`, a
/// number, a code, or comma-separated programme codes), with the model's checks.
pub fn answer_household(
    h: &mut Household,
    fact: FactId,
    value: &str,
    author: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ModelError> {
    use FactId as F;
    if fact_question(fact).is_none_or(|q| q.member) {
        return Err(refused(
            fact,
            "pertanyaan ini tidak diisi di kuesioner rumah tangga",
            "this is not a question of the household questionnaire",
        ));
    }
    let mut housing = h.housing.clone();
    let a = &mut housing.assets;
    match fact {
        F::ProgrammesReceived => {
            let list: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            return h.set_circumstances(Some(list), None, author, now);
        }
        F::LostLivelihood => {
            return h.set_circumstances(None, Some(yes_no(fact, value)?), author, now);
        }
        F::FloorMaterial => housing.floor = Some(choice(fact, value, FloorMaterial::parse)?),
        F::WallMaterial => housing.wall = Some(choice(fact, value, WallMaterial::parse)?),
        F::RoofMaterial => housing.roof = Some(choice(fact, value, RoofMaterial::parse)?),
        F::FloorArea => housing.floor_area_m2 = Some(number(fact, value)?),
        F::Tenure => housing.tenure = Some(choice(fact, value, Tenure::parse)?),
        F::OwnsLand => housing.owns_land = Some(yes_no(fact, value)?),
        F::Toilet => housing.toilet = Some(choice(fact, value, Toilet::parse)?),
        F::DrinkingWater => {
            housing.drinking_water = Some(choice(fact, value, DrinkingWater::parse)?)
        }
        F::Lighting => housing.lighting = Some(choice(fact, value, Lighting::parse)?),
        F::ElectricityVa => {
            let va = number(fact, value)?;
            if va.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&va) {
                return Err(refused(fact, "harus bilangan bulat VA", "must be whole VA"));
            }
            housing.electricity_va = Some(va as u32)
        }
        F::CookingFuel => housing.cooking_fuel = Some(choice(fact, value, CookingFuel::parse)?),
        F::AssetRefrigerator => a.refrigerator = Some(yes_no(fact, value)?),
        F::AssetAirConditioner => a.air_conditioner = Some(yes_no(fact, value)?),
        F::AssetWaterHeater => a.water_heater = Some(yes_no(fact, value)?),
        F::AssetLandline => a.landline = Some(yes_no(fact, value)?),
        F::AssetTelevision => a.television = Some(yes_no(fact, value)?),
        F::AssetGold => a.gold = Some(yes_no(fact, value)?),
        F::AssetComputer => a.computer = Some(yes_no(fact, value)?),
        F::AssetBicycle => a.bicycle = Some(yes_no(fact, value)?),
        F::AssetMotorcycle => a.motorcycle = Some(yes_no(fact, value)?),
        F::AssetCar => a.car = Some(yes_no(fact, value)?),
        F::AssetBoat => a.boat = Some(yes_no(fact, value)?),
        F::AssetMotorBoat => a.motor_boat = Some(yes_no(fact, value)?),
        F::AssetLand => a.land = Some(yes_no(fact, value)?),
        F::AssetOtherHouse => a.other_house = Some(yes_no(fact, value)?),
        _ => unreachable_household(fact)?,
    }
    h.set_housing(housing, author, now)
}

/// A household fact with a question but no field here is a catalogue change this module
/// has not followed: refused, not ignored.
fn unreachable_household(fact: FactId) -> Result<(), ModelError> {
    Err(refused(
        fact,
        "jawaban ini belum bisa dicatat oleh versi aplikasi ini",
        "this version of the app cannot record this answer yet",
    ))
}

/// Records the answer to a member fact, with the model's checks (a severity needs a
/// disability, a school level needs schooling, a man is never pregnant).
pub fn answer_member(
    p: &mut Person,
    fact: FactId,
    value: &str,
    author: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ModelError> {
    use FactId as F;
    if !fact_question(fact).is_some_and(|q| q.member) {
        return Err(refused(
            fact,
            "pertanyaan ini bukan tentang anggota keluarga",
            "this is not a question about a member",
        ));
    }
    let mut a = MemberAnswers::default();
    match fact {
        F::MemberPregnant => a.pregnant = Some(yes_no(fact, value)?),
        F::MemberDisability => a.disability = Some(choice(fact, value, Disability::parse)?),
        F::MemberDisabilitySeverity => {
            a.disability_severity = Some(choice(fact, value, DisabilitySeverity::parse)?)
        }
        F::MemberChronicIllness => a.chronic_illness = Some(yes_no(fact, value)?),
        F::MemberInSchool => a.in_school = Some(yes_no(fact, value)?),
        F::MemberSchoolLevel => a.school_level = Some(choice(fact, value, SchoolLevel::parse)?),
        F::MemberEducation => a.education = Some(choice(fact, value, Education::parse)?),
        F::MemberEmployed => a.employed = Some(yes_no(fact, value)?),
        F::MemberOccupation => a.work_field = Some(choice(fact, value, WorkField::parse)?),
        F::MemberNeglected => a.neglected = Some(yes_no(fact, value)?),
        _ => return unreachable_household(fact),
    }
    p.answer(a, author, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every question the catalogue offers can be answered with its first choice (or yes, or
    /// a plausible number), so no "ask next" line leads to a question the phone cannot save.
    #[test]
    fn every_question_can_be_answered() {
        let now = chrono::Utc::now();
        let mut h = Household::new(
            crate::model::HouseholdInput {
                kk_number: "3204010105120042".into(),
                village_code: "3204052001".into(),
                address: "Kampung".into(),
                rt: "1".into(),
                rw: "1".into(),
                head_name: "Asep".into(),
                ..Default::default()
            },
            "op",
            now,
            None,
        )
        .unwrap();
        let (mut p, _) = Person::new(
            crate::model::PersonInput {
                household_id: h.meta.id,
                name: "Sari".into(),
                sex: Some(crate::ident::Sex::Female),
                ..Default::default()
            },
            "op",
            now,
            None,
        )
        .unwrap();
        let qs = fact_questions();
        assert_eq!(
            qs.len(),
            FactId::all().count() - 9,
            "all but the nine answered elsewhere"
        );
        for q in &qs {
            let value = match &q.kind {
                AnswerKind::YesNo { .. } => "yes".to_string(),
                AnswerKind::Number { .. } => match q.fact {
                    FactId::ElectricityVa => "900".into(),
                    _ => "36".into(),
                },
                AnswerKind::Choice { choices } => {
                    // Disability "none" first would forbid a severity afterwards.
                    let pick = if q.fact == FactId::MemberDisability {
                        1
                    } else {
                        0
                    };
                    choices[pick].0.to_string()
                }
                AnswerKind::Codes => "pkh, bpnt".into(),
            };
            let done = if q.member {
                answer_member(&mut p, q.fact, &value, "op", now)
            } else {
                answer_household(&mut h, q.fact, &value, "op", now)
            };
            assert!(done.is_ok(), "{}: {value}: {done:?}", q.fact.name());
        }
        assert_eq!(h.housing.electricity_va, Some(900));
        assert_eq!(
            h.programmes_received.as_deref(),
            Some(&["pkh".to_string(), "bpnt".to_string()][..])
        );
        assert_eq!(p.disability, Some(Disability::Physical));
        assert_eq!(p.pregnant, Some(true));
    }

    #[test]
    fn answers_that_do_not_fit_the_question_are_refused() {
        let now = chrono::Utc::now();
        let (mut p, _) = Person::new(
            crate::model::PersonInput {
                name: "Budi".into(),
                sex: Some(crate::ident::Sex::Male),
                ..Default::default()
            },
            "op",
            now,
            None,
        )
        .unwrap();
        assert!(answer_member(&mut p, FactId::MemberPregnant, "maybe", "op", now).is_err());
        assert!(answer_member(&mut p, FactId::MemberPregnant, "yes", "op", now).is_err());
        assert!(answer_member(&mut p, FactId::MemberEducation, "phd", "op", now).is_err());
        assert!(answer_member(&mut p, FactId::FloorMaterial, "earth", "op", now).is_err());
        assert!(fact_question(FactId::MemberAge).is_none());
        assert!(fact_question(FactId::HouseholdSize).is_none());
    }
}
