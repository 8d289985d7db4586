use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who wrote a record and when. `author` is the operator id the device was enrolled for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Meta {
    pub id: Uuid,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl Meta {
    pub fn new(author: &str, at: DateTime<Utc>) -> Meta {
        Meta {
            id: new_id(),
            created_by: author.to_string(),
            created_at: at,
            updated_by: author.to_string(),
            updated_at: at,
        }
    }

    pub fn touch(&mut self, author: &str, at: DateTime<Utc>) {
        self.updated_by = author.to_string();
        self.updated_at = at;
    }
}

/// A UUIDv7: time-ordered, so rows made on the device sort by creation without a clock sync.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}
