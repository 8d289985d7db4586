//! Printing results for people or as JSON, and the CLI's one error type.

use puskesos_core::capture::CaptureError;
use puskesos_core::ident::{redact, IdentError, Redacted};
use puskesos_core::model::ModelError;
use puskesos_core::store::StoreError;
use puskesos_core::sync::SyncError;
use puskesos_core::Lang;
use serde::Serialize;

/// The desk tool's error. Its message goes to stderr, which desks redirect to files and
/// paste into chats with the district: it quotes arguments (a mistyped NIK among them), so
/// the message, `Display` and `Debug` mask identity numbers.
#[derive(thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Ident(#[from] IdentError),
    #[error(transparent)]
    Capture(#[from] CaptureError),
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// Already in the user's language.
    #[error("{}", Redacted(.0))]
    Invalid(String),
}

puskesos_core::redacted_debug!(
    enum CliError {
        Store(error),
        Model(error),
        Ident(error),
        Capture(error),
        Sync(error),
        Invalid(message),
    }
);

impl CliError {
    pub fn message(&self, lang: Lang) -> String {
        let text = match self {
            CliError::Store(e) => e.message(lang),
            CliError::Model(e) => e.message(lang),
            CliError::Ident(e) => e.message(lang),
            CliError::Capture(e) => e.message(lang),
            CliError::Sync(e) => e.message(lang),
            CliError::Invalid(m) => m.clone(),
        };
        redact(&text).into_owned()
    }

    /// An invalid argument, with the text in both languages.
    pub fn invalid(lang: Lang, id: &str, en: &str) -> CliError {
        CliError::Invalid(lang.pick(id, en).to_string())
    }
}

pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| CliError::Invalid(format!("JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
