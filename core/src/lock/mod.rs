//! The app lock: the store's encryption key, kept only wrapped under the operator's PIN and
//! under the district's unlock code, in a small lock file beside the store.
//!
//! A phone holds a whole village's NIKs, disabilities and poverty status, so a lost or
//! stolen phone must not open. The store key is random (32 bytes); it never touches the disk
//! in clear. The PIN opens it day to day; after ten wrong PINs only the unlock code the
//! district issued at enrolment does, and it sets a new PIN at the same time.
//!
//! Rooms: [`vault`] wraps and unwraps the key (Argon2id + AES-256-GCM), [`file`] owns the
//! file format and atomic writes, [`delay`] the waits between wrong tries, [`pin`] and
//! [`code`] what a PIN and a code may be, [`error`] the one error type.
//!
//! Every try is counted in the file *before* it is checked, so killing the app during the
//! (deliberately slow) check does not give a free try; the count is cleared on success.

pub mod code;
pub mod delay;
pub mod error;
pub mod file;
pub mod pin;
pub mod vault;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

pub use code::{new_unlock_code, normalise_unlock_code};
pub use delay::{Clock, SystemClock, MAX_PIN_FAILURES};
pub use error::{LockError, PinProblem};
pub use pin::{check_new_pin, MAX_PIN_DIGITS, MIN_PIN_DIGITS};
pub use vault::SecretKey;

use file::LockFile;
use vault::Purpose;

/// Where the lock stands, for the lock screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LockStatus {
    /// A PIN has been set (the lock file exists).
    pub is_set: bool,
    /// Wrong PINs since the last success.
    pub pin_failures: u32,
    /// Wrong PINs left before the lock-out.
    pub attempts_left: u32,
    /// Ten wrong PINs: only the unlock code opens the store.
    pub locked_out: bool,
    /// Seconds before the next PIN may be tried (0: now).
    pub wait_seconds: u64,
    /// The district's unlock code is stored (wrapped) on this phone.
    pub has_unlock_code: bool,
    /// Wrong unlock codes since the last success.
    pub code_failures: u32,
    /// Seconds before the next unlock code may be tried.
    pub code_wait_seconds: u64,
}

/// The app lock over one lock file. Operations on one `Lock` are serialised (a try is
/// read, counted and written as one step); the app holds a single `Lock` for its file.
pub struct Lock {
    path: PathBuf,
    pepper: Zeroizing<Vec<u8>>,
    clock: Arc<dyn Clock>,
    busy: Mutex<()>,
}

impl std::fmt::Debug for Lock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lock")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Lock {
    /// The lock whose file is `path` (on Android, in the app's private files directory).
    /// `pepper` is a secret the Android Keystore holds (the app derives 32 bytes from a
    /// non-exportable Keystore key); it is mixed into every key derivation, so a copy of the
    /// lock file alone cannot be brute-forced away from the phone. Nothing is read yet: a
    /// damaged file shows up as [`LockError::Corrupt`] on first use, and [`Lock::forget`]
    /// still works on it.
    pub fn open(path: impl Into<PathBuf>, pepper: &[u8]) -> Result<Lock, LockError> {
        Self::open_with_clock(path, pepper, Arc::new(SystemClock))
    }

    /// As [`Lock::open`], reading the time from `clock` (tests, and a future trusted clock).
    pub fn open_with_clock(
        path: impl Into<PathBuf>,
        pepper: &[u8],
        clock: Arc<dyn Clock>,
    ) -> Result<Lock, LockError> {
        let path = path.into();
        if path.file_name().is_none() {
            return Err(LockError::Io {
                detail: "the lock file path names no file".into(),
            });
        }
        Ok(Lock {
            path,
            pepper: Zeroizing::new(pepper.to_vec()),
            clock,
            busy: Mutex::new(()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn guard(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic while holding the guard leaves no broken state behind (the file is only
        // ever replaced whole), so a poisoned guard is simply taken over.
        self.busy.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn load(&self) -> Result<LockFile, LockError> {
        file::read(&self.path)?.ok_or(LockError::NotSet)
    }

    /// Whether a PIN has been set on this phone.
    pub fn is_set(&self) -> Result<bool, LockError> {
        let _g = self.guard();
        Ok(file::read(&self.path)?.is_some())
    }

    /// Where the lock stands now.
    pub fn status(&self) -> Result<LockStatus, LockError> {
        let _g = self.guard();
        let Some(f) = file::read(&self.path)? else {
            return Ok(LockStatus {
                attempts_left: MAX_PIN_FAILURES,
                ..LockStatus::default()
            });
        };
        let now = self.clock.now();
        let locked_out = f.pin_failures >= MAX_PIN_FAILURES;
        Ok(LockStatus {
            is_set: true,
            pin_failures: f.pin_failures,
            attempts_left: MAX_PIN_FAILURES.saturating_sub(f.pin_failures),
            locked_out,
            wait_seconds: if locked_out {
                0
            } else {
                delay::remaining(f.pin_failed_at, delay::pin_wait(f.pin_failures), now)
            },
            has_unlock_code: f.code.is_some(),
            code_failures: f.code_failures,
            code_wait_seconds: delay::remaining(
                f.code_failed_at,
                delay::code_wait(f.code_failures),
                now,
            ),
        })
    }

    /// First use: checks the PIN, makes a new random store key, and stores it wrapped under
    /// the PIN. Refused when a PIN is already set: a second key would orphan the store.
    pub fn set_pin(&self, pin: &str) -> Result<SecretKey, LockError> {
        check_new_pin(pin)?;
        let _g = self.guard();
        if file::read(&self.path)?.is_some() {
            return Err(LockError::AlreadySet);
        }
        let key = SecretKey::generate();
        let f = LockFile {
            key_check: key.check_value(),
            pin: vault::wrap(&key, pin.as_bytes(), &self.pepper, Purpose::Pin)?,
            code: None,
            pin_failures: 0,
            pin_failed_at: None,
            code_failures: 0,
            code_failed_at: None,
        };
        file::write(&self.path, &f)?;
        Ok(key)
    }

    /// Opens the store key with the PIN. Waits and the lock-out are checked first; then the
    /// try is counted on disk; then the PIN is checked; success clears the count.
    pub fn unlock(&self, pin: &str) -> Result<SecretKey, LockError> {
        let _g = self.guard();
        let (key, mut f) = self.try_pin(pin)?;
        f.pin_failures = 0;
        f.pin_failed_at = None;
        file::write(&self.path, &f)?;
        Ok(key)
    }

    /// The counted PIN try shared by [`Lock::unlock`] and [`Lock::change_pin`]; on success
    /// the file is returned with the try still counted, for the caller to clear and write.
    fn try_pin(&self, pin: &str) -> Result<(SecretKey, LockFile), LockError> {
        let mut f = self.load()?;
        if f.pin_failures >= MAX_PIN_FAILURES {
            return Err(LockError::LockedOut);
        }
        let now = self.clock.now();
        let wait = delay::remaining(f.pin_failed_at, delay::pin_wait(f.pin_failures), now);
        if wait > 0 {
            if f.pin_failed_at.is_some_and(|at| now < at) {
                // The clock went back: the wait restarts from the clock's "now", so it runs
                // out in full instead of never.
                f.pin_failed_at = Some(now);
                file::write(&self.path, &f)?;
            }
            return Err(LockError::TooSoon { wait_seconds: wait });
        }
        f.pin_failures += 1;
        f.pin_failed_at = Some(now);
        file::write(&self.path, &f)?;
        match vault::unwrap(&f.pin, pin.as_bytes(), &self.pepper, Purpose::Pin)? {
            Some(key) => {
                opened_key_matches(&f, &key)?;
                Ok((key, f))
            }
            None if f.pin_failures >= MAX_PIN_FAILURES => Err(LockError::LockedOut),
            None => Err(LockError::WrongPin {
                attempts_left: MAX_PIN_FAILURES - f.pin_failures,
            }),
        }
    }

    /// Changes the PIN: the old PIN is a counted try like any unlock; the key is rewrapped
    /// under the new PIN with a fresh salt and nonce (the unlock code's wrap is unchanged).
    pub fn change_pin(&self, old: &str, new: &str) -> Result<(), LockError> {
        check_new_pin(new)?;
        let _g = self.guard();
        let (key, mut f) = self.try_pin(old)?;
        f.pin = vault::wrap(&key, new.as_bytes(), &self.pepper, Purpose::Pin)?;
        f.pin_failures = 0;
        f.pin_failed_at = None;
        file::write(&self.path, &f)
    }

    /// Stores the district's unlock code: the store key (from [`Lock::set_pin`] or
    /// [`Lock::unlock`], so the app is unlocked) is wrapped under it as well. Replaces an
    /// earlier code. The key is checked against the lock's fingerprint first: wrapping some
    /// other key would make the code open nothing.
    pub fn set_unlock_code(&self, key: &SecretKey, code: &str) -> Result<(), LockError> {
        let code = Zeroizing::new(normalise_unlock_code(code)?);
        let _g = self.guard();
        let mut f = self.load()?;
        check_key(&f, key)?;
        f.code = Some(vault::wrap(
            key,
            code.as_bytes(),
            &self.pepper,
            Purpose::Code,
        )?);
        f.code_failures = 0;
        f.code_failed_at = None;
        file::write(&self.path, &f)
    }

    /// The way back in after ten wrong PINs (or a forgotten one): the district's code opens
    /// the key, `new_pin` becomes the PIN, and both failure counts are cleared. Returns the
    /// same store key as ever. A code that cannot be one ([`LockError::CodeFormat`]) and a
    /// weak new PIN are refused before any try is counted.
    pub fn unlock_with_code(&self, code: &str, new_pin: &str) -> Result<SecretKey, LockError> {
        let code = Zeroizing::new(normalise_unlock_code(code)?);
        check_new_pin(new_pin)?;
        let _g = self.guard();
        let mut f = self.load()?;
        let Some(code_wrap) = f.code.clone() else {
            return Err(LockError::NoUnlockCode);
        };
        let now = self.clock.now();
        let wait = delay::remaining(f.code_failed_at, delay::code_wait(f.code_failures), now);
        if wait > 0 {
            if f.code_failed_at.is_some_and(|at| now < at) {
                f.code_failed_at = Some(now);
                file::write(&self.path, &f)?;
            }
            return Err(LockError::TooSoon { wait_seconds: wait });
        }
        f.code_failures = f.code_failures.saturating_add(1);
        f.code_failed_at = Some(now);
        file::write(&self.path, &f)?;
        let key = vault::unwrap(&code_wrap, code.as_bytes(), &self.pepper, Purpose::Code)?
            .ok_or(LockError::WrongCode)?;
        opened_key_matches(&f, &key)?;
        f.pin = vault::wrap(&key, new_pin.as_bytes(), &self.pepper, Purpose::Pin)?;
        f.pin_failures = 0;
        f.pin_failed_at = None;
        f.code_failures = 0;
        f.code_failed_at = None;
        file::write(&self.path, &f)?;
        Ok(key)
    }

    /// Destroys the lock file (overwritten, then removed): without it the store cannot be
    /// opened again. For a revoked or wiped device; afterwards [`Lock::is_set`] is false.
    pub fn forget(&self) -> Result<(), LockError> {
        let _g = self.guard();
        file::destroy(&self.path)
    }
}

fn check_key(f: &LockFile, key: &SecretKey) -> Result<(), LockError> {
    // Both sides are fingerprints, not the key; a plain comparison leaks nothing useful.
    if f.key_check == key.check_value() {
        Ok(())
    } else {
        Err(LockError::KeyMismatch)
    }
}

/// A wrap that opens to a key other than the fingerprinted one was tampered with or mixed
/// up with another phone's file: refuse it rather than hand the store a wrong key.
fn opened_key_matches(f: &LockFile, key: &SecretKey) -> Result<(), LockError> {
    check_key(f, key).map_err(|_| LockError::Corrupt {
        detail: "the opened key is not this lock's key".into(),
    })
}

#[cfg(test)]
mod tests;
