//! The village pack down: district staff publish a region list, a registry extract and a
//! rule pack; after `puskesos sync` the phone works offline with all three.

use puskesos_e2e::{capture_household, District, Phone, VILLAGE};

/// A synthetic region list covering the test village (code, name).
const REGIONS: &str = "code,name\n32,JAWA BARAT\n32.01,KABUPATEN UJI\n32.01.01,Kecamatan Uji\n\
                       32.01.01.0001,Desa Uji\n";

fn workspace_file(rel: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap();
    root.join(rel).to_str().unwrap().to_string()
}

#[test]
fn a_synced_pack_installs_rules_registry_and_regions_for_offline_work() {
    let district = District::start();
    let dir = tempfile::tempdir().unwrap();
    let regions = dir.path().join("regions.csv");
    std::fs::write(&regions, REGIONS).unwrap();
    let extract = dir.path().join("extract.csv");
    let phone = Phone::new(dir.path());
    phone.ok(&[
        "--regions",
        regions.to_str().unwrap(),
        "gen-village",
        "--households",
        "30",
        "--village",
        VILLAGE,
        "--out",
        extract.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&extract).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let nik_col = header.iter().position(|h| *h == "nik").unwrap();
    let nik = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(nik_col)
        .unwrap();
    let rows = text.lines().count() - 1;

    phone.ok(&["enrol", &district.url(), &district.enrol_code("op-1")]);
    let hh = capture_household(&phone, dir.path(), 1, 0);
    // Before the pack: no rules, an unknown NIK, no region names.
    let none = phone.run(&["eligibility", &hh]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("paket aturan"));
    let before = phone.json(&["nik", "check", nik]);
    assert!(before.get("district_name").is_none(), "{before}");

    let published = district.admin(&[
        "pack",
        VILLAGE,
        "--regions",
        regions.to_str().unwrap(),
        "--registry",
        extract.to_str().unwrap(),
        "--rules",
        &workspace_file("core/rules/example-pack.json"),
    ]);
    assert!(String::from_utf8_lossy(&published.stdout).contains("versi 1"));

    let report = phone.json(&["sync"]);
    let updated = &report["pack"]["updated"];
    assert_eq!(updated["version"], 1, "{report}");
    assert_eq!(updated["registry_rows"], rows as u64);
    assert_eq!(updated["rules"], "contoh-nasional 2025.8.0", "{report}");
    assert!(updated.get("rules_refused").is_none());

    // Rules: installed and active; eligibility works offline.
    let shown = phone.json(&["rules", "show"]);
    assert_eq!(shown["active"]["id"], "contoh-nasional");
    assert_eq!(shown["active"]["version"], "2025.8.0");
    let verdicts = phone.json(&["eligibility", &hh]);
    assert_eq!(verdicts["household_id"], hh.as_str());
    assert!(!verdicts["evaluation"].is_null(), "{verdicts}");
    // Registry: the extract is searchable.
    let found = phone.ok(&["registry", "find", "--nik", nik]);
    assert!(
        found.contains("TERDAFTAR") && !found.contains("TIDAK TERDAFTAR"),
        "{found}"
    );
    // Regions: names come from the pack's list without --regions.
    let after = phone.json(&["nik", "check", nik]);
    assert_eq!(after["district_name"], "Kecamatan Uji", "{after}");

    // Unchanged: one small request, nothing reinstalled.
    let again = phone.json(&["sync"]);
    assert_eq!(again["pack"], "unchanged", "{again}");
    assert_eq!(
        phone.json(&["rules", "show"])["installed"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
