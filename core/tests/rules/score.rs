//! The indicative welfare score and its explanation.

use puskesos_core::rules::*;
use puskesos_core::Lang;

use crate::support::*;

#[test]
fn a_poor_house_scores_a_low_indicative_desil_with_its_main_reasons() {
    let pack = pack();
    let mut h = household(3);
    h.registry = RegistryFacts::NotFound {
        extract_version: "2025Q2".into(),
    };
    h.housing.floor_material = Some(FloorMaterial::Earth);
    h.housing.wall_material = Some(WallMaterial::WovenBamboo);
    h.housing.cooking_fuel = Some(CookingFuel::Firewood);
    h.housing.electricity_va = Some(450);
    h.assets.motorcycle = Some(false);
    let s = welfare_score(&pack, &h, day()).unwrap();
    // 100 − 8 (earth) − 6 (bamboo walls) − 6 (firewood) − 4 (450 VA)
    assert_eq!(s.score, 76.0);
    assert_eq!(s.desil, 1);
    assert!(s.complete());
    assert_eq!((s.desil_low, s.desil_high), (1, 1));
    assert!(s.illustrative);
    let ids: Vec<&str> = s
        .contributions
        .iter()
        .map(|c| c.indicator_id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "lantai_tanah_bambu",
            "dinding_bambu_kayu",
            "masak_kayu_arang",
            "listrik_450"
        ]
    );

    let lines = explain_score(&s, Lang::Id, 2);
    assert_eq!(
        lines,
        [
            "Skor kesejahteraan indikatif 76 → desil indikatif 1. Bobot ini ilustratif, bukan bobot resmi BPS/Kemensos: hanya untuk mengurutkan usulan.",
            "lantai tanah/bambu: -8",
            "dinding bambu/kayu rendah: -6",
        ]
    );
    let en = explain_score(&s, Lang::En, 1);
    assert_eq!(en[1], "earth or bamboo floor: -8");
    assert!(en[0].contains("illustrative"));
}

#[test]
fn the_desil_cut_offs_are_inclusive_at_the_lower_bound() {
    let pack = pack();
    let score = |h: &HouseholdFacts| {
        let s = welfare_score(&pack, h, day()).unwrap();
        (s.score, s.desil)
    };
    let mut h = household(3);
    // The couple starts at 111: base 100, ceramic floor +6, motorcycle +5.
    assert_eq!(score(&h), (111.0, 8));
    h.assets.motorcycle = Some(false); // 106
    h.housing.floor_material = Some(FloorMaterial::Earth); // −6 −8 → 92
    h.housing.wall_material = Some(WallMaterial::Bamboo); // −6 → 86
    assert_eq!(score(&h), (86.0, 2));
    h.housing.toilet = Some(Toilet::None); // −6 → 80
    h.assets.refrigerator = Some(true); // +5 → 85, the first cut-off itself
    assert_eq!(score(&h), (85.0, 2));
    h.members[1].disability = Some(true); // −3 → 82
    h.members[1].disability_severity = Some(DisabilitySeverity::Mild);
    assert_eq!(score(&h), (82.0, 1));
}

#[test]
fn unknown_indicators_widen_the_range_and_are_listed() {
    let pack = pack();
    let mut h = household(3);
    h.assets.car = None;
    h.housing.floor_material = None;
    let s = welfare_score(&pack, &h, day()).unwrap();
    assert!(!s.complete());
    assert_eq!(
        s.score_high - s.score,
        15.0 + 6.0,
        "car, or a ceramic floor"
    );
    assert_eq!(s.score - s.score_low, 8.0, "an earth floor");
    assert!(s.desil_low < s.desil_high);
    assert!(s.missing.iter().any(|m| m.fact == FactId::AssetCar));
    assert!(s.missing.iter().any(|m| m.fact == FactId::FloorMaterial));
    assert!(explain_score(&s, Lang::Id, 3)[0].contains("belum lengkap"));
}

#[test]
fn a_pack_without_a_score_says_so() {
    let p = crate::logic::one(
        serde_json::json!({"field": "household.lost_livelihood", "op": "=", "value": true}),
    );
    let err = welfare_score(&p, &household(3), day()).unwrap_err();
    assert_eq!(
        err,
        RulesError::NoWelfareScore {
            pack_id: "uji".into()
        }
    );
}
