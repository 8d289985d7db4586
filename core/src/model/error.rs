use crate::ident::IdentError;
use crate::lang::Lang;

/// Why a record could not be built. Messages never contain a full NIK or KK number.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(transparent)]
    Ident(#[from] IdentError),
    #[error("complaint status cannot go from {from} to {to}")]
    StatusBackwards { from: String, to: String },
    #[error("a status change needs a note")]
    NoteRequired,
}

impl ModelError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        ModelError::Invalid {
            field,
            reason: reason.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            ModelError::Invalid { field, reason } => match lang {
                Lang::Id => format!("Isian {field} tidak valid: {reason}"),
                Lang::En => format!("Invalid {field}: {reason}"),
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
        }
    }
}
