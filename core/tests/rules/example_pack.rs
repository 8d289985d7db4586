//! Each programme of the example pack on hand-built households at its edges.

use chrono::NaiveDate;
use puskesos_core::ident::Sex;
use puskesos_core::rules::Verdict::{Eligible, NeedsData, NotEligible};
use puskesos_core::rules::*;

use crate::support::*;

#[test]
fn example_pack_covers_the_seven_programmes_and_is_marked_as_example() {
    let pack = pack();
    let ids: Vec<String> = pack.programmes().into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        ["pkh", "bpnt", "pbi_jk", "pip", "blt_dd", "rtlh", "atensi"]
    );
    assert!(pack.meta().example);
    let sectors: Vec<Sector> = pack.programmes().iter().map(|p| p.sector).collect();
    assert_eq!(
        sectors,
        [
            Sector::SocialEconomic,
            Sector::Food,
            Sector::Health,
            Sector::Education,
            Sector::SocialEconomic,
            Sector::Housing,
            Sector::SocialEconomic
        ]
    );
    assert_eq!(Sector::ALL.len(), 9, "the nine SLRT sectors");
    for s in Sector::ALL {
        assert_eq!(Sector::parse(s.code()), Some(s));
        assert_ne!(
            s.label(puskesos_core::Lang::Id),
            s.label(puskesos_core::Lang::En)
        );
    }
    assert_eq!(pack.welfare_score_is_illustrative(), Some(true));
    for p in pack.programmes() {
        assert!(!p.source.is_empty(), "{} cites its source", p.id);
    }
    // Every criterion of every programme cites a regulation somewhere on its path: the
    // JSON must carry a source on each programme and on each top-level criterion.
    let json: serde_json::Value = serde_json::from_str(EXAMPLE_PACK_JSON).unwrap();
    for p in json["programmes"].as_array().unwrap() {
        let c = &p["criteria"];
        match c.get("all") {
            Some(parts) => {
                for part in parts.as_array().unwrap() {
                    assert!(part.get("source").is_some(), "{}: {part}", p["id"]);
                }
            }
            None => assert!(c.get("source").is_some(), "{}", p["id"]),
        }
    }
}

#[test]
fn a_couple_with_nothing_special_gets_only_the_desil_based_programmes() {
    let pack = pack();
    let h = household(3);
    let got: Vec<(String, Verdict)> = evaluate(&pack, &h, day())
        .results
        .into_iter()
        .map(|r| (r.programme_id, r.verdict))
        .collect();
    let want = [
        ("pkh", NotEligible),
        ("bpnt", Eligible),
        ("pbi_jk", Eligible),
        ("pip", NotEligible),
        ("blt_dd", NotEligible),
        ("rtlh", NotEligible),
        ("atensi", NotEligible),
    ];
    let want: Vec<(String, Verdict)> = want.iter().map(|(p, v)| (p.to_string(), *v)).collect();
    assert_eq!(got, want);
}

#[test]
fn pip_takes_children_from_6_to_21_years() {
    let pack = pack();
    for (age, expected) in [
        (5, NotEligible),
        (6, Eligible),
        (21, Eligible),
        (22, NotEligible),
    ] {
        let h = with(household(3), pupil(age));
        assert_eq!(verdict_of(&pack, &h, "pip"), expected, "age {age}");
    }
}

#[test]
fn pip_counts_age_from_the_birth_date_on_the_day_of_evaluation() {
    let pack = pack();
    let child = |born: NaiveDate| MemberFacts {
        birth_date: Some(born),
        age_years: Some(30), // stale stated age: the birth date wins
        ..pupil(6)
    };
    // Evaluated on 2025-08-01.
    let six_today = with(
        household(3),
        child(NaiveDate::from_ymd_opt(2019, 8, 1).unwrap()),
    );
    let six_tomorrow = with(
        household(3),
        child(NaiveDate::from_ymd_opt(2019, 8, 2).unwrap()),
    );
    assert_eq!(verdict_of(&pack, &six_today, "pip"), Eligible);
    assert_eq!(verdict_of(&pack, &six_tomorrow, "pip"), NotEligible);
    let turned_22 = with(
        household(3),
        child(NaiveDate::from_ymd_opt(2003, 8, 1).unwrap()),
    );
    let still_21 = with(
        household(3),
        child(NaiveDate::from_ymd_opt(2003, 8, 2).unwrap()),
    );
    assert_eq!(verdict_of(&pack, &turned_22, "pip"), NotEligible);
    assert_eq!(verdict_of(&pack, &still_21, "pip"), Eligible);
}

#[test]
fn pip_includes_drop_outs_who_did_not_finish_upper_secondary() {
    let pack = pack();
    let drop_out = MemberFacts {
        in_school: Some(false),
        education: Some(Education::Smp),
        ..adult(16, Sex::Male, Relationship::Child)
    };
    let graduate = MemberFacts {
        education: Some(Education::Sma),
        ..drop_out.clone()
    };
    assert_eq!(
        verdict_of(&pack, &with(household(3), drop_out), "pip"),
        Eligible
    );
    assert_eq!(
        verdict_of(&pack, &with(household(3), graduate), "pip"),
        NotEligible
    );
}

#[test]
fn pip_for_a_richer_family_depends_on_pkh_or_bpnt_membership() {
    let pack = pack();
    let mut h = with(household(7), pupil(10));
    assert_eq!(verdict_of(&pack, &h, "pip"), NotEligible);
    h.programmes_received = Some(vec!["bpnt".into()]);
    assert_eq!(verdict_of(&pack, &h, "pip"), Eligible);
    h.programmes_received = None;
    let r = result_of(&pack, &h, "pip");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(r.missing, [missing(FactId::ProgrammesReceived, None)]);
}

#[test]
fn pip_needs_the_school_status_of_a_child_of_school_age() {
    let pack = pack();
    let child = MemberFacts {
        in_school: None,
        school_level: None,
        education: None,
        ..adult(10, Sex::Female, Relationship::Child)
    };
    let r = result_of(&pack, &with(household(3), child), "pip");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(
        r.missing,
        [
            missing(FactId::MemberInSchool, Some(2)),
            missing(FactId::MemberEducation, Some(2))
        ]
    );
}

#[test]
fn pkh_and_bpnt_stop_at_desil_4() {
    let pack = pack();
    let elder = adult(70, Sex::Female, Relationship::Parent);
    for (desil, expected) in [
        (1, Eligible),
        (4, Eligible),
        (5, NotEligible),
        (10, NotEligible),
    ] {
        let h = with(household(desil), elder.clone());
        assert_eq!(verdict_of(&pack, &h, "pkh"), expected, "pkh desil {desil}");
        assert_eq!(
            verdict_of(&pack, &h, "bpnt"),
            expected,
            "bpnt desil {desil}"
        );
    }
}

#[test]
fn pkh_components_have_their_age_edges() {
    let pack = pack();
    let v = |m: MemberFacts| verdict_of(&pack, &with(household(2), m), "pkh");
    assert_eq!(
        v(adult(60, Sex::Male, Relationship::Parent)),
        Eligible,
        "elderly from 60"
    );
    assert_eq!(v(adult(59, Sex::Male, Relationship::Parent)), NotEligible);
    assert_eq!(
        v(adult(5, Sex::Male, Relationship::Child)),
        Eligible,
        "early childhood 0–6"
    );
    assert_eq!(v(pupil(21)), Eligible, "school age up to 21");
    let out_of_school_22 = MemberFacts {
        education: Some(Education::Smp),
        ..adult(22, Sex::Male, Relationship::Child)
    };
    assert_eq!(
        v(out_of_school_22),
        NotEligible,
        "22 is past the education component"
    );
    let pregnant = MemberFacts {
        pregnant: Some(true),
        ..spouse()
    };
    assert_eq!(v(pregnant), Eligible);
    let severe = MemberFacts {
        disability: Some(true),
        disability_severity: Some(DisabilitySeverity::Severe),
        ..adult(30, Sex::Male, Relationship::OtherFamily)
    };
    let mild = MemberFacts {
        disability_severity: Some(DisabilitySeverity::Mild),
        ..severe.clone()
    };
    assert_eq!(v(severe), Eligible);
    assert_eq!(v(mild), NotEligible);
}

#[test]
fn a_family_outside_the_registry_is_not_eligible_for_desil_programmes_rather_than_undecided() {
    let pack = pack();
    let mut h = with(household(3), adult(70, Sex::Female, Relationship::Parent));
    h.registry = RegistryFacts::NotFound {
        extract_version: "2025Q2".into(),
    };
    for p in ["pkh", "bpnt", "pbi_jk", "rtlh"] {
        assert_eq!(verdict_of(&pack, &h, p), NotEligible, "{p}");
    }
}

#[test]
fn an_unchecked_registry_status_is_the_first_question() {
    let pack = pack();
    let mut h = household(3);
    h.registry = RegistryFacts::Unknown;
    let e = evaluate(&pack, &h, day());
    assert_eq!(e.registry_extract_version, None);
    let first = &e.ask_next[0];
    assert_eq!((first.fact, first.member), (FactId::RegistryStatus, None));
    assert_eq!(first.programmes, ["bpnt", "pbi_jk", "blt_dd"]);
    // A registered but unranked family waits on the desil itself.
    h.registry = RegistryFacts::Found {
        desil: None,
        extract_version: "2025Q3".into(),
    };
    let e = evaluate(&pack, &h, day());
    assert_eq!(e.registry_extract_version.as_deref(), Some("2025Q3"));
    assert_eq!(e.ask_next[0].fact, FactId::RegistryDesil);
}

#[test]
fn pbi_jk_stops_at_desil_5_and_excludes_civil_servant_families() {
    let pack = pack();
    assert_eq!(verdict_of(&pack, &household(5), "pbi_jk"), Eligible);
    assert_eq!(verdict_of(&pack, &household(6), "pbi_jk"), NotEligible);
    let mut h = household(2);
    h.members[1].employed = Some(true);
    h.members[1].occupation = Some(Occupation::CivilServant);
    assert_eq!(verdict_of(&pack, &h, "pbi_jk"), NotEligible);
    h.members[1].employed = None;
    let r = result_of(&pack, &h, "pbi_jk");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(r.missing, [missing(FactId::MemberEmployed, Some(1))]);
    h.members[1].employed = Some(true);
    h.members[1].occupation = None;
    assert_eq!(
        result_of(&pack, &h, "pbi_jk").missing,
        [missing(FactId::MemberOccupation, Some(1))]
    );
}

#[test]
fn blt_dd_goes_to_the_extreme_poor_and_vulnerable_not_already_in_pkh() {
    let pack = pack();
    assert_eq!(verdict_of(&pack, &household(1), "blt_dd"), Eligible);
    assert_eq!(verdict_of(&pack, &household(2), "blt_dd"), NotEligible);
    let mut lost = household(6);
    lost.lost_livelihood = Some(true);
    assert_eq!(verdict_of(&pack, &lost, "blt_dd"), Eligible);
    lost.programmes_received = Some(vec!["pkh".into()]);
    assert_eq!(verdict_of(&pack, &lost, "blt_dd"), NotEligible);
    let ill = MemberFacts {
        chronic_illness: Some(true),
        ..adult(50, Sex::Male, Relationship::OtherFamily)
    };
    assert_eq!(
        verdict_of(&pack, &with(household(6), ill), "blt_dd"),
        Eligible
    );

    let mut alone = household(6);
    alone.members = vec![adult(60, Sex::Female, Relationship::Head)];
    assert_eq!(
        verdict_of(&pack, &alone, "blt_dd"),
        Eligible,
        "elderly living alone"
    );
    alone.members = vec![adult(59, Sex::Female, Relationship::Head)];
    assert_eq!(verdict_of(&pack, &alone, "blt_dd"), NotEligible);
    let mut pair = household(6);
    pair.members[0].age_years = Some(70);
    assert_eq!(verdict_of(&pack, &pair, "blt_dd"), NotEligible, "not alone");

    let mut unasked = household(6);
    unasked.lost_livelihood = None;
    let r = result_of(&pack, &unasked, "blt_dd");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(r.missing, [missing(FactId::LostLivelihood, None)]);
}

#[test]
fn rtlh_needs_an_owned_unfit_house_and_uses_8_square_metres_per_person() {
    let pack = pack();
    let mut h = household(4);
    assert_eq!(verdict_of(&pack, &h, "rtlh"), NotEligible);
    h.housing.floor_area_m2 = Some(15.0); // 7.5 m² per person
    assert_eq!(verdict_of(&pack, &h, "rtlh"), Eligible);
    h.housing.floor_area_m2 = Some(16.0); // exactly 8 m²: not below
    assert_eq!(verdict_of(&pack, &h, "rtlh"), NotEligible);
    h.housing.floor_material = Some(FloorMaterial::Earth);
    assert_eq!(verdict_of(&pack, &h, "rtlh"), Eligible);
    h.housing.tenure = Some(Tenure::Rent);
    assert_eq!(verdict_of(&pack, &h, "rtlh"), NotEligible);
    h.housing.tenure = Some(Tenure::Own);
    h.housing.owns_land = None;
    assert_eq!(
        result_of(&pack, &h, "rtlh").missing,
        [missing(FactId::OwnsLand, None)]
    );

    let mut unmeasured = household(4);
    unmeasured.housing.floor_area_m2 = None;
    let r = result_of(&pack, &unmeasured, "rtlh");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(r.missing, [missing(FactId::FloorArea, None)]);
    unmeasured.members.clear();
    unmeasured.housing.floor_area_m2 = Some(30.0);
    assert_eq!(
        result_of(&pack, &unmeasured, "rtlh").missing,
        [missing(FactId::Members, None)],
        "area per person needs the members"
    );
}

#[test]
fn atensi_covers_disability_neglected_or_ill_elders_and_neglected_children() {
    let pack = pack();
    let v = |m: MemberFacts| verdict_of(&pack, &with(household(8), m), "atensi");
    let disabled = MemberFacts {
        disability: Some(true),
        disability_severity: Some(DisabilitySeverity::Mild),
        ..adult(30, Sex::Male, Relationship::Child)
    };
    assert_eq!(v(disabled), Eligible);
    let ill = |age| MemberFacts {
        chronic_illness: Some(true),
        ..adult(age, Sex::Female, Relationship::Parent)
    };
    assert_eq!(v(ill(60)), Eligible);
    assert_eq!(v(ill(59)), NotEligible);
    let neglected = |age| MemberFacts {
        neglected: Some(true),
        ..adult(age, Sex::Male, Relationship::Grandchild)
    };
    assert_eq!(v(neglected(17)), Eligible);
    assert_eq!(v(neglected(18)), NotEligible);
    let unknown = MemberFacts {
        neglected: None,
        ..adult(75, Sex::Female, Relationship::Parent)
    };
    let r = result_of(&pack, &with(household(8), unknown), "atensi");
    assert_eq!(r.verdict, NeedsData);
    assert_eq!(r.missing, [missing(FactId::MemberNeglected, Some(2))]);
}

#[test]
fn questions_that_decide_more_programmes_come_first() {
    let pack = pack();
    let mut h = household(3);
    h.members[1].pregnant = None; // decides PKH only
    h.members.push(MemberFacts {
        in_school: None,
        school_level: None,
        education: None,
        ..adult(10, Sex::Female, Relationship::Child)
    }); // decides PKH and PIP
    let e = evaluate(&pack, &h, day());
    let order: Vec<(FactId, Option<u32>, usize)> = e
        .ask_next
        .iter()
        .map(|q| (q.fact, q.member, q.programmes.len()))
        .collect();
    assert_eq!(
        order,
        [
            (FactId::MemberInSchool, Some(2), 2),
            (FactId::MemberEducation, Some(2), 2),
            (FactId::MemberPregnant, Some(1), 1),
        ]
    );
    let pkh = e.results.iter().find(|r| r.programme_id == "pkh").unwrap();
    assert_eq!(pkh.verdict, NeedsData);
    assert_eq!(
        pkh.missing,
        [
            missing(FactId::MemberInSchool, Some(2)),
            missing(FactId::MemberEducation, Some(2)),
            missing(FactId::MemberPregnant, Some(1)),
        ]
    );
}

#[test]
fn an_empty_interview_asks_for_the_registry_and_the_members_first() {
    let pack = pack();
    let e = evaluate(&pack, &HouseholdFacts::default(), day());
    assert!(e.results.iter().all(|r| r.verdict == NeedsData));
    let top: Vec<FactId> = e.ask_next.iter().take(2).map(|q| q.fact).collect();
    assert!(top.contains(&FactId::Members), "{top:?}");
    assert!(top.contains(&FactId::RegistryStatus), "{top:?}");
}

#[test]
fn results_record_the_pack_and_round_trip_through_json() {
    let pack = pack();
    let e = evaluate(&pack, &with(household(3), pupil(9)), day());
    assert_eq!(e.pack_id, "contoh-nasional");
    assert_eq!(e.pack_version, pack.meta().version);
    assert_eq!(e.pack_digest, pack.meta().digest);
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains("\"verdict\":\"eligible\""));
    let back: HouseholdEvaluation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
}

#[test]
fn verdicts_alone_agree_with_the_full_evaluation() {
    use rand::SeedableRng;
    let pack = pack();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for _ in 0..300 {
        let mut h = crate::generate::household(&mut rng, day());
        crate::generate::hide_some(&mut h, &mut rng, 0.15);
        let full: Vec<Verdict> = evaluate(&pack, &h, day())
            .results
            .iter()
            .map(|r| r.verdict)
            .collect();
        assert_eq!(verdicts(&pack, &h, day()), full);
    }
}
