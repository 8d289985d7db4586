//! The real `puskesos` binary, as a desk operator runs it.

use std::path::Path;
use std::process::{Command, Output};

fn puskesos(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_puskesos"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PUSKESOS_REGIONS")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn nik_check_json_has_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let out = puskesos(
        &dir.path().join("s.sqlite"),
        &["nik", "check", "3204.0557.0885.0003", "--json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["nik"], "3204055708850003");
    assert_eq!(v["province"], "32");
    assert_eq!(v["regency"], "3204");
    assert_eq!(v["district"], "320405");
    assert_eq!(v["birth_date"], "1985-08-17");
    assert_eq!(v["sex"], "female");
    assert_eq!(v["serial"], "0003");
    assert_eq!(v["errors"], serde_json::json!([]));
}

/// `puskesos … | head` must not panic when `head` has gone: the output pipe's reader is
/// closed before the tool writes anything, so its first write hits a broken pipe.
#[cfg(unix)]
#[test]
fn a_closed_output_pipe_ends_the_tool_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_puskesos"))
        .arg("--db")
        .arg(dir.path().join("s.sqlite"))
        .args(["nik", "check", "3204.0557.0885.0003"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("the binary runs");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?}", out.status);
}

#[test]
fn an_invalid_nik_exits_1_with_the_reason_in_indonesian_or_english() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let out = puskesos(&db, &["nik", "check", "3204053102900000", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["valid"], false);
    let parts: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["part"].as_str().unwrap())
        .collect();
    assert_eq!(parts, ["birth_date", "serial"]);
    assert!(stderr(&out).contains("tidak ada di kalender"));

    let en = puskesos(&db, &["--lang", "en", "nik", "check", "12345"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(
        stderr(&en).contains("must have 16 digits"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    assert_eq!(puskesos(&db, &["no-such-command"]).status.code(), Some(2));
    assert_eq!(puskesos(&db, &["nik", "check"]).status.code(), Some(2));
    assert_eq!(
        puskesos(&db, &["--lang", "fr", "nik", "check", "1"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_desk_session_records_a_household_its_members_and_a_complaint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let add = puskesos(
        &db,
        &[
            "household",
            "add",
            "--kk",
            "3204050105120042",
            "--village",
            "3204052001",
            "--address",
            "Kampung Sukamaju",
            "--rt",
            "3",
            "--rw",
            "1",
            "--head",
            "Asep Saepudin",
        ],
    );
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    let household = stdout(&add);

    let head = puskesos(
        &db,
        &[
            "person",
            "add",
            "--household",
            &household,
            "--nik",
            "3204051708900001",
            "--name",
            "Asep Saepudin",
        ],
    );
    assert_eq!(head.status.code(), Some(0), "{}", stderr(&head));
    let moved = puskesos(
        &db,
        &[
            "person",
            "add",
            "--household",
            &household,
            "--nik",
            "3273055708920002",
            "--name",
            "Euis Komariah",
            "--relationship",
            "spouse",
            "--sex",
            "male",
        ],
    );
    assert_eq!(moved.status.code(), Some(0), "{}", stderr(&moved));
    let warnings = stderr(&moved);
    assert!(warnings.contains("Jenis kelamin"), "{warnings}");
    assert!(warnings.contains("pindahan"), "{warnings}");

    let twice = puskesos(
        &db,
        &[
            "person",
            "add",
            "--household",
            &household,
            "--nik",
            "3204051708900001",
            "--name",
            "Ujang",
        ],
    );
    assert_eq!(twice.status.code(), Some(1));

    let show = puskesos(&db, &["household", "show", &household, "--json"]);
    let v = json(&show);
    assert_eq!(v["members"].as_array().unwrap().len(), 2);
    assert_eq!(v["household"]["rt"], "003");

    let complaint = puskesos(
        &db,
        &[
            "complaint",
            "add",
            "--household",
            &household,
            "--name",
            "Euis Komariah",
            "--category",
            "aid_not_received",
            "--description",
            "BPNT tidak cair tiga bulan",
            "--channel",
            "whatsapp",
        ],
    );
    assert_eq!(complaint.status.code(), Some(0), "{}", stderr(&complaint));
    let id = stdout(&complaint);
    let advanced = puskesos(
        &db,
        &[
            "complaint",
            "advance",
            &id,
            "--to",
            "referred",
            "--note",
            "Dirujuk ke Dinsos",
        ],
    );
    assert_eq!(advanced.status.code(), Some(0), "{}", stderr(&advanced));
    let back = puskesos(
        &db,
        &[
            "complaint",
            "advance",
            &id,
            "--to",
            "received",
            "--note",
            "salah",
        ],
    );
    assert_eq!(back.status.code(), Some(1));
    let list = json(&puskesos(
        &db,
        &["complaint", "list", "--status", "referred", "--json"],
    ));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["history"].as_array().unwrap().len(), 2);

    let bad_kind = puskesos(
        &db,
        &[
            "proposal",
            "add",
            "--household",
            &household,
            "--kind",
            "usul",
            "--reason",
            "x",
        ],
    );
    assert_eq!(bad_kind.status.code(), Some(1));
    assert!(stderr(&bad_kind).contains("new_registration"));
    let proposal = puskesos(
        &db,
        &[
            "proposal",
            "add",
            "--household",
            &household,
            "--kind",
            "new_registration",
            "--reason",
            "Belum terdaftar, rumah berlantai tanah",
        ],
    );
    assert_eq!(proposal.status.code(), Some(0), "{}", stderr(&proposal));
    assert_eq!(
        json(&puskesos(&db, &["proposal", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_broken_extract_is_refused_with_its_line_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let file = dir.path().join("extract.csv");
    std::fs::write(
        &file,
        "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw\n\
         2025Q3,3204052001,3204050105120042,3204051708900001,Asep,Bandung,1990-08-17,male,head,2,Kp Sukamaju,003,001\n\
         2025Q3,3204052001,3204050105120042,3204055708920002,Euis,Bandung,1992-08-17,female,istri,2,Kp Sukamaju,003,001\n",
    )
    .unwrap();
    let out = puskesos(&db, &["registry", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("baris 3"), "{}", stderr(&out));
    let find = puskesos(
        &db,
        &["registry", "find", "--nik", "3204051708900001", "--json"],
    );
    assert_eq!(json(&find)["status"]["status"], "not_found");
}

/// `shared/data` beside the checkout, or `PUSKESOS_SHARED_DATA`.
fn shared_data() -> std::path::PathBuf {
    if let Ok(p) = std::env::var("PUSKESOS_SHARED_DATA") {
        return p.into();
    }
    let mut dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while dir.pop() {
        if dir.join("shared/data").is_dir() {
            return dir.join("shared/data");
        }
    }
    panic!("shared/data not found; set PUSKESOS_SHARED_DATA");
}

#[test]
fn scan_reads_the_barcodes_of_real_photos() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let folder = shared_data().join("barcodes/zxing-blackbox/pdf417-1");
    let image = folder.join("01.png");
    let expected = std::fs::read_to_string(folder.join("01.txt")).unwrap();
    let out = puskesos(&db, &["scan", image.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v[0]["symbols"][0]["format"], "pdf417");
    assert_eq!(v[0]["symbols"][0]["text"], expected.trim_end_matches('\n'));
    assert_eq!(v[0]["symbols"][0]["interpretation"]["kind"], "unknown");

    let not_an_image = dir.path().join("notes.txt");
    std::fs::write(&not_an_image, "bukan gambar").unwrap();
    let bad = puskesos(&db, &["scan", not_an_image.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn photos_are_attached_once_and_the_checklist_shows_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let household = stdout(&puskesos(
        &db,
        &[
            "household",
            "add",
            "--kk",
            "3204050105120042",
            "--village",
            "3204052001",
            "--address",
            "Kampung Sukamaju",
            "--rt",
            "3",
            "--rw",
            "1",
            "--head",
            "Asep",
        ],
    ));
    let image = shared_data().join("barcodes/zxing-blackbox/qrcode-2/1.png");
    let normalized = dir.path().join("kk.jpg");
    let out = puskesos(
        &db,
        &[
            "photo",
            "normalize",
            image.to_str().unwrap(),
            normalized.to_str().unwrap(),
            "--kind",
            "kk",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&normalized).unwrap();
    assert_eq!(&bytes[..2], b"\xff\xd8", "a JPEG");
    assert_eq!(json(&out)["size"], bytes.len() as u64);

    let add = |path: &Path| {
        puskesos(
            &db,
            &[
                "doc",
                "add",
                "--household",
                &household,
                "--kind",
                "kk",
                path.to_str().unwrap(),
            ],
        )
    };
    let first = add(&image);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = add(&image);
    assert_eq!(stdout(&again).lines().next(), stdout(&first).lines().next());
    assert!(stderr(&again).contains("sudah tersimpan"));

    let list = json(&puskesos(
        &db,
        &["doc", "list", "--household", &household, "--json"],
    ));
    assert_eq!(list["documents"].as_array().unwrap().len(), 1);
    let missing = list["missing"].as_array().unwrap();
    assert_eq!(missing.len(), 8);
    assert!(!missing.contains(&serde_json::json!("kk")));
}
