//! A household: the family on one KK, at one address.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::housing::Housing;
use super::meta::Meta;
use super::text::{PersonName, Rt, Rw, VillageCode};
use crate::ident::{KkNumber, RegionList};

/// What a form gives to build a [`Household`]; `Debug` masks the KK number as typed, so that
/// a form logged on a phone that is later lost gives nobody a whole number.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HouseholdInput {
    pub kk_number: String,
    pub village_code: String,
    pub address: String,
    pub rt: String,
    pub rw: String,
    /// The head's name as on the KK; members are recorded as persons.
    pub head_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub housing: Housing,
}

crate::redacted_debug!(HouseholdInput {
    kk_number,
    village_code,
    address,
    rt,
    rw,
    head_name,
    housing,
});

/// `Debug` masks numbers anywhere in it: the KK's QR evidence carries the KK number.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
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
    /// Ids of the assistance programmes the family receives now (`pkh`, `bpnt`, `pbi_jk`, as
    /// rule packs name them); `None` = not asked, empty = receives none. Several programmes
    /// exclude or prioritise each other (BLT-DD excludes PKH recipients, Permendesa PDTT
    /// 7/2023), so the rules need it.
    #[serde(default)]
    pub programmes_received: Option<Vec<String>>,
    /// The family lost its livelihood (BLT-DD criterion, Permendesa PDTT 7/2023 and 2/2024).
    #[serde(default)]
    pub lost_livelihood: Option<bool>,
    /// Where the house is, from the phone's location when the person agreed, with its
    /// accuracy: the district finds the house again, and no photo file carries it.
    #[serde(default)]
    pub location: Option<super::visit::GeoPoint>,
}

crate::redacted_debug!(Household {
    meta,
    kk_number,
    village_code,
    address,
    rt,
    rw,
    head_name,
    housing,
    kk_qr_evidence,
    programmes_received,
    lost_livelihood,
    location,
});

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
                    format!("village code {village_code} is not in the region list"),
                ));
            }
        }
        let address = input.address.trim().to_string();
        if address.is_empty() || address.chars().count() > 200 {
            return Err(ModelError::invalid(
                "address",
                "alamat harus 1–200 karakter",
                "the address must be 1–200 characters",
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
            programmes_received: None,
            lost_livelihood: None,
            location: None,
        })
    }

    /// Replaces the housing answers after checking them, and marks the record as updated.
    pub fn set_housing(
        &mut self,
        housing: Housing,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        housing.validate()?;
        self.housing = housing;
        self.meta.touch(author, now);
        Ok(())
    }

    /// Records the programmes received and the loss of livelihood; a `None` leaves the
    /// earlier answer. Programme ids are short lowercase codes, as rule packs spell them.
    pub fn set_circumstances(
        &mut self,
        programmes_received: Option<Vec<String>>,
        lost_livelihood: Option<bool>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        if let Some(list) = programmes_received {
            let mut clean: Vec<String> = Vec::with_capacity(list.len());
            for p in list {
                let p = p.trim().to_ascii_lowercase().replace('-', "_");
                let ok = !p.is_empty()
                    && p.len() <= 40
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                if !ok {
                    return Err(ModelError::invalid(
                        "programmes_received",
                        format!("kode program {p:?} tidak valid (huruf kecil, angka, _)"),
                        format!("programme code {p:?} is not valid (lowercase letters, digits, _)"),
                    ));
                }
                if !clean.contains(&p) {
                    clean.push(p);
                }
            }
            if clean.len() > 50 {
                return Err(ModelError::invalid(
                    "programmes_received",
                    "lebih dari 50 program",
                    "more than 50 programmes",
                ));
            }
            self.programmes_received = Some(clean);
        }
        if lost_livelihood.is_some() {
            self.lost_livelihood = lost_livelihood;
        }
        self.meta.touch(author, now);
        Ok(())
    }
}
