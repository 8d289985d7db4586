//! How core's small value types cross to Kotlin, for the records that derive their UniFFI
//! type in core (feature `uniffi`).
//!
//! Ids are UUID strings; instants are milliseconds since the Unix epoch, because the app runs
//! from API 24 and `java.time` needs 26; dates are ISO `YYYY-MM-DD`; a note is its text. A value
//! coming back from Kotlin goes through the same constructor as any other input, so a record
//! the phone hands back cannot carry what core would refuse.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::model::Note;

/// An instant as the phone sees it. The alias gives the Kotlin type its name (`Timestamp`, a
/// `Long` of milliseconds), since UniFFI names a custom type after one identifier.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Uuid, String, {
    remote,
    lower: |id| id.to_string(),
    try_lift: |text| Ok(Uuid::parse_str(text.trim())?),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |date| date.to_string(),
    try_lift: |text| Ok(NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")?),
});

uniffi::custom_type!(Timestamp, i64, {
    remote,
    lower: |at| at.timestamp_millis(),
    try_lift: |ms| DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| uniffi::deps::anyhow::anyhow!("instant out of range: {ms} ms")),
});

uniffi::custom_type!(Note, String, {
    lower: |note| note.as_str().to_string(),
    try_lift: |text| Ok(Note::new(&text)?),
});
