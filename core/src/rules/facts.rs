//! What is known of a household when its eligibility is checked: every fact may be unknown.
//!
//! Unknown (`None`) is a first-class value, distinct from "no": a pillar who has not asked
//! about school enrolment must get "needs data", not "not eligible".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::FactId;
use crate::ident::Sex;
use crate::model::{Assets, Disability, Household, Housing, Person};
use crate::model::{
    CookingFuel, DisabilitySeverity, DrinkingWater, Education, FloorMaterial, Lighting,
    Relationship, RoofMaterial, SchoolLevel, Tenure, Toilet, WallMaterial, WorkField,
};
use crate::registry::RegistryRecord;

/// The household's standing in the DTSEN/DTKS registry extract on the phone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RegistryFacts {
    /// Not looked up yet (no extract on the phone, or the KK number is not known).
    #[default]
    Unknown,
    /// Looked up in extract `extract_version` and not there.
    NotFound { extract_version: String },
    /// Listed in extract `extract_version`; `desil` is empty when the family is registered
    /// but not ranked yet.
    Found {
        desil: Option<u8>,
        extract_version: String,
    },
}

/// Housing conditions, as asked by the registry questionnaire.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HousingFacts {
    pub floor_material: Option<FloorMaterial>,
    pub wall_material: Option<WallMaterial>,
    pub roof_material: Option<RoofMaterial>,
    pub floor_area_m2: Option<f64>,
    pub tenure: Option<Tenure>,
    pub owns_land: Option<bool>,
    pub toilet: Option<Toilet>,
    pub drinking_water: Option<DrinkingWater>,
    pub lighting: Option<Lighting>,
    pub electricity_va: Option<u32>,
    pub cooking_fuel: Option<CookingFuel>,
}

/// Assets the registry questionnaire asks about (yes / no / not asked): the record's own
/// type, since an asset answer means the same to a rule as it does on the form.
pub type AssetFacts = Assets;

/// One member of the family card.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MemberFacts {
    /// Preferred over `age_years` when both are known: the age is then exact on the day of
    /// the evaluation.
    pub birth_date: Option<NaiveDate>,
    pub age_years: Option<u32>,
    pub sex: Option<Sex>,
    pub relationship: Option<Relationship>,
    /// Pregnant or within the post-partum period (PKH's health component).
    pub pregnant: Option<bool>,
    pub disability: Option<bool>,
    /// Only meaningful when `disability` is true.
    pub disability_severity: Option<DisabilitySeverity>,
    pub chronic_illness: Option<bool>,
    pub in_school: Option<bool>,
    /// Only meaningful when `in_school` is true.
    pub school_level: Option<SchoolLevel>,
    pub education: Option<Education>,
    pub employed: Option<bool>,
    /// Only meaningful when `employed` is true.
    pub occupation: Option<WorkField>,
    /// Without a carer or means of living (terlantar), as ATENSI defines its targets.
    pub neglected: Option<bool>,
}

/// Everything known of one household (one KK) for eligibility and scoring.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HouseholdFacts {
    pub village_code: Option<String>,
    pub registry: RegistryFacts,
    pub housing: HousingFacts,
    pub assets: AssetFacts,
    /// Programme ids the family receives now (`pkh`, `bpnt`, `pbi_jk`, …); `None` when not
    /// asked, `Some(vec![])` when it receives nothing.
    pub programmes_received: Option<Vec<String>>,
    pub lost_livelihood: Option<bool>,
    /// The members of the KK. An empty list means the members are not known yet: a KK always
    /// has at least its head.
    pub members: Vec<MemberFacts>,
}

impl RegistryFacts {
    /// The standing of a KK from the extract rows found for it and the version of its
    /// village's extract on the phone. With no extract on the phone a KK that is not found
    /// is `Unknown`, not `NotFound`: absence from a list the phone never had proves nothing.
    pub fn from_extract(rows: &[RegistryRecord], village_extract: Option<&str>) -> RegistryFacts {
        match rows.first() {
            Some(first) => RegistryFacts::Found {
                // One desil per family; a row without it (not ranked yet) does not hide
                // another row's.
                desil: rows.iter().find_map(|r| r.desil),
                extract_version: first.extract_version.clone(),
            },
            None => match village_extract {
                Some(v) => RegistryFacts::NotFound {
                    extract_version: v.to_string(),
                },
                None => RegistryFacts::Unknown,
            },
        }
    }
}

impl From<&Housing> for HousingFacts {
    fn from(h: &Housing) -> HousingFacts {
        HousingFacts {
            floor_material: h.floor,
            wall_material: h.wall,
            roof_material: h.roof,
            floor_area_m2: h.floor_area_m2,
            tenure: h.tenure,
            owns_land: h.owns_land,
            toilet: h.toilet,
            drinking_water: h.drinking_water,
            lighting: h.lighting,
            electricity_va: h.electricity_va,
            cooking_fuel: h.cooking_fuel,
        }
    }
}

impl From<&Person> for MemberFacts {
    fn from(p: &Person) -> MemberFacts {
        MemberFacts {
            birth_date: p.birth_date,
            age_years: None,
            sex: Some(p.sex),
            relationship: Some(p.relationship),
            // Not a question to ask a man (the model refuses the answer "yes" for him).
            pregnant: match p.sex {
                Sex::Male => Some(false),
                Sex::Female => p.pregnant,
            },
            disability: p.disability.map(|d| d != Disability::None),
            disability_severity: p.disability_severity,
            chronic_illness: p.chronic_illness,
            in_school: p.in_school,
            school_level: p.school_level,
            education: p.education,
            employed: p.employed,
            occupation: p.work_field,
            neglected: p.neglected,
        }
    }
}

/// The facts of a stored household: its record, its members (in KK order: the positions
/// questions refer to) and its registry standing. What the records do not hold stays
/// unknown, so that the evaluation asks for it.
pub fn from_household(
    household: &Household,
    members: &[Person],
    registry: RegistryFacts,
) -> HouseholdFacts {
    HouseholdFacts {
        village_code: Some(household.village_code.as_str().to_string()),
        registry,
        housing: HousingFacts::from(&household.housing),
        assets: household.housing.assets.clone(),
        programmes_received: household.programmes_received.clone(),
        lost_livelihood: household.lost_livelihood,
        members: members.iter().map(MemberFacts::from).collect(),
    }
}

/// A fact's value as criteria see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value<'a> {
    Bool(bool),
    Number(f64),
    Code(&'a str),
    Set(&'a [String]),
}

/// The outcome of looking a fact up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lookup<'a> {
    Known(Value<'a>),
    /// Known not to exist (no desil for a family outside the registry, no school level for a
    /// child out of school): every comparison with it is false.
    Absent,
    /// Not known; the fact to ask for to learn it (it can differ from the fact looked up:
    /// a floor area per person needs the floor area).
    Unknown(FactId),
}

fn known<'a, T>(v: Option<T>, ask: FactId, f: impl FnOnce(T) -> Value<'a>) -> Lookup<'a> {
    match v {
        Some(x) => Lookup::Known(f(x)),
        None => Lookup::Unknown(ask),
    }
}

fn flag(v: Option<bool>, ask: FactId) -> Lookup<'static> {
    known(v, ask, Value::Bool)
}

/// A detail that only exists when its gate is true (school level when in school).
fn gated<'a>(
    gate: Option<bool>,
    gate_fact: FactId,
    detail: Option<&'static str>,
    detail_fact: FactId,
) -> Lookup<'a> {
    match gate {
        None => Lookup::Unknown(gate_fact),
        Some(false) => Lookup::Absent,
        Some(true) => known(detail, detail_fact, Value::Code),
    }
}

impl HouseholdFacts {
    /// The member count, when the members are known.
    pub fn size(&self) -> Option<usize> {
        (!self.members.is_empty()).then_some(self.members.len())
    }

    pub(crate) fn household_value(&self, fact: FactId) -> Lookup<'_> {
        let h = &self.housing;
        let a = &self.assets;
        match fact {
            FactId::VillageCode => known(self.village_code.as_deref(), fact, Value::Code),
            FactId::RegistryStatus => match &self.registry {
                RegistryFacts::Unknown => Lookup::Unknown(fact),
                RegistryFacts::NotFound { .. } => Lookup::Known(Value::Code("not_found")),
                RegistryFacts::Found { .. } => Lookup::Known(Value::Code("found")),
            },
            FactId::RegistryDesil => match &self.registry {
                RegistryFacts::Unknown => Lookup::Unknown(FactId::RegistryStatus),
                RegistryFacts::NotFound { .. } => Lookup::Absent,
                RegistryFacts::Found { desil, .. } => {
                    known(*desil, fact, |d| Value::Number(f64::from(d)))
                }
            },
            FactId::HouseholdSize => {
                known(self.size(), FactId::Members, |n| Value::Number(n as f64))
            }
            FactId::Members => Lookup::Unknown(FactId::Members),
            FactId::FloorMaterial => known(h.floor_material.map(|c| c.code()), fact, Value::Code),
            FactId::WallMaterial => known(h.wall_material.map(|c| c.code()), fact, Value::Code),
            FactId::RoofMaterial => known(h.roof_material.map(|c| c.code()), fact, Value::Code),
            FactId::FloorArea => known(h.floor_area_m2, fact, Value::Number),
            FactId::FloorAreaPerPerson => match (h.floor_area_m2, self.size()) {
                (None, _) => Lookup::Unknown(FactId::FloorArea),
                (Some(_), None) => Lookup::Unknown(FactId::Members),
                (Some(area), Some(n)) => Lookup::Known(Value::Number(area / n as f64)),
            },
            FactId::Tenure => known(h.tenure.map(|c| c.code()), fact, Value::Code),
            FactId::OwnsLand => flag(h.owns_land, fact),
            FactId::Toilet => known(h.toilet.map(|c| c.code()), fact, Value::Code),
            FactId::DrinkingWater => known(h.drinking_water.map(|c| c.code()), fact, Value::Code),
            FactId::Lighting => known(h.lighting.map(|c| c.code()), fact, Value::Code),
            FactId::ElectricityVa => known(h.electricity_va, fact, |v| Value::Number(f64::from(v))),
            FactId::CookingFuel => known(h.cooking_fuel.map(|c| c.code()), fact, Value::Code),
            FactId::AssetRefrigerator => flag(a.refrigerator, fact),
            FactId::AssetAirConditioner => flag(a.air_conditioner, fact),
            FactId::AssetWaterHeater => flag(a.water_heater, fact),
            FactId::AssetLandline => flag(a.landline, fact),
            FactId::AssetTelevision => flag(a.television, fact),
            FactId::AssetGold => flag(a.gold, fact),
            FactId::AssetComputer => flag(a.computer, fact),
            FactId::AssetBicycle => flag(a.bicycle, fact),
            FactId::AssetMotorcycle => flag(a.motorcycle, fact),
            FactId::AssetCar => flag(a.car, fact),
            FactId::AssetBoat => flag(a.boat, fact),
            FactId::AssetMotorBoat => flag(a.motor_boat, fact),
            FactId::AssetLand => flag(a.land, fact),
            FactId::AssetOtherHouse => flag(a.other_house, fact),
            FactId::ProgrammesReceived => {
                known(self.programmes_received.as_deref(), fact, Value::Set)
            }
            FactId::LostLivelihood => flag(self.lost_livelihood, fact),
            // Member facts are never looked up at household level (refused at load).
            _ => Lookup::Unknown(fact),
        }
    }
}

impl MemberFacts {
    /// Age in completed years on `as_of`: from the birth date when known, else as stated.
    pub fn age_on(&self, as_of: NaiveDate) -> Option<u32> {
        match self.birth_date {
            Some(born) => as_of.years_since(born),
            None => self.age_years,
        }
    }

    pub(crate) fn value(&self, fact: FactId, as_of: NaiveDate) -> Lookup<'static> {
        match fact {
            FactId::MemberAge => known(self.age_on(as_of), fact, |a| Value::Number(f64::from(a))),
            FactId::MemberSex => known(self.sex.map(|s| s.as_str()), fact, Value::Code),
            FactId::MemberRelationship => {
                known(self.relationship.map(|r| r.code()), fact, Value::Code)
            }
            FactId::MemberPregnant => flag(self.pregnant, fact),
            FactId::MemberDisability => flag(self.disability, fact),
            FactId::MemberDisabilitySeverity => gated(
                self.disability,
                FactId::MemberDisability,
                self.disability_severity.map(|s| s.code()),
                fact,
            ),
            FactId::MemberChronicIllness => flag(self.chronic_illness, fact),
            FactId::MemberInSchool => flag(self.in_school, fact),
            FactId::MemberSchoolLevel => gated(
                self.in_school,
                FactId::MemberInSchool,
                self.school_level.map(|s| s.code()),
                fact,
            ),
            FactId::MemberEducation => known(self.education.map(|e| e.code()), fact, Value::Code),
            FactId::MemberEmployed => flag(self.employed, fact),
            FactId::MemberOccupation => gated(
                self.employed,
                FactId::MemberEmployed,
                self.occupation.map(|o| o.code()),
                fact,
            ),
            FactId::MemberNeglected => flag(self.neglected, fact),
            _ => Lookup::Unknown(fact),
        }
    }
}
