//! Where the generated people live and were born: villages from the loaded Kemendagri list,
//! hamlets and streets, RT/RW.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{pick, Tradition};
use super::SynthError;
use crate::ident::{RegionLevel, RegionList};

/// About this many households per village (a desa has a few hundred to a few thousand).
const HOUSEHOLDS_PER_VILLAGE: u32 = 1_200;

/// Everything about one village that its households share.
pub(crate) struct Village {
    pub code: String,
    /// `PPRRDD`, the district of the village: KK numbers are issued there.
    pub district: String,
    /// Name of the regency without "Kabupaten"/"Kota", the usual birth place.
    pub regency_name: String,
    pub mix: &'static [(Tradition, u32)],
    /// Per RW: (hamlet or street name, number of RTs).
    pub rws: Vec<(String, u8)>,
}

/// Regional context shared by all villages of one generated extract.
pub(crate) struct Area {
    /// Districts (current or retired) of each village's regency, for NIKs of people who
    /// moved within it.
    pub regency_districts: Vec<String>,
    /// Districts of the province, for NIKs of people who came from further away.
    pub province_districts: Vec<String>,
    /// Regency names of the province, as birth places.
    pub province_regencies: Vec<String>,
}

pub(crate) fn choose_villages(
    rng: &mut ChaCha8Rng,
    regions: &RegionList,
    explicit: &[String],
    regency: Option<&str>,
    households: u32,
) -> Result<Vec<String>, SynthError> {
    if !explicit.is_empty() {
        return explicit
            .iter()
            .map(|code| match regions.get(code) {
                Some(r) if r.level == RegionLevel::Village => Ok(r.code.clone()),
                _ => Err(SynthError::UnknownVillage { code: code.clone() }),
            })
            .collect();
    }
    let regency = match regency {
        Some(code) => match regions.get(code) {
            Some(r) if r.level == RegionLevel::Regency => r.code.clone(),
            _ => {
                return Err(SynthError::UnknownRegency {
                    code: code.to_string(),
                })
            }
        },
        None => default_regency(rng, regions)?,
    };
    let mut districts: Vec<&str> = regions
        .children(&regency)
        .into_iter()
        .filter(|d| d.current)
        .map(|d| d.code.as_str())
        .collect();
    districts.shuffle(rng);
    let wanted = households.div_ceil(HOUSEHOLDS_PER_VILLAGE).max(1) as usize;
    let mut villages = Vec::new();
    for district in districts {
        let mut in_district: Vec<String> = regions
            .children(district)
            .into_iter()
            .filter(|v| v.current)
            .map(|v| v.code.clone())
            .collect();
        in_district.shuffle(rng);
        villages.extend(in_district);
        if villages.len() >= wanted {
            break;
        }
    }
    if villages.is_empty() {
        return Err(SynthError::NoVillages { code: regency });
    }
    villages.truncate(wanted);
    // Households are written village by village in code order, as extracts are.
    villages.sort();
    Ok(villages)
}

/// A seed-chosen rural regency (kabupaten, code `PP.0x`–`PP.6x`) with at least three
/// districts, so that the default extract spreads over a few districts.
fn default_regency(rng: &mut ChaCha8Rng, regions: &RegionList) -> Result<String, SynthError> {
    let candidates: Vec<&str> = regions
        .at_level(RegionLevel::Regency)
        .filter(|r| r.current && r.code.as_bytes()[2] < b'7')
        .filter(|r| regions.children(&r.code).len() >= 3)
        .map(|r| r.code.as_str())
        .collect();
    if candidates.is_empty() {
        return Err(SynthError::NoVillages {
            code: String::new(),
        });
    }
    Ok(candidates[rng.random_range(0..candidates.len())].to_string())
}

impl Village {
    pub(crate) fn new(rng: &mut ChaCha8Rng, code: &str, regions: &RegionList) -> Village {
        let regency_name = regions
            .get(&code[..4])
            .map(|r| short_regency(&r.name))
            .unwrap_or_default();
        // Kelurahan (urban) codes have a village part starting with 1, desa with 2.
        let urban = code.as_bytes()[6] == b'1';
        let mix = Tradition::mix(&code[..2]);
        let main = super::names::weighted(rng, mix);
        let n_rw = rng.random_range(2..=10);
        let mut rws = Vec::with_capacity(n_rw);
        for _ in 0..n_rw {
            let place = if urban || rng.random_bool(0.3) {
                format!("JL. {}", pick(rng, STREETS))
            } else {
                hamlet(rng, main)
            };
            rws.push((place, rng.random_range(2..=8)));
        }
        Village {
            code: code.to_string(),
            district: code[..6].to_string(),
            regency_name,
            mix,
            rws,
        }
    }

    /// (address, RT, RW) of a new household.
    pub(crate) fn address(&self, rng: &mut ChaCha8Rng) -> (String, String, String) {
        let rw = rng.random_range(0..self.rws.len());
        let (place, rts) = &self.rws[rw];
        let rt = rng.random_range(1..=*rts);
        let address = if place.starts_with("JL.") {
            format!("{place} NO. {}", rng.random_range(1..=150))
        } else if rng.random_bool(0.2) {
            format!("{place}, JL. {}", pick(rng, STREETS))
        } else {
            place.clone()
        };
        (address, format!("{rt:03}"), format!("{:03}", rw + 1))
    }
}

impl Area {
    pub(crate) fn new(regions: &RegionList, villages: &[String]) -> Area {
        let mut area = Area {
            regency_districts: Vec::new(),
            province_districts: Vec::new(),
            province_regencies: Vec::new(),
        };
        let mut provinces: Vec<&str> = villages.iter().map(|v| &v[..2]).collect();
        provinces.dedup();
        for province in provinces {
            for regency in regions.children(province) {
                if regency.current {
                    area.province_regencies.push(short_regency(&regency.name));
                }
                for district in regions.children(&regency.code) {
                    area.province_districts.push(district.code.clone());
                }
            }
        }
        let mut regencies: Vec<&str> = villages.iter().map(|v| &v[..4]).collect();
        regencies.dedup();
        for regency in regencies {
            for district in regions.children(regency) {
                area.regency_districts.push(district.code.clone());
            }
        }
        area
    }
}

fn short_regency(name: &str) -> String {
    name.trim_start_matches("Kabupaten ")
        .trim_start_matches("Kota ")
        .to_uppercase()
}

fn hamlet(rng: &mut ChaCha8Rng, t: Tradition) -> String {
    match t {
        Tradition::Javanese => format!("DUSUN {}", pick(rng, JAVANESE_HAMLETS)),
        Tradition::Sundanese => format!("KP. {}", pick(rng, SUNDANESE_HAMLETS)),
        Tradition::Balinese => format!("BANJAR {}", pick(rng, BALINESE_BANJAR)),
        Tradition::Batak => format!("HUTA {}", pick(rng, &["I", "II", "III", "IV", "V"])),
        _ => format!(
            "DUSUN {}",
            pick(rng, &["I", "II", "III", "IV", "V", "VI", "VII"])
        ),
    }
}

pub(crate) const BIG_CITIES: &[&str] = &[
    "JAKARTA",
    "SURABAYA",
    "BANDUNG",
    "MEDAN",
    "SEMARANG",
    "MAKASSAR",
    "PALEMBANG",
    "YOGYAKARTA",
    "MALANG",
    "DENPASAR",
];
const STREETS: &[&str] = &[
    "MELATI",
    "MAWAR",
    "MERDEKA",
    "KENANGA",
    "DIPONEGORO",
    "SUDIRMAN",
    "KARTINI",
    "PAHLAWAN",
    "RAYA DESA",
    "MANGGA",
    "FLAMBOYAN",
    "CEMPAKA",
    "ANGGREK",
    "PEMUDA",
    "SILIWANGI",
];
const JAVANESE_HAMLETS: &[&str] = &[
    "KRAJAN",
    "KIDUL",
    "LOR",
    "WETAN",
    "KULON",
    "SUMBER",
    "NGASEM",
    "JATIREJO",
    "SIDOMULYO",
    "BANARAN",
    "GONDANG",
    "TEGALSARI",
];
const SUNDANESE_HAMLETS: &[&str] = &[
    "CIBEUREUM",
    "SUKAMAJU",
    "BABAKAN",
    "CIKUPA",
    "PASIR",
    "SUKASARI",
    "CILEUNGSI",
    "MEKARSARI",
    "CIMANGGU",
    "SINDANGSARI",
];
const BALINESE_BANJAR: &[&str] = &["KAJA", "KELOD", "KANGIN", "KAUH", "TENGAH", "ANYAR"];
