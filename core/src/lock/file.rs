//! The lock file: its format, and how it is read, replaced and destroyed.
//!
//! Format `puskesos-lock/1`, one JSON object (UTF-8, at most [`MAX_FILE_BYTES`]):
//!
//! ```json
//! { "format": "puskesos-lock/1",
//!   "key_check": "<64 hex: SHA-256 fingerprint of the store key>",
//!   "pin":  { "kdf": "argon2id", "m_kib": 19456, "t": 2, "p": 1,
//!             "salt": "<32 hex>", "nonce": "<24 hex>", "sealed": "<96 hex: key + GCM tag>" },
//!   "code": null | { …same shape… },
//!   "pin_failures": 0, "pin_failed_at": null | <unix seconds>,
//!   "code_failures": 0, "code_failed_at": null | <unix seconds> }
//! ```
//!
//! Every field is checked on reading (lengths, hex, cost bounds); anything off is
//! [`LockError::Corrupt`], never a panic. The file is replaced atomically: written to a
//! temporary file beside it, fsynced, renamed over it, and the directory fsynced, so that a
//! kill or a power cut leaves either the old file or the new one, never half of each — which
//! is what makes counting a PIN attempt *before* checking it safe.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::LockError;
use super::vault::{KdfParams, Wrapped, SALT_LEN, SEALED_LEN};

pub const FORMAT: &str = "puskesos-lock/1";
/// A lock file is well under a kilobyte; a large one is not ours.
pub const MAX_FILE_BYTES: u64 = 16 * 1024;

/// The lock file as held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockFile {
    pub key_check: [u8; 32],
    pub pin: Wrapped,
    pub code: Option<Wrapped>,
    pub pin_failures: u32,
    pub pin_failed_at: Option<i64>,
    pub code_failures: u32,
    pub code_failed_at: Option<i64>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrapJson {
    kdf: String,
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    sealed: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJson {
    format: String,
    key_check: String,
    pin: WrapJson,
    code: Option<WrapJson>,
    pin_failures: u32,
    pin_failed_at: Option<i64>,
    code_failures: u32,
    code_failed_at: Option<i64>,
}

fn corrupt(detail: impl Into<String>) -> LockError {
    LockError::Corrupt {
        detail: detail.into(),
    }
}

fn fixed<const N: usize>(hex_text: &str, what: &str) -> Result<[u8; N], LockError> {
    let bytes = hex::decode(hex_text).map_err(|_| corrupt(format!("{what}: not hex")))?;
    bytes
        .try_into()
        .map_err(|_| corrupt(format!("{what}: wrong length")))
}

impl WrapJson {
    fn from_wrapped(w: &Wrapped) -> WrapJson {
        WrapJson {
            kdf: "argon2id".into(),
            m_kib: w.kdf.m_kib,
            t: w.kdf.t,
            p: w.kdf.p,
            salt: hex::encode(w.salt),
            nonce: hex::encode(w.nonce),
            sealed: hex::encode(w.sealed),
        }
    }

    fn into_wrapped(self, what: &str) -> Result<Wrapped, LockError> {
        if self.kdf != "argon2id" {
            return Err(corrupt(format!("{what}: unknown KDF")));
        }
        Ok(Wrapped {
            kdf: KdfParams {
                m_kib: self.m_kib,
                t: self.t,
                p: self.p,
            }
            .check()?,
            salt: fixed::<SALT_LEN>(&self.salt, what)?,
            nonce: fixed(&self.nonce, what)?,
            sealed: fixed::<SEALED_LEN>(&self.sealed, what)?,
        })
    }
}

impl LockFile {
    pub fn to_json(&self) -> Vec<u8> {
        let j = FileJson {
            format: FORMAT.into(),
            key_check: hex::encode(self.key_check),
            pin: WrapJson::from_wrapped(&self.pin),
            code: self.code.as_ref().map(WrapJson::from_wrapped),
            pin_failures: self.pin_failures,
            pin_failed_at: self.pin_failed_at,
            code_failures: self.code_failures,
            code_failed_at: self.code_failed_at,
        };
        // Plain strings and numbers only: serialising cannot fail.
        serde_json::to_vec_pretty(&j).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<LockFile, LockError> {
        let j: FileJson =
            serde_json::from_slice(bytes).map_err(|e| corrupt(format!("not a lock file: {e}")))?;
        if j.format != FORMAT {
            return Err(corrupt(format!("unknown format {:?}", j.format)));
        }
        Ok(LockFile {
            key_check: fixed(&j.key_check, "key_check")?,
            pin: j.pin.into_wrapped("pin")?,
            code: j.code.map(|c| c.into_wrapped("code")).transpose()?,
            pin_failures: j.pin_failures,
            pin_failed_at: j.pin_failed_at,
            code_failures: j.code_failures,
            code_failed_at: j.code_failed_at,
        })
    }
}

/// The lock file at `path`, or `None` when there is none (no PIN set yet).
pub fn read(path: &Path) -> Result<Option<LockFile>, LockError> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(corrupt("too large"));
    }
    LockFile::from_json(&bytes).map(Some)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Replaces the lock file atomically (see the module docs).
pub fn write(path: &Path, lock: &LockFile) -> Result<(), LockError> {
    let tmp = temp_path(path);
    {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        // Owner-only, though Android's app-private directory already is.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&tmp)?;
        f.write_all(&lock.to_json())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    sync_dir(path)
}

/// Makes a rename durable: on POSIX file systems the new directory entry is only safe once
/// the directory itself is fsynced.
fn sync_dir(path: &Path) -> Result<(), LockError> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Overwrites the file with zeros, fsyncs, and removes it (with any temporary file left by
/// a killed write). On flash storage the controller may keep old blocks, so this is a best
/// effort; what really retires the wraps is that they need the Keystore pepper, which the
/// app deletes along with this file.
pub fn destroy(path: &Path) -> Result<(), LockError> {
    for p in [temp_path(path), path.to_path_buf()] {
        let len = match fs::metadata(&p) {
            Ok(m) => m.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        {
            let mut f = OpenOptions::new().write(true).open(&p)?;
            f.write_all(&vec![0u8; len.min(MAX_FILE_BYTES * 4) as usize])?;
            f.sync_all()?;
        }
        fs::remove_file(&p)?;
    }
    sync_dir(path)
}
