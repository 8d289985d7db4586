//! The app lock as the phone sees it: [`FieldLock`] over the lock file beside the store, the
//! store key it hands out only as an opaque [`UnlockedKey`] (Kotlin never holds the key's
//! bytes, so they cannot end up in a Java string, a log or a heap dump of the JVM), and
//! [`FieldStore::open_unlocked`] that opens the encrypted store with it.

use std::sync::Arc;

use puskesos_core::ident::Redacted;
use puskesos_core::lock::{Lock, LockError as CoreLockError, SecretKey};
use puskesos_core::store::{Store, StoreKey};

use crate::guard::{guard, Internal};
use crate::lang;
use crate::store::{FieldStore, RecordsError};

/// The lock room's error: each case the lock screen shows differently. `detail` is for
/// people, in the language set by `set_message_language`, and never carries a PIN or code
/// (not `message`: in Kotlin that would clash with the exception's own).
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum LockError {
    #[error("{detail}")]
    WrongPin { attempts_left: u32, detail: String },
    /// Nothing was checked: the next try is allowed in `wait_seconds`.
    #[error("{detail}")]
    TooSoon { wait_seconds: u64, detail: String },
    /// Ten wrong PINs: only the district's unlock code opens the store now.
    #[error("{detail}")]
    LockedOut { detail: String },
    #[error("{detail}")]
    WrongCode { detail: String },
    /// A PIN too easy to guess, or text that cannot be an unlock code: nothing was counted.
    #[error("{detail}")]
    Invalid { detail: String },
    /// Set, not set, no unlock code on this phone: the screen asked for the wrong step.
    #[error("{detail}")]
    State { detail: String },
    /// The lock file could not be read or written, or is damaged; nothing was changed.
    #[error("{}", Redacted(.detail))]
    Storage { detail: String },
    #[error("{}", Redacted(.detail))]
    Internal { detail: String },
}

impl std::fmt::Debug for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LockError({self})")
    }
}

impl Internal for LockError {
    fn internal(detail: String) -> Self {
        LockError::Internal {
            detail: format!("lock: {detail}"),
        }
    }
}

impl From<CoreLockError> for LockError {
    fn from(e: CoreLockError) -> Self {
        let detail = e.message(lang::current());
        match e {
            CoreLockError::WrongPin { attempts_left } => LockError::WrongPin {
                attempts_left,
                detail,
            },
            CoreLockError::TooSoon { wait_seconds } => LockError::TooSoon {
                wait_seconds,
                detail,
            },
            CoreLockError::LockedOut => LockError::LockedOut { detail },
            CoreLockError::WrongCode => LockError::WrongCode { detail },
            CoreLockError::WeakPin { .. } | CoreLockError::CodeFormat => {
                LockError::Invalid { detail }
            }
            CoreLockError::NotSet
            | CoreLockError::AlreadySet
            | CoreLockError::NoUnlockCode
            | CoreLockError::KeyMismatch => LockError::State { detail },
            CoreLockError::Io { .. } | CoreLockError::Corrupt { .. } => {
                LockError::Storage { detail }
            }
        }
    }
}

/// Where the lock stands, for the lock screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LockState {
    pub is_set: bool,
    pub pin_failures: u32,
    pub attempts_left: u32,
    pub locked_out: bool,
    pub wait_seconds: u64,
    pub has_unlock_code: bool,
    pub code_wait_seconds: u64,
}

/// The store key, unwrapped: opaque to Kotlin, wiped when the last reference goes.
#[derive(uniffi::Object)]
pub struct UnlockedKey {
    key: SecretKey,
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnlockedKey(…)")
    }
}

impl UnlockedKey {
    fn store_key(&self) -> StoreKey {
        StoreKey::from_bytes(*self.key.as_bytes())
    }
}

/// The app lock over one lock file (`filesDir/puskesos.lock`). `pepper` comes from the
/// Android Keystore (see the app's `KeystorePepper`). PIN and code checks derive keys with
/// Argon2id on purpose slowly: call them off the UI thread.
#[derive(Debug, uniffi::Object)]
pub struct FieldLock {
    pub(crate) inner: Lock,
}

#[uniffi::export]
impl FieldLock {
    #[uniffi::constructor]
    pub fn new(path: String, pepper: Vec<u8>) -> Result<Arc<FieldLock>, LockError> {
        guard(|| {
            Ok(Arc::new(FieldLock {
                inner: Lock::open(path, &pepper)?,
            }))
        })
    }

    pub fn status(&self) -> Result<LockState, LockError> {
        guard(|| {
            let s = self.inner.status()?;
            Ok(LockState {
                is_set: s.is_set,
                pin_failures: s.pin_failures,
                attempts_left: s.attempts_left,
                locked_out: s.locked_out,
                wait_seconds: s.wait_seconds,
                has_unlock_code: s.has_unlock_code,
                code_wait_seconds: s.code_wait_seconds,
            })
        })
    }

    /// The first PIN: makes a fresh random store key and wraps it. `State` if one is set.
    pub fn set_pin(&self, pin: String) -> Result<Arc<UnlockedKey>, LockError> {
        guard(|| key(self.inner.set_pin(&pin)?))
    }

    pub fn unlock(&self, pin: String) -> Result<Arc<UnlockedKey>, LockError> {
        guard(|| key(self.inner.unlock(&pin)?))
    }

    pub fn change_pin(&self, old_pin: String, new_pin: String) -> Result<(), LockError> {
        guard(|| Ok(self.inner.change_pin(&old_pin, &new_pin)?))
    }

    /// Wraps the store key under the code the district issued at enrolment as well.
    pub fn set_unlock_code(&self, key: Arc<UnlockedKey>, code: String) -> Result<(), LockError> {
        guard(|| Ok(self.inner.set_unlock_code(&key.key, &code)?))
    }

    /// After a lock-out (or a forgotten PIN): the district's code and a new PIN.
    pub fn unlock_with_code(
        &self,
        code: String,
        new_pin: String,
    ) -> Result<Arc<UnlockedKey>, LockError> {
        guard(|| key(self.inner.unlock_with_code(&code, &new_pin)?))
    }

    /// Destroys the wrapped key: the store it encrypted can never be opened again.
    pub fn forget(&self) -> Result<(), LockError> {
        guard(|| Ok(self.inner.forget()?))
    }
}

fn key(key: SecretKey) -> Result<Arc<UnlockedKey>, LockError> {
    Ok(Arc::new(UnlockedKey { key }))
}

#[uniffi::export]
impl FieldStore {
    /// Opens the encrypted store at `path` with the key the lock handed out, creating it if
    /// needed; a plaintext store from an earlier version is encrypted in place, once. A
    /// wrong key is `Storage` and changes nothing.
    #[uniffi::constructor]
    pub fn open_unlocked(
        path: String,
        key: Arc<UnlockedKey>,
    ) -> Result<Arc<FieldStore>, RecordsError> {
        guard(|| {
            let inner = Store::open_encrypted(std::path::Path::new(&path), &key.store_key())?;
            Ok(Arc::new(FieldStore { inner }))
        })
    }

    /// Minutes of idle time before the app asks for the PIN again: the district's pack
    /// setting, 5 until a pack is installed.
    pub fn lock_after_minutes(&self) -> Result<u32, RecordsError> {
        guard(|| {
            Ok(self
                .inner
                .active_pack()?
                .map(|p| p.lock_after_minutes())
                .unwrap_or(puskesos_core::rules::DEFAULT_LOCK_AFTER_MINUTES))
        })
    }
}
