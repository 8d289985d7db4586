//! What a photo shows, and the registry's photo checklist.
//!
//! The DTKS/DTSEN field verification asks for the family card, the ID card of the head of
//! household, the head of household in person and the house itself (front, walls, floor,
//! kitchen, toilet, roof), because wall, floor and roof materials and sanitation are
//! scored indicators of the registry (Kepmensos 146/HUK/2013 criteria, carried over into
//! the DTSEN survey). A household whose set is incomplete is sent back by the district.

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Kk,
    Ktp,
    Letter,
    HouseFront,
    HouseWall,
    HouseFloor,
    Kitchen,
    Toilet,
    Roof,
    HeadOfHousehold,
    Other,
}

/// The photos the registry asks for, in the order the UI lists them.
pub const REQUIRED_PHOTOS: [DocumentKind; 9] = [
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

impl DocumentKind {
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Kk,
        DocumentKind::Ktp,
        DocumentKind::Letter,
        DocumentKind::HouseFront,
        DocumentKind::HouseWall,
        DocumentKind::HouseFloor,
        DocumentKind::Kitchen,
        DocumentKind::Toilet,
        DocumentKind::Roof,
        DocumentKind::HeadOfHousehold,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Kk => "kk",
            DocumentKind::Ktp => "ktp",
            DocumentKind::Letter => "letter",
            DocumentKind::HouseFront => "house_front",
            DocumentKind::HouseWall => "house_wall",
            DocumentKind::HouseFloor => "house_floor",
            DocumentKind::Kitchen => "kitchen",
            DocumentKind::Toilet => "toilet",
            DocumentKind::Roof => "roof",
            DocumentKind::HeadOfHousehold => "head_of_household",
            DocumentKind::Other => "other",
        }
    }

    /// Accepts the stored names and a few desk spellings (`house-front`, `KK`).
    pub fn parse(s: &str) -> Option<DocumentKind> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == key)
    }

    /// Paper with text on it: legibility rules apply (larger size limit, orientation check).
    pub fn is_document(self) -> bool {
        matches!(
            self,
            DocumentKind::Kk | DocumentKind::Ktp | DocumentKind::Letter | DocumentKind::Other
        )
    }

    /// Long-side limit in pixels. 1600 px keeps the 8-point type of a KK table legible
    /// (about 4 px per stroke on a 330 mm page); a house photo only needs to show materials.
    pub fn default_max_long_side(self) -> u32 {
        if self.is_document() {
            1600
        } else {
            1280
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::Kk => lang.pick("Kartu Keluarga", "Family card (KK)"),
            DocumentKind::Ktp => lang.pick("KTP", "ID card (KTP)"),
            DocumentKind::Letter => lang.pick("Surat", "Letter"),
            DocumentKind::HouseFront => lang.pick("Tampak depan rumah", "House front"),
            DocumentKind::HouseWall => lang.pick("Dinding rumah", "House wall"),
            DocumentKind::HouseFloor => lang.pick("Lantai rumah", "House floor"),
            DocumentKind::Kitchen => lang.pick("Dapur", "Kitchen"),
            DocumentKind::Toilet => lang.pick("Jamban/kamar mandi", "Toilet"),
            DocumentKind::Roof => lang.pick("Atap", "Roof"),
            DocumentKind::HeadOfHousehold => lang.pick("Kepala keluarga", "Head of household"),
            DocumentKind::Other => lang.pick("Lainnya", "Other"),
        }
    }
}

/// The registry photos still missing, given the kinds a household already has, in the
/// checklist's order. Extra and repeated kinds are ignored.
pub fn missing_photos(present: &[DocumentKind]) -> Vec<DocumentKind> {
    REQUIRED_PHOTOS
        .into_iter()
        .filter(|k| !present.contains(k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_desk_spellings_parse() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
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
        assert_eq!(missing_photos(&[]), REQUIRED_PHOTOS.to_vec());
        let present = [
            DocumentKind::Kk,
            DocumentKind::Kk,
            DocumentKind::Roof,
            DocumentKind::Letter,
            DocumentKind::HouseFront,
        ];
        assert_eq!(
            missing_photos(&present),
            vec![
                DocumentKind::HouseWall,
                DocumentKind::HouseFloor,
                DocumentKind::Kitchen,
                DocumentKind::Toilet,
                DocumentKind::Ktp,
                DocumentKind::HeadOfHousehold,
            ]
        );
        assert!(missing_photos(&REQUIRED_PHOTOS).is_empty());
    }
}
