//! Name keys of the registry extract: written at import, recomputed when the key function
//! changes, and searched with Indonesian spelling variants in mind.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::registry::{record_from_row, PERSON_COLUMNS};
use super::{get_setting, RegistryMatch, Store, StoreError};
use crate::registry::{similarity, NameKey, NAME_KEY_VERSION};

/// A word held by more people than this is too common to fetch candidates by unless it is
/// the query's rarest ("Siti", "Muhammad"); the rarer words and the joined key decide.
const COMMON_TOKEN: i64 = 600;
/// Candidates fetched per word or per joined-key range: bounds a search's time on a big
/// extract (scoring one costs about 2 µs).
const PER_SOURCE: i64 = 600;

/// The tokens stored for a name: each word key, and each pair of neighbouring words joined
/// (so a query that runs two words together still meets them).
fn stored_tokens(key: &NameKey) -> impl Iterator<Item = String> + '_ {
    let pairs = key.tokens.windows(2).map(|w| format!("{}{}", w[0], w[1]));
    key.tokens.iter().cloned().chain(pairs)
}

/// The village code as the integer the token table keys on (10 digits fit in an i64).
fn village_number(code: &str) -> i64 {
    code.parse().unwrap_or(-1)
}

/// Writes one freshly inserted person's tokens.
pub(crate) fn write_tokens(
    tx: &Transaction<'_>,
    person: i64,
    village: &str,
    key: &NameKey,
) -> Result<(), StoreError> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO registry_name_tokens(token, village, person) VALUES (?1, ?2, ?3)",
    )?;
    let village = village_number(village);
    for token in stored_tokens(key) {
        insert.execute(params![token, village, person])?;
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
    let people: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT id, name, village_code FROM registry_people")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut joined = tx.prepare("UPDATE registry_people SET name_joined = ?2 WHERE id = ?1")?;
    for (id, name, village) in people {
        let key = NameKey::new(&name);
        joined.execute(params![id, key.joined])?;
        write_tokens(tx, id, &village, &key)?;
    }
    tx.execute(
        "INSERT INTO settings(key, value) VALUES ('name_key_version', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [current],
    )?;
    Ok(())
}

/// People who share a word or the joined key's beginning with the query, as (id, name).
fn candidates(
    conn: &Connection,
    key: &NameKey,
    village: Option<i64>,
) -> Result<Vec<(i64, String)>, StoreError> {
    let mut found: Vec<(i64, String)> = Vec::new();
    let upper = format!("{}\u{10FFFF}", key.joined);
    let (joined_sql, count_sql, token_sql) = match village {
        Some(_) => (
            "SELECT id, name FROM registry_people
             WHERE name_joined >= ?1 AND name_joined < ?2 AND village_code = ?3 LIMIT ?4",
            "SELECT COUNT(*) FROM (SELECT 1 FROM registry_name_tokens
             WHERE token = ?1 AND village = ?2 LIMIT ?3)",
            "SELECT p.id, p.name FROM registry_name_tokens t JOIN registry_people p ON p.id = t.person
             WHERE t.token = ?1 AND t.village = ?2 LIMIT ?3",
        ),
        None => (
            "SELECT id, name FROM registry_people
             WHERE name_joined >= ?1 AND name_joined < ?2 AND ?3 IS NULL LIMIT ?4",
            "SELECT COUNT(*) FROM (SELECT 1 FROM registry_name_tokens
             WHERE token = ?1 AND ?2 IS NULL LIMIT ?3)",
            "SELECT p.id, p.name FROM registry_name_tokens t JOIN registry_people p ON p.id = t.person
             WHERE t.token = ?1 AND ?2 IS NULL LIMIT ?3",
        ),
    };
    let village_text = village.map(|v| format!("{v:010}"));
    let mut stmt = conn.prepare_cached(joined_sql)?;
    let rows = stmt.query_map(params![key.joined, upper, village_text, PER_SOURCE], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    for row in rows {
        found.push(row?);
    }

    let mut count = conn.prepare_cached(count_sql)?;
    let mut tokens: Vec<(i64, &String)> = Vec::with_capacity(key.tokens.len());
    for token in &key.tokens {
        let n: i64 = count.query_row(params![token, village, COMMON_TOKEN + 1], |r| r.get(0))?;
        tokens.push((n, token));
    }
    tokens.sort();
    let mut by_token = conn.prepare_cached(token_sql)?;
    for (i, (n, token)) in tokens.iter().enumerate() {
        if i > 0 && *n > COMMON_TOKEN {
            break;
        }
        let rows = by_token.query_map(params![token, village, PER_SOURCE], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        for row in rows {
            found.push(row?);
        }
    }
    found.sort_unstable_by_key(|(id, _)| *id);
    found.dedup_by_key(|(id, _)| *id);
    Ok(found)
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
        let village = village.map(village_number);
        self.read(|c| {
            let mut scored: Vec<(f64, i64)> = candidates(c, &key, village)?
                .into_iter()
                .map(|(id, name)| (similarity(&key, &NameKey::new(&name)), id))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(limit as usize);
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {PERSON_COLUMNS} FROM registry_people WHERE id = ?1"
            ))?;
            let mut out = Vec::with_capacity(scored.len());
            for (score, id) in scored {
                if let Some(record) = stmt.query_row([id], record_from_row).optional()? {
                    out.push(RegistryMatch { record, score });
                }
            }
            Ok(out)
        })
    }
}
