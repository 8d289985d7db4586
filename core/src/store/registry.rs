//! The registry extract in the store: all-or-nothing import, and offline lookup by NIK, KK
//! number and name.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;

use super::{Store, StoreError};
use crate::ident::{KkNumber, Nik, Sex};
use crate::model::{Relationship, VillageCode};
use crate::registry::{NameKey, RegistryRecord};

/// Where a person stands in the registry, as of the extract on the phone. "Not found" is
/// only as good as the extract: it names the versions that were searched. `Debug` masks the
/// KK number.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RegistryStatus {
    NotFound {
        /// The extract versions on the phone; empty if none was ever imported.
        searched_versions: Vec<String>,
    },
    Found {
        desil: Option<u8>,
        extract_version: String,
        kk_number: String,
        village_code: String,
    },
}

crate::redacted_debug!(enum RegistryStatus {
    NotFound { searched_versions },
    Found {
        desil,
        extract_version,
        kk_number,
        village_code,
    },
});

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistryMatch {
    pub record: RegistryRecord,
    /// 0..1, how closely the name matched; 1 for exact lookups.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub people: u64,
    pub families: u64,
    pub villages: Vec<String>,
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    Csv,
    JsonLines,
}

impl ExtractFormat {
    pub fn from_path(path: &Path) -> Option<ExtractFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(ExtractFormat::Csv),
            "jsonl" | "ndjson" | "json" => Some(ExtractFormat::JsonLines),
            _ => None,
        }
    }
}

/// `YYYYQn`: DTSEN is re-published quarterly.
fn valid_version(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 6
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'Q'
        && (b'1'..=b'4').contains(&b[5])
}

/// Checks one row the way the importer must: every identity number valid, codes known.
fn validate(rec: &RegistryRecord, today: NaiveDate) -> Result<(), String> {
    if !valid_version(&rec.extract_version) {
        return Err(format!(
            "extract_version {:?} bukan format YYYYQn",
            rec.extract_version
        ));
    }
    VillageCode::new(&rec.village_code).map_err(|e| e.to_string())?;
    let nik = Nik::parse(&rec.nik, today, None).map_err(|e| e.to_string())?;
    if nik.as_str() != rec.nik {
        return Err("NIK harus 16 angka tanpa pemisah".into());
    }
    let kk = KkNumber::parse(&rec.kk_number, today, None).map_err(|e| e.to_string())?;
    if kk.as_str() != rec.kk_number {
        return Err("nomor KK harus 16 angka tanpa pemisah".into());
    }
    if Relationship::parse(&rec.relationship).is_none() {
        return Err(format!(
            "hubungan keluarga {:?} tidak dikenal ({})",
            rec.relationship,
            Relationship::codes()
        ));
    }
    if rec.desil.is_some_and(|d| !(1..=10).contains(&d)) {
        return Err("desil harus 1–10".into());
    }
    if rec.name.trim().is_empty() {
        return Err("nama kosong".into());
    }
    Ok(())
}

/// Indexes that a bulk import rebuilds instead of maintaining: a million random inserts into
/// each cost more than sorting the finished table once. Their statements are read back from
/// the schema before the drop, so the migrations stay the one place that defines them.
const DEFERRED_INDEXES: [&str; 2] = ["registry_people_kk", "registry_people_joined"];

/// Every this many rows the import asks again whether it is bulk. A village's extract (a few
/// thousand people) never pays for rebuilding a district's indexes; an import that has
/// already brought a quarter as many people as the store held before does (random inserts
/// cost several times what sorting a row costs).
const BULK_STEP: u64 = if cfg!(test) { 100 } else { 50_000 };

struct Importer<'t, 'c> {
    tx: &'t Transaction<'c>,
    today: NaiveDate,
    seen_niks: HashSet<u64>,
    families: HashSet<u64>,
    villages: Vec<String>,
    versions: Vec<String>,
    people: u64,
    /// People in the store when the import began, to tell a bulk import from a village's.
    existing: u64,
    /// The `CREATE INDEX` statements of the indexes dropped for a bulk import, to run again
    /// at the end; empty while the import maintains them.
    deferred: Vec<String>,
}

impl Importer<'_, '_> {
    fn add(&mut self, line: u64, rec: RegistryRecord) -> Result<(), StoreError> {
        validate(&rec, self.today).map_err(|r| StoreError::import(line, r))?;
        let nik_num: u64 = rec
            .nik
            .parse()
            .map_err(|_| StoreError::import(line, "NIK"))?;
        if !self.seen_niks.insert(nik_num) {
            return Err(StoreError::import(
                line,
                "NIK yang sama muncul dua kali di berkas",
            ));
        }
        self.families.insert(
            rec.kk_number
                .parse()
                .map_err(|_| StoreError::import(line, "KK"))?,
        );
        if !self.villages.contains(&rec.village_code) {
            // First row of a village: its previous extract is replaced by this one.
            self.tx.execute(
                "DELETE FROM registry_people WHERE village_code = ?1",
                [&rec.village_code],
            )?;
            self.villages.push(rec.village_code.clone());
        }
        if !self.versions.contains(&rec.extract_version) {
            self.versions.push(rec.extract_version.clone());
        }
        let name = rec.name.trim();
        let key = NameKey::new(name);
        let row = params![
            rec.nik,
            rec.kk_number,
            rec.village_code,
            name,
            rec.birth_place,
            rec.birth_date.to_string(),
            rec.sex.as_str(),
            rec.relationship,
            rec.desil,
            rec.address,
            rec.rt,
            rec.rw,
            rec.extract_version,
            key.joined,
        ];
        let insert = "INSERT INTO registry_people(nik, kk_number, village_code, name,
                birth_place, birth_date, sex, relationship, desil, address, rt, rw,
                extract_version, name_joined)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
        let inserted = self
            .tx
            .prepare_cached(&format!("{insert} ON CONFLICT(nik) DO NOTHING"))?
            .execute(row)?;
        if inserted == 0 {
            // A person who moved in from another village leaves that village's extract
            // (rare: one extra delete instead of one per row).
            self.tx
                .prepare_cached("DELETE FROM registry_people WHERE nik = ?1")?
                .execute([&rec.nik])?;
            self.tx.prepare_cached(insert)?.execute(row)?;
        }
        let person = self.tx.last_insert_rowid();
        super::names::write_tokens(self.tx, person, &rec.village_code, &key)?;
        self.people += 1;
        if self.deferred.is_empty()
            && self.people.is_multiple_of(BULK_STEP)
            && self.people * 4 >= self.existing
        {
            for name in DEFERRED_INDEXES {
                let create: String = self.tx.query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )?;
                self.tx.execute(&format!("DROP INDEX {name}"), [])?;
                self.deferred.push(create);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<ImportSummary, StoreError> {
        for create in &self.deferred {
            self.tx.execute(create, [])?;
        }
        let now = Utc::now().to_rfc3339();
        for village in &self.villages {
            self.tx.execute(
                "INSERT INTO registry_extracts(village_code, version, imported_at, people)
                 SELECT ?1, MAX(extract_version), ?2, COUNT(*) FROM registry_people
                 WHERE village_code = ?1
                 ON CONFLICT(village_code) DO UPDATE SET version = excluded.version,
                    imported_at = excluded.imported_at, people = excluded.people",
                params![village, now],
            )?;
        }
        Ok(ImportSummary {
            people: self.people,
            families: self.families.len() as u64,
            villages: self.villages,
            versions: self.versions,
        })
    }
}

/// A stored value that no longer parses means the file was altered outside the app: report
/// it as a conversion error of that column rather than inventing a value.
fn bad_column(index: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("stored {what} is malformed").into(),
    )
}

pub(crate) fn record_from_row(row: &Row<'_>) -> rusqlite::Result<RegistryRecord> {
    let birth: String = row.get("birth_date")?;
    let sex: String = row.get("sex")?;
    let birth_date = birth.parse().map_err(|_| bad_column(5, "birth date"))?;
    let sex = Sex::parse(&sex).ok_or_else(|| bad_column(6, "sex"))?;
    Ok(RegistryRecord {
        extract_version: row.get("extract_version")?,
        village_code: row.get("village_code")?,
        kk_number: row.get("kk_number")?,
        nik: row.get("nik")?,
        name: row.get("name")?,
        birth_place: row.get("birth_place")?,
        birth_date,
        sex,
        relationship: row.get("relationship")?,
        desil: row.get("desil")?,
        address: row.get("address")?,
        rt: row.get("rt")?,
        rw: row.get("rw")?,
    })
}

pub(crate) const PERSON_COLUMNS: &str =
    "nik, kk_number, village_code, name, birth_place, birth_date, sex,
    relationship, desil, address, rt, rw, extract_version";

fn records(
    conn: &Connection,
    where_clause: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<RegistryRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM registry_people {where_clause}"
    ))?;
    let rows = stmt.query_map(args, record_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// Imports an extract in one transaction: a malformed line aborts the whole import with
    /// its line number, and the previous extract stays as it was.
    pub fn import_registry<R: Read>(
        &self,
        reader: R,
        format: ExtractFormat,
    ) -> Result<ImportSummary, StoreError> {
        self.write(|tx| {
            // A big extract's indexes do not fit SQLite's default 2 MB page cache; 64 MB
            // keeps the import CPU-bound. Restored afterwards: phones have little memory.
            tx.pragma_update(None, "cache_size", -65536)?;
            let result = import_all(tx, reader, format);
            tx.pragma_update(None, "cache_size", -2000)?;
            result
        })
    }

    /// Imports a `.csv` or `.jsonl` extract file.
    pub fn import_registry_file(&self, path: &Path) -> Result<ImportSummary, StoreError> {
        let format = ExtractFormat::from_path(path)
            .ok_or_else(|| StoreError::import(0, "berkas harus berakhiran .csv atau .jsonl"))?;
        self.import_registry(std::fs::File::open(path)?, format)
    }

    pub fn registry_by_nik(&self, nik: &str) -> Result<Option<RegistryRecord>, StoreError> {
        self.read(|c| Ok(records(c, "WHERE nik = ?1", [nik])?.pop()))
    }

    /// The family on a KK, head first.
    pub fn registry_by_kk(&self, kk_number: &str) -> Result<Vec<RegistryRecord>, StoreError> {
        self.read(|c| {
            records(
                c,
                "WHERE kk_number = ?1 ORDER BY relationship != 'head', birth_date",
                [kk_number],
            )
        })
    }

    /// The registry status of a person: what the desk answers to "am I in DTKS?".
    pub fn registry_status(&self, nik: &str) -> Result<RegistryStatus, StoreError> {
        match self.registry_by_nik(nik)? {
            Some(r) => Ok(RegistryStatus::Found {
                desil: r.desil,
                extract_version: r.extract_version,
                kk_number: r.kk_number,
                village_code: r.village_code,
            }),
            None => Ok(RegistryStatus::NotFound {
                searched_versions: self.registry_versions()?,
            }),
        }
    }

    /// Distinct extract versions on the phone, newest first.
    pub fn registry_versions(&self) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT DISTINCT version FROM registry_extracts ORDER BY version DESC")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The extract loaded for a village, if any: (version, people).
    pub fn registry_extract(&self, village: &str) -> Result<Option<(String, u64)>, StoreError> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT version, people FROM registry_extracts WHERE village_code = ?1",
                [village],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
        })
    }
}

/// Reads every row of an extract into the open transaction.
fn import_all<R: Read>(
    tx: &Transaction<'_>,
    reader: R,
    format: ExtractFormat,
) -> Result<ImportSummary, StoreError> {
    let mut importer = Importer {
        tx,
        today: Utc::now().date_naive(),
        seen_niks: HashSet::new(),
        families: HashSet::new(),
        villages: Vec::new(),
        versions: Vec::new(),
        people: 0,
        existing: tx.query_row("SELECT COUNT(*) FROM registry_people", [], |r| r.get(0))?,
        deferred: Vec::new(),
    };
    match format {
        ExtractFormat::Csv => {
            let mut csv = csv::Reader::from_reader(reader);
            for (i, rec) in csv.deserialize::<RegistryRecord>().enumerate() {
                let line = i as u64 + 2;
                let rec = rec.map_err(|e| StoreError::import(line, csv_reason(&e)))?;
                importer.add(line, rec)?;
            }
        }
        ExtractFormat::JsonLines => {
            for (i, text) in BufReader::new(reader).lines().enumerate() {
                let line = i as u64 + 1;
                let text = text?;
                if text.trim().is_empty() {
                    continue;
                }
                let rec: RegistryRecord = serde_json::from_str(&text)
                    .map_err(|e| StoreError::import(line, e.to_string()))?;
                importer.add(line, rec)?;
            }
        }
    }
    if importer.people == 0 {
        return Err(StoreError::import(0, "berkas tidak berisi data"));
    }
    importer.finish()
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(f) => format!("kolom {}: {}", f + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ident::Sex;

    fn extract(people: u64, bad_line: Option<u64>) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for n in 1..=people {
            let desil = if Some(n + 1) == bad_line { 11 } else { 3 };
            w.serialize(RegistryRecord {
                extract_version: "2025Q3".into(),
                village_code: "3204052001".into(),
                kk_number: format!("320405010512{:04}", 1 + n / 4),
                nik: format!("320405170890{n:04}"),
                name: if n == 321 {
                    "Siti Nurhasanah"
                } else {
                    "Asep Saepudin"
                }
                .into(),
                birth_place: "Bandung".into(),
                birth_date: NaiveDate::from_ymd_opt(1990, 8, 17).unwrap(),
                sex: Sex::Male,
                relationship: "head".into(),
                desil: Some(desil),
                address: "Kampung Sukamaju".into(),
                rt: "003".into(),
                rw: "001".into(),
            })
            .unwrap();
        }
        w.into_inner().unwrap()
    }

    fn indexes(store: &Store) -> Vec<String> {
        store
            .read(|c| {
                let mut stmt = c.prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'index'
                     AND tbl_name = 'registry_people' AND sql IS NOT NULL ORDER BY name",
                )?;
                let names = stmt.query_map([], |r| r.get(0))?;
                Ok(names.collect::<Result<Vec<String>, _>>()?)
            })
            .unwrap()
    }

    #[test]
    fn a_bulk_import_rebuilds_its_indexes_and_a_failed_one_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
        let before = indexes(&store);
        assert_eq!(before.len(), 3, "{before:?}");

        let summary = store
            .import_registry(extract(450, None).as_slice(), ExtractFormat::Csv)
            .unwrap();
        assert_eq!(summary.people, 450);
        assert_eq!(indexes(&store), before);
        let family = store.registry_by_kk("3204050105120100").unwrap();
        assert_eq!(family.len(), 4);
        let found = store
            .registry_search_name("Sity Nur Hasanah", None, 1)
            .unwrap();
        assert_eq!(found[0].record.nik, "3204051708900321");

        // Fails on line 400, after the indexes were dropped: all of it rolls back.
        let err = store
            .import_registry(extract(500, Some(400)).as_slice(), ExtractFormat::Csv)
            .unwrap_err();
        assert!(matches!(err, StoreError::Import { line: 400, .. }), "{err}");
        assert_eq!(indexes(&store), before);
        assert_eq!(
            store.registry_extract("3204052001").unwrap().unwrap().1,
            450
        );
        assert!(store.registry_by_nik("3204051708900460").unwrap().is_none());
    }
}
