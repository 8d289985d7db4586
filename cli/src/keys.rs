//! The store's key for the desk tool: a key file (`--key-file`, 32 raw bytes or 64 hex
//! digits) or a passphrase (`PUSKESOS_PASSPHRASE`, stretched with Argon2id and a random salt
//! kept in `<db>.kdf`). With neither the store is opened in plaintext, as before encryption
//! (tests, demos and the README's commands).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use puskesos_core::store::StoreKey;
use puskesos_core::Lang;
use zeroize::Zeroizing;

use crate::output::CliError;

/// Environment variable holding the store's passphrase.
pub const PASSPHRASE_ENV: &str = "PUSKESOS_PASSPHRASE";
/// Environment variable holding the new passphrase for `store rekey`.
pub const NEW_PASSPHRASE_ENV: &str = "PUSKESOS_NEW_PASSPHRASE";

/// Where a store's passphrase salt is kept: beside it, `<db>.kdf`.
pub fn salt_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".kdf");
    PathBuf::from(name)
}

/// The key `--key-file` or `PASSPHRASE_ENV` give, if any.
pub fn current_key(
    lang: Lang,
    db: &Path,
    key_file: Option<&Path>,
) -> Result<Option<StoreKey>, CliError> {
    from_file_or_env(lang, db, key_file, PASSPHRASE_ENV)
}

/// The key a file or a passphrase in `env` gives; both at once is a mistake.
pub fn from_file_or_env(
    lang: Lang,
    db: &Path,
    key_file: Option<&Path>,
    env: &str,
) -> Result<Option<StoreKey>, CliError> {
    let passphrase = std::env::var_os(env)
        .filter(|p| !p.is_empty())
        .map(|p| Zeroizing::new(p.into_encoded_bytes()));
    match (key_file, passphrase) {
        (Some(_), Some(_)) => Err(CliError::Invalid(format!(
            "{} {env}",
            lang.pick(
                "Pakai salah satu: berkas kunci atau",
                "Use one of a key file or"
            )
        ))),
        (Some(path), None) => read_key_file(lang, path).map(Some),
        (None, Some(passphrase)) => {
            let salt = salt_for(lang, db)?;
            Ok(Some(StoreKey::from_passphrase(&passphrase, &salt)?))
        }
        (None, None) => Ok(None),
    }
}

/// A key file: exactly 32 bytes, or 64 hex digits (surrounding whitespace ignored).
pub fn read_key_file(lang: Lang, path: &Path) -> Result<StoreKey, CliError> {
    let bytes = Zeroizing::new(fs::read(path).map_err(|e| {
        CliError::Invalid(format!(
            "{} {}: {e}",
            lang.pick("Berkas kunci tidak terbaca:", "Key file unreadable:"),
            path.display()
        ))
    })?);
    let mut key = Zeroizing::new([0u8; 32]);
    if bytes.len() == StoreKey::LEN {
        key.copy_from_slice(&bytes);
        return Ok(StoreKey::from_bytes(*key));
    }
    let text = bytes.trim_ascii();
    if text.len() == 2 * StoreKey::LEN && hex::decode_to_slice(text, &mut key[..]).is_ok() {
        return Ok(StoreKey::from_bytes(*key));
    }
    Err(CliError::Invalid(format!(
        "{} {}",
        lang.pick(
            "Berkas kunci harus berisi 32 bita atau 64 digit heksadesimal:",
            "A key file holds 32 bytes or 64 hex digits:"
        ),
        path.display()
    )))
}

/// The store's salt, made (16 random bytes, as hex) on first use.
fn salt_for(lang: Lang, db: &Path) -> Result<[u8; 16], CliError> {
    let path = salt_path(db);
    let unreadable = |e: std::io::Error| {
        CliError::Invalid(format!(
            "{} {}: {e}",
            lang.pick("Berkas garam kunci:", "Key salt file:"),
            path.display()
        ))
    };
    let mut salt = [0u8; 16];
    match fs::read_to_string(&path) {
        Ok(text) => {
            hex::decode_to_slice(text.trim(), &mut salt).map_err(|_| {
                CliError::Invalid(format!(
                    "{} {}",
                    lang.pick(
                        "Berkas garam kunci rusak (32 digit heksadesimal):",
                        "Key salt file is damaged (32 hex digits expected):"
                    ),
                    path.display()
                ))
            })?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            salt = rand::random();
            write_private(&path, format!("{}\n", hex::encode(salt)).as_bytes())
                .map_err(unreadable)?;
        }
        Err(e) => return Err(unreadable(e)),
    }
    Ok(salt)
}

/// Writes `bytes` to a new file only its owner can read (0600 on Unix); an existing file
/// is not overwritten.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
