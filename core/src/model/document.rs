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

    /// Papers are read, so they keep more pixels than photos of a house.
    pub fn is_paper(self) -> bool {
        matches!(
            self,
            DocumentKind::Kk
                | DocumentKind::Ktp
                | DocumentKind::Letter
                | DocumentKind::ProgrammeCard
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            ));
        }
        if size == 0 {
            return Err(ModelError::invalid("size", "dokumen kosong"));
        }
        if !matches!(mime, "image/jpeg" | "image/png" | "application/pdf") {
            return Err(ModelError::invalid(
                "mime",
                format!("jenis berkas {mime} tidak didukung"),
            ));
        }
        Ok(Document {
            meta: Meta::new(author, now),
            household_id,
            kind,
            sha256: sha256.to_string(),
            size,
            mime: mime.to_string(),
        })
    }
}
