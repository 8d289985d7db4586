//! Finding a recorded household the way a pillar asks for it at the door: by a name as it is
//! said (the head's or any member's, spelled any way: the registry's name matcher), by the
//! KK number or a member's NIK (whole or the last digits read off a card), or by RT/RW.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::{Store, StoreError};
use crate::ident::{mask_number, normalize_number};
use crate::registry::names::{similarity, NameKey};

/// Names scoring below this are not shown; lower than the registry's "same name" threshold
/// because a pillar often types only one word of a name.
const NAME_MATCH_MIN: f64 = 0.72;

/// A household as a list shows it: numbers masked, with the member count and what matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HouseholdSummary {
    pub id: Uuid,
    pub kk_masked: String,
    pub head_name: String,
    pub address: String,
    pub rt: String,
    pub rw: String,
    pub village_code: String,
    pub members: u32,
    pub updated_at: DateTime<Utc>,
    /// The member whose name or NIK matched, when it was not the head.
    pub matched_member: Option<String>,
    /// 0–100: 100 for a number or RT/RW match and an exact name.
    pub score: u8,
}

/// What a query asks for, decided from its shape.
#[derive(Debug, PartialEq)]
enum Query {
    All,
    /// Four or more digits: the end of a KK number or NIK (the part people read out), or a
    /// whole one.
    Digits(String),
    RtRw(Option<String>, Option<String>),
    Name(String),
}

fn parse_query(q: &str) -> Query {
    let t = q.trim();
    if t.is_empty() {
        return Query::All;
    }
    let lower = t.to_lowercase();
    if let Some(rtrw) = parse_rt_rw(&lower) {
        return rtrw;
    }
    let digits = normalize_number(t);
    if digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Query::Digits(digits);
    }
    Query::Name(t.to_string())
}

/// "rt 3", "rt03/rw1", "RT 003 RW 001", "3/1": RT and RW as three digits each.
fn parse_rt_rw(lower: &str) -> Option<Query> {
    let pad = |s: &str| -> Option<String> {
        let n: u32 = s.parse().ok()?;
        (1..=999).contains(&n).then(|| format!("{n:03}"))
    };
    if let Some((a, b)) = lower.split_once('/') {
        let a = a.trim().trim_start_matches("rt").trim();
        let b = b.trim().trim_start_matches("rw").trim();
        if let (Some(rt), Some(rw)) = (pad(a), pad(b)) {
            return Some(Query::RtRw(Some(rt), Some(rw)));
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (mut rt, mut rw, mut i) = (None, None, 0);
    while i < words.len() {
        let w = words[i];
        let (key, rest) = if let Some(r) = w.strip_prefix("rt") {
            ("rt", r)
        } else if let Some(r) = w.strip_prefix("rw") {
            ("rw", r)
        } else {
            return None;
        };
        let value = if rest.is_empty() {
            i += 1;
            pad(words.get(i)?)?
        } else {
            pad(rest)?
        };
        if key == "rt" {
            rt = Some(value);
        } else {
            rw = Some(value);
        }
        i += 1;
    }
    (rt.is_some() || rw.is_some()).then_some(Query::RtRw(rt, rw))
}

struct Row {
    id: String,
    kk: String,
    head: String,
    village: String,
    updated_at: String,
    data: String,
}

fn live_households(c: &Connection, village: Option<&str>) -> Result<Vec<Row>, StoreError> {
    let mut stmt = c.prepare(
        "SELECT id, kk_number, head_name, village_code, updated_at, data FROM households
         WHERE deleted_at IS NULL AND (?1 IS NULL OR village_code = ?1)
         ORDER BY head_name, id",
    )?;
    let rows = stmt.query_map([village], |r| {
        Ok(Row {
            id: r.get(0)?,
            kk: r.get(1)?,
            head: r.get(2)?,
            village: r.get(3)?,
            updated_at: r.get(4)?,
            data: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live members as (household id, name, NIK).
fn live_members(c: &Connection) -> Result<Vec<(String, String, Option<String>)>, StoreError> {
    let mut stmt =
        c.prepare("SELECT household_id, name, nik FROM persons WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(serde::Deserialize)]
struct Place {
    address: String,
    rt: String,
    rw: String,
}

fn summary(
    row: &Row,
    members: u32,
    matched: Option<String>,
    score: u8,
) -> Result<HouseholdSummary, StoreError> {
    let place: Place = serde_json::from_str(&row.data)?;
    Ok(HouseholdSummary {
        id: Uuid::parse_str(&row.id)
            .map_err(|e| StoreError::Conflict(format!("stored id {}: {e}", row.id)))?,
        kk_masked: mask_number(&row.kk),
        head_name: row.head.clone(),
        address: place.address,
        rt: place.rt,
        rw: place.rw,
        village_code: row.village.clone(),
        members,
        updated_at: DateTime::parse_from_rfc3339(&row.updated_at)
            .map(|d| d.with_timezone(&Utc))
            .map_err(|e| StoreError::Conflict(format!("stored time {}: {e}", row.updated_at)))?,
        matched_member: matched,
        score,
    })
}

impl Store {
    /// Households matching `query` (empty: all), best first, at most `limit`; only those of
    /// `village` when given. Deleted households are never listed.
    pub fn find_households(
        &self,
        query: &str,
        village: Option<&str>,
        limit: usize,
    ) -> Result<Vec<HouseholdSummary>, StoreError> {
        let query = parse_query(query);
        self.read(|c| {
            let rows = live_households(c, village)?;
            let members = live_members(c)?;
            let mut count = std::collections::HashMap::<&str, u32>::new();
            for (h, _, _) in &members {
                *count.entry(h.as_str()).or_default() += 1;
            }
            let n = |row: &Row| count.get(row.id.as_str()).copied().unwrap_or(0);
            let mut hits: Vec<HouseholdSummary> = Vec::new();
            match &query {
                Query::All => {
                    for row in rows.iter().take(limit) {
                        hits.push(summary(row, n(row), None, 100)?);
                    }
                }
                Query::RtRw(rt, rw) => {
                    for row in &rows {
                        let place: Place = serde_json::from_str(&row.data)?;
                        let ok = rt.as_ref().is_none_or(|v| *v == place.rt)
                            && rw.as_ref().is_none_or(|v| *v == place.rw);
                        if ok {
                            hits.push(summary(row, n(row), None, 100)?);
                        }
                    }
                }
                Query::Digits(d) => {
                    // The first member per household whose NIK ends with the digits, in one
                    // pass (a lookup per household made this quadratic: 36 ms on 2,000).
                    let mut by_household = std::collections::HashMap::<&str, &str>::new();
                    for (h, name, nik) in &members {
                        if nik.as_deref().is_some_and(|k| k.ends_with(d.as_str())) {
                            by_household.entry(h.as_str()).or_insert(name.as_str());
                        }
                    }
                    for row in &rows {
                        if row.kk.ends_with(d.as_str()) {
                            hits.push(summary(row, n(row), None, 100)?);
                        } else if let Some(name) = by_household.get(row.id.as_str()) {
                            let matched = (*name != row.head).then(|| name.to_string());
                            hits.push(summary(row, n(row), matched, 100)?);
                        }
                    }
                }
                Query::Name(q) => {
                    let key = NameKey::new(q);
                    let lower = q.to_lowercase();
                    let score = |name: &str| -> f64 {
                        if name.to_lowercase().contains(&lower) {
                            return 1.0;
                        }
                        similarity(&key, &NameKey::new(name))
                    };
                    let mut best = std::collections::HashMap::<&str, (f64, Option<&str>)>::new();
                    for row in &rows {
                        best.insert(row.id.as_str(), (score(&row.head), None));
                    }
                    for (h, name, _) in &members {
                        if let Some(slot) = best.get_mut(h.as_str()) {
                            let s = score(name);
                            if s > slot.0 {
                                *slot = (s, Some(name.as_str()));
                            }
                        }
                    }
                    let mut scored: Vec<(f64, &Row, Option<&str>)> = rows
                        .iter()
                        .filter_map(|row| {
                            let (s, who) = best.get(row.id.as_str())?;
                            (*s >= NAME_MATCH_MIN).then_some((*s, row, *who))
                        })
                        .collect();
                    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
                    for (s, row, who) in scored.into_iter().take(limit) {
                        let matched = who.filter(|w| *w != row.head).map(str::to_string);
                        hits.push(summary(row, n(row), matched, (s * 100.0).round() as u8)?);
                    }
                }
            }
            hits.truncate(limit);
            Ok(hits)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_read_by_its_shape() {
        assert_eq!(parse_query("  "), Query::All);
        assert_eq!(parse_query("0042"), Query::Digits("0042".into()));
        assert_eq!(
            parse_query("3204 0101 0512 0042"),
            Query::Digits("3204010105120042".into())
        );
        assert_eq!(parse_query("RT 3"), Query::RtRw(Some("003".into()), None));
        assert_eq!(
            parse_query("rt03/rw1"),
            Query::RtRw(Some("003".into()), Some("001".into()))
        );
        assert_eq!(
            parse_query("RT 003 RW 012"),
            Query::RtRw(Some("003".into()), Some("012".into()))
        );
        assert_eq!(
            parse_query("3/1"),
            Query::RtRw(Some("003".into()), Some("001".into()))
        );
        assert_eq!(parse_query("rw 2"), Query::RtRw(None, Some("002".into())));
        assert_eq!(parse_query("Siti"), Query::Name("Siti".into()));
        assert_eq!(parse_query("Rtini"), Query::Name("Rtini".into()));
        assert_eq!(parse_query("123"), Query::Name("123".into()));
    }
}
