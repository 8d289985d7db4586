//! Kemendagri region codes (kode wilayah): province `PP`, regency/city `PP.RR`, district
//! `PP.RR.DD`, village `PP.RR.DD.VVVV`.
//!
//! The list is data, loaded from a file shipped in the village pack, never compiled in:
//! regions are split and renumbered by decree (Kepmendagri 300.2.2-2138/2025 is the latest).
//! A NIK keeps the code of the district where it was first issued, so a list with history
//! (`first_seen`/`last_seen` columns) is what identity checks need.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RegionLevel {
    Province,
    Regency,
    District,
    Village,
}

impl RegionLevel {
    fn from_digits(len: usize) -> Option<RegionLevel> {
        match len {
            2 => Some(RegionLevel::Province),
            4 => Some(RegionLevel::Regency),
            6 => Some(RegionLevel::District),
            10 => Some(RegionLevel::Village),
            _ => None,
        }
    }

    fn child(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::Province => Some(RegionLevel::Regency),
            RegionLevel::Regency => Some(RegionLevel::District),
            RegionLevel::District => Some(RegionLevel::Village),
            RegionLevel::Village => None,
        }
    }

    fn digits(self) -> usize {
        match self {
            RegionLevel::Province => 2,
            RegionLevel::Regency => 4,
            RegionLevel::District => 6,
            RegionLevel::Village => 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Digits only (`3201010001`), the form used inside NIK and KK numbers.
    pub code: String,
    pub name: String,
    pub level: RegionLevel,
    /// In the newest list loaded; false for codes retired by a split or renumbering.
    pub current: bool,
    pub first_seen: Option<u16>,
    pub last_seen: Option<u16>,
}

impl Region {
    /// The dotted form people read (`32.01.01.0001`).
    pub fn dotted(&self) -> String {
        dotted(&self.code)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    #[error("region list line {line}: {reason}")]
    Malformed { line: u64, reason: String },
    #[error("region list: {0}")]
    Io(#[from] std::io::Error),
}

/// A loaded region list. Lookups are by digits-only or dotted code.
#[derive(Debug, Clone, Default)]
pub struct RegionList {
    by_code: BTreeMap<String, Region>,
    /// Lower-cased names to codes, for lookup by name.
    by_name: HashMap<String, Vec<String>>,
}

impl RegionList {
    /// Reads a CSV with a header of `code,name` and optionally `first_seen,last_seen`.
    /// Without history every code is current; with it, the codes whose `last_seen` is the
    /// newest year in the file are.
    pub fn from_csv<R: Read>(reader: R) -> Result<RegionList, RegionError> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(reader);
        let headers = csv
            .headers()
            .map_err(|e| malformed(1, e.to_string()))?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h.trim() == name);
        let (code_col, name_col) = match (col("code"), col("name")) {
            (Some(c), Some(n)) => (c, n),
            _ => {
                return Err(malformed(
                    1,
                    "header must name columns code and name".into(),
                ))
            }
        };
        let (first_col, last_col) = (col("first_seen"), col("last_seen"));

        let mut list = RegionList::default();
        for (i, record) in csv.records().enumerate() {
            let line = i as u64 + 2;
            let record = record.map_err(|e| malformed(line, e.to_string()))?;
            let raw_code = record.get(code_col).unwrap_or("").trim();
            let code = undotted(raw_code);
            let level = RegionLevel::from_digits(code.len())
                .filter(|_| code.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| malformed(line, format!("not a region code: {raw_code:?}")))?;
            let year = |c: Option<usize>| -> Result<Option<u16>, RegionError> {
                match c.and_then(|c| record.get(c)).map(str::trim) {
                    None | Some("") => Ok(None),
                    Some(y) => y
                        .parse()
                        .map(Some)
                        .map_err(|_| malformed(line, format!("not a year: {y:?}"))),
                }
            };
            let region = Region {
                name: record.get(name_col).unwrap_or("").trim().to_string(),
                level,
                current: true,
                first_seen: year(first_col)?,
                last_seen: year(last_col)?,
                code: code.clone(),
            };
            list.by_name
                .entry(region.name.to_lowercase())
                .or_default()
                .push(code.clone());
            list.by_code.insert(code, region);
        }
        if let Some(newest) = list.by_code.values().filter_map(|r| r.last_seen).max() {
            for region in list.by_code.values_mut() {
                region.current = region.last_seen.is_none_or(|y| y == newest);
            }
        }
        Ok(list)
    }

    pub fn from_path(path: &std::path::Path) -> Result<RegionList, RegionError> {
        RegionList::from_csv(std::fs::File::open(path)?)
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Looks a code up, dotted or not.
    pub fn get(&self, code: &str) -> Option<&Region> {
        self.by_code.get(&undotted(code))
    }

    /// True if the code appears in any list loaded, current or retired.
    pub fn ever_existed(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// Regions whose name contains `query`, case-insensitively; exact matches first, then by
    /// level from the province down.
    pub fn find_by_name(&self, query: &str) -> Vec<&Region> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Region> = self
            .by_name
            .iter()
            .filter(|(name, _)| name.contains(&query))
            .flat_map(|(_, codes)| codes.iter().filter_map(|c| self.by_code.get(c)))
            .collect();
        found.sort_by_key(|r| {
            (
                r.name.to_lowercase() != query,
                r.level.digits(),
                r.code.clone(),
            )
        });
        found
    }

    /// The regions one level below `code` (the districts of a regency, say).
    pub fn children(&self, code: &str) -> Vec<&Region> {
        let parent = undotted(code);
        let Some(child_level) = RegionLevel::from_digits(parent.len()).and_then(|l| l.child())
        else {
            return Vec::new();
        };
        self.by_code
            .range(parent.clone()..)
            .take_while(|(c, _)| c.starts_with(&parent))
            .map(|(_, r)| r)
            .filter(|r| r.level == child_level)
            .collect()
    }

    /// All regions at a level, in code order.
    pub fn at_level(&self, level: RegionLevel) -> impl Iterator<Item = &Region> {
        self.by_code.values().filter(move |r| r.level == level)
    }
}

fn malformed(line: u64, reason: String) -> RegionError {
    RegionError::Malformed { line, reason }
}

fn undotted(code: &str) -> String {
    code.chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .collect()
}

fn dotted(code: &str) -> String {
    let cuts = [2, 4, 6];
    let mut out = String::with_capacity(code.len() + 3);
    for (i, ch) in code.chars().enumerate() {
        if cuts.contains(&i) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}
