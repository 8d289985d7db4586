//! The language of messages for people, as core defines it.

use puskesos_core::Lang;

/// Bahasa Indonesia for pillars and operators; English for district IT staff.
#[uniffi::remote(Enum)]
pub enum Lang {
    Id,
    En,
}
