//! The tamper-evident audit chain: one entry per change a device makes, each bound to the
//! one before by its hash.
//!
//! The phone appends entries in the transaction of the change (`store::audit`) and sends
//! them with its outbox; the district keeps each device's chain and checks it with the same
//! functions, so that the two ends cannot disagree on what a valid chain is.
//!
//! An entry never holds a personal value in clear: a field's old and new values are
//! SHA-256 hashes, salted with the record id and the field name so that equal values on two
//! records do not give equal hashes. They prove what a value was to someone who holds the
//! record, and tell nobody else what it is (a NIK is guessable from its structure by brute
//! force, so they are not secrets either: the entries travel and rest like the records).
//!
//! The entry hash covers everything but `seq` and `hash` itself, in a length-prefixed,
//! versioned form ([`CHAIN_VERSION`]). `seq` is left out on purpose: the order of a chain is
//! bound by `prev_hash` alone, so an entry moved to another place fails the link check
//! (a reordering) instead of its own hash check (an edit).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::lang::Lang;

/// The tag of the hashed form; a new form gets a new tag and the verifier picks by it.
pub const CHAIN_VERSION: &str = "puskesos-audit/1";

/// The `prev_hash` of a chain's first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One field a change touched: the hashes of its value before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldHashes {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One link of a device's chain. `Debug` is safe: it holds ids, hashes and the operator id.
/// Missing parts read as empty: an entry mangled on the phone still arrives, and fails its
/// hash check, instead of making the whole batch unreadable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditEntry {
    /// 1, 2, 3… on the device, without holes.
    pub seq: i64,
    /// When the change was made, RFC 3339 as the phone wrote it ([`canonical_time`]); hashed
    /// as written, so neither end re-renders a time to check it.
    pub at: String,
    /// Who made the change: the operator the device was enrolled for (the record's author).
    pub operator: String,
    pub entity: String,
    pub entity_id: Uuid,
    /// `create`, `update`, `delete` or `attach` (a new document).
    pub op: String,
    pub fields: Vec<FieldHashes>,
    pub prev_hash: String,
    pub hash: String,
}

/// The last entry of a chain as one side knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// How a chain is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// Entries are missing: `seq` is the first one that should be there and is not.
    Gap,
    /// The entry's content no longer matches its hash.
    Edit,
    /// The entry does not link to the one before it: moved, or the one before was rewritten.
    Reorder,
    /// The chain is shorter than it was, or no longer extends the head seen before.
    Truncated,
}

impl BreakKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BreakKind::Gap => "gap",
            BreakKind::Edit => "edit",
            BreakKind::Reorder => "reorder",
            BreakKind::Truncated => "truncated",
        }
    }

    pub fn parse(s: &str) -> Option<BreakKind> {
        [
            BreakKind::Gap,
            BreakKind::Edit,
            BreakKind::Reorder,
            BreakKind::Truncated,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// What district staff and operators read.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BreakKind::Gap => lang.pick(
                "Entri hilang (celah urutan)",
                "Entries missing (gap in the sequence)",
            ),
            BreakKind::Edit => lang.pick(
                "Isi entri diubah (hash tidak cocok)",
                "Entry content changed (hash mismatch)",
            ),
            BreakKind::Reorder => lang.pick(
                "Urutan rantai diubah (tidak bersambung dengan entri sebelumnya)",
                "Chain order changed (does not link to the entry before)",
            ),
            BreakKind::Truncated => lang.pick(
                "Ujung rantai dipotong atau ditulis ulang",
                "Chain tail cut off or rewritten",
            ),
        }
    }
}

/// One break and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    pub kind: BreakKind,
    pub seq: i64,
}

impl ChainBreak {
    /// "Entri hilang (celah urutan) pada entri no. 3".
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{} {} {}",
            self.kind.label(lang),
            lang.pick("pada entri no.", "at entry no."),
            self.seq
        )
    }
}

fn put(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(s.len().to_string().as_bytes());
    buf.push(b':');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b',');
}

fn put_opt(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => buf.push(b'-'),
        Some(s) => {
            buf.push(b'+');
            put(buf, s);
        }
    }
}

/// How the phone writes an entry's time: RFC 3339 with every digit the value has.
pub fn canonical_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339()
}

/// The hash an entry must carry, over its canonical form (see the module's doc).
pub fn entry_hash(e: &AuditEntry) -> String {
    let mut buf = Vec::with_capacity(256 + e.fields.len() * 160);
    put(&mut buf, CHAIN_VERSION);
    put(&mut buf, &e.at);
    put(&mut buf, &e.operator);
    put(&mut buf, &e.entity);
    put(&mut buf, &e.entity_id.to_string());
    put(&mut buf, &e.op);
    put(&mut buf, &e.fields.len().to_string());
    for f in &e.fields {
        put(&mut buf, &f.field);
        put_opt(&mut buf, f.old.as_deref());
        put_opt(&mut buf, f.new.as_deref());
    }
    put(&mut buf, &e.prev_hash);
    hex::encode(Sha256::digest(&buf))
}

/// The hash of one field's value on one record (its JSON form).
pub fn value_hash(entity_id: Uuid, field: &str, value: &Value) -> String {
    let mut buf = Vec::with_capacity(128);
    put(&mut buf, "puskesos-audit-value/1");
    put(&mut buf, &entity_id.to_string());
    put(&mut buf, field);
    put(&mut buf, &value.to_string());
    hex::encode(Sha256::digest(&buf))
}

/// The fields that differ between a record's stored form and its new one (top-level keys:
/// the old record's in name order, then the ones it did not have), with the hashes of both
/// values. `None` for a record that did not exist, or that is being deleted. A field holding
/// `null` counts as absent: a new record's empty answers are not changes, and leaving them
/// out keeps the entries small on 2G. Written without sorting or set types: this runs on
/// the phone, whose library has a size budget.
pub fn field_changes(
    entity_id: Uuid,
    old: Option<&serde_json::Map<String, Value>>,
    new: Option<&serde_json::Map<String, Value>>,
) -> Vec<FieldHashes> {
    fn present<'a>(m: Option<&'a serde_json::Map<String, Value>>, k: &str) -> Option<&'a Value> {
        m.and_then(|m| m.get(k)).filter(|v| !v.is_null())
    }
    let mut out = Vec::new();
    // Hashes, not values, are compared: equal values give equal hashes, and the phone
    // library then needs no deep comparison of JSON.
    let mut compare = |k: &String| {
        let before = present(old, k).map(|v| value_hash(entity_id, k, v));
        let after = present(new, k).map(|v| value_hash(entity_id, k, v));
        if before != after {
            out.push(FieldHashes {
                field: k.clone(),
                old: before,
                new: after,
            });
        }
    };
    if let Some(m) = old {
        m.keys().for_each(&mut compare);
    }
    if let Some(m) = new {
        m.keys()
            .filter(|k| !old.is_some_and(|o| o.contains_key(*k)))
            .for_each(&mut compare);
    }
    out
}

/// Checks `entries` (in the order held, normally by `seq`) as the continuation of `anchor`
/// (the last entry already trusted; `None`: the chain's start). Every break is reported; a
/// break explains the link failure it causes, so an entry after a hole is not also called
/// reordered, and a run of broken links (two entries swapped break three) is reported once,
/// at its first entry.
pub fn verify_chain(anchor: Option<&ChainHead>, entries: &[AuditEntry]) -> Vec<ChainBreak> {
    let mut breaks = Vec::new();
    let (mut next, mut prev) = match anchor {
        Some(h) => (h.seq.saturating_add(1), h.hash.clone()),
        None => (1, GENESIS_HASH.to_string()),
    };
    let mut unlinked: Option<i64> = None;
    for e in entries {
        let mut explained = false;
        if e.seq > next {
            breaks.push(ChainBreak {
                kind: BreakKind::Gap,
                seq: next,
            });
            explained = true;
        } else if e.seq < next {
            breaks.push(ChainBreak {
                kind: BreakKind::Reorder,
                seq: e.seq,
            });
            explained = true;
        }
        if entry_hash(e) != e.hash {
            breaks.push(ChainBreak {
                kind: BreakKind::Edit,
                seq: e.seq,
            });
        } else if e.prev_hash != prev && !explained {
            if unlinked != Some(e.seq.saturating_sub(1)) {
                breaks.push(ChainBreak {
                    kind: BreakKind::Reorder,
                    seq: e.seq,
                });
            }
            unlinked = Some(e.seq);
        }
        prev = e.hash.clone();
        next = next.max(e.seq.saturating_add(1));
    }
    breaks
}

/// What the district learns from one upload of a device's chain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UploadCheck {
    pub breaks: Vec<ChainBreak>,
    /// Indexes into the uploaded entries of those the district did not hold yet.
    pub fresh: Vec<usize>,
    /// The device's head as the district now knows it.
    pub head: Option<ChainHead>,
}

/// Checks an upload of a device's entries against what the district already holds: `seen`
/// is its head for the device and `hash_at` the hash it holds at a seq. Entries it holds
/// are skipped (a resend), one that differs from what it holds means the chain was cut and
/// rewritten, new ones must continue the head ([`verify_chain`]), and the head the phone
/// reports must not be behind what the district has seen.
pub fn check_upload(
    seen: Option<&ChainHead>,
    hash_at: impl Fn(i64) -> Option<String>,
    entries: &[AuditEntry],
    reported: Option<&ChainHead>,
) -> UploadCheck {
    let mut check = UploadCheck {
        head: seen.cloned(),
        ..UploadCheck::default()
    };
    let seen_seq = seen.map_or(0, |h| h.seq);
    let mut rewritten = false;
    let mut fresh = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.seq <= seen_seq {
            if !rewritten && hash_at(e.seq).is_some_and(|h| h != e.hash) {
                check.breaks.push(ChainBreak {
                    kind: BreakKind::Truncated,
                    seq: e.seq,
                });
                rewritten = true;
            }
        } else {
            fresh.push(i);
        }
    }
    let new: Vec<AuditEntry> = fresh.iter().map(|&i| entries[i].clone()).collect();
    check.breaks.extend(verify_chain(seen, &new));
    if let Some(last) = new.last() {
        check.head = Some(ChainHead {
            seq: last.seq,
            hash: last.hash.clone(),
        });
    }
    check.fresh = fresh;
    if let (Some(r), Some(known)) = (reported, &check.head) {
        let behind = r.seq < known.seq;
        let differs = r.seq == known.seq && r.hash != known.hash;
        if (behind || differs) && !rewritten {
            check.breaks.push(ChainBreak {
                kind: BreakKind::Truncated,
                seq: r.seq.saturating_add(i64::from(behind)),
            });
        }
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for seq in 1..=n {
            let prev = out
                .last()
                .map_or(GENESIS_HASH.to_string(), |e| e.hash.clone());
            let id = Uuid::from_u128(seq as u128);
            let mut e = AuditEntry {
                seq,
                at: canonical_time(&Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, seq as u32).unwrap()),
                operator: "op-1".into(),
                entity: "person".into(),
                entity_id: id,
                op: "create".into(),
                fields: field_changes(
                    id,
                    None,
                    serde_json::json!({"name": "Siti", "rt": seq}).as_object(),
                ),
                prev_hash: prev,
                hash: String::new(),
            };
            e.hash = entry_hash(&e);
            out.push(e);
        }
        out
    }

    fn brk(kind: BreakKind, seq: i64) -> ChainBreak {
        ChainBreak { kind, seq }
    }

    #[test]
    fn an_intact_chain_verifies_and_each_kind_of_tampering_is_named() {
        let c = chain(5);
        assert!(verify_chain(None, &c).is_empty());

        let mut edited = c.clone();
        edited[2].fields[0].new = Some(value_hash(edited[2].entity_id, "name", &"Sri".into()));
        assert_eq!(verify_chain(None, &edited), vec![brk(BreakKind::Edit, 3)]);

        let mut gap = c.clone();
        gap.remove(2);
        assert_eq!(verify_chain(None, &gap), vec![brk(BreakKind::Gap, 3)]);

        // Contents swapped between places 3 and 4, the numbers left where they were.
        let mut swapped = c.clone();
        let (a, b) = (swapped[2].clone(), swapped[3].clone());
        swapped[2] = AuditEntry { seq: 3, ..b };
        swapped[3] = AuditEntry { seq: 4, ..a };
        assert_eq!(
            verify_chain(None, &swapped),
            vec![brk(BreakKind::Reorder, 3)]
        );
        // Two swaps apart are two breaks.
        let mut twice = chain(8);
        for (x, y) in [(1, 2), (5, 6)] {
            let (a, b) = (twice[x].clone(), twice[y].clone());
            twice[x] = AuditEntry { seq: a.seq, ..b };
            twice[y] = AuditEntry { seq: b.seq, ..a };
        }
        assert_eq!(
            verify_chain(None, &twice),
            vec![brk(BreakKind::Reorder, 2), brk(BreakKind::Reorder, 6)]
        );

        // Rewritten with a fresh hash: the next entry no longer links to it.
        let mut rehashed = c.clone();
        rehashed[1].operator = "someone".into();
        rehashed[1].hash = entry_hash(&rehashed[1]);
        assert_eq!(
            verify_chain(None, &rehashed),
            vec![brk(BreakKind::Reorder, 3)]
        );
    }

    #[test]
    fn the_hash_covers_every_part_but_the_number() {
        let e = chain(1).remove(0);
        let h = entry_hash(&e);
        assert_eq!(h.len(), 64);
        assert_eq!(
            entry_hash(&AuditEntry {
                seq: 9,
                ..e.clone()
            }),
            h
        );
        let variants = [
            AuditEntry {
                operator: "x".into(),
                ..e.clone()
            },
            AuditEntry {
                entity: "household".into(),
                ..e.clone()
            },
            AuditEntry {
                entity_id: Uuid::nil(),
                ..e.clone()
            },
            AuditEntry {
                op: "update".into(),
                ..e.clone()
            },
            AuditEntry {
                at: e.at.replace("+00:00", "Z"),
                ..e.clone()
            },
            AuditEntry {
                prev_hash: "1".repeat(64),
                ..e.clone()
            },
            AuditEntry {
                fields: Vec::new(),
                ..e.clone()
            },
        ];
        for v in variants {
            assert_ne!(entry_hash(&v), h, "{v:?}");
        }
        // Length prefixes: moving a character between two parts changes the hash.
        let a = AuditEntry {
            operator: "ab".into(),
            entity: "c".into(),
            ..e.clone()
        };
        let b = AuditEntry {
            operator: "a".into(),
            entity: "bc".into(),
            ..e.clone()
        };
        assert_ne!(entry_hash(&a), entry_hash(&b));
    }

    #[test]
    fn value_hashes_are_salted_by_record_and_field() {
        let v = Value::from("3204051708800001");
        let a = value_hash(Uuid::from_u128(1), "nik", &v);
        assert_ne!(a, value_hash(Uuid::from_u128(2), "nik", &v));
        assert_ne!(a, value_hash(Uuid::from_u128(1), "kk", &v));
        assert!(!a.contains("3204051708800001"));
        let old = serde_json::json!({"a": 1, "b": 2});
        let new = serde_json::json!({"a": 1, "b": 3, "c": 4, "d": null});
        let f = field_changes(Uuid::nil(), old.as_object(), new.as_object());
        let names: Vec<_> = f.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["b", "c"], "a null field is an absent one");
        assert!(f[1].old.is_none() && f[1].new.is_some());
    }

    #[test]
    fn the_district_skips_resends_and_flags_a_cut_or_rewritten_tail() {
        let c = chain(6);
        let at = |held: &[AuditEntry]| {
            let held = held.to_vec();
            move |seq: i64| held.iter().find(|e| e.seq == seq).map(|e| e.hash.clone())
        };
        let head = |e: &AuditEntry| ChainHead {
            seq: e.seq,
            hash: e.hash.clone(),
        };

        let first = check_upload(None, at(&[]), &c[..4], Some(&head(&c[3])));
        assert!(first.breaks.is_empty());
        assert_eq!(first.fresh, vec![0, 1, 2, 3]);
        assert_eq!(first.head, Some(head(&c[3])));

        // A resend with two new entries: only those are fresh.
        let more = check_upload(Some(&head(&c[3])), at(&c[..4]), &c[2..], Some(&head(&c[5])));
        assert!(more.breaks.is_empty());
        assert_eq!(more.fresh, vec![2, 3]);

        // The phone now says its head is 4: the tail the district saw is gone.
        let cut = check_upload(Some(&head(&c[5])), at(&c), &[], Some(&head(&c[3])));
        assert_eq!(cut.breaks, vec![brk(BreakKind::Truncated, 5)]);

        // A chain rebuilt from 5 on does not extend what the district saw.
        let mut rebuilt = chain(6);
        rebuilt[4].operator = "other".into();
        rebuilt[4].hash = entry_hash(&rebuilt[4]);
        let fork = check_upload(Some(&head(&c[5])), at(&c), &rebuilt[4..5], None);
        assert_eq!(fork.breaks, vec![brk(BreakKind::Truncated, 5)]);
        assert!(fork.fresh.is_empty());
    }

    /// Numbers come from the network at the district: extreme ones are breaks, not panics.
    #[test]
    fn extreme_numbers_are_reported_not_overflowed() {
        let mut c = chain(2);
        c[1].seq = i64::MAX;
        assert_eq!(verify_chain(None, &c), vec![brk(BreakKind::Gap, 2)]);
        c[0].seq = i64::MIN;
        let head = ChainHead {
            seq: i64::MAX,
            hash: "x".into(),
        };
        let check = check_upload(Some(&head), |_| None, &c, Some(&head));
        assert!(check.fresh.is_empty());
        let low = ChainHead {
            seq: i64::MIN,
            hash: "x".into(),
        };
        verify_chain(Some(&head), &c);
        check_upload(None, |_| None, &c, Some(&low));
    }

    #[test]
    fn labels_are_in_both_languages() {
        let b = brk(BreakKind::Gap, 3);
        assert_eq!(
            b.describe(Lang::Id),
            "Entri hilang (celah urutan) pada entri no. 3"
        );
        assert!(b.describe(Lang::En).contains("at entry no. 3"));
        for k in ["gap", "edit", "reorder", "truncated"] {
            assert_eq!(BreakKind::parse(k).map(BreakKind::as_str), Some(k));
        }
    }
}
