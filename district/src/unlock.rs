//! Devices' unlock codes: issued at enrolment, kept sealed, revealed to staff one device at a
//! time, and every reveal logged.
//!
//! The phone wraps its store key under the code (core's `lock` room); after ten wrong PINs
//! only this code opens the phone again. The service must be able to show it, so it keeps
//! the code itself, not a hash, sealed with AES-256-GCM under a key file in the data
//! directory (`unlock-codes.key`, created on first start, mode 0600) and bound to the device
//! id as associated data, so that a sealed code copied onto another device's row does not
//! open. A database dump or backup without that file shows no code; the file belongs in the
//! same careful backup as the TLS key. Codes never go to the logs: only who revealed which
//! device's code, and when.

use std::io::Write;
use std::path::Path;

use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use sqlx::Row;

use crate::db::{now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};

/// The key that seals unlock codes at rest.
pub struct UnlockCodeKey(LessSafeKey);

impl std::fmt::Debug for UnlockCodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnlockCodeKey(…)")
    }
}

impl UnlockCodeKey {
    /// Reads the key file, or creates it (32 random bytes, owner-only) on first start.
    pub fn load_or_create(path: &Path) -> std::io::Result<UnlockCodeKey> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                rand::rng().fill_bytes(&mut key);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut f = options.open(path)?;
                f.write_all(&key)?;
                f.sync_all()?;
                key.to_vec()
            }
            Err(e) => return Err(e),
        };
        Self::from_bytes(&bytes).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{} is not a 32-byte key", path.display()),
            )
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<UnlockCodeKey> {
        let key = UnboundKey::new(&AES_256_GCM, bytes).ok()?;
        Some(UnlockCodeKey(LessSafeKey::new(key)))
    }

    /// `hex(nonce ‖ ciphertext ‖ tag)` of `code`, bound to `device_id`.
    pub fn seal(&self, device_id: &str, code: &str) -> ApiResult<String> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let mut buf = code.as_bytes().to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(device_id.as_bytes()),
                &mut buf,
            )
            .map_err(|_| ApiError::Internal("menyegel kode buka kunci".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        Ok(hex::encode(out))
    }

    /// The code sealed for `device_id`; an error if it was sealed under another key or for
    /// another device, or is damaged.
    pub fn open(&self, device_id: &str, sealed: &str) -> ApiResult<String> {
        let broken = || ApiError::Internal("kode buka kunci tersimpan tidak dapat dibuka".into());
        let bytes = hex::decode(sealed).map_err(|_| broken())?;
        if bytes.len() < NONCE_LEN {
            return Err(broken());
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| broken())?;
        let mut buf = rest.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(device_id.as_bytes()), &mut buf)
            .map_err(|_| broken())?;
        String::from_utf8(plain.to_vec()).map_err(|_| broken())
    }
}

/// A new unlock code (core's generator, so the phone and the service agree on its shape)
/// and its sealed form for `device_id`'s row.
pub fn issue(key: &UnlockCodeKey, device_id: &str) -> ApiResult<(String, String)> {
    let code = puskesos_core::lock::new_unlock_code();
    let sealed = key.seal(device_id, &code)?;
    Ok((code, sealed))
}

/// Shows `device_id`'s unlock code to `username`, only if the device belongs to `village`,
/// and logs the reveal in the same transaction: no code is shown without its log row.
pub async fn reveal(
    db: &Db,
    key: &UnlockCodeKey,
    village: &str,
    device_id: &str,
    username: &str,
) -> ApiResult<String> {
    let mut w = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT unlock_code_sealed FROM devices WHERE device_id = $1 AND village_code = $2",
    )
    .bind(device_id)
    .bind(village)
    .fetch_optional(&mut *w.tx)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("perangkat {device_id}")))?;
    let sealed: Option<String> = row.try_get("unlock_code_sealed")?;
    let sealed = sealed.ok_or_else(|| {
        ApiError::NotFound(format!(
            "kode buka kunci perangkat {device_id} (terdaftar sebelum ada kunci aplikasi)"
        ))
    })?;
    let code = key.open(device_id, &sealed)?;
    sqlx::query(
        "INSERT INTO unlock_code_views (id, device_id, username, viewed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(device_id)
    .bind(username)
    .bind(now_rfc3339())
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    tracing::info!(%device_id, %village, staff = %username, "unlock code revealed");
    Ok(code)
}

/// One reveal of a device's unlock code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeView {
    pub device_id: String,
    pub username: String,
    pub viewed_at: String,
}

/// Every reveal of the unlock codes of `village`'s devices, newest first.
pub async fn views(db: &Db, village: &str) -> ApiResult<Vec<CodeView>> {
    let rows = sqlx::query(
        "SELECT v.device_id, v.username, v.viewed_at FROM unlock_code_views v
         JOIN devices d ON d.device_id = v.device_id
         WHERE d.village_code = $1 ORDER BY v.viewed_at DESC, v.id DESC",
    )
    .bind(village)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(CodeView {
                device_id: r.try_get("device_id")?,
                username: r.try_get("username")?,
                viewed_at: r.try_get("viewed_at")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_code_opens_only_for_its_device_and_key() {
        let key = UnlockCodeKey::from_bytes(&[1; 32]).unwrap();
        let (code, sealed) = issue(&key, "dev-1").unwrap();
        assert!(!sealed.contains(&code.replace('-', "")));
        assert_eq!(key.open("dev-1", &sealed).unwrap(), code);
        assert!(key.open("dev-2", &sealed).is_err());
        let other = UnlockCodeKey::from_bytes(&[2; 32]).unwrap();
        assert!(other.open("dev-1", &sealed).is_err());
        assert!(key.open("dev-1", "zz").is_err());
        assert!(key.open("dev-1", "").is_err());
        assert_ne!(key.seal("dev-1", &code).unwrap(), sealed, "fresh nonce");
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unlock-codes.key");
        let a = UnlockCodeKey::load_or_create(&path).unwrap();
        let sealed = a.seal("dev-1", "ABCD-EFGH-JKMN").unwrap();
        let b = UnlockCodeKey::load_or_create(&path).unwrap();
        assert_eq!(b.open("dev-1", &sealed).unwrap(), "ABCD-EFGH-JKMN");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "owner-only");
        }
        std::fs::write(&path, b"short").unwrap();
        assert!(UnlockCodeKey::load_or_create(&path).is_err());
    }
}
