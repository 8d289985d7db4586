//! Synthetic registry extracts: fake but structurally valid villages for tests, benchmarks
//! and demonstrations, so that no real person's data is ever needed in the repository.
//!
//! Region codes are real (taken from the loaded Kemendagri list); NIK and KK numbers follow
//! Permendagri 7/2019 and agree with each person's birth date and sex; names are
//! combinations of common given names and family names. The output is deterministic for a
//! seed (ChaCha8), and generated as an iterator so that a million people stream to a file
//! in bounded memory.

mod family;
mod names;
mod places;
mod serials;
#[cfg(test)]
mod tests;

use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::ident::RegionList;
use crate::lang::Lang;
use crate::registry::{RegistryRecord, EXTRACT_CSV_HEADER};
use family::{add_days, years_between, Family};
use names::weighted;
use places::{Area, Village, BIG_CITIES};
use serials::Serials;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VillageSpec {
    pub households: u32,
    pub seed: u64,
    /// Villages to fill (10-digit codes, dotted or not). Empty: villages of `regency`.
    pub village_codes: Vec<String>,
    /// Regency/city code whose villages are used when none are named. `None`: a regency
    /// chosen by the seed.
    pub regency: Option<String>,
    /// `YYYYQn`.
    pub extract_version: String,
    /// The date the extract describes: nobody is born and no KK recorded after it.
    pub captured_on: NaiveDate,
}

impl VillageSpec {
    /// A spec for `households` families in a seed-chosen regency, as of `captured_on`
    /// (extract version: that date's quarter).
    pub fn new(households: u32, seed: u64, captured_on: NaiveDate) -> VillageSpec {
        VillageSpec {
            households,
            seed,
            village_codes: Vec::new(),
            regency: None,
            extract_version: format!("{}Q{}", captured_on.year(), (captured_on.month0() / 3) + 1),
            captured_on,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("kode desa {code} tidak ada di daftar wilayah")]
    UnknownVillage { code: String },
    #[error("kode kabupaten/kota {code} tidak ada di daftar wilayah")]
    UnknownRegency { code: String },
    #[error("tidak ada desa di wilayah {code:?} pada daftar wilayah")]
    NoVillages { code: String },
    #[error("jumlah keluarga harus lebih dari 0")]
    NoHouseholds,
    #[error("versi ekstrak {version:?} bukan format YYYYQn")]
    BadVersion { version: String },
    #[error("format berkas tidak dikenal (pakai .csv atau .jsonl): {path}")]
    UnknownFormat { path: String },
    #[error("gagal menulis berkas: {0}")]
    Io(#[from] std::io::Error),
    #[error("gagal menulis CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("gagal menulis JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl SynthError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::Id) => self.to_string(),
            (SynthError::UnknownVillage { code }, Lang::En) => {
                format!("village code {code} is not in the region list")
            }
            (SynthError::UnknownRegency { code }, Lang::En) => {
                format!("regency/city code {code} is not in the region list")
            }
            (SynthError::NoVillages { code }, Lang::En) => {
                format!("no villages in region {code:?} in the region list")
            }
            (SynthError::NoHouseholds, Lang::En) => "the number of households must be > 0".into(),
            (SynthError::BadVersion { version }, Lang::En) => {
                format!("extract version {version:?} is not YYYYQn")
            }
            (SynthError::UnknownFormat { path }, Lang::En) => {
                format!("unknown file format (use .csv or .jsonl): {path}")
            }
            (SynthError::Io(e), Lang::En) => format!("could not write the file: {e}"),
            (SynthError::Csv(e), Lang::En) => format!("could not write CSV: {e}"),
            (SynthError::Json(e), Lang::En) => format!("could not write JSON: {e}"),
        }
    }
}

/// The people of the generated villages, household by household, village by village.
pub struct VillageGenerator {
    rng: ChaCha8Rng,
    villages: Vec<Village>,
    area: Area,
    households: u32,
    next_household: u32,
    extract_version: String,
    today: NaiveDate,
    niks: Serials,
    kks: Serials,
    pending: std::vec::IntoIter<RegistryRecord>,
}

/// Starts generating `spec`'s extract. The region list is only read here; the generator
/// owns what it needs.
pub fn generate_village(
    spec: &VillageSpec,
    regions: &RegionList,
) -> Result<VillageGenerator, SynthError> {
    if spec.households == 0 {
        return Err(SynthError::NoHouseholds);
    }
    let v = spec.extract_version.as_bytes();
    let version_ok = v.len() == 6
        && v[..4].iter().all(u8::is_ascii_digit)
        && v[4] == b'Q'
        && (b'1'..=b'4').contains(&v[5]);
    if !version_ok {
        return Err(SynthError::BadVersion {
            version: spec.extract_version.clone(),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let codes = places::choose_villages(
        &mut rng,
        regions,
        &spec.village_codes,
        spec.regency.as_deref(),
        spec.households,
    )?;
    let area = Area::new(regions, &codes);
    let villages = codes
        .iter()
        .map(|code| Village::new(&mut rng, code, regions))
        .collect();
    Ok(VillageGenerator {
        rng,
        villages,
        area,
        households: spec.households,
        next_household: 0,
        extract_version: spec.extract_version.clone(),
        today: spec.captured_on,
        niks: Serials::default(),
        kks: Serials::default(),
        pending: Vec::new().into_iter(),
    })
}

impl VillageGenerator {
    /// The 10-digit codes of the villages being filled, in output order.
    pub fn village_codes(&self) -> Vec<String> {
        self.villages.iter().map(|v| v.code.clone()).collect()
    }

    fn next_family(&mut self) -> Vec<RegistryRecord> {
        let index = (u64::from(self.next_household) * self.villages.len() as u64
            / u64::from(self.households)) as usize;
        self.next_household += 1;
        let rng = &mut self.rng;
        let village = &self.villages[index];
        let tradition = weighted(rng, village.mix);
        let Family { members, formed } = family::family(rng, tradition, self.today);

        let earliest_kk = formed.max(NaiveDate::from_ymd_opt(1998, 1, 1).unwrap_or(formed));
        let span = (self.today - earliest_kk).num_days().max(0);
        let recorded = add_days(earliest_kk, rng.random_range(0..=span)).min(self.today);
        let kk_number = self.kks.kk(rng, &village.district, recorded);
        let desil = if rng.random_bool(0.06) {
            None
        } else {
            Some(weighted(
                rng,
                &[
                    (1u8, 12),
                    (2, 12),
                    (3, 11),
                    (4, 11),
                    (5, 10),
                    (6, 10),
                    (7, 9),
                    (8, 9),
                    (9, 8),
                    (10, 8),
                ],
            ))
        };
        let (address, rt, rw) = village.address(rng);

        let mut records = Vec::with_capacity(members.len());
        for m in members {
            let child = years_between(m.birth, self.today) < 17;
            let moved = if child { 0.03 } else { 0.12 };
            let district = if !rng.random_bool(moved) || self.area.regency_districts.is_empty() {
                village.district.as_str()
            } else if rng.random_bool(0.6) || self.area.province_districts.is_empty() {
                names::pick(rng, &self.area.regency_districts)
            } else {
                names::pick(rng, &self.area.province_districts)
            };
            let (nik, birth) = self
                .niks
                .nik(rng, district, m.birth, m.sex, &village.district);
            let birth_place = match rng.random_range(0..100) {
                0..=79 => village.regency_name.clone(),
                80..=91 if !self.area.province_regencies.is_empty() => {
                    names::pick(rng, &self.area.province_regencies).to_string()
                }
                _ => names::pick(rng, BIG_CITIES).to_string(),
            };
            records.push(RegistryRecord {
                extract_version: self.extract_version.clone(),
                village_code: village.code.clone(),
                kk_number: kk_number.clone(),
                nik,
                name: m.name,
                birth_place,
                birth_date: birth,
                sex: m.sex,
                relationship: m.relationship.to_string(),
                desil,
                address: address.clone(),
                rt: rt.clone(),
                rw: rw.clone(),
            });
        }
        records
    }
}

impl Iterator for VillageGenerator {
    type Item = RegistryRecord;

    fn next(&mut self) -> Option<RegistryRecord> {
        loop {
            if let Some(record) = self.pending.next() {
                return Some(record);
            }
            if self.next_household >= self.households {
                return None;
            }
            self.pending = self.next_family().into_iter();
        }
    }
}

/// Writes records as an extract CSV (header [`EXTRACT_CSV_HEADER`]); returns the row count.
pub fn write_csv<W: Write>(
    records: impl IntoIterator<Item = RegistryRecord>,
    out: W,
) -> Result<u64, SynthError> {
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    csv.write_record(EXTRACT_CSV_HEADER)?;
    let mut rows = 0;
    for record in records {
        csv.serialize(&record)?;
        rows += 1;
    }
    csv.flush()?;
    Ok(rows)
}

/// Writes records as JSON Lines, one object per person; returns the row count.
pub fn write_jsonl<W: Write>(
    records: impl IntoIterator<Item = RegistryRecord>,
    out: W,
) -> Result<u64, SynthError> {
    let mut out = BufWriter::new(out);
    let mut rows = 0;
    for record in records {
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
        rows += 1;
    }
    out.flush()?;
    Ok(rows)
}

/// What [`write_village`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GenSummary {
    pub people: u64,
    pub households: u32,
    pub villages: Vec<String>,
}

/// Generates `spec`'s extract into `path`, as CSV (`.csv`) or JSON Lines (`.jsonl`,
/// `.ndjson`): what `puskesos gen-village` runs.
pub fn write_village(
    spec: &VillageSpec,
    regions: &RegionList,
    path: &Path,
) -> Result<GenSummary, SynthError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let jsonl = match extension.as_deref() {
        Some("csv") => false,
        Some("jsonl" | "ndjson") => true,
        _ => {
            return Err(SynthError::UnknownFormat {
                path: path.display().to_string(),
            })
        }
    };
    let generator = generate_village(spec, regions)?;
    let villages = generator.village_codes();
    let file = std::fs::File::create(path)?;
    let people = if jsonl {
        write_jsonl(generator, file)?
    } else {
        write_csv(generator, file)?
    };
    Ok(GenSummary {
        people,
        households: spec.households,
        villages,
    })
}
