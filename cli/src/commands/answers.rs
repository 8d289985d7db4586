//! `household housing`, `household circumstances` and `person update`: recording the answers
//! the eligibility check asks for. Only the options given change; the rest stays as it was.

use clap::Args;
use puskesos_core::model::Assets;
use puskesos_core::model::{
    CookingFuel, Disability, DisabilitySeverity, DrinkingWater, Education, FloorMaterial,
    Household, Lighting, MemberAnswers, Person, RoofMaterial, SchoolLevel, Tenure, Toilet,
    WallMaterial, WorkField,
};
use puskesos_core::Lang;

use super::Ctx;
use crate::output::{print_json, CliError};

/// Housing conditions and assets of a household, as the registry questionnaire asks them.
#[derive(Args)]
pub struct HousingArgs {
    pub id: String,
    /// Main floor material (earth, bamboo, cement_brick, ceramic, …).
    #[arg(long)]
    pub floor: Option<String>,
    /// Main wall material (masonry, woven_bamboo, bamboo, log, …).
    #[arg(long)]
    pub wall: Option<String>,
    /// Main roof material (clay_tile, zinc, thatch, bamboo, …).
    #[arg(long)]
    pub roof: Option<String>,
    /// Floor area of the house in m².
    #[arg(long)]
    pub area: Option<f64>,
    /// own, rent, rent_free, official, other.
    #[arg(long)]
    pub tenure: Option<String>,
    /// The house stands on the family's own land: yes or no.
    #[arg(long)]
    pub owns_land: Option<String>,
    /// own, shared, public, none.
    #[arg(long)]
    pub toilet: Option<String>,
    /// Main source of drinking water (piped, borehole, unprotected_well, …).
    #[arg(long)]
    pub water: Option<String>,
    /// pln_metered, pln_unmetered, non_pln, none.
    #[arg(long)]
    pub lighting: Option<String>,
    /// Installed electricity in VA (450, 900, 1300, …).
    #[arg(long)]
    pub va: Option<u32>,
    /// Main cooking fuel (lpg_3kg, firewood, kerosene, …).
    #[arg(long)]
    pub fuel: Option<String>,
    /// An asset answer, NAME=yes|no (refrigerator, motorcycle, car, gold, land, …); repeatable.
    #[arg(long = "asset", value_name = "NAME=yes|no")]
    pub assets: Vec<String>,
}

/// What the family receives already and whether it lost its livelihood.
#[derive(Args)]
pub struct CircumstancesArgs {
    pub id: String,
    /// Programme ids received now, comma-separated (pkh,bpnt,pbi_jk), or `none`.
    #[arg(long)]
    pub receives: Option<String>,
    /// The family lost its livelihood: yes or no.
    #[arg(long)]
    pub lost_livelihood: Option<String>,
}

/// A member's answers to the questionnaire.
#[derive(Args)]
pub struct PersonUpdate {
    pub id: String,
    /// Pregnant or post-partum: yes or no.
    #[arg(long)]
    pub pregnant: Option<String>,
    /// Enrolled in school now: yes or no.
    #[arg(long)]
    pub in_school: Option<String>,
    /// early, sd, smp, sma, higher.
    #[arg(long)]
    pub school_level: Option<String>,
    /// Highest education completed (none, primary_incomplete, primary, junior_secondary, …).
    #[arg(long)]
    pub education: Option<String>,
    /// none, physical, intellectual, mental, sensory, multiple.
    #[arg(long)]
    pub disability: Option<String>,
    /// mild, moderate, severe.
    #[arg(long)]
    pub disability_severity: Option<String>,
    /// Chronic illness: yes or no.
    #[arg(long)]
    pub chronic_illness: Option<String>,
    /// Working: yes or no.
    #[arg(long)]
    pub employed: Option<String>,
    /// Field of the main work (agriculture, trade, civil_servant, …).
    #[arg(long)]
    pub work_field: Option<String>,
    /// Neglected, without carer or means (terlantar): yes or no.
    #[arg(long)]
    pub neglected: Option<String>,
}

/// Parses an optional coded answer, listing the valid codes when it is not one of them.
fn coded<T>(
    lang: Lang,
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> String,
) -> Result<Option<T>, CliError> {
    value
        .map(|v| {
            parse(v).ok_or_else(|| {
                CliError::Invalid(format!(
                    "--{field} {v:?} {} {}",
                    lang.pick("tidak dikenal; pilihan:", "is not known; choose from:"),
                    codes()
                ))
            })
        })
        .transpose()
}

pub fn yes_no(lang: Lang, field: &str, value: &str) -> Result<bool, CliError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "ya" | "y" | "true" => Ok(true),
        "no" | "tidak" | "n" | "false" => Ok(false),
        _ => Err(CliError::Invalid(format!(
            "--{field} {value:?}: {}",
            lang.pick("jawab yes/ya atau no/tidak", "answer yes or no")
        ))),
    }
}

fn flag(lang: Lang, field: &str, value: Option<&str>) -> Result<Option<bool>, CliError> {
    value.map(|v| yes_no(lang, field, v)).transpose()
}

fn set<T>(slot: &mut Option<T>, v: Option<T>) {
    if v.is_some() {
        *slot = v;
    }
}

fn show_household(ctx: &Ctx, h: &Household) -> Result<(), CliError> {
    if ctx.global.json {
        print_json(h)
    } else {
        println!(
            "{} {}",
            h.meta.id,
            ctx.global.lang.pick("tersimpan", "saved")
        );
        Ok(())
    }
}

pub fn housing(ctx: &Ctx, a: HousingArgs) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let mut h = store.household(ctx.id(&a.id)?)?;
    let mut housing = h.housing.clone();
    set(
        &mut housing.floor,
        coded(
            lang,
            "floor",
            a.floor.as_deref(),
            FloorMaterial::parse,
            FloorMaterial::codes,
        )?,
    );
    set(
        &mut housing.wall,
        coded(
            lang,
            "wall",
            a.wall.as_deref(),
            WallMaterial::parse,
            WallMaterial::codes,
        )?,
    );
    set(
        &mut housing.roof,
        coded(
            lang,
            "roof",
            a.roof.as_deref(),
            RoofMaterial::parse,
            RoofMaterial::codes,
        )?,
    );
    set(&mut housing.floor_area_m2, a.area);
    set(
        &mut housing.tenure,
        coded(
            lang,
            "tenure",
            a.tenure.as_deref(),
            Tenure::parse,
            Tenure::codes,
        )?,
    );
    set(
        &mut housing.owns_land,
        flag(lang, "owns-land", a.owns_land.as_deref())?,
    );
    set(
        &mut housing.toilet,
        coded(
            lang,
            "toilet",
            a.toilet.as_deref(),
            Toilet::parse,
            Toilet::codes,
        )?,
    );
    set(
        &mut housing.drinking_water,
        coded(
            lang,
            "water",
            a.water.as_deref(),
            DrinkingWater::parse,
            DrinkingWater::codes,
        )?,
    );
    set(
        &mut housing.lighting,
        coded(
            lang,
            "lighting",
            a.lighting.as_deref(),
            Lighting::parse,
            Lighting::codes,
        )?,
    );
    set(&mut housing.electricity_va, a.va);
    set(
        &mut housing.cooking_fuel,
        coded(
            lang,
            "fuel",
            a.fuel.as_deref(),
            CookingFuel::parse,
            CookingFuel::codes,
        )?,
    );
    for answer in &a.assets {
        let (name, value) = answer.split_once('=').ok_or_else(|| {
            CliError::invalid(
                lang,
                "--asset harus NAMA=yes|no.",
                "--asset must be NAME=yes|no.",
            )
        })?;
        let name = name.trim().replace('-', "_");
        let value = yes_no(lang, "asset", value)?;
        let slot = housing.assets.slot(&name).ok_or_else(|| {
            CliError::Invalid(format!(
                "--asset {name:?} {} {}",
                lang.pick("tidak dikenal; pilihan:", "is not known; choose from:"),
                Assets::NAMES.join(", ")
            ))
        })?;
        *slot = Some(value);
    }
    h.set_housing(housing, &ctx.global.operator, ctx.now)?;
    store.save_household(&h)?;
    show_household(ctx, &h)
}

pub fn circumstances(ctx: &Ctx, a: CircumstancesArgs) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let mut h = store.household(ctx.id(&a.id)?)?;
    let received = a.receives.as_deref().map(|r| match r.trim() {
        "none" | "tidak_ada" | "" => Vec::new(),
        list => list.split(',').map(|p| p.trim().to_string()).collect(),
    });
    let lost = flag(lang, "lost-livelihood", a.lost_livelihood.as_deref())?;
    h.set_circumstances(received, lost, &ctx.global.operator, ctx.now)?;
    store.save_household(&h)?;
    show_household(ctx, &h)
}

pub fn person_update(ctx: &Ctx, a: PersonUpdate) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let mut p: Person = store.person(ctx.id(&a.id)?)?;
    let answers = MemberAnswers {
        disability: coded(
            lang,
            "disability",
            a.disability.as_deref(),
            Disability::parse,
            Disability::codes,
        )?,
        disability_severity: coded(
            lang,
            "disability-severity",
            a.disability_severity.as_deref(),
            DisabilitySeverity::parse,
            DisabilitySeverity::codes,
        )?,
        chronic_illness: flag(lang, "chronic-illness", a.chronic_illness.as_deref())?,
        pregnant: flag(lang, "pregnant", a.pregnant.as_deref())?,
        in_school: flag(lang, "in-school", a.in_school.as_deref())?,
        school_level: coded(
            lang,
            "school-level",
            a.school_level.as_deref(),
            SchoolLevel::parse,
            SchoolLevel::codes,
        )?,
        education: coded(
            lang,
            "education",
            a.education.as_deref(),
            Education::parse,
            Education::codes,
        )?,
        employed: flag(lang, "employed", a.employed.as_deref())?,
        work_field: coded(
            lang,
            "work-field",
            a.work_field.as_deref(),
            WorkField::parse,
            WorkField::codes,
        )?,
        neglected: flag(lang, "neglected", a.neglected.as_deref())?,
    };
    p.answer(answers, &ctx.global.operator, ctx.now)?;
    store.save_person(&p)?;
    if ctx.global.json {
        print_json(&p)
    } else {
        println!("{} {}", p.meta.id, lang.pick("tersimpan", "saved"));
        Ok(())
    }
}
