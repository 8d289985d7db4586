//! Kleene three-valued logic, in the truth functions and through the evaluator.

use puskesos_core::ident::Sex;
use puskesos_core::rules::Truth::{False as F, True as T, Unknown as U};
use puskesos_core::rules::*;
use serde_json::json;

use crate::support::*;

/// A pack with one programme whose criteria are `criteria`.
pub fn one(criteria: serde_json::Value) -> RulePack {
    let doc = json!({
        "format": "puskesos-rules/1",
        "id": "uji",
        "version": "1.0.0",
        "effective_from": "2025-01-01",
        "title": {"id": "Uji", "en": "Test"},
        "programmes": [{
            "id": "p",
            "name": {"id": "Program uji", "en": "Test programme"},
            "sector": "social_economic",
            "source": "test",
            "criteria": criteria
        }]
    });
    RulePack::from_json(&doc.to_string()).expect("test pack loads")
}

fn run(pack: &RulePack, facts: &HouseholdFacts) -> Truth {
    match evaluate(pack, facts, day()).results[0].verdict {
        Verdict::Eligible => T,
        Verdict::NotEligible => F,
        Verdict::NeedsData => U,
    }
}

const ALL: [Truth; 3] = [T, F, U];

fn as_fact(t: Truth) -> Option<bool> {
    match t {
        T => Some(true),
        F => Some(false),
        U => None,
    }
}

/// Two independent yes/no facts carry the operands.
fn facts(a: Truth, b: Truth) -> HouseholdFacts {
    HouseholdFacts {
        lost_livelihood: as_fact(a),
        housing: HousingFacts {
            owns_land: as_fact(b),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn a() -> serde_json::Value {
    json!({"field": "household.lost_livelihood", "op": "=", "value": true})
}
fn b() -> serde_json::Value {
    json!({"field": "household.housing.owns_land", "op": "=", "value": true})
}

#[test]
fn kleene_truth_tables() {
    let and = [[T, F, U], [F, F, F], [U, F, U]];
    let or = [[T, T, T], [T, F, U], [T, U, U]];
    for (i, x) in ALL.iter().enumerate() {
        for (j, y) in ALL.iter().enumerate() {
            assert_eq!(x.and(*y), and[i][j], "{x:?} and {y:?}");
            assert_eq!(x.or(*y), or[i][j], "{x:?} or {y:?}");
        }
    }
    assert_eq!([T.not(), F.not(), U.not()], [F, T, U]);
}

#[test]
fn the_evaluator_follows_the_truth_tables() {
    let all = one(json!({"all": [a(), b()]}));
    let any = one(json!({"any": [a(), b()]}));
    let not = one(json!({"not": a()}));
    for x in ALL {
        assert_eq!(run(&not, &facts(x, T)), x.not(), "not {x:?}");
        for y in ALL {
            assert_eq!(run(&all, &facts(x, y)), x.and(y), "{x:?} all {y:?}");
            assert_eq!(run(&any, &facts(x, y)), x.or(y), "{x:?} any {y:?}");
        }
    }
}

fn in_school(flags: &[Truth]) -> HouseholdFacts {
    HouseholdFacts {
        members: flags
            .iter()
            .map(|t| MemberFacts {
                in_school: as_fact(*t),
                ..adult(10, Sex::Male, Relationship::Child)
            })
            .collect(),
        ..Default::default()
    }
}

fn members(q: &str, extra: serde_json::Value) -> RulePack {
    let mut c = json!({
        "members": q,
        "where": {"field": "member.in_school", "op": "=", "value": true}
    });
    if let (Some(c), Some(extra)) = (c.as_object_mut(), extra.as_object()) {
        c.extend(extra.clone());
    }
    one(c)
}

#[test]
fn member_aggregates_are_three_valued() {
    let exists = members("exists", json!({}));
    let every = members("all", json!({}));
    let two = members("count", json!({"at_least": 2}));
    let at_most_one = members("count", json!({"at_most": 1}));
    let cases: [(&[Truth], [Truth; 4]); 7] = [
        // members' filter values → exists, all, count ≥ 2, count ≤ 1
        (&[T, T], [T, T, T, F]),
        (&[T, F], [T, F, F, T]),
        (&[F, F], [F, F, F, T]),
        (&[T, U], [T, U, U, U]),
        (&[F, U], [U, F, F, T]),
        (&[U, U], [U, U, U, U]),
        (&[T, T, U], [T, U, T, F]),
    ];
    for (flags, [e, a, c2, m1]) in cases {
        let h = in_school(flags);
        assert_eq!(run(&exists, &h), e, "exists over {flags:?}");
        assert_eq!(run(&every, &h), a, "all over {flags:?}");
        assert_eq!(run(&two, &h), c2, "count ≥ 2 over {flags:?}");
        assert_eq!(run(&at_most_one, &h), m1, "count ≤ 1 over {flags:?}");
    }
}

#[test]
fn aggregates_over_unknown_members_ask_for_the_member_list() {
    let exists = members("exists", json!({}));
    let e = evaluate(&exists, &HouseholdFacts::default(), day());
    assert_eq!(e.results[0].verdict, Verdict::NeedsData);
    assert_eq!(e.results[0].missing, [missing(FactId::Members, None)]);
}

#[test]
fn comparisons_cover_every_operator_and_the_absent_value() {
    let desil = |op: &str, value: serde_json::Value| {
        one(json!({"field": "household.registry.desil", "op": op, "value": value}))
    };
    let found = |d: u8| HouseholdFacts {
        registry: RegistryFacts::Found {
            desil: Some(d),
            extract_version: "2025Q2".into(),
        },
        ..Default::default()
    };
    let not_found = HouseholdFacts {
        registry: RegistryFacts::NotFound {
            extract_version: "2025Q2".into(),
        },
        ..Default::default()
    };
    let cases = [
        ("=", json!(4), [F, T, F]),
        ("!=", json!(4), [T, F, T]),
        ("<", json!(4), [T, F, F]),
        ("<=", json!(4), [T, T, F]),
        (">", json!(4), [F, F, T]),
        (">=", json!(4), [F, T, T]),
        ("between", json!([4, 5]), [F, T, T]),
        ("in", json!([1, 3, 5]), [T, F, T]),
        ("not_in", json!([1, 3, 5]), [F, T, F]),
    ];
    for (op, value, expect) in cases {
        let pack = desil(op, value);
        for (d, want) in [3u8, 4, 5].into_iter().zip(expect) {
            assert_eq!(run(&pack, &found(d)), want, "desil {d} {op}");
        }
        // Outside the registry there is no desil: every comparison is false, none asks.
        assert_eq!(run(&pack, &not_found), F, "absent desil {op}");
        assert_eq!(
            run(&pack, &HouseholdFacts::default()),
            U,
            "unknown desil {op}"
        );
    }
}

#[test]
fn codes_and_sets_compare_by_code() {
    let floor = one(
        json!({"field": "household.housing.floor_material", "op": "in", "value": ["earth", "bamboo"]}),
    );
    let mut h = HouseholdFacts::default();
    assert_eq!(run(&floor, &h), U);
    h.housing.floor_material = Some(FloorMaterial::Bamboo);
    assert_eq!(run(&floor, &h), T);
    h.housing.floor_material = Some(FloorMaterial::Ceramic);
    assert_eq!(run(&floor, &h), F);

    let pkh =
        one(json!({"field": "household.programmes_received", "op": "contains", "value": "pkh"}));
    assert_eq!(run(&pkh, &h), U);
    h.programmes_received = Some(vec![]);
    assert_eq!(run(&pkh, &h), F);
    h.programmes_received = Some(vec!["bpnt".into(), "pkh".into()]);
    assert_eq!(run(&pkh, &h), T);
}

#[test]
fn household_facts_can_be_used_inside_a_member_filter() {
    let pack = one(json!({"members": "exists", "where": {"all": [
        {"field": "member.age", "op": ">=", "value": 60},
        {"field": "household.housing.owns_land", "op": "=", "value": false}
    ]}}));
    let mut h = in_school(&[T]);
    h.members[0].age_years = Some(65);
    let r = &evaluate(&pack, &h, day()).results[0];
    assert_eq!(r.verdict, Verdict::NeedsData);
    assert_eq!(r.missing, [missing(FactId::OwnsLand, None)]);
    h.housing.owns_land = Some(false);
    assert_eq!(run(&pack, &h), T);
}
