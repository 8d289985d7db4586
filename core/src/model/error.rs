use crate::ident::{redact, IdentError, Redacted};
use crate::lang::Lang;

/// Why a record could not be built. A reason may quote what was typed (a programme code, a
/// village code), and what was typed may be a NIK in the wrong box: the message, `Display`
/// and `Debug` mask identity numbers, since errors end up in logs and crash reports.
#[derive(Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// `reason` in Bahasa Indonesia, `reason_en` in English: the message names the field in
    /// the language of the sentence around it.
    #[error("{field}: {}", Redacted(.reason_en))]
    Invalid {
        field: &'static str,
        reason: String,
        reason_en: String,
    },
    #[error(transparent)]
    Ident(#[from] IdentError),
    #[error("complaint status cannot go from {from} to {to}")]
    StatusBackwards { from: String, to: String },
    #[error("a status change needs a note")]
    NoteRequired,
}

crate::redacted_debug!(enum ModelError {
    Invalid {
        field,
        reason,
        reason_en
    },
    Ident(error),
    StatusBackwards { from, to },
    NoteRequired,
});

impl ModelError {
    pub(crate) fn invalid(
        field: &'static str,
        reason: impl Into<String>,
        reason_en: impl Into<String>,
    ) -> Self {
        ModelError::Invalid {
            field,
            reason: reason.into(),
            reason_en: reason_en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let text = match self {
            ModelError::Invalid {
                field,
                reason,
                reason_en,
            } => match lang {
                Lang::Id => format!("Isian {field} tidak valid: {reason}"),
                Lang::En => format!("Invalid {field}: {reason_en}"),
            },
            ModelError::Ident(e) => e.message(lang),
            ModelError::StatusBackwards { from, to } => match lang {
                Lang::Id => format!("Status pengaduan tidak bisa mundur dari {from} ke {to}."),
                Lang::En => format!("A complaint's status cannot go back from {from} to {to}."),
            },
            ModelError::NoteRequired => lang
                .pick(
                    "Setiap perubahan status wajib diberi catatan.",
                    "Every status change needs a note.",
                )
                .to_string(),
        };
        redact(&text).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{Rt, VillageCode};
    use crate::lang::Lang;

    /// An English message is English throughout (it once carried the Indonesian reason), and
    /// the Indonesian one keeps its own wording.
    #[test]
    fn a_refused_field_is_explained_in_the_language_asked() {
        let rt = Rt::new("0").unwrap_err();
        assert_eq!(rt.message(Lang::En), "Invalid rt: cannot be 000");
        assert_eq!(
            rt.message(Lang::Id),
            "Isian rt tidak valid: tidak boleh 000"
        );
        let village = VillageCode::new("32.04").unwrap_err();
        assert!(
            village.message(Lang::En).contains("10 digits"),
            "{}",
            village.message(Lang::En)
        );
        assert!(
            village.message(Lang::Id).contains("10 angka"),
            "{}",
            village.message(Lang::Id)
        );
    }
}
