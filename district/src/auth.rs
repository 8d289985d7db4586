//! Secrets: device tokens, enrolment codes, staff passwords and sessions.
//!
//! Only hashes are stored. A device token is `<device_id>.<secret>`: the id finds the row and
//! the SHA-256 of the secret is compared in constant time, so that response timing says
//! nothing about how much of a guessed secret was right.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;
use subtle::ConstantTimeEq;

use crate::error::ApiError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "pd_session";

/// The alphabet of enrolment codes: no 0/O, 1/I/L, so that a code read aloud over the phone
/// or typed from a printout is not misread.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// A new enrolment code `XXXX-XXXX` (8 symbols of 31, ≈ 40 bits): short enough to type,
/// and it lives only minutes and works once.
pub fn new_enrol_code() -> String {
    let mut rng = rand::rng();
    let mut out = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            out.push('-');
        }
        let idx = (rng.next_u32() as usize) % CODE_ALPHABET.len();
        out.push(CODE_ALPHABET[idx] as char);
    }
    out
}

/// Codes are compared after dropping separators and case, as people type them.
pub fn normalise_enrol_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn enrol_code_hash(code: &str) -> String {
    sha256_hex(normalise_enrol_code(code).as_bytes())
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A fresh device token and the hash to store.
pub fn new_device_token(device_id: &str) -> (String, String) {
    let secret = random_hex(32);
    let hash = sha256_hex(secret.as_bytes());
    (format!("{device_id}.{secret}"), hash)
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hash kata sandi: {e}")))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A password for the first admin: 20 symbols from the code alphabet (≈ 99 bits).
pub fn new_password() -> String {
    let mut rng = rand::rng();
    (0..20)
        .map(|_| CODE_ALPHABET[(rng.next_u32() as usize) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// An enrolled, unrevoked device, from its bearer token.
#[derive(Debug, Clone)]
pub struct DeviceAuth {
    pub device_id: String,
    pub village_code: String,
    pub operator_id: String,
    /// Revoked with its last upload allowed: only [`UploadingDevice`] lets it in.
    pub final_upload: bool,
}

/// A device sending records or files: an unrevoked one, or one revoked with its last upload
/// allowed (see `enrol::revoke_device`). Only the batch and file routes take this; every
/// other device route takes [`DeviceAuth`], which refuses any revoked token, so a revoked
/// phone can never pull the village's registry again.
#[derive(Debug, Clone)]
pub struct UploadingDevice(pub DeviceAuth);

impl FromRequestParts<AppState> for UploadingDevice {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state, true).await.map(UploadingDevice)
    }
}

impl DeviceAuth {
    /// The scope rule: a device reads and writes only the village it was enrolled for.
    pub fn require_village(&self, village_code: &str) -> Result<(), ApiError> {
        if constant_time_eq(&self.village_code, village_code) {
            Ok(())
        } else {
            Err(ApiError::WrongVillage(village_code.to_string()))
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<AppState> for DeviceAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state, false).await
    }
}

/// The device of the bearer token; a revoked one only when `final_upload_ok` and staff
/// allowed it a last upload.
async fn authenticate(
    parts: &Parts,
    state: &AppState,
    final_upload_ok: bool,
) -> Result<DeviceAuth, ApiError> {
    let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
    let (device_id, secret) = token.split_once('.').ok_or(ApiError::Unauthorized)?;
    let row = sqlx::query(
        "SELECT token_hash, village_code, operator_id, revoked_at, final_upload FROM devices WHERE device_id = $1",
    )
    .bind(device_id)
    .fetch_optional(&state.db().pool)
    .await?;
    let Some(row) = row else {
        // Spend the same hashing work as a known device before refusing.
        let _ = constant_time_eq(&sha256_hex(secret.as_bytes()), &"0".repeat(64));
        return Err(ApiError::Unauthorized);
    };
    let stored: String = row.try_get("token_hash")?;
    if !constant_time_eq(&sha256_hex(secret.as_bytes()), &stored) {
        return Err(ApiError::Unauthorized);
    }
    let revoked: Option<String> = row.try_get("revoked_at")?;
    let final_upload = revoked.is_some() && row.try_get::<i64, _>("final_upload")? != 0;
    if revoked.is_some() && !(final_upload && final_upload_ok) {
        return Err(ApiError::Revoked);
    }
    Ok(DeviceAuth {
        device_id: device_id.to_string(),
        village_code: row.try_get("village_code")?,
        operator_id: row.try_get("operator_id")?,
        final_upload,
    })
}

/// A logged-in district staff member, from the session cookie.
#[derive(Debug, Clone)]
pub struct StaffAuth {
    pub username: String,
}

pub fn session_token(parts: &Parts) -> Option<String> {
    let cookies = parts.headers.get(header::COOKIE)?.to_str().ok()?;
    cookies.split(';').find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == SESSION_COOKIE).then(|| v.to_string())
    })
}

impl FromRequestParts<AppState> for StaffAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = session_token(parts).ok_or(ApiError::StaffLogin)?;
        let row = sqlx::query("SELECT username, expires_ms FROM sessions WHERE token_hash = $1")
            .bind(sha256_hex(token.as_bytes()))
            .fetch_optional(&state.db().pool)
            .await?
            .ok_or(ApiError::StaffLogin)?;
        let expires: i64 = row.try_get("expires_ms")?;
        if expires < crate::db::now_ms() {
            return Err(ApiError::StaffLogin);
        }
        Ok(StaffAuth {
            username: row.try_get("username")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrol_codes_normalise_as_typed() {
        let code = new_enrol_code();
        assert_eq!(code.len(), 9);
        assert_eq!(
            enrol_code_hash(&code),
            enrol_code_hash(&code.to_lowercase().replace('-', " "))
        );
        assert_ne!(enrol_code_hash("AAAA-AAAA"), enrol_code_hash("AAAA-AAAB"));
    }

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("rahasia").expect("hashes");
        assert!(verify_password("rahasia", &h));
        assert!(!verify_password("rahasiA", &h));
        assert!(!verify_password("rahasia", "not a phc string"));
    }
}
