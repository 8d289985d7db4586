//! Encryption at rest: the store file, its WAL and its temp files are encrypted page by page
//! with ChaCha20-Poly1305 by SQLite3 Multiple Ciphers (the SQLite every binary links, see
//! `sqlite3mc/`). A lost or stolen phone then shows no NIK, name or KTP photo to whoever
//! copies the app's files.
//!
//! The key is 256 random bits that the phone keeps in its keystore (the desk tool derives
//! it from a passphrase). It is handed to SQLite as a raw key (`raw:<hex>`), which skips
//! SQLite3MC's password-based key derivation: stretching is for guessable passwords, and
//! a random key gains nothing from it but seconds at every open.

use std::fmt;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use rand::RngCore;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::{Zeroize, Zeroizing};

use super::StoreError;

/// The first 16 bytes of every plaintext SQLite file. An encrypted store starts with its
/// cipher salt instead (ChaCha20 keeps no header in clear).
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The store's 256-bit key. Zeroed when dropped; `Debug` shows nothing of it.
#[derive(Clone)]
pub struct StoreKey([u8; 32]);

impl Drop for StoreKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl StoreKey {
    pub const LEN: usize = 32;

    /// A new random key from the operating system's generator (through `rand`'s thread
    /// generator, a CSPRNG seeded by the OS).
    pub fn generate() -> StoreKey {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        StoreKey(bytes)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> StoreKey {
        StoreKey(bytes)
    }

    /// The key's bytes, to write into a key file or a keystore.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A key derived from a passphrase for the desk tool: Argon2id with OWASP's minimum
    /// (19 MiB, 2 passes, 1 lane), so that guessing a weak passphrase from a copied file
    /// costs real memory per guess. `salt` is random per store and kept beside it.
    #[cfg(feature = "passphrase")]
    pub fn from_passphrase(passphrase: &[u8], salt: &[u8; 16]) -> Result<StoreKey, StoreError> {
        use argon2::{Algorithm, Argon2, Params, Version};
        let params = Params::new(19 * 1024, 2, 1, Some(32))
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        let mut key = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase, salt, &mut key)
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        Ok(StoreKey(key))
    }

    /// The `PRAGMA key`/`rekey` value: `raw:` and 64 hex digits, which SQLite3MC takes as
    /// the cipher key itself, without key derivation.
    fn pragma_value(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(String::with_capacity(4 + 64));
        hex.push_str("raw:");
        for b in self.0 {
            hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            hex.push(char::from(b"0123456789abcdef"[usize::from(b & 0xf)]));
        }
        hex
    }
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreKey(..)")
    }
}

/// Runs `PRAGMA <pragma> = '<key>'` without the key ever sitting in a string that is not
/// zeroed afterwards.
fn key_pragma(conn: &Connection, pragma: &str, key: &StoreKey) -> Result<(), StoreError> {
    let value = key.pragma_value();
    let mut sql = Zeroizing::new(String::with_capacity(value.len() + 20));
    sql.push_str("PRAGMA ");
    sql.push_str(pragma);
    sql.push_str(" = '");
    sql.push_str(&value);
    sql.push('\'');
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Opens `path` with `key` set before any other statement, and reads the schema to prove
/// the key: a wrong key reads as a file that is not a database.
pub(super) fn open_keyed(path: &Path, key: &StoreKey) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    key_pragma(&conn, "key", key)?;
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => {
            Err(StoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether `path` is a plaintext SQLite file (a store from before encryption).
pub(super) fn is_plaintext(path: &Path) -> Result<bool, StoreError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    match file.read_exact(&mut head) {
        Ok(()) => Ok(&head == PLAINTEXT_HEADER),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Where a plaintext store is encrypted before it replaces the original.
fn staging_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".encrypting");
    PathBuf::from(name)
}

/// Removes what an encryption cut short (by a crash or a full disk) left: the original is
/// still whole, so the half-made copy is only deleted.
pub(super) fn remove_leftovers(path: &Path) -> Result<(), StoreError> {
    let staging = staging_path(path);
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = staging.as_os_str().to_owned();
        name.push(suffix);
        match fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Encrypts the plaintext store at `path` with `key`, once and without loss: its WAL is
/// checkpointed into it, a copy is encrypted (`PRAGMA rekey`; SQLite3MC refuses to encrypt
/// a plaintext file in WAL mode, so the copy is in rollback mode), checked, flushed to disk
/// and renamed over the original. Until the rename the original is untouched; the rename
/// is atomic, so a crash leaves either the plaintext store or the encrypted one, never a
/// file of both.
pub(super) fn encrypt_plaintext(path: &Path, key: &StoreKey) -> Result<(), StoreError> {
    let staging = staging_path(path);
    {
        let plain = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        plain.pragma_update(None, "journal_mode", "DELETE")?;
    }
    fs::copy(path, &staging)?;
    let result = (|| {
        {
            let copy = Connection::open_with_flags(&staging, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            copy.pragma_update(None, "journal_mode", "DELETE")?;
            key_pragma(&copy, "rekey", key)?;
        }
        {
            let check = open_keyed(&staging, key)?;
            let verdict: String = check.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if verdict != "ok" || !is_encrypted_file(&staging)? {
                return Err(StoreError::Io(std::io::Error::other(
                    "the encrypted copy of the store did not check out",
                )));
            }
        }
        File::open(&staging)?.sync_all()?;
        fs::rename(&staging, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // The rename itself is durable only once the directory is flushed.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = remove_leftovers(path);
    }
    result
}

/// Whether the file at `path` has a header that is not plaintext SQLite's.
fn is_encrypted_file(path: &Path) -> Result<bool, StoreError> {
    Ok(fs::metadata(path)?.len() > 0 && !is_plaintext(path)?)
}

/// Changes the key of the open, encrypted store behind `conn`. SQLite3MC rewrites every
/// page in one transaction (rolled back whole if it fails). It does not rekey in WAL mode,
/// so the WAL is checkpointed and emptied first and the store returns to WAL afterwards.
/// Keep the old key until this returns: a crash during the rewrite recovers with it.
pub(super) fn rekey(conn: &Connection, key: &StoreKey) -> Result<(), StoreError> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    let rekeyed = key_pragma(conn, "rekey", key);
    let back = conn.pragma_update(None, "journal_mode", "WAL");
    rekeyed?;
    back?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;
    use crate::store::Store;

    fn file_hash(path: &Path) -> Vec<u8> {
        Sha256::digest(fs::read(path).unwrap()).to_vec()
    }

    #[test]
    fn a_key_shows_nothing_of_itself_and_keys_differ() {
        let key = StoreKey::from_bytes([0xab; 32]);
        assert_eq!(format!("{key:?}"), "StoreKey(..)");
        assert_eq!(&*key.pragma_value(), &format!("raw:{}", "ab".repeat(32)));
        assert_ne!(
            StoreKey::generate().as_bytes(),
            StoreKey::generate().as_bytes()
        );
    }

    #[cfg(feature = "passphrase")]
    #[test]
    fn a_passphrase_gives_the_same_key_for_the_same_salt_only() {
        let a = StoreKey::from_passphrase(b"kata sandi desa", &[1; 16]).unwrap();
        let b = StoreKey::from_passphrase(b"kata sandi desa", &[1; 16]).unwrap();
        let c = StoreKey::from_passphrase(b"kata sandi desa", &[2; 16]).unwrap();
        assert_eq!(a.as_bytes(), b.as_bytes());
        assert_ne!(a.as_bytes(), c.as_bytes());
    }

    #[test]
    fn the_linked_sqlite_is_sqlite3mc_with_chacha20_only() {
        let dir = tempfile::tempdir().unwrap();
        let store =
            Store::open_encrypted(&dir.path().join("f.sqlite"), &StoreKey::generate()).unwrap();
        let conn = store.lock();
        let version: String = conn
            .query_row("SELECT sqlite3mc_version()", [], |r| r.get(0))
            .unwrap();
        assert!(version.contains("SQLite3 Multiple Ciphers"), "{version}");
        let cipher: String = conn.query_row("PRAGMA cipher", [], |r| r.get(0)).unwrap();
        assert_eq!(cipher, "chacha20");
        // The other ciphers are not compiled in (sqlite3mc/build.rs).
        assert!(conn.execute_batch("PRAGMA cipher = 'aes256cbc'").is_err());
    }

    #[test]
    fn a_wrong_key_is_refused_and_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("field.sqlite");
        let key = StoreKey::generate();
        {
            let store = Store::open_encrypted(&path, &key).unwrap();
            store.set_setting("desa", "Sukamaju").unwrap();
        }
        let before = file_hash(&path);
        let err = Store::open_encrypted(&path, &StoreKey::generate())
            .err()
            .expect("a wrong key must not open the store");
        assert!(matches!(err, StoreError::WrongKey), "{err}");
        assert!(err.message(crate::lang::Lang::Id).contains("Kunci"));
        assert_eq!(file_hash(&path), before);
        // Without a key the file is not a database either.
        assert!(Store::open(&path).is_err());
        let store = Store::open_encrypted(&path, &key).unwrap();
        assert_eq!(store.setting("desa").unwrap().as_deref(), Some("Sukamaju"));
    }

    #[test]
    fn after_a_rekey_only_the_new_key_opens_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("field.sqlite");
        let (old, new) = (StoreKey::generate(), StoreKey::generate());
        {
            let store = Store::open_encrypted(&path, &old).unwrap();
            store.set_setting("desa", "Sukamaju").unwrap();
            store.rekey(&new).unwrap();
            // The open store goes on working, in WAL mode again.
            store.set_setting("kecamatan", "Cibeunying").unwrap();
            let mode: String = store
                .lock()
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        assert!(matches!(
            Store::open_encrypted(&path, &old),
            Err(StoreError::WrongKey)
        ));
        let store = Store::open_encrypted(&path, &new).unwrap();
        assert_eq!(store.setting("desa").unwrap().as_deref(), Some("Sukamaju"));
        assert_eq!(
            store.setting("kecamatan").unwrap().as_deref(),
            Some("Cibeunying")
        );
    }

    #[test]
    fn a_half_made_encrypted_copy_is_removed_and_the_original_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("field.sqlite");
        {
            let store = Store::open(&path).unwrap();
            store.set_setting("desa", "Sukamaju").unwrap();
        }
        // As a crash during encryption would leave it.
        fs::write(staging_path(&path), b"half a copy").unwrap();
        let key = StoreKey::generate();
        let store = Store::open_encrypted(&path, &key).unwrap();
        assert_eq!(store.setting("desa").unwrap().as_deref(), Some("Sukamaju"));
        assert!(!staging_path(&path).exists());
        assert!(!is_plaintext(&path).unwrap());
    }
}
