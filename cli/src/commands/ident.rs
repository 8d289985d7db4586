//! `nik check` and `kk check`.

use puskesos_core::ident::{IdIssue, KkNumber, Nik, RegionList};
use puskesos_core::Lang;
use serde::Serialize;

use super::Ctx;
use crate::app::CheckAction;
use crate::output::{print_json, CliError};

#[derive(Serialize)]
struct ErrorOut {
    part: String,
    reason: String,
}

fn errors(issues: &[IdIssue], lang: Lang) -> Vec<ErrorOut> {
    issues
        .iter()
        .map(|i| ErrorOut {
            part: serde_json::to_value(i.part)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            reason: i.message(lang),
        })
        .collect()
}

#[derive(Serialize)]
struct NikOut {
    valid: bool,
    nik: String,
    province: Option<String>,
    regency: Option<String>,
    district: Option<String>,
    birth_date: Option<String>,
    sex: Option<String>,
    serial: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district_name: Option<String>,
    errors: Vec<ErrorOut>,
}

fn region_name(regions: Option<&RegionList>, code: Option<&String>) -> Option<String> {
    Some(regions?.get(code?)?.name.clone())
}

pub fn nik(ctx: &Ctx, action: CheckAction) -> Result<(), CliError> {
    let CheckAction::Check { number } = action;
    let lang = ctx.global.lang;
    let regions = ctx.regions()?;
    let check = Nik::check(&number, ctx.now.date_naive(), regions.as_ref());
    let out = NikOut {
        valid: check.is_valid(),
        nik: check.normalized.clone(),
        district_name: region_name(regions.as_ref(), check.district.as_ref()),
        province: check.province,
        regency: check.regency,
        district: check.district,
        birth_date: check.birth_date.map(|d| d.to_string()),
        sex: check.sex.map(|s| s.as_str().to_string()),
        serial: check.serial,
        errors: errors(&check.issues, lang),
    };
    if ctx.global.json {
        print_json(&out)?;
    } else if out.valid {
        let sex = match (check.sex, lang) {
            (Some(puskesos_core::ident::Sex::Female), Lang::Id) => "perempuan",
            (Some(puskesos_core::ident::Sex::Female), Lang::En) => "female",
            (_, Lang::Id) => "laki-laki",
            (_, Lang::En) => "male",
        };
        println!("{}", lang.pick("NIK valid", "Valid NIK"));
        println!(
            "  {}: {}{}",
            lang.pick("kecamatan penerbit", "issuing district"),
            out.district.as_deref().unwrap_or(""),
            out.district_name
                .as_ref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        );
        println!(
            "  {}: {}",
            lang.pick("tanggal lahir", "birth date"),
            out.birth_date.as_deref().unwrap_or("")
        );
        println!("  {}: {sex}", lang.pick("jenis kelamin", "sex"));
        println!(
            "  {}: {}",
            lang.pick("nomor urut", "serial"),
            out.serial.as_deref().unwrap_or("")
        );
    }
    if out.valid {
        Ok(())
    } else {
        let reasons: Vec<String> = out.errors.iter().map(|e| e.reason.clone()).collect();
        Err(CliError::Invalid(format!(
            "{}: {}",
            lang.pick("NIK tidak valid", "Invalid NIK"),
            reasons.join(" ")
        )))
    }
}

#[derive(Serialize)]
struct KkOut {
    valid: bool,
    kk_number: String,
    district: Option<String>,
    recorded_on: Option<String>,
    serial: Option<String>,
    errors: Vec<ErrorOut>,
}

pub fn kk(ctx: &Ctx, action: CheckAction) -> Result<(), CliError> {
    let CheckAction::Check { number } = action;
    let lang = ctx.global.lang;
    let regions = ctx.regions()?;
    let parsed = KkNumber::parse(&number, ctx.now.date_naive(), regions.as_ref());
    let normalized = puskesos_core::ident::normalize_number(&number);
    let out = match &parsed {
        Ok(kk) => KkOut {
            valid: true,
            kk_number: normalized,
            district: Some(kk.district().to_string()),
            recorded_on: Some(kk.recorded_on().to_string()),
            serial: Some(kk.serial().to_string()),
            errors: Vec::new(),
        },
        Err(e) => KkOut {
            valid: false,
            kk_number: normalized,
            district: None,
            recorded_on: None,
            serial: None,
            errors: errors(e.issues(), lang),
        },
    };
    if ctx.global.json {
        print_json(&out)?;
    } else if out.valid {
        println!("{}", lang.pick("Nomor KK valid", "Valid KK number"));
        println!(
            "  {}: {}",
            lang.pick("kecamatan", "district"),
            out.district.as_deref().unwrap_or("")
        );
        println!(
            "  {}: {}",
            lang.pick("tanggal pencatatan", "recorded on"),
            out.recorded_on.as_deref().unwrap_or("")
        );
    }
    parsed.map(|_| ()).map_err(CliError::from)
}
