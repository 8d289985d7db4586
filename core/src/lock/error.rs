//! The one error type of the lock room. The app tells each case apart: a wrong PIN shows the
//! attempts left, a wait shows a countdown, a lock-out asks for the district's unlock code.

use crate::Lang;

/// Why a PIN was refused as too easy to guess. Checked when a PIN is chosen, never when one is
/// typed to unlock (a typed PIN is simply right or wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer than [`MIN_PIN_DIGITS`](super::MIN_PIN_DIGITS) or more than
    /// [`MAX_PIN_DIGITS`](super::MAX_PIN_DIGITS) digits.
    Length { min: u32, max: u32 },
    /// Something other than the digits 0–9.
    NotDigits,
    /// One digit repeated (`111111`): the first thing anyone tries.
    AllSame,
    /// A run up or down (`123456`, `987654`): the second thing anyone tries.
    Sequence,
}

/// What a lock operation could not do. Messages carry no secret: never the PIN, the code or
/// the key, and attempt counts only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    #[error("wrong PIN ({attempts_left} attempts left before the unlock code is needed)")]
    WrongPin { attempts_left: u32 },
    /// Too many wrong tries lately: nothing is checked (nor counted) before the wait is over.
    #[error("too many wrong attempts; try again in {wait_seconds} s")]
    TooSoon { wait_seconds: u64 },
    /// Ten wrong PINs: only the district's unlock code opens the store now.
    #[error("locked out after too many wrong PINs; the district's unlock code is needed")]
    LockedOut,
    #[error("wrong unlock code")]
    WrongCode,
    /// The text cannot be an unlock code at all (wrong length or letters); no attempt is
    /// counted for it, so a typo costs nothing.
    #[error("an unlock code has 12 letters and digits, as XXXX-XXXX-XXXX")]
    CodeFormat,
    #[error("PIN too easy to guess: {problem:?}")]
    WeakPin { problem: PinProblem },
    #[error("no PIN has been set on this phone yet")]
    NotSet,
    #[error("a PIN is already set; change it instead")]
    AlreadySet,
    #[error("no unlock code has been stored on this phone")]
    NoUnlockCode,
    /// The key handed to `set_unlock_code` is not the key the PIN protects: wrapping it would
    /// make the code open nothing.
    #[error("the key given is not this lock's store key")]
    KeyMismatch,
    #[error("lock file: {detail}")]
    Io { detail: String },
    /// The lock file is damaged or not a lock file; nothing was changed.
    #[error("lock file damaged: {detail}")]
    Corrupt { detail: String },
}

impl From<std::io::Error> for LockError {
    fn from(e: std::io::Error) -> Self {
        LockError::Io {
            detail: e.to_string(),
        }
    }
}

impl PinProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PinProblem::Length { min, max }, Lang::Id) => {
                format!("PIN harus {min} sampai {max} angka.")
            }
            (PinProblem::Length { min, max }, Lang::En) => {
                format!("The PIN must be {min} to {max} digits.")
            }
            (PinProblem::NotDigits, _) => lang
                .pick(
                    "PIN hanya boleh berisi angka.",
                    "The PIN may only contain digits.",
                )
                .into(),
            (PinProblem::AllSame, _) => lang
                .pick(
                    "PIN tidak boleh satu angka yang diulang (misalnya 111111).",
                    "The PIN cannot be one digit repeated (like 111111).",
                )
                .into(),
            (PinProblem::Sequence, _) => lang
                .pick(
                    "PIN tidak boleh angka berurutan (misalnya 123456 atau 654321).",
                    "The PIN cannot be a run of digits (like 123456 or 654321).",
                )
                .into(),
        }
    }
}

impl LockError {
    /// The message for the person holding the phone.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LockError::WrongPin { attempts_left } => match lang {
                Lang::Id => format!("PIN salah. Sisa {attempts_left} kali percobaan sebelum perlu kode buka kunci dari dinas."),
                Lang::En => format!("Wrong PIN. {attempts_left} attempts left before the district's unlock code is needed."),
            },
            LockError::TooSoon { wait_seconds } => match lang {
                Lang::Id => format!("Terlalu banyak percobaan salah. Coba lagi dalam {}.", wait_text(*wait_seconds, lang)),
                Lang::En => format!("Too many wrong attempts. Try again in {}.", wait_text(*wait_seconds, lang)),
            },
            LockError::LockedOut => lang
                .pick(
                    "Ponsel terkunci karena 10 kali PIN salah. Minta kode buka kunci ke dinas sosial.",
                    "The phone is locked after 10 wrong PINs. Ask the district social service for the unlock code.",
                )
                .into(),
            LockError::WrongCode => lang
                .pick("Kode buka kunci salah.", "Wrong unlock code.")
                .into(),
            LockError::CodeFormat => lang
                .pick(
                    "Kode buka kunci terdiri dari 12 huruf dan angka, seperti XXXX-XXXX-XXXX. Periksa lagi.",
                    "An unlock code has 12 letters and digits, like XXXX-XXXX-XXXX. Check it again.",
                )
                .into(),
            LockError::WeakPin { problem } => problem.message(lang),
            LockError::NotSet => lang
                .pick("PIN belum dibuat di ponsel ini.", "No PIN has been set on this phone yet.")
                .into(),
            LockError::AlreadySet => lang
                .pick("PIN sudah dibuat. Gunakan ubah PIN.", "A PIN is already set. Use change PIN.")
                .into(),
            LockError::NoUnlockCode => lang
                .pick(
                    "Ponsel ini belum menyimpan kode buka kunci dari dinas.",
                    "This phone has no unlock code from the district stored.",
                )
                .into(),
            LockError::KeyMismatch => lang
                .pick(
                    "Kode buka kunci tidak dapat disimpan: kunci data tidak cocok.",
                    "The unlock code cannot be stored: the data key does not match.",
                )
                .into(),
            LockError::Io { .. } => lang
                .pick(
                    "Berkas kunci aplikasi tidak dapat dibaca atau ditulis.",
                    "The app lock file cannot be read or written.",
                )
                .into(),
            LockError::Corrupt { .. } => lang
                .pick(
                    "Berkas kunci aplikasi rusak. Hubungi dinas sosial.",
                    "The app lock file is damaged. Contact the district social service.",
                )
                .into(),
        }
    }
}

/// "30 detik", "2 menit", "1 jam 5 menit": a countdown a person can read.
fn wait_text(seconds: u64, lang: Lang) -> String {
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    let (hu, mu, su) = match lang {
        Lang::Id => ("jam", "menit", "detik"),
        Lang::En => ("h", "min", "s"),
    };
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} {hu}"));
    }
    if m > 0 {
        parts.push(format!("{m} {mu}"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} {su}"));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_wait_in_both_languages() {
        let e = LockError::TooSoon { wait_seconds: 90 };
        assert_eq!(
            e.message(Lang::Id),
            "Terlalu banyak percobaan salah. Coba lagi dalam 1 menit 30 detik."
        );
        assert_eq!(
            e.message(Lang::En),
            "Too many wrong attempts. Try again in 1 min 30 s."
        );
        assert!(LockError::WrongPin { attempts_left: 3 }
            .message(Lang::Id)
            .contains("Sisa 3"));
    }
}
