//! A document or photo attached to a household. The bytes live in the store's documents
//! table; the record carries what the district needs to fetch and verify them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;

code_enum!(
    /// What a photo shows. The house and family photos are the registry's required photo set
    /// for a new registration.
    DocumentKind {
        Kk = "kk", "Kartu Keluarga", "family card (KK)";
        Ktp = "ktp", "KTP", "identity card (KTP)";
        Letter = "letter", "surat", "letter";
        HouseFront = "house_front", "rumah tampak depan", "house front";
        HouseWall = "house_wall", "dinding rumah", "house wall";
        HouseFloor = "house_floor", "lantai rumah", "house floor";
        Kitchen = "kitchen", "dapur", "kitchen";
        Toilet = "toilet", "jamban/kamar mandi", "toilet";
        Roof = "roof", "atap", "roof";
        HeadOfHousehold = "head_of_household", "foto kepala keluarga", "head of household";
        ProgrammeCard = "programme_card", "kartu program bansos", "programme card";
        Other = "other", "lainnya", "other";
    }
);

impl DocumentKind {
    /// The photo set a registry proposal asks for.
    pub const REQUIRED_SET: &'static [DocumentKind] = &[
        DocumentKind::HouseFront,
        DocumentKind::HouseWall,
        DocumentKind::HouseFloor,
        DocumentKind::Kitchen,
        DocumentKind::Toilet,
        DocumentKind::Roof,
        DocumentKind::Kk,
        DocumentKind::Ktp,
        DocumentKind::HeadOfHousehold,
    ];

    /// Papers are read, so they keep more pixels than photos of a house. "Other" is
    /// mostly a paper a citizen brings to the desk.
    pub fn is_paper(self) -> bool {
        matches!(
            self,
            DocumentKind::Kk
                | DocumentKind::Ktp
                | DocumentKind::Letter
                | DocumentKind::ProgrammeCard
                | DocumentKind::Other
        )
    }

    /// Long-side limit in pixels for the stored photo. 1600 px keeps the 8-point type of a
    /// KK table legible (about 4 px per stroke on a 330 mm page); a house photo only needs
    /// to show materials.
    pub fn default_max_long_side(self) -> u32 {
        if self.is_paper() {
            1600
        } else {
            1280
        }
    }

    /// The registry photos still missing, given the kinds a household already has, in the
    /// checklist's order. Extra and repeated kinds are ignored.
    pub fn missing(present: &[DocumentKind]) -> Vec<DocumentKind> {
        DocumentKind::REQUIRED_SET
            .iter()
            .copied()
            .filter(|k| !present.contains(k))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Document {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Uuid,
    pub kind: DocumentKind,
    /// SHA-256 of the bytes, lower-case hex: the identity of the content on the phone and
    /// at the district.
    pub sha256: String,
    pub size: u64,
    pub mime: String,
    /// The quality problems of a photo kept anyway (`too_dark` for a kitchen without
    /// electricity), so the reviewer knows it was judged and kept on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_with: Vec<String>,
    /// The proposal this photo is evidence for, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_id: Option<Uuid>,
}

impl Document {
    pub fn new(
        household_id: Uuid,
        kind: DocumentKind,
        sha256: &str,
        size: u64,
        mime: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Document, ModelError> {
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(ModelError::invalid(
                "sha256",
                "hash harus 64 karakter hex kecil",
                "the hash must be 64 lowercase hex characters",
            ));
        }
        if size == 0 {
            return Err(ModelError::invalid(
                "size",
                "dokumen kosong",
                "the document is empty",
            ));
        }
        if !matches!(mime, "image/jpeg" | "image/png" | "application/pdf") {
            return Err(ModelError::invalid(
                "mime",
                format!("jenis berkas {mime} tidak didukung"),
                format!("file type {mime} is not supported"),
            ));
        }
        Ok(Document {
            meta: Meta::new(author, now),
            household_id,
            kind,
            sha256: sha256.to_string(),
            size,
            mime: mime.to_string(),
            kept_with: Vec::new(),
            proposal_id: None,
        })
    }
}

#[cfg(test)]
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_desk_spellings_parse() {
        for k in DocumentKind::ALL.iter().copied() {
            assert_eq!(DocumentKind::parse(k.code()), Some(k));
        }
        assert_eq!(
            DocumentKind::parse("House-Front"),
            Some(DocumentKind::HouseFront)
        );
        assert_eq!(DocumentKind::parse(" KK "), Some(DocumentKind::Kk));
        assert_eq!(DocumentKind::parse("selfie"), None);
    }

    #[test]
    fn documents_get_the_larger_limit() {
        assert_eq!(DocumentKind::Kk.default_max_long_side(), 1600);
        assert_eq!(DocumentKind::Letter.default_max_long_side(), 1600);
        assert_eq!(DocumentKind::Roof.default_max_long_side(), 1280);
        assert_eq!(DocumentKind::HeadOfHousehold.default_max_long_side(), 1280);
    }

    #[test]
    fn checklist_lists_what_is_missing_in_order() {
        assert_eq!(
            DocumentKind::missing(&[]),
            DocumentKind::REQUIRED_SET.to_vec()
        );
        let present = [
            DocumentKind::Kk,
            DocumentKind::Kk,
            DocumentKind::Roof,
            DocumentKind::Letter,
            DocumentKind::HouseFront,
        ];
        assert_eq!(
            DocumentKind::missing(&present),
            vec![
                DocumentKind::HouseWall,
                DocumentKind::HouseFloor,
                DocumentKind::Kitchen,
                DocumentKind::Toilet,
                DocumentKind::Ktp,
                DocumentKind::HeadOfHousehold,
            ]
        );
        assert!(DocumentKind::missing(DocumentKind::REQUIRED_SET).is_empty());
    }
}
