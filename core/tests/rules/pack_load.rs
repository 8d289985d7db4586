//! Malformed and downgraded packs are refused with the path of the bad node and why.

use puskesos_core::rules::*;
use puskesos_core::Lang;
use serde_json::{json, Value};

use crate::support::*;

fn example() -> Value {
    serde_json::from_str(EXAMPLE_PACK_JSON).unwrap()
}

/// Loads the example pack after `edit`, expecting a refusal; returns (path, problem).
fn refused(edit: impl FnOnce(&mut Value)) -> (String, PackProblem, RulesError) {
    let mut doc = example();
    edit(&mut doc);
    match RulePack::from_json(&doc.to_string()) {
        Err(e @ RulesError::Invalid { .. }) => {
            let RulesError::Invalid { path, problem } = e.clone() else {
                unreachable!()
            };
            (path, problem, e)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_unknown_fact_is_refused_with_its_path_in_both_languages() {
    let (path, problem, err) = refused(|d| {
        d["programmes"][3]["criteria"]["all"][1]["any"][0]["field"] =
            json!("household.registry.desl");
    });
    assert_eq!(path, "programmes[3].criteria.all[1].any[0].field");
    assert_eq!(
        problem,
        PackProblem::UnknownFact {
            name: "household.registry.desl".into()
        }
    );
    assert_eq!(
        err.message(Lang::Id),
        "Paket aturan ditolak di `programmes[3].criteria.all[1].any[0].field`: fakta \"household.registry.desl\" tidak dikenal."
    );
    assert_eq!(
        err.message(Lang::En),
        "rule pack refused at `programmes[3].criteria.all[1].any[0].field`: unknown fact \"household.registry.desl\"."
    );
}

/// An edit that breaks the pack, the path it must be refused at, and why.
type Case = (Box<dyn FnOnce(&mut Value)>, &'static str, PackProblem);

#[test]
fn malformed_nodes_are_refused_where_they_are() {
    let cases: Vec<Case> = vec![
        (
            Box::new(|d| d["programmes"][1]["criteria"]["vaule"] = json!(4)),
            "programmes[1].criteria.vaule",
            PackProblem::UnknownKey,
        ),
        (
            Box::new(|d| d["programmes"][1]["criteria"]["op"] = json!("=<")),
            "programmes[1].criteria.op",
            PackProblem::UnknownOperator { found: "=<".into() },
        ),
        (
            Box::new(|d| {
                d["programmes"][5]["criteria"]["all"][1]["op"] = json!("<");
                d["programmes"][5]["criteria"]["all"][1]["value"] = json!(3);
            }),
            "programmes[5].criteria.all[1].op",
            PackProblem::OperatorNotAllowed {
                op: "<".into(),
                fact: "household.housing.tenure".into(),
            },
        ),
        (
            Box::new(|d| {
                d["programmes"][5]["criteria"]["all"][3]["any"][0]["value"][0] = json!("eart")
            }),
            "programmes[5].criteria.all[3].any[0].value[0]",
            PackProblem::UnknownCode {
                code: "eart".into(),
                fact: "household.housing.floor_material".into(),
            },
        ),
        (
            Box::new(|d| d["programmes"][1]["criteria"]["value"] = json!("4")),
            "programmes[1].criteria.value",
            PackProblem::WrongType {
                expected: "number".into(),
            },
        ),
        (
            Box::new(|d| {
                d["programmes"][3]["criteria"]["all"][0]["where"]["all"][0]["value"] =
                    json!([21, 6])
            }),
            "programmes[3].criteria.all[0].where.all[0].value",
            PackProblem::BadRange {
                low: 21.0,
                high: 6.0,
            },
        ),
        (
            Box::new(|d| {
                d["programmes"][0]["criteria"]["all"][0] =
                    json!({"field": "member.age", "op": ">", "value": 60})
            }),
            "programmes[0].criteria.all[0].field",
            PackProblem::MemberFactOutsideMembers {
                name: "member.age".into(),
            },
        ),
        (
            Box::new(
                |d| d["programmes"][6]["criteria"]["where"] = json!({"members": "exists", "where": {"field": "member.age", "op": ">", "value": 1}}),
            ),
            "programmes[6].criteria.where",
            PackProblem::NestedMembers,
        ),
        (
            Box::new(|d| d["programmes"][6]["criteria"]["members"] = json!("most")),
            "programmes[6].criteria.members",
            PackProblem::UnknownQuantifier {
                found: "most".into(),
            },
        ),
        (
            Box::new(|d| d["programmes"][0]["criteria"]["all"][1]["any"] = json!([])),
            "programmes[0].criteria.all[1].any",
            PackProblem::Empty,
        ),
        (
            Box::new(|d| d["programmes"][0]["criteria"]["all"][0]["any"] = json!([])),
            "programmes[0].criteria.all[0]",
            PackProblem::NotOneKind {
                found: vec!["any".into(), "field".into()],
            },
        ),
        (
            Box::new(|d| d["programmes"][2]["id"] = json!("pkh")),
            "programmes[2].id",
            PackProblem::DuplicateId { id: "pkh".into() },
        ),
        (
            Box::new(|d| d["programmes"][2]["sector"] = json!("welfare")),
            "programmes[2].sector",
            PackProblem::UnknownSector {
                found: "welfare".into(),
            },
        ),
        (
            Box::new(|d| d["version"] = json!("2025-08")),
            "version",
            PackProblem::BadVersion {
                found: "2025-08".into(),
            },
        ),
        (
            Box::new(|d| d["format"] = json!("puskesos-rules/2")),
            "format",
            PackProblem::UnsupportedFormat {
                found: "puskesos-rules/2".into(),
                supported: "puskesos-rules/1".into(),
            },
        ),
        (
            Box::new(|d| d["welfare_score"]["desil_cutoffs"][4] = json!(10)),
            "welfare_score.desil_cutoffs",
            PackProblem::CutoffsNotAscending,
        ),
        (
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("effective_from");
            }),
            "effective_from",
            PackProblem::Missing,
        ),
    ];
    for (edit, want_path, want_problem) in cases {
        let (path, problem, err) = refused(edit);
        assert_eq!((path.as_str(), &problem), (want_path, &want_problem));
        // Every refusal reads as a sentence in both languages and names the node.
        for lang in [Lang::Id, Lang::En] {
            let msg = err.message(lang);
            assert!(msg.contains(want_path), "{msg}");
        }
        assert_ne!(err.message(Lang::Id), err.message(Lang::En));
    }
}

#[test]
fn criteria_nested_too_deep_are_refused() {
    let mut c = json!({"field": "household.lost_livelihood", "op": "=", "value": true});
    for _ in 0..MAX_DEPTH {
        c = json!({ "not": c });
    }
    let (path, problem, _) = refused(|d| d["programmes"][1]["criteria"] = c);
    assert_eq!(problem, PackProblem::TooDeep { max: MAX_DEPTH });
    assert_eq!(
        path,
        format!(
            "programmes[1].criteria{}",
            ".not".repeat(MAX_DEPTH as usize)
        )
    );
}

#[test]
fn broken_json_is_refused_with_line_and_column() {
    let text =
        EXAMPLE_PACK_JSON.replacen("\"version\": \"2025.8.0\",", "\"version\": \"2025.8.0\"", 1);
    match RulePack::from_json(&text) {
        Err(RulesError::Syntax { line, .. }) => assert_eq!(line, 5),
        other => panic!("{other:?}"),
    }
    let huge = " ".repeat(MAX_PACK_BYTES + 1);
    assert!(matches!(
        RulePack::from_json(&huge),
        Err(RulesError::TooLarge { .. })
    ));
}

fn with_version(version: &str, tweak: bool) -> RulePack {
    let mut doc = example();
    doc["version"] = json!(version);
    if tweak {
        doc["programmes"][1]["criteria"]["value"] = json!(3);
    }
    RulePack::from_json(&doc.to_string()).unwrap()
}

#[test]
fn upgrades_go_forward_only() {
    let installed = pack();
    let meta = installed.meta();
    assert_eq!(meta.version, "2025.8.0");
    let newer = with_version("2025.10.0", true);
    assert_eq!(check_upgrade(meta, newer.meta()), Ok(Upgrade::Newer));
    assert_eq!(check_upgrade(meta, meta), Ok(Upgrade::Identical));
    // Same content re-serialised differently is the same pack.
    let reformatted = RulePack::from_json(&example().to_string()).unwrap();
    assert_eq!(
        check_upgrade(meta, reformatted.meta()),
        Ok(Upgrade::Identical)
    );

    let older = with_version("2025.7.9", false);
    let err = check_upgrade(meta, older.meta()).unwrap_err();
    assert_eq!(
        err,
        RulesError::Downgrade {
            pack_id: "contoh-nasional".into(),
            installed: "2025.8.0".into(),
            offered: "2025.7.9".into()
        }
    );
    assert_eq!(
        err.message(Lang::Id),
        "Paket aturan contoh-nasional versi 2025.7.9 lebih lama dari versi terpasang 2025.8.0; paket ditolak."
    );
    assert_eq!(
        err.message(Lang::En),
        "rule pack contoh-nasional version 2025.7.9 is older than the installed version 2025.8.0."
    );

    let same_number = with_version("2025.8.0", true);
    let err = check_upgrade(meta, same_number.meta()).unwrap_err();
    assert!(matches!(err, RulesError::ConflictingVersion { .. }));
    assert!(
        err.message(Lang::Id).contains("berbeda isinya"),
        "{}",
        err.message(Lang::Id)
    );

    let mut other = example();
    other["id"] = json!("kab-bogor");
    other["version"] = json!("1.0.0");
    let other = RulePack::from_json(&other.to_string()).unwrap();
    assert_eq!(check_upgrade(meta, other.meta()), Ok(Upgrade::OtherPack));
}

#[test]
fn a_pack_lists_the_institutions_families_are_referred_to_by_sector() {
    let mut doc = example();
    doc["institutions"] = json!([
        {"sector": "health", "name": "Puskesmas Contoh", "services": ["PBI-JK", "pemeriksaan lansia"]},
        {"sector": "civil_registration", "name": "Disdukcapil Kabupaten Contoh", "services": ["akta kelahiran"]},
        {"sector": "health", "name": "RSUD Contoh"}
    ]);
    let pack = RulePack::from_json(&doc.to_string()).unwrap();
    let health = pack.institutions(Some(Sector::Health));
    assert_eq!(
        health.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
        ["Puskesmas Contoh", "RSUD Contoh"]
    );
    assert_eq!(health[0].services, ["PBI-JK", "pemeriksaan lansia"]);
    assert!(health[1].services.is_empty());
    assert_eq!(pack.institutions(None).len(), 3);
    assert!(pack.institutions(Some(Sector::Food)).is_empty());
    assert!(RulePack::example().unwrap().institutions(None).is_empty());
}

#[test]
fn an_institution_with_an_unknown_sector_or_twice_the_same_name_is_refused() {
    let (path, problem, _) = refused(|d| {
        d["institutions"] = json!([{"sector": "kesehatan", "name": "Puskesmas Contoh"}]);
    });
    assert_eq!(path, "institutions[0].sector");
    assert_eq!(
        problem,
        PackProblem::UnknownSector {
            found: "kesehatan".into()
        }
    );
    let (path, problem, _) = refused(|d| {
        d["institutions"] = json!([
            {"sector": "health", "name": "Puskesmas Contoh"},
            {"sector": "food", "name": "Puskesmas Contoh"}
        ]);
    });
    assert_eq!(path, "institutions[1].name");
    assert!(matches!(problem, PackProblem::DuplicateId { .. }));
    let (path, problem, _) = refused(|d| {
        d["institutions"] = json!([{"sector": "health", "name": "Puskesmas", "phone": "0812"}]);
    });
    assert_eq!(path, "institutions[0].phone");
    assert_eq!(problem, PackProblem::UnknownKey);
}

#[test]
fn the_lock_delay_defaults_to_five_minutes_and_a_pack_can_set_it() {
    assert_eq!(RulePack::example().unwrap().lock_after_minutes(), 5);
    for minutes in [1, 15, 60] {
        let mut doc = example();
        doc["settings"] = json!({ "lock_after_minutes": minutes });
        let pack = RulePack::from_json(&doc.to_string()).unwrap();
        assert_eq!(pack.lock_after_minutes(), minutes);
        assert_eq!(pack.settings().lock_after_minutes, minutes);
    }
    let mut doc = example();
    doc["settings"] = json!({});
    assert_eq!(
        RulePack::from_json(&doc.to_string())
            .unwrap()
            .lock_after_minutes(),
        DEFAULT_LOCK_AFTER_MINUTES
    );
}

#[test]
fn a_lock_delay_out_of_bounds_or_misspelt_is_refused_where_it_is() {
    for minutes in [0, 61, 1440] {
        let (path, problem, err) =
            refused(|d| d["settings"] = json!({ "lock_after_minutes": minutes }));
        assert_eq!(path, "settings.lock_after_minutes");
        assert_eq!(
            problem,
            PackProblem::OutOfBounds {
                found: minutes as f64,
                min: 1.0,
                max: 60.0
            }
        );
        assert!(
            err.message(Lang::Id).contains("1 sampai 60"),
            "{}",
            err.message(Lang::Id)
        );
    }
    let (path, problem, _) = refused(|d| d["settings"] = json!({ "lock_after_minutes": 2.5 }));
    assert_eq!(path, "settings.lock_after_minutes");
    assert!(matches!(problem, PackProblem::WrongType { .. }));
    let (path, problem, _) = refused(|d| d["settings"] = json!({ "lock_after_minuts": 5 }));
    assert_eq!(path, "settings.lock_after_minuts");
    assert_eq!(problem, PackProblem::UnknownKey);
}
