//! Synthetic households with plausible village distributions, shared by the property tests
//! and the benchmark (`#[path]`-included there). No real person is described.

#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use puskesos_core::ident::Sex;
use puskesos_core::rules::*;
use rand::Rng;

fn pick<T: Copy>(rng: &mut impl Rng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total);
    for (v, w) in weighted {
        if x < *w {
            return *v;
        }
        x -= w;
    }
    weighted[0].0
}

fn person(
    rng: &mut impl Rng,
    age: u32,
    sex: Sex,
    relationship: Relationship,
    as_of: NaiveDate,
) -> MemberFacts {
    let (birth_date, age_years) = if rng.random_bool(0.7) {
        let days = i64::from(age) * 365 + rng.random_range(0..365);
        (Some(as_of - Duration::days(days)), None)
    } else {
        (None, Some(age))
    };
    let in_school = if (6..=21).contains(&age) {
        rng.random_bool(if age <= 17 { 0.9 } else { 0.35 })
    } else {
        (4..6).contains(&age) && rng.random_bool(0.3)
    };
    let school_level = in_school.then_some(match age {
        0..=5 => SchoolLevel::Early,
        6..=11 => SchoolLevel::Sd,
        12..=14 => SchoolLevel::Smp,
        15..=18 => SchoolLevel::Sma,
        _ => SchoolLevel::Higher,
    });
    let education = match age {
        0..=11 => Education::None,
        12..=14 => Education::Primary,
        15..=17 => Education::JuniorSecondary,
        _ => pick(
            rng,
            &[
                (Education::None, 8),
                (Education::Primary, 30),
                (Education::JuniorSecondary, 22),
                (Education::SeniorSecondary, 28),
                (Education::Diploma, 4),
                (Education::Bachelor, 8),
            ],
        ),
    };
    let employed = (18..65).contains(&age) && rng.random_bool(0.72);
    let disability = rng.random_bool(0.03);
    MemberFacts {
        birth_date,
        age_years,
        sex: Some(sex),
        relationship: Some(relationship),
        pregnant: Some(sex == Sex::Female && (18..46).contains(&age) && rng.random_bool(0.06)),
        disability: Some(disability),
        disability_severity: disability.then(|| {
            pick(
                rng,
                &[
                    (DisabilitySeverity::Mild, 5),
                    (DisabilitySeverity::Moderate, 3),
                    (DisabilitySeverity::Severe, 2),
                ],
            )
        }),
        chronic_illness: Some(rng.random_bool(if age >= 60 { 0.3 } else { 0.05 })),
        in_school: Some(in_school),
        school_level,
        education: Some(education),
        employed: Some(employed),
        occupation: employed.then(|| {
            pick(
                rng,
                &[
                    (WorkField::Agriculture, 35),
                    (WorkField::Fisheries, 5),
                    (WorkField::Manufacturing, 8),
                    (WorkField::Construction, 10),
                    (WorkField::Trade, 17),
                    (WorkField::Transport, 5),
                    (WorkField::Services, 12),
                    (WorkField::CivilServant, 5),
                    (WorkField::Other, 3),
                ],
            )
        }),
        neglected: Some(rng.random_bool(if !(18..60).contains(&age) {
            0.04
        } else {
            0.005
        })),
    }
}

/// A household with every fact known.
pub fn household(rng: &mut impl Rng, as_of: NaiveDate) -> HouseholdFacts {
    let head_age = rng.random_range(20..82);
    let head_sex = if rng.random_bool(0.85) {
        Sex::Male
    } else {
        Sex::Female
    };
    let mut members = vec![person(rng, head_age, head_sex, Relationship::Head, as_of)];
    if head_sex == Sex::Male && rng.random_bool(0.8) {
        let age = (head_age as i32 + rng.random_range(-8..3)).clamp(17, 90) as u32;
        members.push(person(rng, age, Sex::Female, Relationship::Spouse, as_of));
    }
    let children = if head_age < 60 {
        pick(
            rng,
            &[(0u32, 15), (1, 25), (2, 30), (3, 18), (4, 8), (5, 4)],
        )
    } else {
        pick(rng, &[(0u32, 60), (1, 30), (2, 10)])
    };
    for _ in 0..children {
        let max = (head_age.saturating_sub(17)).clamp(1, 30);
        let age = rng.random_range(0..max);
        let sex = if rng.random_bool(0.5) {
            Sex::Male
        } else {
            Sex::Female
        };
        members.push(person(rng, age, sex, Relationship::Child, as_of));
    }
    if head_age < 55 && rng.random_bool(0.1) {
        let age = rng.random_range(60..90);
        members.push(person(rng, age, Sex::Female, Relationship::Parent, as_of));
    }
    let desil = pick(
        rng,
        &[
            (1u8, 14),
            (2, 13),
            (3, 12),
            (4, 11),
            (5, 10),
            (6, 9),
            (7, 8),
            (8, 8),
            (9, 7),
            (10, 8),
        ],
    );
    let registry = if rng.random_bool(0.75) {
        RegistryFacts::Found {
            desil: Some(desil),
            extract_version: "2025Q2".into(),
        }
    } else {
        RegistryFacts::NotFound {
            extract_version: "2025Q2".into(),
        }
    };
    let poor = desil <= 4;
    let mut received = Vec::new();
    if poor && rng.random_bool(0.45) {
        received.push("pkh".to_string());
    }
    if poor && rng.random_bool(0.6) {
        received.push("bpnt".to_string());
    }
    let lighting = pick(
        rng,
        &[
            (Lighting::PlnMetered, 85),
            (Lighting::PlnUnmetered, 7),
            (Lighting::NonPln, 5),
            (Lighting::None, 3),
        ],
    );
    let housing = HousingFacts {
        floor_material: Some(if poor {
            pick(
                rng,
                &[
                    (FloorMaterial::Earth, 25),
                    (FloorMaterial::CementBrick, 40),
                    (FloorMaterial::WoodBoard, 10),
                    (FloorMaterial::Bamboo, 5),
                    (FloorMaterial::Ceramic, 20),
                ],
            )
        } else {
            pick(
                rng,
                &[
                    (FloorMaterial::Earth, 3),
                    (FloorMaterial::CementBrick, 25),
                    (FloorMaterial::TileTerrazzo, 10),
                    (FloorMaterial::Ceramic, 55),
                    (FloorMaterial::MarbleGranite, 2),
                    (FloorMaterial::ParquetVinyl, 5),
                ],
            )
        }),
        wall_material: Some(pick(
            rng,
            &[
                (WallMaterial::Masonry, 70),
                (WallMaterial::PlasteredBamboo, 5),
                (WallMaterial::WoodBoard, 12),
                (WallMaterial::WovenBamboo, 8),
                (WallMaterial::Bamboo, 3),
                (WallMaterial::Log, 2),
            ],
        )),
        roof_material: Some(pick(
            rng,
            &[
                (RoofMaterial::ClayTile, 40),
                (RoofMaterial::Zinc, 30),
                (RoofMaterial::MetalTile, 10),
                (RoofMaterial::Asbestos, 10),
                (RoofMaterial::Concrete, 3),
                (RoofMaterial::Thatch, 5),
                (RoofMaterial::Bamboo, 2),
            ],
        )),
        floor_area_m2: Some(f64::from(rng.random_range(12..150u32))),
        tenure: Some(pick(
            rng,
            &[
                (Tenure::Own, 80),
                (Tenure::Rent, 8),
                (Tenure::RentFree, 10),
                (Tenure::Official, 1),
                (Tenure::Other, 1),
            ],
        )),
        owns_land: Some(rng.random_bool(0.8)),
        toilet: Some(pick(
            rng,
            &[
                (Toilet::Own, 80),
                (Toilet::Shared, 8),
                (Toilet::Public, 4),
                (Toilet::None, 8),
            ],
        )),
        drinking_water: Some(pick(
            rng,
            &[
                (DrinkingWater::Bottled, 35),
                (DrinkingWater::Piped, 15),
                (DrinkingWater::Borehole, 20),
                (DrinkingWater::ProtectedWell, 15),
                (DrinkingWater::UnprotectedWell, 6),
                (DrinkingWater::ProtectedSpring, 4),
                (DrinkingWater::UnprotectedSpring, 2),
                (DrinkingWater::Surface, 2),
                (DrinkingWater::Rain, 1),
            ],
        )),
        lighting: Some(lighting),
        electricity_va: matches!(lighting, Lighting::PlnMetered | Lighting::PlnUnmetered)
            .then(|| pick(rng, &[(450u32, 30), (900, 45), (1300, 15), (2200, 10)])),
        cooking_fuel: Some(pick(
            rng,
            &[
                (CookingFuel::Lpg3kg, 70),
                (CookingFuel::LpgLarge, 5),
                (CookingFuel::Electricity, 2),
                (CookingFuel::Firewood, 18),
                (CookingFuel::Kerosene, 2),
                (CookingFuel::Charcoal, 2),
                (CookingFuel::None, 1),
            ],
        )),
    };
    let mut own = |p: f64| Some(rng.random_bool(if poor { p / 3.0 } else { p }));
    let assets = AssetFacts {
        refrigerator: own(0.5),
        air_conditioner: own(0.1),
        water_heater: own(0.05),
        landline: own(0.03),
        television: own(0.6),
        gold: own(0.2),
        computer: own(0.2),
        bicycle: own(0.3),
        motorcycle: own(0.75),
        car: own(0.1),
        boat: own(0.03),
        motor_boat: own(0.02),
        land: own(0.3),
        other_house: own(0.05),
        // No rule reads it; left unknown so that the generated villages stay as they were.
        livestock: None,
    };
    HouseholdFacts {
        village_code: Some("3201010001".into()),
        registry,
        housing,
        assets,
        programmes_received: Some(received),
        lost_livelihood: Some(rng.random_bool(0.05)),
        members,
    }
}

/// How many facts `clear` can hide: household slots, then member slots for each member.
pub const HOUSEHOLD_SLOTS: usize = 29;
pub const MEMBER_SLOTS: usize = 13;

pub fn slots(facts: &HouseholdFacts) -> usize {
    HOUSEHOLD_SLOTS + MEMBER_SLOTS * facts.members.len()
}

/// Makes one fact unknown. Slot numbers past the end are ignored.
pub fn clear(f: &mut HouseholdFacts, slot: usize) {
    let (h, a) = (&mut f.housing, &mut f.assets);
    match slot {
        0 => f.registry = RegistryFacts::Unknown,
        1 => f.village_code = None,
        2 => h.floor_material = None,
        3 => h.wall_material = None,
        4 => h.roof_material = None,
        5 => h.floor_area_m2 = None,
        6 => h.tenure = None,
        7 => h.owns_land = None,
        8 => h.toilet = None,
        9 => h.drinking_water = None,
        10 => h.lighting = None,
        11 => h.electricity_va = None,
        12 => h.cooking_fuel = None,
        13 => a.refrigerator = None,
        14 => a.air_conditioner = None,
        15 => a.water_heater = None,
        16 => a.landline = None,
        17 => a.television = None,
        18 => a.gold = None,
        19 => a.computer = None,
        20 => a.bicycle = None,
        21 => a.motorcycle = None,
        22 => a.car = None,
        23 => a.boat = None,
        24 => a.motor_boat = None,
        25 => a.land = None,
        26 => a.other_house = None,
        27 => f.programmes_received = None,
        28 => f.lost_livelihood = None,
        _ => {
            let i = (slot - HOUSEHOLD_SLOTS) / MEMBER_SLOTS;
            let Some(m) = f.members.get_mut(i) else {
                return;
            };
            match (slot - HOUSEHOLD_SLOTS) % MEMBER_SLOTS {
                0 => {
                    m.birth_date = None;
                    m.age_years = None;
                }
                1 => m.sex = None,
                2 => m.relationship = None,
                3 => m.pregnant = None,
                4 => m.disability = None,
                5 => m.disability_severity = None,
                6 => m.chronic_illness = None,
                7 => m.in_school = None,
                8 => m.school_level = None,
                9 => m.education = None,
                10 => m.employed = None,
                11 => m.occupation = None,
                _ => m.neglected = None,
            }
        }
    }
}

/// Hides each fact with probability `p`: what a partly finished interview looks like.
pub fn hide_some(f: &mut HouseholdFacts, rng: &mut impl Rng, p: f64) {
    for slot in 0..slots(f) {
        if rng.random_bool(p) {
            clear(f, slot);
        }
    }
}
