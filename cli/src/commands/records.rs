//! `household`, `person`, `complaint` and `proposal`: the desk's records.

use chrono::NaiveDate;
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    Complaint, ComplaintCategory, ComplaintChannel, ComplaintStatus, FieldChange, Household,
    HouseholdChanges, HouseholdInput, Person, PersonChanges, PersonInput, Proposal, ProposalKind,
    Relationship,
};
use puskesos_core::Lang;
use serde::Serialize;

use super::Ctx;
use crate::app::{
    ComplaintAction, HouseholdAction, PersonAction, PersonAdd, PersonCorrect, ProposalAction,
};
use crate::output::{print_json, CliError};

/// Parses a coded answer, listing the valid codes when it is not one of them.
fn code<T>(
    lang: Lang,
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    codes: String,
) -> Result<T, CliError> {
    parse(value).ok_or_else(|| {
        CliError::Invalid(format!(
            "{field} {value:?} {} {codes}",
            lang.pick("tidak dikenal; pilihan:", "is not known; choose from:")
        ))
    })
}

pub fn household(ctx: &Ctx, action: HouseholdAction) -> Result<(), CliError> {
    let store = ctx.store()?;
    let lang = ctx.global.lang;
    match action {
        HouseholdAction::Add(a) => {
            let regions = ctx.regions()?;
            let h = Household::new(
                HouseholdInput {
                    kk_number: a.kk,
                    village_code: a.village,
                    address: a.address,
                    rt: a.rt,
                    rw: a.rw,
                    head_name: a.head,
                    housing: Default::default(),
                },
                &ctx.global.operator,
                ctx.now,
                regions.as_ref(),
            )?;
            store.save_household(&h)?;
            if ctx.global.json {
                print_json(&h)
            } else {
                println!("{}", h.meta.id);
                Ok(())
            }
        }
        HouseholdAction::Show { id } => {
            let h = store.household(ctx.id(&id)?)?;
            let members = store.persons_of(h.meta.id)?;
            let registry = store.registry_by_kk(h.kk_number.as_str())?;
            if ctx.global.json {
                #[derive(Serialize)]
                struct Out<'a> {
                    household: &'a Household,
                    members: &'a [Person],
                    registry: &'a [puskesos_core::registry::RegistryRecord],
                }
                return print_json(&Out {
                    household: &h,
                    members: &members,
                    registry: &registry,
                });
            }
            println!("{} {}", lang.pick("Rumah tangga", "Household"), h.meta.id);
            println!("  KK {}  {}", h.kk_number.masked(), h.head_name);
            println!(
                "  {}, RT {}/RW {}, {}",
                h.address, h.rt, h.rw, h.village_code
            );
            println!(
                "  {}",
                match h.kk_qr_evidence {
                    Some(_) => lang.pick("QR KK tersimpan sebagai bukti", "KK QR kept as evidence"),
                    None => lang.pick("QR KK belum dipindai", "KK QR not scanned yet"),
                }
            );
            match registry
                .first()
                .map(|r| (r.desil, r.extract_version.clone()))
            {
                Some((desil, v)) => println!(
                    "  DTKS/DTSEN: {} {} ({v})",
                    lang.pick("terdaftar", "registered"),
                    desil
                        .map(|d| format!("desil {d}"))
                        .unwrap_or_else(|| lang.pick("belum berdesil", "no desil").into())
                ),
                None => println!(
                    "  DTKS/DTSEN: {}",
                    lang.pick("KK tidak ditemukan", "KK not found")
                ),
            }
            for m in &members {
                println!(
                    "  - {:<30} {} {} {}",
                    m.name,
                    m.relationship.label(lang),
                    m.sex.as_str(),
                    m.nik
                        .as_ref()
                        .map(|n| n.masked())
                        .unwrap_or_else(|| "-".into())
                );
            }
            Ok(())
        }
        HouseholdAction::Find {
            query,
            village,
            limit,
        } => {
            let list = store.find_households(&query, village.as_deref(), limit as usize)?;
            if ctx.global.json {
                return print_json(&list);
            }
            for h in &list {
                let matched = h
                    .matched_member
                    .as_ref()
                    .map(|m| format!("  ({} {m})", lang.pick("cocok:", "matched:")))
                    .unwrap_or_default();
                println!(
                    "{}  {:<30} KK {}  RT {}/RW {}  {} {}{matched}",
                    h.id,
                    h.head_name,
                    h.kk_masked,
                    h.rt,
                    h.rw,
                    h.members,
                    lang.pick("anggota", "members")
                );
            }
            Ok(())
        }
        HouseholdAction::Correct(a) => {
            let changes = HouseholdChanges {
                kk_number: a.kk,
                address: a.address,
                rt: a.rt,
                rw: a.rw,
                head_name: a.head,
            };
            let (h, change) = store.correct_household(
                ctx.id(&a.id)?,
                &changes,
                &a.reason,
                &ctx.global.operator,
                ctx.now,
            )?;
            if ctx.global.json {
                return print_json(&serde_json::json!({ "household": h, "correction": change }));
            }
            print_fields(&change.fields);
            Ok(())
        }
        HouseholdAction::Delete { id, reason } => {
            store.delete_household(ctx.id(&id)?, &reason, &ctx.global.operator, ctx.now)?;
            println!("{}", lang.pick("Dihapus.", "Deleted."));
            Ok(())
        }
        HouseholdAction::History { id } => {
            let list = store.history(ctx.id(&id)?)?;
            if ctx.global.json {
                return print_json(&list);
            }
            for e in &list {
                println!(
                    "{}  {} {} {}  {}: {}",
                    e.change.at.format("%Y-%m-%d %H:%M"),
                    e.change.kind.code(),
                    e.entity,
                    e.entity_id,
                    e.change.by,
                    e.change.reason
                );
                print_fields(&e.change.fields);
            }
            Ok(())
        }
        HouseholdAction::KkQr { id, text, photo } => {
            let text = match (text, photo) {
                (Some(text), _) => text,
                (None, Some(photo)) => super::capture::kk_qr_in_photo(ctx, &photo)?,
                (None, None) => {
                    return Err(CliError::Invalid(
                        lang.pick(
                            "Beri teks QR KK atau --photo foto KK.",
                            "Give the KK QR's text or --photo with a photo of the KK.",
                        )
                        .into(),
                    ))
                }
            };
            let h = store.keep_kk_qr(ctx.id(&id)?, &text, &ctx.global.operator, ctx.now)?;
            if ctx.global.json {
                return print_json(&h);
            }
            println!(
                "{}",
                lang.pick("QR KK disimpan sebagai bukti.", "KK QR kept as evidence.")
            );
            Ok(())
        }
        HouseholdAction::Housing(a) => super::answers::housing(ctx, a),
        HouseholdAction::Circumstances(a) => super::answers::circumstances(ctx, a),
        HouseholdAction::List { village } => {
            let list = store.households(village.as_deref())?;
            if ctx.global.json {
                return print_json(&list);
            }
            for h in &list {
                println!(
                    "{}  {:<30} KK {}  RT {}/RW {}",
                    h.meta.id,
                    h.head_name,
                    h.kk_number.masked(),
                    h.rt,
                    h.rw
                );
            }
            Ok(())
        }
    }
}

/// Changed fields, one a line, numbers masked.
fn print_fields(fields: &[FieldChange]) {
    for f in fields {
        println!(
            "    {}: {} → {}",
            f.field,
            f.old_shown().unwrap_or_else(|| "-".into()),
            f.new_shown().unwrap_or_else(|| "-".into())
        );
    }
}

fn parse_date(lang: Lang, d: &str) -> Result<NaiveDate, CliError> {
    d.parse::<NaiveDate>().map_err(|_| {
        CliError::invalid(
            lang,
            "Tanggal lahir harus YYYY-MM-DD.",
            "Birth date must be YYYY-MM-DD.",
        )
    })
}

fn person_correct(ctx: &Ctx, a: PersonCorrect) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let changes = PersonChanges {
        nik: a.nik,
        name: a.name,
        birth_place: None,
        birth_date: a
            .birth_date
            .as_deref()
            .map(|d| parse_date(lang, d))
            .transpose()?,
        sex: a
            .sex
            .as_deref()
            .map(|s| code(lang, "sex", s, Sex::parse, "male, female".into()))
            .transpose()?,
        relationship: a
            .relationship
            .as_deref()
            .map(|r| {
                code(
                    lang,
                    "relationship",
                    r,
                    Relationship::parse,
                    Relationship::codes(),
                )
            })
            .transpose()?,
        marital_status: None,
        occupation: None,
    };
    let (saved, change, family) = store.correct_person(
        ctx.id(&a.id)?,
        &changes,
        &a.reason,
        &ctx.global.operator,
        ctx.now,
    )?;
    if ctx.global.json {
        return print_json(&serde_json::json!({
            "person": saved.person,
            "correction": change,
            "warnings": saved.warnings,
            "family_warnings": family,
        }));
    }
    print_fields(&change.fields);
    for w in &saved.warnings {
        eprintln!(
            "{}: {}",
            lang.pick("Peringatan", "Warning"),
            w.message(lang)
        );
    }
    for w in &family {
        eprintln!(
            "{}: {}",
            lang.pick("Peringatan", "Warning"),
            w.message(lang)
        );
    }
    Ok(())
}

pub fn person(ctx: &Ctx, action: PersonAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    match action {
        PersonAction::Add(a) => person_add(ctx, a),
        PersonAction::Correct(a) => person_correct(ctx, a),
        PersonAction::Move {
            id,
            to,
            relationship,
            reason,
        } => {
            let relationship = code(
                lang,
                "relationship",
                &relationship,
                Relationship::parse,
                Relationship::codes(),
            )?;
            let p = ctx.store()?.move_member(
                ctx.id(&id)?,
                ctx.id(&to)?,
                relationship,
                &reason,
                &ctx.global.operator,
                ctx.now,
            )?;
            if ctx.global.json {
                return print_json(&p);
            }
            println!("{} → {}", p.meta.id, p.household_id);
            Ok(())
        }
        PersonAction::Delete { id, reason } => {
            ctx.store()?
                .delete_member(ctx.id(&id)?, &reason, &ctx.global.operator, ctx.now)?;
            println!("{}", lang.pick("Dihapus.", "Deleted."));
            Ok(())
        }
        PersonAction::Update(a) => super::answers::person_update(ctx, a),
    }
}

fn person_add(ctx: &Ctx, a: PersonAdd) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    let household_id = ctx.id(&a.household)?;
    let household = store.household(household_id)?;
    let sex = a
        .sex
        .as_deref()
        .map(|s| code(lang, "sex", s, Sex::parse, "male, female".into()))
        .transpose()?;
    let birth_date = a
        .birth_date
        .as_deref()
        .map(|d| {
            d.parse::<NaiveDate>().map_err(|_| {
                CliError::invalid(
                    lang,
                    "Tanggal lahir harus YYYY-MM-DD.",
                    "Birth date must be YYYY-MM-DD.",
                )
            })
        })
        .transpose()?;
    let relationship = code(
        lang,
        "relationship",
        &a.relationship,
        Relationship::parse,
        Relationship::codes(),
    )?;
    let regions = ctx.regions()?;
    let (p, mut warnings) = Person::new(
        PersonInput {
            household_id,
            nik: a.nik,
            name: a.name,
            birth_place: a.birth_place,
            birth_date,
            sex,
            relationship: Some(relationship),
            ..Default::default()
        },
        &ctx.global.operator,
        ctx.now,
        regions.as_ref(),
    )?;
    if let Some(nik) = &p.nik {
        warnings.extend(nik.warnings(None, None, Some(household.village_code.as_str())));
    }
    store.save_person(&p)?;
    if ctx.global.json {
        return print_json(&serde_json::json!({ "person": p, "warnings": warnings }));
    }
    println!("{}", p.meta.id);
    for w in &warnings {
        eprintln!(
            "{}: {}",
            lang.pick("Peringatan", "Warning"),
            w.message(lang)
        );
    }
    Ok(())
}

pub fn complaint(ctx: &Ctx, action: ComplaintAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    match action {
        ComplaintAction::Add(a) => {
            let household = a.household.as_deref().map(|h| ctx.id(h)).transpose()?;
            let c = Complaint::new(
                household,
                &a.name,
                code(
                    lang,
                    "category",
                    &a.category,
                    ComplaintCategory::parse,
                    ComplaintCategory::codes(),
                )?,
                &a.description,
                code(
                    lang,
                    "channel",
                    &a.channel,
                    ComplaintChannel::parse,
                    ComplaintChannel::codes(),
                )?,
                &ctx.global.operator,
                ctx.now,
            )?;
            store.save_complaint(&c)?;
            if ctx.global.json {
                print_json(&c)
            } else {
                println!("{}", c.meta.id);
                Ok(())
            }
        }
        ComplaintAction::List { status } => {
            let status = status
                .as_deref()
                .map(|s| {
                    code(
                        lang,
                        "status",
                        s,
                        ComplaintStatus::parse,
                        ComplaintStatus::codes(),
                    )
                })
                .transpose()?;
            let list = store.complaints(status)?;
            if ctx.global.json {
                return print_json(&list);
            }
            for c in &list {
                println!(
                    "{}  {:<18} {:<26} {}  {}",
                    c.meta.id,
                    c.status().label(lang),
                    c.category.label(lang),
                    c.meta.created_at.format("%Y-%m-%d"),
                    c.complainant_name
                );
            }
            Ok(())
        }
        ComplaintAction::Advance { id, to, note } => {
            let mut c = store.complaint(ctx.id(&id)?)?;
            let to = code(
                lang,
                "status",
                &to,
                ComplaintStatus::parse,
                ComplaintStatus::codes(),
            )?;
            c.advance(to, &note, &ctx.global.operator, ctx.now)?;
            store.save_complaint(&c)?;
            if ctx.global.json {
                print_json(&c)
            } else {
                println!("{} → {}", c.meta.id, c.status().label(lang));
                Ok(())
            }
        }
    }
}

pub fn proposal(ctx: &Ctx, action: ProposalAction) -> Result<(), CliError> {
    let lang = ctx.global.lang;
    let store = ctx.store()?;
    match action {
        ProposalAction::Add {
            household,
            kind,
            reason,
            target_nik,
        } => {
            let household = ctx.id(&household)?;
            let kind = code(
                lang,
                "kind",
                &kind,
                ProposalKind::parse,
                ProposalKind::codes(),
            )?;
            let p = Proposal::new(
                household,
                kind,
                &reason,
                target_nik.as_deref(),
                &ctx.global.operator,
                ctx.now,
            )?;
            store.save_proposal(&p)?;
            if ctx.global.json {
                print_json(&p)
            } else {
                println!("{}", p.meta.id);
                Ok(())
            }
        }
        ProposalAction::List => {
            let list = store.proposals()?;
            if ctx.global.json {
                return print_json(&list);
            }
            for p in &list {
                let decided = store.decision("proposal", p.meta.id)?;
                let status = decided
                    .as_ref()
                    .map(|d| d.status.clone())
                    .unwrap_or_else(|| p.status.label(lang).to_string());
                println!(
                    "{}  {:<16} {:<12} {}  {}",
                    p.meta.id,
                    p.kind.label(lang),
                    status,
                    p.household_id,
                    p.reason
                );
                if let Some(d) = decided.filter(|d| !d.note.is_empty()) {
                    println!("    {}: {}", lang.pick("Dinas", "District"), d.note);
                }
            }
            Ok(())
        }
        ProposalAction::Resubmit { id, reason } => {
            let p =
                store.resubmit_proposal(ctx.id(&id)?, &reason, &ctx.global.operator, ctx.now)?;
            if ctx.global.json {
                return print_json(&p);
            }
            println!("{}", p.meta.id);
            Ok(())
        }
    }
}

pub fn decisions(ctx: &Ctx) -> Result<(), CliError> {
    let list = ctx.store()?.decisions()?;
    if ctx.global.json {
        return print_json(&list);
    }
    for d in &list {
        println!(
            "{}  {:<10} {}  {:<16} {}",
            d.at.format("%Y-%m-%d %H:%M"),
            d.entity,
            d.entity_id,
            d.status,
            d.note
        );
    }
    Ok(())
}
