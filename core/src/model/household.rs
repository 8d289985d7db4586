//! A household: the family on one KK, at one address.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::housing::Housing;
use super::meta::Meta;
use super::text::{PersonName, Rt, Rw, VillageCode};
use crate::ident::{KkNumber, RegionList};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HouseholdInput {
    pub kk_number: String,
    pub village_code: String,
    pub address: String,
    pub rt: String,
    pub rw: String,
    /// The head's name as on the KK; members are recorded as persons.
    pub head_name: String,
    #[serde(default)]
    pub housing: Housing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Household {
    #[serde(flatten)]
    pub meta: Meta,
    pub kk_number: KkNumber,
    pub village_code: VillageCode,
    pub address: String,
    pub rt: Rt,
    pub rw: Rw,
    pub head_name: PersonName,
    pub housing: Housing,
    /// The full text of the KK's electronic-signature QR, kept as evidence that the district,
    /// which is online, can verify with Dukcapil.
    #[serde(default)]
    pub kk_qr_evidence: Option<String>,
}

impl Household {
    pub fn new(
        input: HouseholdInput,
        author: &str,
        now: DateTime<Utc>,
        regions: Option<&RegionList>,
    ) -> Result<Household, ModelError> {
        let kk_number = KkNumber::parse(&input.kk_number, now.date_naive(), regions)?;
        let village_code = VillageCode::new(&input.village_code)?;
        if let Some(list) = regions {
            if list.get(village_code.as_str()).is_none() {
                return Err(ModelError::invalid(
                    "village_code",
                    format!("kode desa {village_code} tidak ada di daftar wilayah"),
                ));
            }
        }
        let address = input.address.trim().to_string();
        if address.is_empty() || address.chars().count() > 200 {
            return Err(ModelError::invalid(
                "address",
                "alamat harus 1–200 karakter",
            ));
        }
        input.housing.validate()?;
        Ok(Household {
            meta: Meta::new(author, now),
            kk_number,
            village_code,
            address,
            rt: Rt::new(&input.rt)?,
            rw: Rw::new(&input.rw)?,
            head_name: PersonName::new(&input.head_name)?,
            housing: input.housing,
            kk_qr_evidence: None,
        })
    }
}
