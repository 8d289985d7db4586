//! Who lives in a generated household: a head, usually a spouse, children still at home,
//! sometimes a married child with their own children, an elderly parent or another relative.
//! Ages follow the shape of Indonesia's population pyramid loosely (many children and young
//! adults, few over 75) and every date is consistent with the others.

use chrono::{Months, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{full_name, pick, weighted, NameInput, Tradition};
use crate::ident::Sex;

/// Nobody is older than this, so that a NIK's two-digit birth year never reads as the
/// current century (a person born in 1925 would read as 2025).
const MAX_AGE: i32 = 95;

pub(crate) struct Member {
    pub sex: Sex,
    pub birth: NaiveDate,
    pub relationship: &'static str,
    pub name: String,
}

pub(crate) struct Family {
    pub members: Vec<Member>,
    /// The earliest plausible recording date of the family's KK: the head's marriage, or
    /// for a single head their early twenties.
    pub formed: NaiveDate,
}

struct Person {
    sex: Sex,
    birth: NaiveDate,
    relationship: &'static str,
    family_name: Option<&'static str>,
    birth_order: u8,
}

pub(crate) fn family(rng: &mut ChaCha8Rng, t: Tradition, today: NaiveDate) -> Family {
    let fams = t.family_names();
    let (head_fam, spouse_fam, father_fam) = (fam(rng, fams), fam(rng, fams), fam(rng, fams));
    let mut people: Vec<Person> = Vec::with_capacity(8);

    let head_age = (20 + rng.random_range(0..=32) + rng.random_range(0..=35)).min(90);
    // 0: married couple, 1: woman heading the family (widowed, divorced), 2: man alone.
    let kind = weighted(rng, &[(0u8, 74), (1, 18), (2, 8)]);
    let head_sex = if kind == 1 { Sex::Female } else { Sex::Male };
    let head_birth = birth_for_age(rng, today, head_age);
    people.push(Person {
        sex: head_sex,
        birth: head_birth,
        relationship: "head",
        family_name: head_fam,
        birth_order: rng.random_range(1..=4),
    });

    let mother = match kind {
        0 => {
            let age = (head_age - rng.random_range(-2..=8)).clamp(17, MAX_AGE);
            let birth = birth_for_age(rng, today, age);
            people.push(Person {
                sex: Sex::Female,
                birth,
                relationship: "spouse",
                family_name: spouse_fam,
                birth_order: rng.random_range(1..=4),
            });
            Some((age, birth))
        }
        1 => Some((head_age, head_birth)),
        _ if head_age > 35 && rng.random_bool(0.4) => {
            let age = head_age - 3;
            Some((age, birth_for_age(rng, today, age)))
        }
        _ => None,
    };
    let marriage_age = rng.random_range(17..=27);
    let formed = match mother {
        Some((age, birth)) => add_years(birth, marriage_age.min(age)),
        None => add_years(head_birth, rng.random_range(20..=26).min(head_age)),
    }
    .max(add_years(head_birth, 18))
    .min(today);

    let children_fam = if head_sex == Sex::Male {
        head_fam
    } else {
        father_fam
    };
    let mut adult_at_home: Option<(Sex, NaiveDate, i32)> = None;
    if let Some((_, mother_birth)) = mother {
        let wanted = weighted(
            rng,
            &[(0u8, 6), (1, 13), (2, 28), (3, 26), (4, 15), (5, 8), (6, 4)],
        );
        let mut birth = add_days(formed, rng.random_range(300..1100));
        for order in 1..=wanted {
            if birth > today || years_between(mother_birth, birth) > 44 {
                break;
            }
            let age = years_between(birth, today);
            let stays = match age {
                0..=17 => 1.0,
                18..=24 => 0.85,
                25..=34 => 0.4,
                _ => 0.08,
            };
            if rng.random_bool(stays) {
                let sex = random_sex(rng);
                if age >= 22 && adult_at_home.is_none() && rng.random_bool(0.4) {
                    adult_at_home = Some((sex, birth, age));
                }
                people.push(Person {
                    sex,
                    birth,
                    relationship: "child",
                    family_name: children_fam,
                    birth_order: order,
                });
            }
            birth = add_days(birth, rng.random_range(540..1800));
        }
    }

    if let Some((child_sex, child_birth, child_age)) = adult_at_home {
        let in_law_age = (child_age + rng.random_range(-4..=4)).max(18);
        let in_law_sex = if child_sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let in_law_fam = fam(rng, fams);
        people.push(Person {
            sex: in_law_sex,
            birth: birth_for_age(rng, today, in_law_age),
            relationship: "child_in_law",
            family_name: in_law_fam,
            birth_order: rng.random_range(1..=4),
        });
        let grandchild_fam = if child_sex == Sex::Male {
            children_fam
        } else {
            in_law_fam
        };
        let mut birth = add_days(add_years(child_birth, 21), rng.random_range(0..1500));
        for order in 1..=rng.random_range(0..=3u8) {
            if birth > today {
                break;
            }
            people.push(Person {
                sex: random_sex(rng),
                birth,
                relationship: "grandchild",
                family_name: grandchild_fam,
                birth_order: order,
            });
            birth = add_days(birth, rng.random_range(540..1800));
        }
    }

    if head_age <= 62 && rng.random_bool(0.14) {
        let in_law = kind == 0 && rng.random_bool(0.4);
        let (relationship, child_age) = match mother {
            Some((age, _)) if in_law => ("parent_in_law", age),
            _ => ("parent", head_age),
        };
        let age = (child_age + rng.random_range(18..=35)).min(MAX_AGE);
        let both = rng.random_bool(0.25);
        let sexes: &[Sex] = if both {
            &[Sex::Female, Sex::Male]
        } else if rng.random_bool(0.7) {
            &[Sex::Female]
        } else {
            &[Sex::Male]
        };
        for (i, sex) in sexes.iter().enumerate() {
            people.push(Person {
                sex: *sex,
                birth: birth_for_age(rng, today, (age + 3 * i as i32).min(MAX_AGE)),
                relationship,
                family_name: fam(rng, fams),
                birth_order: rng.random_range(1..=4),
            });
        }
    }
    if rng.random_bool(0.05) {
        let age = rng.random_range(3..=25);
        people.push(Person {
            sex: random_sex(rng),
            birth: birth_for_age(rng, today, age),
            relationship: pick(
                rng,
                &["other_family", "other_family", "other_family", "helper"],
            ),
            family_name: fam(rng, fams),
            birth_order: rng.random_range(1..=4),
        });
    }

    let members = people
        .into_iter()
        .map(|p| {
            let age = years_between(p.birth, today);
            let input = NameInput {
                sex: p.sex,
                birth_year: chrono::Datelike::year(&p.birth),
                age,
                family_name: p.family_name,
                birth_order: p.birth_order,
            };
            Member {
                name: full_name(rng, t, &input),
                sex: p.sex,
                birth: p.birth,
                relationship: p.relationship,
            }
        })
        .collect();
    Family { members, formed }
}

fn fam(rng: &mut ChaCha8Rng, fams: &[&'static str]) -> Option<&'static str> {
    (!fams.is_empty()).then(|| fams[rng.random_range(0..fams.len())])
}

fn random_sex(rng: &mut ChaCha8Rng) -> Sex {
    if rng.random_bool(0.5) {
        Sex::Male
    } else {
        Sex::Female
    }
}

/// A birth date that makes a person exactly `age` on `today`.
fn birth_for_age(rng: &mut ChaCha8Rng, today: NaiveDate, age: i32) -> NaiveDate {
    let latest = add_years(today, -age);
    let earliest = add_days(add_years(today, -age - 1), 1);
    let span = (latest - earliest).num_days().max(0);
    add_days(earliest, rng.random_range(0..=span))
}

pub(crate) fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    let months = Months::new(years.unsigned_abs() * 12);
    let moved = if years >= 0 {
        date.checked_add_months(months)
    } else {
        date.checked_sub_months(months)
    };
    moved.unwrap_or(date)
}

pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or(date)
}

/// Completed years from `from` to `to`.
pub(crate) fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    to.years_since(from).map_or(0, |y| y as i32)
}
