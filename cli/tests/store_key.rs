//! The store's key at the desk: a key file made by `store keygen`, a passphrase, a wrong
//! key refused, the key changed, all through the real `puskesos` binary.

use std::path::Path;
use std::process::{Command, Output};

/// The binary with only the key settings given here (none inherited from the shell).
fn puskesos(db: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_puskesos"));
    cmd.arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("PUSKESOS_REGIONS")
        .env_remove("PUSKESOS_KEY_FILE")
        .env_remove("PUSKESOS_PASSPHRASE")
        .env_remove("PUSKESOS_NEW_PASSPHRASE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn ok(o: Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn refused(o: Output) -> String {
    assert_ne!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A household whose head's name is `head`, saved with the given key settings.
fn add_household(db: &Path, envs: &[(&str, &str)], key: &[&str], head: &str) -> String {
    let mut args = key.to_vec();
    args.extend([
        "household",
        "add",
        "--kk",
        "3204010105120042",
        "--village",
        "3204052001",
        "--address",
        "Kampung Sukamaju",
        "--rt",
        "3",
        "--rw",
        "1",
        "--head",
        head,
    ]);
    ok(puskesos(db, envs, &args))
}

fn file_contains(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap();
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn keygen_writes_a_private_key_file_once_and_it_opens_only_its_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let key = dir.path().join("desk.key");
    let key_arg = key.to_str().unwrap();
    ok(puskesos(&db, &[], &["store", "keygen", "--out", key_arg]));
    let text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(text.trim().len(), 64);
    assert!(text.trim().bytes().all(|b| b.is_ascii_hexdigit()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never overwritten: the old key would be lost with the data it opens.
    refused(puskesos(&db, &[], &["store", "keygen", "--out", key_arg]));
    assert_eq!(std::fs::read_to_string(&key).unwrap(), text);

    let id = add_household(&db, &[], &["--key-file", key_arg], "Sutisna Wiradikarta");
    assert!(!file_contains(&db, "Sutisna Wiradikarta"));
    let shown = ok(puskesos(
        &db,
        &[],
        &["--key-file", key_arg, "household", "show", &id],
    ));
    assert!(shown.contains("Sutisna Wiradikarta"), "{shown}");

    // Without the key, or with another one, nothing is read.
    refused(puskesos(&db, &[], &["household", "show", &id]));
    let other = dir.path().join("other.key");
    ok(puskesos(
        &db,
        &[],
        &["store", "keygen", "--out", other.to_str().unwrap()],
    ));
    let err = refused(puskesos(
        &db,
        &[],
        &[
            "--key-file",
            other.to_str().unwrap(),
            "household",
            "show",
            &id,
        ],
    ));
    assert!(err.contains("cannot be opened with this key"), "{err}");
}

#[test]
fn a_key_file_of_another_shape_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let key = dir.path().join("short.key");
    std::fs::write(&key, "abcd").unwrap();
    let err = refused(puskesos(
        &db,
        &[],
        &["--key-file", key.to_str().unwrap(), "outbox"],
    ));
    assert!(err.contains("32 bytes or 64 hex digits"), "{err}");
    assert!(!db.exists(), "no store is made with a bad key");
}

#[test]
fn a_passphrase_keeps_its_salt_beside_the_store_and_a_wrong_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let pass = [("PUSKESOS_PASSPHRASE", "kopi tubruk di balai desa")];
    let id = add_household(&db, &pass, &[], "Sutisna Wiradikarta");
    let salt = std::fs::read_to_string(dir.path().join("desk.sqlite.kdf")).unwrap();
    assert_eq!(salt.trim().len(), 32);
    assert!(!file_contains(&db, "Sutisna Wiradikarta"));
    assert!(ok(puskesos(&db, &pass, &["household", "show", &id])).contains("Sutisna"));
    let err = refused(puskesos(
        &db,
        &[("PUSKESOS_PASSPHRASE", "teh manis")],
        &["household", "show", &id],
    ));
    assert!(err.contains("cannot be opened with this key"), "{err}");
}

#[test]
fn a_plaintext_store_is_encrypted_by_its_first_keyed_open_and_rekey_changes_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    // A store from before encryption.
    let id = add_household(&db, &[], &[], "Sutisna Wiradikarta");
    assert!(file_contains(&db, "Sutisna Wiradikarta"));

    let (old, new) = (dir.path().join("old.key"), dir.path().join("new.key"));
    for k in [&old, &new] {
        ok(puskesos(
            &db,
            &[],
            &["store", "keygen", "--out", k.to_str().unwrap()],
        ));
    }
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    assert!(ok(puskesos(
        &db,
        &[],
        &["--key-file", old, "household", "show", &id]
    ))
    .contains("Sutisna"));
    assert!(!file_contains(&db, "Sutisna Wiradikarta"));

    ok(puskesos(
        &db,
        &[],
        &["--key-file", old, "store", "rekey", "--new-key-file", new],
    ));
    refused(puskesos(
        &db,
        &[],
        &["--key-file", old, "household", "show", &id],
    ));
    assert!(ok(puskesos(
        &db,
        &[],
        &["--key-file", new, "household", "show", &id]
    ))
    .contains("Sutisna"));

    // To a passphrase.
    ok(puskesos(
        &db,
        &[("PUSKESOS_NEW_PASSPHRASE", "kopi tubruk di balai desa")],
        &["--key-file", new, "store", "rekey"],
    ));
    refused(puskesos(
        &db,
        &[],
        &["--key-file", new, "household", "show", &id],
    ));
    assert!(ok(puskesos(
        &db,
        &[("PUSKESOS_PASSPHRASE", "kopi tubruk di balai desa")],
        &["household", "show", &id]
    ))
    .contains("Sutisna"));
}
