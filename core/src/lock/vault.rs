//! The store key and how it is wrapped: Argon2id turns a PIN or an unlock code (with a
//! random salt and the Keystore pepper) into a key-encryption key, and AES-256-GCM seals the
//! store key under it.
//!
//! Argon2id at m = 19 MiB, t = 2, p = 1 is the OWASP Password Storage Cheat Sheet's first
//! recommended setting: it fits a 1 GB phone, and it makes each guess cost real work even
//! for someone who has the lock file *and* the pepper. The pepper goes in as Argon2's
//! secret input (RFC 9106 §3.1, K): without the Android Keystore that holds it, a copied
//! lock file cannot be tested against any PIN.

use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use super::error::LockError;

pub const KEY_LEN: usize = 32;
pub const SALT_LEN: usize = 16;
const TAG_LEN: usize = 16;
pub const SEALED_LEN: usize = KEY_LEN + TAG_LEN;

/// The store's 32-byte encryption key. Wiped from memory when dropped; never printed, never
/// written anywhere except sealed. Not `Clone`: each copy is one more to wipe.
pub struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    /// A fresh random key from the operating system's generator (through rand's
    /// `ThreadRng`, a ChaCha12 CSPRNG seeded and reseeded from the OS).
    pub fn generate() -> SecretKey {
        let mut key = [0u8; KEY_LEN];
        rand::rng().fill_bytes(&mut key);
        SecretKey(key)
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> SecretKey {
        SecretKey(bytes)
    }

    /// The raw bytes, for the store to open its database with.
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A one-way fingerprint that tells whether two keys are the same without revealing
    /// either (the key is 256 random bits: nothing to guess from a SHA-256 of it).
    pub(crate) fn check_value(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"puskesos-lock/key-check/1\0");
        h.update(self.0);
        h.finalize().into()
    }
}

impl Drop for SecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Argon2id's cost, kept with each wrap so that a later version can raise it and still open
/// old files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// OWASP's minimum for Argon2id: 19 MiB, two passes, one lane.
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };

    /// Costs a lock file may ask for: from the floor above to what a cheap phone can still
    /// afford. A damaged or hostile file asking for gigabytes is refused, not obeyed.
    pub fn check(self) -> Result<KdfParams, LockError> {
        let ok = (8 * 1024..=256 * 1024).contains(&self.m_kib)
            && (1..=10).contains(&self.t)
            && (1..=4).contains(&self.p);
        if ok {
            Ok(self)
        } else {
            Err(LockError::Corrupt {
                detail: format!("KDF cost out of range: {self:?}"),
            })
        }
    }
}

/// What each wrap is for, bound into the AEAD's associated data: a PIN wrap copied over the
/// code wrap (or the reverse) fails to open instead of being taken for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Pin,
    Code,
}

impl Purpose {
    fn aad(self) -> &'static [u8] {
        match self {
            Purpose::Pin => b"puskesos-lock/1/pin",
            Purpose::Code => b"puskesos-lock/1/code",
        }
    }
}

/// The store key sealed under one secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub kdf: KdfParams,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
    pub sealed: [u8; SEALED_LEN],
}

fn kek(
    secret: &[u8],
    pepper: &[u8],
    salt: &[u8; SALT_LEN],
    kdf: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, LockError> {
    let kdf = kdf.check()?;
    let bad = |e: argon2::Error| LockError::Corrupt {
        detail: format!("Argon2: {e}"),
    };
    let params = Params::new(kdf.m_kib, kdf.t, kdf.p, Some(KEY_LEN)).map_err(bad)?;
    let argon = Argon2::new_with_secret(pepper, Algorithm::Argon2id, Version::V0x13, params)
        .map_err(bad)?;
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(bad)?;
    Ok(out)
}

fn aead_key(kek: &[u8; KEY_LEN]) -> Result<LessSafeKey, LockError> {
    let key = UnboundKey::new(&AES_256_GCM, kek).map_err(|_| LockError::Corrupt {
        detail: "AES key".into(),
    })?;
    Ok(LessSafeKey::new(key))
}

/// Seals `key` under `secret` with a fresh salt and nonce.
pub fn wrap(
    key: &SecretKey,
    secret: &[u8],
    pepper: &[u8],
    purpose: Purpose,
) -> Result<Wrapped, LockError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut salt);
    rand::rng().fill_bytes(&mut nonce);
    let kdf = KdfParams::DEFAULT;
    let sealing = aead_key(&*kek(secret, pepper, &salt, kdf)?)?;
    let mut buf = Zeroizing::new(key.0.to_vec());
    sealing
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(purpose.aad()),
            &mut *buf,
        )
        .map_err(|_| LockError::Corrupt {
            detail: "AES-GCM seal".into(),
        })?;
    let sealed: [u8; SEALED_LEN] = buf.as_slice().try_into().map_err(|_| LockError::Corrupt {
        detail: "sealed key length".into(),
    })?;
    Ok(Wrapped {
        kdf,
        salt,
        nonce,
        sealed,
    })
}

/// Opens a wrap: `Ok(None)` when `secret` (or the pepper) is not the one it was sealed
/// under — GCM's tag cannot tell which, and need not.
pub fn unwrap(
    w: &Wrapped,
    secret: &[u8],
    pepper: &[u8],
    purpose: Purpose,
) -> Result<Option<SecretKey>, LockError> {
    let opening = aead_key(&*kek(secret, pepper, &w.salt, w.kdf)?)?;
    let mut buf = Zeroizing::new(w.sealed.to_vec());
    let Ok(plain) = opening.open_in_place(
        Nonce::assume_unique_for_key(w.nonce),
        Aad::from(purpose.aad()),
        &mut buf,
    ) else {
        return Ok(None);
    };
    let mut key = [0u8; KEY_LEN];
    if plain.len() != KEY_LEN {
        return Err(LockError::Corrupt {
            detail: "opened key length".into(),
        });
    }
    key.copy_from_slice(plain);
    Ok(Some(SecretKey(key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrap_opens_only_with_its_secret_pepper_and_purpose() {
        let key = SecretKey::generate();
        let w = wrap(&key, b"482915", b"pepper", Purpose::Pin).unwrap();
        let back = unwrap(&w, b"482915", b"pepper", Purpose::Pin)
            .unwrap()
            .unwrap();
        assert_eq!(back.as_bytes(), key.as_bytes());
        assert!(unwrap(&w, b"482916", b"pepper", Purpose::Pin)
            .unwrap()
            .is_none());
        assert!(unwrap(&w, b"482915", b"peppex", Purpose::Pin)
            .unwrap()
            .is_none());
        assert!(unwrap(&w, b"482915", b"pepper", Purpose::Code)
            .unwrap()
            .is_none());
    }

    #[test]
    fn each_wrap_has_its_own_salt_and_nonce() {
        let key = SecretKey::generate();
        let a = wrap(&key, b"482915", b"", Purpose::Pin).unwrap();
        let b = wrap(&key, b"482915", b"", Purpose::Pin).unwrap();
        assert_ne!(a.salt, b.salt);
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.sealed, b.sealed);
    }

    #[test]
    fn a_hostile_cost_is_refused_before_any_work() {
        let key = SecretKey::generate();
        let mut w = wrap(&key, b"482915", b"", Purpose::Pin).unwrap();
        w.kdf.m_kib = 4 * 1024 * 1024;
        assert!(matches!(
            unwrap(&w, b"482915", b"", Purpose::Pin),
            Err(LockError::Corrupt { .. })
        ));
    }

    #[test]
    fn the_key_never_shows_in_debug() {
        assert_eq!(
            format!("{:?}", SecretKey::from_bytes([7; 32])),
            "SecretKey(…)"
        );
    }
}
