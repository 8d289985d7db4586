#![allow(dead_code)]

use chrono::NaiveDate;
use puskesos_core::ident::Sex;
use puskesos_core::rules::*;

pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 1).unwrap()
}

pub fn pack() -> RulePack {
    RulePack::example().expect("the shipped example pack loads")
}

/// An adult with every fact known and nothing that qualifies for anything.
pub fn adult(age: u32, sex: Sex, relationship: Relationship) -> MemberFacts {
    MemberFacts {
        birth_date: None,
        age_years: Some(age),
        sex: Some(sex),
        relationship: Some(relationship),
        pregnant: Some(false),
        disability: Some(false),
        disability_severity: None,
        chronic_illness: Some(false),
        in_school: Some(false),
        school_level: None,
        education: Some(Education::JuniorSecondary),
        employed: Some(false),
        occupation: None,
        neglected: Some(false),
    }
}

pub fn head() -> MemberFacts {
    MemberFacts {
        employed: Some(true),
        occupation: Some(WorkField::Agriculture),
        ..adult(40, Sex::Male, Relationship::Head)
    }
}

pub fn spouse() -> MemberFacts {
    adult(38, Sex::Female, Relationship::Spouse)
}

/// A child of `age` at school: SD, SMP, or from 15 on SMA or its equivalent (Paket C is how
/// older pupils usually finish).
pub fn pupil(age: u32) -> MemberFacts {
    let (level, done) = match age {
        0..=11 => (SchoolLevel::Sd, Education::None),
        12..=14 => (SchoolLevel::Smp, Education::Primary),
        _ => (SchoolLevel::Sma, Education::JuniorSecondary),
    };
    MemberFacts {
        in_school: Some(true),
        school_level: Some(level),
        education: Some(done),
        ..adult(age, Sex::Female, Relationship::Child)
    }
}

/// A registered couple in a decent, owned house, receiving nothing, every fact known.
pub fn household(desil: u8) -> HouseholdFacts {
    HouseholdFacts {
        village_code: Some("3201010001".into()),
        registry: RegistryFacts::Found {
            desil: Some(desil),
            extract_version: "2025Q2".into(),
        },
        housing: HousingFacts {
            floor_material: Some(FloorMaterial::Ceramic),
            wall_material: Some(WallMaterial::Masonry),
            roof_material: Some(RoofMaterial::ClayTile),
            floor_area_m2: Some(60.0),
            tenure: Some(Tenure::Own),
            owns_land: Some(true),
            toilet: Some(Toilet::Own),
            drinking_water: Some(DrinkingWater::Piped),
            lighting: Some(Lighting::PlnMetered),
            electricity_va: Some(900),
            cooking_fuel: Some(CookingFuel::Lpg3kg),
        },
        assets: AssetFacts {
            refrigerator: Some(false),
            air_conditioner: Some(false),
            water_heater: Some(false),
            landline: Some(false),
            television: Some(true),
            gold: Some(false),
            computer: Some(false),
            bicycle: Some(false),
            motorcycle: Some(true),
            car: Some(false),
            boat: Some(false),
            motor_boat: Some(false),
            land: Some(false),
            other_house: Some(false),
            livestock: Some(false),
        },
        programmes_received: Some(vec![]),
        lost_livelihood: Some(false),
        members: vec![head(), spouse()],
    }
}

pub fn with(mut h: HouseholdFacts, member: MemberFacts) -> HouseholdFacts {
    h.members.push(member);
    h
}

pub fn verdict_of(pack: &RulePack, facts: &HouseholdFacts, programme: &str) -> Verdict {
    result_of(pack, facts, programme).verdict
}

pub fn result_of(pack: &RulePack, facts: &HouseholdFacts, programme: &str) -> ProgrammeResult {
    evaluate(pack, facts, day())
        .results
        .into_iter()
        .find(|r| r.programme_id == programme)
        .unwrap_or_else(|| panic!("programme {programme} is in the pack"))
}

pub fn missing(f: FactId, member: Option<u32>) -> MissingFact {
    MissingFact { fact: f, member }
}
