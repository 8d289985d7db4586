//! Eligibility at the desk with the real binary: install the example pack, record a family,
//! see what is missing, answer it, and get a decision.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use puskesos_core::store::Store;

const VILLAGE: &str = "3204052001";

fn puskesos(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_puskesos"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PUSKESOS_REGIONS")
        .env_remove("PUSKESOS_DB")
        .output()
        .expect("the binary runs")
}

/// Runs a command that must succeed; returns its trimmed stdout.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = puskesos(db, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let text = ok(db, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn example_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/rules/example-pack.json")
}

fn household(db: &Path, kk: &str, head: &str) -> String {
    ok(
        db,
        &[
            "household",
            "add",
            "--kk",
            kk,
            "--village",
            VILLAGE,
            "--address",
            "Kampung Sukamaju",
            "--rt",
            "3",
            "--rw",
            "1",
            "--head",
            head,
        ],
    )
}

fn person(db: &Path, household: &str, name: &str, sex: &str, born: &str, rel: &str) -> String {
    ok(
        db,
        &[
            "person",
            "add",
            "--household",
            household,
            "--name",
            name,
            "--sex",
            sex,
            "--birth-date",
            born,
            "--relationship",
            rel,
        ],
    )
}

/// A village extract with one family (the first KK) at desil 2.
fn extract(dir: &Path, kk: &str) -> PathBuf {
    let path = dir.join("extract.csv");
    std::fs::write(
        &path,
        format!(
            "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n\
             2025Q3,{VILLAGE},{kk},3204050201800001,Asep Saepudin,Bandung,1980-01-02,male,head,2,Kampung Sukamaju,003,001\n"
        ),
    )
    .unwrap();
    path
}

fn verdict<'a>(result: &'a serde_json::Value, programme: &str) -> &'a str {
    result["evaluation"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["programme_id"] == programme)
        .unwrap_or_else(|| panic!("no {programme}"))["verdict"]
        .as_str()
        .unwrap()
}

fn asks(result: &serde_json::Value) -> Vec<(String, Option<String>)> {
    result["ask_next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["fact"].as_str().unwrap().to_string(),
                q["person_id"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn without_a_pack_eligibility_says_to_install_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let h = household(&db, "3204050105120042", "Asep Saepudin");
    let out = puskesos(&db, &["eligibility", &h]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("puskesos rules install"));
    let out = puskesos(&db, &["--lang", "en", "rules", "show"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No rule pack is installed"));
}

#[test]
fn a_pack_is_installed_shown_and_an_older_version_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let pack = example_pack();
    let first = ok(&db, &["rules", "install", pack.to_str().unwrap()]);
    assert!(first.contains("2025.8.0"), "{first}");
    let shown = json(&db, &["rules", "show"]);
    assert_eq!(shown["active"]["version"], "2025.8.0");
    assert_eq!(shown["active"]["example"], true);
    let ids: Vec<&str> = shown["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["pkh", "bpnt", "pbi_jk", "pip", "blt_dd", "rtlh", "atensi"]
    );

    let mut older: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&pack).unwrap()).unwrap();
    older["version"] = "2025.7.0".into();
    let older_path = dir.path().join("older.json");
    std::fs::write(&older_path, older.to_string()).unwrap();
    let out = puskesos(&db, &["rules", "install", older_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("lebih lama dari versi terpasang 2025.8.0"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&db, &["rules", "show"])["installed"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn eligibility_asks_what_is_missing_and_decides_once_it_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let kk = "3204050105120042";
    ok(&db, &["rules", "install", example_pack().to_str().unwrap()]);
    ok(
        &db,
        &[
            "registry",
            "import",
            extract(dir.path(), kk).to_str().unwrap(),
        ],
    );
    let h = household(&db, kk, "Asep Saepudin");
    let head = person(&db, &h, "Asep Saepudin", "male", "1980-01-02", "head");
    let child = person(&db, &h, "Siti Aminah", "female", "2016-05-01", "child");

    let first = json(&db, &["eligibility", &h]);
    assert_eq!(first["registry"]["status"], "found");
    assert_eq!(verdict(&first, "bpnt"), "eligible", "desil 2 ≤ 4");
    assert_eq!(verdict(&first, "pkh"), "needs_data");
    assert_eq!(verdict(&first, "pip"), "needs_data");
    assert!(
        first["welfare_score"].is_null(),
        "registered: no indicative score"
    );
    let questions = asks(&first);
    assert!(questions.contains(&("member.in_school".into(), Some(child.clone()))));
    assert!(
        !questions.contains(&("member.pregnant".into(), Some(head.clone()))),
        "a man is not asked about pregnancy"
    );
    // The human-readable form names the member and the command that answers the question.
    let text = ok(&db, &["eligibility", &h]);
    assert!(
        text.contains("[PERLU DATA] Program Keluarga Harapan (PKH)"),
        "{text}"
    );
    assert!(text.contains("Tanyakan berikutnya:"), "{text}");
    assert!(
        text.contains(&format!("puskesos person update {child} --in-school")),
        "{text}"
    );
    let en = ok(&db, &["--lang", "en", "eligibility", &h]);
    assert!(en.contains("Ask next:"), "{en}");

    // Refused answers change nothing.
    let out = puskesos(&db, &["person", "update", &head, "--pregnant", "yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tidak bisa hamil"));
    let out = puskesos(
        &db,
        &["person", "update", &child, "--school-level", "university"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("early, sd, smp, sma, higher"));

    ok(
        &db,
        &[
            "person",
            "update",
            &child,
            "--in-school",
            "yes",
            "--school-level",
            "sd",
        ],
    );
    let answered = json(&db, &["eligibility", &h]);
    assert_eq!(
        verdict(&answered, "pkh"),
        "eligible",
        "a child in primary school, desil 2"
    );
    assert_eq!(verdict(&answered, "pip"), "eligible");
    assert!(!asks(&answered).contains(&("member.in_school".into(), Some(child.clone()))));

    // Housing answers decide the house repair programme.
    ok(
        &db,
        &[
            "household",
            "housing",
            &h,
            "--floor",
            "earth",
            "--tenure",
            "own",
            "--owns-land",
            "yes",
            "--asset",
            "motorcycle=no",
        ],
    );
    let housed = json(&db, &["eligibility", &h]);
    assert_eq!(
        verdict(&housed, "rtlh"),
        "eligible",
        "own house and land, earth floor"
    );

    // Every check is kept, newest first, each with its outbox entry.
    let store = Store::open(&db).unwrap();
    let id = uuid::Uuid::parse_str(&h).unwrap();
    let history = store.evaluations_of(id).unwrap();
    assert_eq!(history.len(), 5);
    assert_eq!(
        history[0].id.to_string(),
        housed["evaluation_id"].as_str().unwrap()
    );
    let queued = store.outbox_unacked(1000).unwrap();
    assert_eq!(
        queued.iter().filter(|e| e.entity == "evaluation").count(),
        5
    );
    let household_saves = queued
        .iter()
        .filter(|e| e.entity == "household" && e.entity_id == id)
        .count();
    assert_eq!(household_saves, 2, "added, then its housing answered");
}

#[test]
fn a_household_outside_the_registry_gets_the_indicative_score_and_the_village_is_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let kk = "3204050105120042";
    ok(&db, &["rules", "install", example_pack().to_str().unwrap()]);
    ok(
        &db,
        &[
            "registry",
            "import",
            extract(dir.path(), kk).to_str().unwrap(),
        ],
    );
    let listed = household(&db, kk, "Asep Saepudin");
    person(&db, &listed, "Siti Aminah", "female", "2016-05-01", "child");
    ok(
        &db,
        &[
            "person",
            "update",
            &person(&db, &listed, "Asep Saepudin", "male", "1980-01-02", "head"),
            "--employed",
            "no",
        ],
    );
    let outside = household(&db, "3204050105120043", "Ujang Suparman");
    person(
        &db,
        &outside,
        "Ujang Suparman",
        "male",
        "1975-03-04",
        "head",
    );
    ok(
        &db,
        &[
            "household",
            "housing",
            &outside,
            "--floor",
            "earth",
            "--wall",
            "woven_bamboo",
            "--fuel",
            "firewood",
        ],
    );

    let result = json(&db, &["eligibility", &outside]);
    assert_eq!(result["registry"]["status"], "not_found");
    assert_eq!(
        verdict(&result, "bpnt"),
        "not_eligible",
        "not in the registry"
    );
    let score = &result["welfare_score"];
    assert_eq!(score["illustrative"], true);
    assert_eq!(score["score"], 100.0 - 8.0 - 6.0 - 6.0);
    let lines = result["welfare_score_text"].as_array().unwrap();
    assert!(lines[0].as_str().unwrap().contains("ilustratif"));
    assert!(lines[1].as_str().unwrap().starts_with("lantai tanah/bambu"));

    let store = Store::open(&db).unwrap();
    let before = store.outbox_unacked(1000).unwrap().len();
    drop(store);
    let summary = json(&db, &["eligibility", "--village", VILLAGE, "--summary"]);
    assert_eq!(summary["households"], 2);
    let count = |id: &str| {
        summary["programmes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["programme_id"] == id)
            .map(|p| {
                (
                    p["eligible"].as_u64().unwrap(),
                    p["not_eligible"].as_u64().unwrap(),
                    p["needs_data"].as_u64().unwrap(),
                )
            })
            .unwrap()
    };
    assert_eq!(count("bpnt"), (1, 1, 0));
    assert_eq!(
        count("pkh"),
        (0, 1, 1),
        "the listed family still needs schooling answers"
    );
    let text = ok(&db, &["eligibility", "--village", VILLAGE, "--summary"]);
    assert!(text.contains("2 rumah tangga"), "{text}");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.outbox_unacked(1000).unwrap().len(),
        before,
        "a summary saves nothing"
    );

    let out = puskesos(&db, &["eligibility", "--village", VILLAGE]);
    assert_eq!(out.status.code(), Some(2), "--village needs --summary");
}
