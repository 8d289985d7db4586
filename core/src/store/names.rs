//! Name keys of the registry extract: written at import, recomputed when the key function
//! changes, and searched with Indonesian spelling variants in mind.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use super::registry::{record_from_row, PERSON_COLUMNS};
use super::{get_setting, RegistryMatch, Store, StoreError};
use crate::registry::{similarity, NameKey, NAME_KEY_VERSION};

/// A token shared by more people than this is too common to fetch candidates by on its own
/// ("Siti", "Muhammad"); the search then relies on the rarer words and the joined key.
const COMMON_TOKEN: i64 = 3000;
/// Candidates scored per search at most: bounds the time of a search on a big extract.
const MAX_CANDIDATES: usize = 5000;

/// The tokens stored for a name: each word key, and each pair of neighbouring words joined
/// (so a query that runs two words together still meets them).
fn stored_tokens(key: &NameKey) -> impl Iterator<Item = String> + '_ {
    let pairs = key.tokens.windows(2).map(|w| format!("{}{}", w[0], w[1]));
    key.tokens.iter().cloned().chain(pairs)
}

/// Writes one person's keys; the caller has removed the old ones if the row is an update.
pub(crate) fn write_keys(tx: &Transaction<'_>, person: i64, name: &str) -> Result<(), StoreError> {
    let key = NameKey::new(name);
    tx.prepare_cached("UPDATE registry_people SET name_joined = ?2 WHERE id = ?1")?
        .execute(params![person, key.joined])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO registry_name_tokens(token, person) VALUES (?1, ?2)",
    )?;
    for token in stored_tokens(&key) {
        insert.execute(params![token, person])?;
    }
    Ok(())
}

/// Recomputes every key if they were made by another version of the key function.
pub(crate) fn refresh_keys(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let current = NAME_KEY_VERSION.to_string();
    if get_setting(tx, "name_key_version")?.as_deref() == Some(current.as_str()) {
        return Ok(());
    }
    tx.execute("DELETE FROM registry_name_tokens", [])?;
    let people: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, name FROM registry_people")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, name) in people {
        write_keys(tx, id, &name)?;
    }
    tx.execute(
        "INSERT INTO settings(key, value) VALUES ('name_key_version', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [current],
    )?;
    Ok(())
}

fn candidates(
    conn: &Connection,
    key: &NameKey,
    village: Option<&str>,
) -> Result<Vec<i64>, StoreError> {
    let mut ids: Vec<i64> = Vec::new();
    let village_filter = "AND (?2 IS NULL OR p.village_code = ?2)";
    // Whole name typed with or without spaces, or its beginning.
    let upper = format!("{}\u{10FFFF}", key.joined);
    let mut by_joined = conn.prepare_cached(&format!(
        "SELECT p.id FROM registry_people p
         WHERE p.name_joined >= ?1 AND p.name_joined < ?3 {village_filter} LIMIT ?4"
    ))?;
    let rows = by_joined.query_map(
        params![key.joined, village, upper, MAX_CANDIDATES as i64],
        |r| r.get(0),
    )?;
    for id in rows {
        ids.push(id?);
    }
    let mut count = conn.prepare_cached(&format!(
        "SELECT COUNT(*) FROM registry_name_tokens t JOIN registry_people p ON p.id = t.person
         WHERE t.token = ?1 {village_filter}"
    ))?;
    let mut by_token = conn.prepare_cached(&format!(
        "SELECT t.person FROM registry_name_tokens t JOIN registry_people p ON p.id = t.person
         WHERE t.token = ?1 {village_filter} LIMIT ?3"
    ))?;
    let mut tokens: Vec<(i64, &String)> = Vec::new();
    for token in &key.tokens {
        let n: i64 = count.query_row(params![token, village], |r| r.get(0))?;
        tokens.push((n, token));
    }
    tokens.sort();
    for (i, (n, token)) in tokens.iter().enumerate() {
        // The rarest word always counts, however common; the others only when rare.
        if i > 0 && *n > COMMON_TOKEN {
            break;
        }
        let rows =
            by_token.query_map(params![token, village, MAX_CANDIDATES as i64], |r| r.get(0))?;
        for id in rows {
            ids.push(id?);
        }
        if ids.len() >= MAX_CANDIDATES {
            break;
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

impl Store {
    /// People whose name matches `query` the way Indonesian names vary (spelling variants,
    /// titles, merged words), best first, at most `limit`; only in `village` when given.
    pub fn registry_search_name(
        &self,
        query: &str,
        village: Option<&str>,
        limit: u32,
    ) -> Result<Vec<RegistryMatch>, StoreError> {
        let key = NameKey::new(query);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        self.read(|c| {
            let ids = candidates(c, &key, village)?;
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {PERSON_COLUMNS} FROM registry_people WHERE id = ?1"
            ))?;
            let mut scored: Vec<RegistryMatch> = Vec::with_capacity(ids.len());
            let mut keys: HashMap<String, NameKey> = HashMap::new();
            for id in ids {
                let record = stmt.query_row([id], record_from_row)?;
                let candidate = keys
                    .entry(record.name.clone())
                    .or_insert_with(|| NameKey::new(&record.name));
                let score = similarity(&key, candidate);
                scored.push(RegistryMatch { record, score });
            }
            scored.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.record.nik.cmp(&b.record.nik))
            });
            scored.truncate(limit as usize);
            Ok(scored)
        })
    }
}
