//! Verdicts explained in Bahasa Indonesia and English.

use puskesos_core::ident::Sex;
use puskesos_core::rules::*;
use puskesos_core::Lang;
use serde_json::json;

use crate::support::*;

fn programme<'a>(e: &'a HouseholdExplanation, id: &str) -> &'a ProgrammeExplanation {
    e.programmes.iter().find(|p| p.programme_id == id).unwrap()
}

#[test]
fn a_failed_desil_is_explained_with_the_recorded_value_in_both_languages() {
    let pack = pack();
    let h = with(household(6), adult(70, Sex::Female, Relationship::Parent));
    let result = evaluate(&pack, &h, day());
    let id = explain(&pack, &result, Lang::Id).unwrap();
    let en = explain(&pack, &result, Lang::En).unwrap();

    let pkh = programme(&id, "pkh");
    assert_eq!(pkh.verdict, Verdict::NotEligible);
    assert_eq!(
        pkh.summary,
        "Program Keluarga Harapan (PKH): tidak memenuhi syarat — desil keluarga di registri maksimal 4."
    );
    assert_eq!(
        programme(&en, "pkh").summary,
        "Family Hope Programme (PKH): not eligible — registry welfare decile at most 4."
    );
    let desil = &pkh.reasons[1];
    assert_eq!(desil.path, "programmes[0].criteria.all[0]");
    assert_eq!(desil.depth, 1);
    assert_eq!(desil.truth, Truth::False);
    assert_eq!(
        desil.sentence,
        "desil keluarga di registri maksimal 4: tidak terpenuhi (tercatat: 6)."
    );
    assert!(desil.source.as_deref().unwrap().contains("Inpres 4/2025"));
    assert_eq!(
        programme(&en, "pkh").reasons[1].sentence,
        "registry welfare decile at most 4: not met (recorded: 6)."
    );
    // The elderly component is met, by the third member.
    let elderly = pkh
        .reasons
        .iter()
        .find(|r| {
            r.sentence
                .starts_with("ada anggota keluarga dengan: umur minimal 60 tahun")
        })
        .unwrap();
    assert_eq!(
        elderly.sentence,
        "ada anggota keluarga dengan: umur minimal 60 tahun: terpenuhi (anggota ke-3)."
    );
    assert_eq!(pkh.source, pack.programmes()[0].source);
    assert!(id.pack.contains("CONTOH"), "{}", id.pack);
    assert!(en.pack.contains("EXAMPLE"), "{}", en.pack);
}

#[test]
fn needs_data_says_what_to_ask_in_both_languages() {
    let pack = pack();
    let mut h = with(
        household(3),
        MemberFacts {
            in_school: None,
            school_level: None,
            education: None,
            ..adult(10, Sex::Female, Relationship::Child)
        },
    );
    h.registry = RegistryFacts::Unknown;
    let result = evaluate(&pack, &h, day());
    let id = explain(&pack, &result, Lang::Id).unwrap();
    let en = explain(&pack, &result, Lang::En).unwrap();
    assert_eq!(
        programme(&id, "pip").summary,
        "Program Indonesia Pintar (PIP): belum dapat diputuskan; perlu data: status di registri DTSEN/DTKS, status bersekolah anggota ke-3, ijazah tertinggi anggota ke-3."
    );
    assert_eq!(
        programme(&en, "pip").summary,
        "Smart Indonesia Programme (PIP, school aid): cannot be decided yet; needs: DTSEN/DTKS registry status, school enrolment of member 3, highest certificate of member 3."
    );
    assert_eq!(id.ask_next[0], "status di registri DTSEN/DTKS");
    assert_eq!(en.ask_next[0], "DTSEN/DTKS registry status");
    let pip = programme(&id, "pip");
    let undecided = pip
        .reasons
        .iter()
        .find(|r| r.path == "programmes[3].criteria.all[0]")
        .unwrap();
    assert_eq!(
        undecided.sentence,
        "ada anak usia 6–21 tahun yang bersekolah SD–SMA atau putus sekolah sebelum tamat SMA: belum dapat diputuskan (belum diketahui untuk anggota ke-3)."
    );
    let desil = pip
        .reasons
        .iter()
        .find(|r| r.path == "programmes[3].criteria.all[1].any[0]")
        .unwrap();
    assert_eq!(
        desil.sentence,
        "desil keluarga di registri maksimal 4: belum dapat diputuskan (data belum ada: status di registri DTSEN/DTKS)."
    );
}

#[test]
fn generated_phrases_cover_codes_sets_and_yes_no_facts() {
    let p = crate::logic::one(json!({"all": [
        {"field": "household.housing.floor_material", "op": "in", "value": ["earth", "bamboo"]},
        {"not": {"field": "household.programmes_received", "op": "contains", "value": "pkh"}},
        {"members": "count", "at_least": 2, "where": {"field": "member.in_school", "op": "=", "value": false}},
        {"field": "household.housing.floor_area_per_person_m2", "op": "<", "value": 7.5}
    ]}));
    let mut h = household(3);
    h.housing.floor_material = Some(FloorMaterial::Earth);
    h.programmes_received = Some(vec!["bpnt".into()]);
    let r = evaluate(&p, &h, day());
    let id = explain(&p, &r, Lang::Id).unwrap();
    let en = explain(&p, &r, Lang::En).unwrap();
    let s = |e: &HouseholdExplanation| -> Vec<String> {
        e.programmes[0]
            .reasons
            .iter()
            .skip(1)
            .map(|r| r.sentence.clone())
            .collect()
    };
    assert_eq!(
        s(&id),
        [
            "jenis lantai: tanah atau bambu: terpenuhi (tercatat: tanah).",
            "bukan bantuan yang sudah diterima mencakup pkh: terpenuhi.",
            "bantuan yang sudah diterima mencakup pkh: tidak terpenuhi (tercatat: bpnt).",
            "paling sedikit 2 anggota keluarga dengan: tidak sedang bersekolah: terpenuhi (anggota ke-1, ke-2).",
            "luas lantai per orang kurang dari 7,5 m²: tidak terpenuhi (tercatat: 30 m²).",
        ]
    );
    assert_eq!(
        s(&en),
        [
            "floor material: earth or bamboo: met (recorded: earth).",
            "not assistance already received include pkh: met.",
            "assistance already received include pkh: not met (recorded: bpnt).",
            "at least 2 members with: not enrolled in school: met (members 1, 2).",
            "floor area per person less than 7.5 m²: not met (recorded: 30 m²).",
        ]
    );
    assert_eq!(
        id.programmes[0].summary,
        "Program uji: tidak memenuhi syarat — luas lantai per orang kurang dari 7,5 m²."
    );
}

#[test]
fn a_result_is_only_explained_with_the_pack_that_made_it() {
    let pack = pack();
    let result = evaluate(&pack, &household(3), day());
    let mut doc: serde_json::Value = serde_json::from_str(EXAMPLE_PACK_JSON).unwrap();
    doc["version"] = json!("2025.9.0");
    let newer = RulePack::from_json(&doc.to_string()).unwrap();
    let err = explain(&newer, &result, Lang::Id).unwrap_err();
    assert_eq!(
        err,
        RulesError::PackMismatch {
            expected: "contoh-nasional@2025.9.0".into(),
            found: "contoh-nasional@2025.8.0".into()
        }
    );
    assert_eq!(
        err.message(Lang::Id),
        "Hasil ini dibuat dengan paket aturan contoh-nasional@2025.8.0, bukan contoh-nasional@2025.9.0."
    );
    // A stored result read back from JSON explains the same as the fresh one.
    let stored: HouseholdEvaluation =
        serde_json::from_str(&serde_json::to_string(&result).unwrap()).unwrap();
    assert_eq!(
        explain(&pack, &stored, Lang::En).unwrap(),
        explain(&pack, &result, Lang::En).unwrap()
    );
}
