use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::ident::{KkNumber, Nik};
use crate::registry::{similarity, NameKey};

/// The Kemendagri list with history, from `shared/data/wilayah` (see the brief): the env var
/// PUSKESOS_SHARED_DATA, else a `shared/data` directory beside an ancestor of the crate.
fn regions() -> &'static RegionList {
    static REGIONS: OnceLock<RegionList> = OnceLock::new();
    REGIONS.get_or_init(|| {
        let dir = std::env::var_os("PUSKESOS_SHARED_DATA")
            .map(PathBuf::from)
            .or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .ancestors()
                    .map(|a| a.join("shared/data"))
                    .find(|d| d.is_dir())
            })
            .expect("shared data not found: set PUSKESOS_SHARED_DATA or put shared/data beside the checkout");
        let path = dir.join("wilayah/wilayah-history.csv");
        RegionList::from_path(&path)
            .unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display()))
    })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 15).expect("date")
}

fn village(households: u32, seed: u64) -> Vec<RegistryRecord> {
    generate_village(&VillageSpec::new(households, seed, today()), regions())
        .expect("generate")
        .collect()
}

const RELATIONSHIPS: &[&str] = &[
    "head",
    "spouse",
    "child",
    "child_in_law",
    "grandchild",
    "parent",
    "parent_in_law",
    "other_family",
    "helper",
    "other",
];

/// Every property an importer and a desk operator rely on, checked row by row.
fn assert_valid(records: &[RegistryRecord]) {
    let regions = regions();
    let mut niks = HashSet::new();
    let mut heads: HashSet<&str> = HashSet::new();
    let mut families: HashSet<&str> = HashSet::new();
    for r in records {
        let nik = Nik::parse(&r.nik, today(), Some(regions))
            .unwrap_or_else(|e| panic!("NIK {} invalid: {e:?}", r.nik));
        assert_eq!(nik.birth_date(), r.birth_date, "{}", nik.masked());
        assert_eq!(nik.sex(), r.sex, "{}", nik.masked());
        assert!(niks.insert(r.nik.clone()), "duplicate NIK {}", nik.masked());
        let kk = KkNumber::parse(&r.kk_number, today(), Some(regions))
            .unwrap_or_else(|e| panic!("KK {} invalid: {e:?}", r.kk_number));
        assert_eq!(kk.district(), &r.village_code[..6]);
        assert!(kk.recorded_on() <= today());
        assert!(regions.get(&r.village_code).is_some());
        assert!(
            RELATIONSHIPS.contains(&r.relationship.as_str()),
            "{}",
            r.relationship
        );
        assert!(r.desil.is_none_or(|d| (1..=10).contains(&d)));
        assert!(!r.name.trim().is_empty() && !r.address.is_empty());
        assert_eq!((r.rt.len(), r.rw.len()), (3, 3));
        families.insert(&r.kk_number);
        if r.relationship == "head" {
            assert!(heads.insert(&r.kk_number), "two heads in one KK");
            // The KK was recorded when the head was an adult (married or on their own).
            assert!(family::years_between(r.birth_date, kk.recorded_on()) >= 17);
        }
    }
    assert_eq!(heads.len(), families.len(), "every family has a head");
}

#[test]
fn a_few_thousand_households_are_valid_with_the_region_list_loaded() {
    let records = village(3_000, 7);
    assert!(
        records.len() > 8_000 && records.len() < 16_000,
        "{}",
        records.len()
    );
    assert_valid(&records);
}

#[test]
fn the_default_extract_spreads_over_a_few_districts_of_one_regency() {
    let records = village(5_000, 11);
    let villages: HashSet<&str> = records.iter().map(|r| r.village_code.as_str()).collect();
    let districts: HashSet<&str> = villages.iter().map(|v| &v[..6]).collect();
    let regencies: HashSet<&str> = villages.iter().map(|v| &v[..4]).collect();
    assert!(villages.len() >= 4, "{villages:?}");
    assert_eq!(regencies.len(), 1);
    assert!(districts.len() <= villages.len());
    // Some people carry a NIK from another district: they moved in.
    let moved = records
        .iter()
        .filter(|r| r.nik[..6] != r.village_code[..6])
        .count();
    assert!(moved > 0 && moved < records.len() / 4, "{moved}");
}

#[test]
fn the_population_looks_like_families() {
    let records = village(2_000, 3);
    let count = |rel: &str| records.iter().filter(|r| r.relationship == rel).count();
    assert_eq!(count("head"), 2_000);
    assert!(count("spouse") > 1_200 && count("child") > 2_000);
    for rel in [
        "parent",
        "parent_in_law",
        "grandchild",
        "child_in_law",
        "other_family",
    ] {
        assert!(count(rel) > 0, "no {rel}");
    }
    let ages: Vec<i32> = records
        .iter()
        .map(|r| family::years_between(r.birth_date, today()))
        .collect();
    let under_18 = ages.iter().filter(|a| **a < 18).count() as f64 / ages.len() as f64;
    assert!((0.15..0.45).contains(&under_18), "{under_18}");
    assert!(ages.iter().all(|a| (0..=95).contains(a)));
    assert!(records.iter().any(|r| r.desil.is_none()));
    // Spelling variants and titles occur naturally.
    let has = |needle: &str| records.iter().any(|r| r.name.contains(needle));
    for needle in ["MUHAMMAD ", "MUHAMAD ", "SITI ", "HJ. "] {
        assert!(has(needle), "no {needle:?}");
    }
}

#[test]
fn explicit_villages_are_used_and_unknown_ones_refused() {
    let mut spec = VillageSpec::new(300, 5, today());
    spec.village_codes = vec!["33.74.01.1001".into(), "3374011002".into()];
    let records: Vec<_> = generate_village(&spec, regions()).expect("gen").collect();
    let villages: HashSet<&str> = records.iter().map(|r| r.village_code.as_str()).collect();
    assert_eq!(villages, HashSet::from(["3374011001", "3374011002"]));
    assert_valid(&records);

    spec.village_codes = vec!["3374019999".into()];
    assert!(matches!(
        generate_village(&spec, regions()),
        Err(SynthError::UnknownVillage { .. })
    ));
    spec.village_codes.clear();
    spec.regency = Some("99.99".into());
    assert!(matches!(
        generate_village(&spec, regions()),
        Err(SynthError::UnknownRegency { .. })
    ));
}

#[test]
fn bad_specs_get_typed_errors() {
    let mut spec = VillageSpec::new(0, 1, today());
    assert!(matches!(
        generate_village(&spec, regions()),
        Err(SynthError::NoHouseholds)
    ));
    spec.households = 10;
    spec.extract_version = "2025-3".into();
    let err = generate_village(&spec, regions()).err().expect("refused");
    assert!(err.message(Lang::En).contains("YYYYQn"));
    assert_eq!(VillageSpec::new(1, 1, today()).extract_version, "2025Q3");
}

#[test]
fn csv_and_jsonl_round_trip() {
    let records = village(200, 9);
    let mut csv_bytes = Vec::new();
    assert_eq!(
        write_csv(records.clone(), &mut csv_bytes).expect("csv"),
        records.len() as u64
    );
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, EXTRACT_CSV_HEADER);
    let back: Vec<RegistryRecord> = reader
        .deserialize()
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(back, records);

    let mut jsonl = Vec::new();
    write_jsonl(records.clone(), &mut jsonl).expect("jsonl");
    let back: Vec<RegistryRecord> = jsonl
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(serde_json::from_slice)
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(back, records);
}

#[test]
fn write_village_picks_the_format_from_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = VillageSpec::new(50, 2, today());
    let csv_path = dir.path().join("v.csv");
    let summary = write_village(&spec, regions(), &csv_path).expect("csv");
    let text = std::fs::read_to_string(&csv_path).expect("read");
    assert_eq!(text.lines().count() as u64, summary.people + 1);
    assert!(text.starts_with("extract_version,village_code,"));
    let jsonl_path = dir.path().join("v.jsonl");
    assert_eq!(
        write_village(&spec, regions(), &jsonl_path).expect("jsonl"),
        summary
    );
    assert!(matches!(
        write_village(&spec, regions(), &dir.path().join("v.txt")),
        Err(SynthError::UnknownFormat { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_seed_gives_valid_numbers_and_the_same_seed_the_same_extract(seed in any::<u64>()) {
        let first = village(60, seed);
        assert_valid(&first);
        prop_assert_eq!(&first, &village(60, seed));
    }
}

/// Ways people mangle a registry name at the desk: another spelling of a common word, a
/// title added or dropped, words run together or split, old spelling.
fn mangle(name: &str, how: usize) -> String {
    let swaps: &[(&str, &str)] = &[
        ("MUHAMMAD", "MOH."),
        ("MUHAMAD", "MUHAMMAD"),
        ("MOHAMMAD", "M."),
        ("SITI", "SITY"),
        ("AHMAD", "ACHMAD"),
        ("SU", "SOE"),
        ("JO", "DJO"),
        ("Y", "J"),
        ("NUR ", "NUR"),
        ("NURH", "NUR H"),
        ("HJ. ", ""),
        ("H. ", ""),
        ("RIZKY", "RIZKI"),
        ("ZA", "ZAE"),
    ];
    let mut out = name.to_string();
    for (from, to) in swaps
        .iter()
        .cycle()
        .skip(how % swaps.len())
        .take(swaps.len())
    {
        let title = from.ends_with(". ");
        if (title && out.starts_with(from)) || (!title && out.contains(from)) {
            out = out.replacen(from, to, 1);
            break;
        }
    }
    match how % 3 {
        0 => format!("Ibu {}", out.to_lowercase()),
        1 => format!("Bpk. {out}"),
        _ => out,
    }
}

#[test]
fn a_mangled_name_finds_the_right_person_in_the_top_three() {
    let records = village(2_000, 42);
    let keys: Vec<NameKey> = records.iter().map(|r| NameKey::new(&r.name)).collect();
    let mut misses = Vec::new();
    let step = records.len() / 150;
    for (n, target) in (0..records.len()).step_by(step).enumerate() {
        let query = mangle(&records[target].name, n);
        let q = NameKey::new(&query);
        let wanted = similarity(&q, &keys[target]);
        // People whose name has the same key (same name, other spelling or title) cannot be
        // told apart by name; only those with a different name may not outrank the target.
        let mut better: Vec<(f64, &str)> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.joined != keys[target].joined)
            .map(|(i, k)| (similarity(&q, k), records[i].name.as_str()))
            .filter(|(s, _)| *s >= wanted)
            .collect();
        if better.len() >= 3 {
            better.sort_by(|a, b| b.0.total_cmp(&a.0));
            better.truncate(3);
            misses.push(format!(
                "{query:?} → wanted {:?} ({wanted:.3}), outranked by {better:?}",
                records[target].name
            ));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}
