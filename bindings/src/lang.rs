//! The language of messages for people, as core defines it, and the one process-wide choice
//! of language for error messages.
//!
//! Results that carry sentences (identity issues, quality verdicts, eligibility reasons)
//! bring both languages so a screen can follow the phone's locale without a second call.
//! An error has one message, the exception's `message`; it is in Bahasa Indonesia unless
//! the app switched to English with [`set_message_language`] (district IT staff, developers).

use std::sync::atomic::{AtomicU8, Ordering};

use puskesos_core::Lang;

/// 0 = Bahasa Indonesia, 1 = English. An atomic, not a lock: read on every error, written
/// when the phone's locale changes, and a torn read is impossible for one byte.
static MESSAGE_LANG: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of error messages for the whole process (Bahasa Indonesia until
/// called). The app calls it at start and whenever the locale changes.
#[uniffi::export]
pub fn set_message_language(lang: Lang) {
    MESSAGE_LANG.store(
        match lang {
            Lang::Id => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language error messages are currently written in.
#[uniffi::export]
pub fn message_language() -> Lang {
    current()
}

pub(crate) fn current() -> Lang {
    match MESSAGE_LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Id,
    }
}

/// A sentence in both languages; the screen picks one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalText {
    pub id: String,
    pub en: String,
}

impl LocalText {
    /// Renders the same message once per language.
    pub(crate) fn of(render: impl Fn(Lang) -> String) -> LocalText {
        LocalText {
            id: render(Lang::Id),
            en: render(Lang::En),
        }
    }
}
