//! Validated small values used across records.

use serde::{Deserialize, Serialize};

use super::error::ModelError;

macro_rules! string_newtype_serde {
    ($t:ident) => {
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $t::new(&s).map_err(serde::de::Error::custom)
            }
        }
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// A Kemendagri village (desa/kelurahan) code: 10 digits, stored without dots.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VillageCode(String);

impl VillageCode {
    pub fn new(input: &str) -> Result<VillageCode, ModelError> {
        let digits: String = input
            .chars()
            .filter(|c| *c != '.' && !c.is_whitespace())
            .collect();
        if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ModelError::invalid(
                "village_code",
                "kode desa harus 10 angka (PP.RR.DD.VVVV)",
                "a village code has 10 digits (PP.RR.DD.VVVV)",
            ));
        }
        Ok(VillageCode(digits))
    }

    /// The district (kecamatan) part, comparable with a NIK's first six digits.
    pub fn district(&self) -> &str {
        &self.0[..6]
    }
}
string_newtype_serde!(VillageCode);

fn neighbourhood(field: &'static str, input: &str) -> Result<String, ModelError> {
    let t = input.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ModelError::invalid(
            field,
            "harus 1–3 angka",
            "must be 1–3 digits",
        ));
    }
    let n: u16 = t
        .parse()
        .map_err(|_| ModelError::invalid(field, "harus angka", "must be a number"))?;
    if n == 0 {
        return Err(ModelError::invalid(
            field,
            "tidak boleh 000",
            "cannot be 000",
        ));
    }
    Ok(format!("{n:03}"))
}

/// Rukun Tetangga, the smallest neighbourhood unit; written as three digits (`003`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rt(String);
impl Rt {
    pub fn new(input: &str) -> Result<Rt, ModelError> {
        neighbourhood("rt", input).map(Rt)
    }
}
string_newtype_serde!(Rt);

/// Rukun Warga, the group of RTs; written as three digits (`001`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rw(String);
impl Rw {
    pub fn new(input: &str) -> Result<Rw, ModelError> {
        neighbourhood("rw", input).map(Rw)
    }
}
string_newtype_serde!(Rw);

/// A person's name as written on the KK. Letters of any script, spaces and the punctuation
/// Indonesian names carry (apostrophe, period, comma, hyphen); 1–100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName(String);
impl PersonName {
    pub fn new(input: &str) -> Result<PersonName, ModelError> {
        let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(ModelError::invalid(
                "name",
                "nama belum diisi",
                "the name is empty",
            ));
        }
        if collapsed.chars().count() > 100 {
            return Err(ModelError::invalid(
                "name",
                "nama lebih dari 100 huruf",
                "the name is longer than 100 letters",
            ));
        }
        if let Some(c) = collapsed
            .chars()
            .find(|c| !(c.is_alphabetic() || matches!(c, ' ' | '\'' | '.' | ',' | '-' | '`')))
        {
            return Err(ModelError::invalid(
                "name",
                format!("nama memuat karakter '{c}' yang tidak lazim"),
                format!("the name contains an unusual character '{c}'"),
            ));
        }
        Ok(PersonName(collapsed))
    }
}
string_newtype_serde!(PersonName);

/// Free text a person typed: trimmed, non-empty, bounded so that one record cannot fill the
/// phone or the upload. People write numbers into it ("NIK di KK salah, yang benar …"), so
/// `Debug` masks them: a complaint or a correction in a log stays safe to hand over.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Note(String);
crate::redacted_debug!(Note(text));
impl Note {
    pub const MAX_CHARS: usize = 4000;

    pub fn new(input: &str) -> Result<Note, ModelError> {
        let t = input.trim();
        if t.is_empty() {
            return Err(ModelError::invalid(
                "note",
                "teks belum diisi",
                "the text is empty",
            ));
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(ModelError::invalid(
                "note",
                "teks lebih dari 4000 karakter",
                "the text is longer than 4000 characters",
            ));
        }
        Ok(Note(t.to_string()))
    }
}
string_newtype_serde!(Note);
