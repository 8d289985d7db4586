//! The sync protocol's JSON shapes, shared by the phone's client and the district service so
//! that both ends compile against one definition. Version 1 of the API lives under
//! `/api/v1`; a field may be added, never renamed or given a new meaning.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::{AuditEntry, ChainHead};
use crate::registry::RegistryRecord;

/// The path prefix of every sync route.
pub const API_PREFIX: &str = "/api/v1";

/// Header a client sends with every request so that the service can refuse a phone too old
/// for its protocol with a clear message instead of a parse error.
pub const CLIENT_VERSION_HEADER: &str = "x-puskesos-client";

/// The error code a revoked device's token is answered with; the phone wipes itself on it.
pub const REVOKED_CODE: &str = "revoked";

/// The kinds of record that travel in the outbox. Anything else is refused at the door: a
/// new kind needs a service that knows how to review it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Household,
    Person,
    Visit,
    Complaint,
    Referral,
    Proposal,
    Document,
    Evaluation,
}

impl Entity {
    pub const ALL: [Entity; 8] = [
        Entity::Household,
        Entity::Person,
        Entity::Visit,
        Entity::Complaint,
        Entity::Referral,
        Entity::Proposal,
        Entity::Document,
        Entity::Evaluation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Household => "household",
            Entity::Person => "person",
            Entity::Visit => "visit",
            Entity::Complaint => "complaint",
            Entity::Referral => "referral",
            Entity::Proposal => "proposal",
            Entity::Document => "document",
            Entity::Evaluation => "evaluation",
        }
    }

    pub fn parse(s: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// Households and persons are edited by several pillars at once (a visit and the desk on
    /// the same family), so their fields merge one by one; the other kinds have a single
    /// author and are replaced whole by the newest clock.
    pub fn merges_by_field(self) -> bool {
        matches!(self, Entity::Household | Entity::Person)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Upsert,
    Delete,
}

/// One outbox entry as it travels up. The phone's store produces it; `entry_id` makes the
/// upload idempotent and `clock` (the device's logical clock, with `device_id` as the
/// tie-break) orders concurrent edits of the same record. `Debug` masks identity numbers in
/// the payload (a whole household or member): the client and the service both log entries.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub entry_id: Uuid,
    pub seq: i64,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub village_code: String,
    pub op: Op,
    pub clock: i64,
    pub device_id: String,
    pub author: String,
    pub recorded_at: DateTime<Utc>,
    #[serde(default)]
    pub payload: Value,
}

crate::redacted_debug!(OutboxEntry {
    entry_id,
    seq,
    entity,
    entity_id,
    village_code,
    op,
    clock,
    device_id,
    author,
    recorded_at,
    payload,
});

impl OutboxEntry {
    /// The wire form of an entry queued in the phone's store, as sent by `device_id`, a
    /// device enrolled for `enrolled_village` (used when the record names no village).
    /// An entity or operation the protocol does not know cannot be sent: the caller parks
    /// the entry with the returned reason.
    pub fn from_store(
        e: &crate::store::OutboxEntry,
        device_id: &str,
        enrolled_village: &str,
    ) -> Result<OutboxEntry, String> {
        let entity = Entity::parse(&e.entity)
            .ok_or_else(|| format!("jenis catatan tidak dikenal server: {}", e.entity))?;
        let op = match e.op.as_str() {
            "upsert" => Op::Upsert,
            "delete" => Op::Delete,
            other => return Err(format!("operasi tidak dikenal server: {other}")),
        };
        Ok(OutboxEntry {
            entry_id: e.entry_id,
            seq: e.seq,
            entity,
            entity_id: e.entity_id,
            village_code: e
                .village_code
                .clone()
                .unwrap_or_else(|| enrolled_village.to_string()),
            op,
            clock: e.clock,
            device_id: device_id.to_string(),
            author: e.author.clone(),
            recorded_at: e.recorded_at,
            payload: e.payload.clone(),
        })
    }
}

/// `POST /api/v1/enrol`: a phone trades a one-time code for a device token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolRequest {
    pub code: String,
    /// What the operator calls the phone ("HP Puskesos 2"), shown to district staff.
    #[serde(default)]
    pub device_label: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolResponse {
    pub device_id: String,
    /// Bearer token, shown once; the service keeps only its SHA-256.
    pub token: String,
    pub village_code: String,
    pub village_name: String,
    pub operator_id: String,
    /// The device's unlock code (`XXXX-XXXX-XXXX`): the phone wraps its store key under it
    /// (`lock::Lock::set_unlock_code`) and forgets it; district staff can reveal it when
    /// the operator is locked out. Absent from services older than the app lock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock_code: Option<String>,
}

/// The token and the unlock code are secrets: `Debug` (logs, panics) names neither.
impl std::fmt::Debug for EnrolResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolResponse")
            .field("device_id", &self.device_id)
            .field("village_code", &self.village_code)
            .field("village_name", &self.village_name)
            .field("operator_id", &self.operator_id)
            .field("unlock_code", &self.unlock_code.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

/// What the enrolment QR code on the staff page carries, as JSON. `cert_sha256` is the
/// SHA-256 of the service's DER certificate for districts that run their own certificate
/// authority; absent when the service is behind a publicly trusted certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EnrolmentQr {
    pub url: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_sha256: Option<String>,
}

/// Versions and hashes of the three parts of a village pack. The ETag of the pack is derived
/// from `version`, so an unchanged pack answers `304 Not Modified` with no body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackManifest {
    pub village_code: String,
    pub version: i64,
    pub etag: String,
    pub published_at: DateTime<Utc>,
    pub region_list_sha256: Option<String>,
    pub registry_sha256: Option<String>,
    pub registry_rows: i64,
    pub rules_sha256: Option<String>,
}

/// `GET /api/v1/villages/{code}/pack`: the whole pack, or with `?since=N` the changes since
/// version `N` when the service still has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VillagePack {
    pub manifest: PackManifest,
    pub body: PackBody,
}

/// `Debug` masks the NIKs and KK numbers of the extract it carries.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PackBody {
    /// Everything; the phone replaces what it has.
    Full {
        /// The Kemendagri region list CSV (the phone's `RegionList` format).
        region_list_csv: Option<String>,
        registry: Vec<RegistryRecord>,
        rules: Option<Value>,
    },
    /// Changes from `from_version`: registry rows keyed by NIK; a part that is `None` did not
    /// change.
    Delta {
        from_version: i64,
        region_list_csv: Option<String>,
        registry_upserts: Vec<RegistryRecord>,
        registry_removed_niks: Vec<String>,
        rules: Option<Value>,
    },
}

crate::redacted_debug!(enum PackBody {
    Full {
        region_list_csv,
        registry,
        rules,
    },
    Delta {
        from_version,
        region_list_csv,
        registry_upserts,
        registry_removed_niks,
        rules,
    },
});

/// `POST /api/v1/villages/{code}/batches`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadBatch {
    pub entries: Vec<OutboxEntry>,
    /// The device's audit chain (added in 0.1; absent from older phones, ignored by older
    /// districts, which then never acknowledge it, so the phone keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<AuditUpload>,
}

/// The audit chain riding with a batch: the device's head as it stands, and the entries after
/// the last one the district acknowledged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditUpload {
    pub head: Option<ChainHead>,
    pub entries: Vec<AuditEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResponse {
    /// One result per entry, in the order sent.
    pub results: Vec<EntryResult>,
    /// Present when the district took the batch's audit chain: it holds every entry of the
    /// device's chain up to this seq (kept even when it found the chain broken: the break is
    /// flagged for staff, and the phone moves on). A number, not a struct: the phone library
    /// reads it, and each derived reader costs its size budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_acked: Option<i64>,
    /// The district revoked this device and takes this last upload: the phone sends what
    /// still waits, pulls nothing, and wipes itself once nothing waits (`sync_once`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub final_upload: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryResult {
    pub entry_id: Uuid,
    #[serde(flatten)]
    pub outcome: EntryOutcome,
}

/// The service's verdict on one entry. `Acked` (with `duplicate` when it had been applied
/// before) means the phone may mark the entry done; `Rejected` means it must be parked with
/// the reason for a person to act on; sending it again will not help. A reason may quote the
/// payload it refused, so `Debug` masks identity numbers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum EntryOutcome {
    Acked {
        duplicate: bool,
        /// Fields of this entry that lost to a newer edit from another device.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        overridden_fields: Vec<String>,
    },
    Rejected {
        code: RejectCode,
        reason: String,
    },
}

crate::redacted_debug!(enum EntryOutcome {
    Acked {
        duplicate,
        overridden_fields
    },
    Rejected { code, reason },
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// The entry names another village than the device's.
    WrongVillage,
    /// The entry claims another device than the token's.
    WrongDevice,
    /// The payload is not an object, or its `id` does not match `entity_id`.
    InvalidPayload,
}

/// `POST /api/v1/villages/{code}/files/{sha256}` begins or resumes an upload;
/// `GET` on the same path asks how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadBegin {
    pub size: i64,
    pub mime: String,
}

/// How much of a file the service holds. The client sends the next chunk at `received`
/// (`PUT …/files/{sha256}?offset=received`); when `complete` is true nothing more is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkStatus {
    pub sha256: String,
    pub size: i64,
    pub received: i64,
    pub complete: bool,
}

/// One change the district made to a village's complaint, referral or proposal, for the
/// phone to show ("Usulan dikembalikan: foto KK tidak terbaca"). Staff notes may quote a NIK,
/// so `Debug` masks identity numbers.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub cursor: i64,
    pub entity: Entity,
    pub entity_id: Uuid,
    pub status: String,
    #[serde(default)]
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

crate::redacted_debug!(StatusChange {
    cursor,
    entity,
    entity_id,
    status,
    note,
    by,
    at,
});

/// `GET /api/v1/villages/{code}/status-changes?after=C`: changes with a cursor above `C`, in
/// order. The phone stores `next_cursor` and asks again while `more` is true.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusFeed {
    pub changes: Vec<StatusChange>,
    pub next_cursor: i64,
    pub more: bool,
}

/// The body of every error answer: a stable machine code and a message for people
/// (Bahasa Indonesia by default, English with `Accept-Language: en`). The message may quote
/// what the phone sent; `Debug` masks identity numbers in it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}
crate::redacted_debug!(ErrorBody { code, message });

/// Field-level clocks of a merged record: for each field, the clock and device of the write
/// that holds it. Kept by the service beside the record; exposed here so tests on both ends
/// can reason about the same ordering.
pub type FieldClocks = BTreeMap<String, (i64, String)>;

/// Whether a write `(clock, device)` wins over the holder `(held_clock, held_device)`: the
/// higher logical clock wins, and on a tie the greater device id, so that every replica picks
/// the same winner whatever order the writes arrive in.
pub fn write_wins(clock: i64, device: &str, held_clock: i64, held_device: &str) -> bool {
    (clock, device) > (held_clock, held_device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outbox_entry_reads_the_documented_shape() {
        let json = r#"{ "entry_id": "0192f0c0-0000-7000-8000-000000000001", "seq": 17,
            "entity": "household", "entity_id": "0192f0c0-0000-7000-8000-000000000002",
            "village_code": "3201010001", "op": "upsert", "clock": 42,
            "device_id": "dev-1", "author": "op-1", "recorded_at": "2025-01-02T03:04:05+07:00",
            "payload": { "id": "0192f0c0-0000-7000-8000-000000000002", "rt": "001" } }"#;
        let e: OutboxEntry = serde_json::from_str(json).expect("documented shape parses");
        assert_eq!(e.entity, Entity::Household);
        assert_eq!(e.op, Op::Upsert);
        assert_eq!(e.recorded_at.to_rfc3339(), "2025-01-01T20:04:05+00:00");
        let back = serde_json::to_value(&e).expect("serialises");
        assert_eq!(back["entity"], "household");
        assert_eq!(back["payload"]["rt"], "001");
    }

    #[test]
    fn a_store_entry_becomes_a_wire_entry_of_this_device() {
        let stored = crate::store::OutboxEntry {
            seq: 3,
            entry_id: Uuid::now_v7(),
            entity: "complaint".into(),
            entity_id: Uuid::now_v7(),
            village_code: None,
            op: "delete".into(),
            clock: 9,
            author: "op-1".into(),
            recorded_at: Utc::now(),
            payload: serde_json::json!({}),
            state: crate::store::OutboxState::Pending,
            attempts: 0,
            last_error: None,
        };
        let w = OutboxEntry::from_store(&stored, "dev-1", "3201010001").expect("known kind");
        assert_eq!(
            (w.entity, w.op, w.clock),
            (Entity::Complaint, Op::Delete, 9)
        );
        assert_eq!(
            (w.device_id.as_str(), w.village_code.as_str()),
            ("dev-1", "3201010001")
        );
        let odd = crate::store::OutboxEntry {
            entity: "salary".into(),
            ..stored
        };
        assert!(OutboxEntry::from_store(&odd, "dev-1", "3201010001").is_err());
    }

    #[test]
    fn unknown_entity_is_refused() {
        assert!(serde_json::from_str::<Entity>("\"salary\"").is_err());
        assert_eq!(Entity::parse("evaluation"), Some(Entity::Evaluation));
        for e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
        }
    }

    #[test]
    fn entry_outcome_is_flat_on_the_wire() {
        let r = EntryResult {
            entry_id: Uuid::nil(),
            outcome: EntryOutcome::Rejected {
                code: RejectCode::WrongVillage,
                reason: "x".into(),
            },
        };
        let v = serde_json::to_value(&r).expect("serialises");
        assert_eq!(v["outcome"], "rejected");
        assert_eq!(v["code"], "wrong_village");
        let back: EntryResult = serde_json::from_value(v).expect("round trip");
        assert_eq!(back, r);
    }

    /// Phones and districts are upgraded at different times: each side of either version
    /// must read what the other sends.
    #[test]
    fn the_audit_chain_is_optional_both_ways() {
        let old_batch: UploadBatch = serde_json::from_str(r#"{"entries": []}"#).expect("old phone");
        assert!(old_batch.audit.is_none());
        let old_answer: BatchResponse =
            serde_json::from_str(r#"{"results": []}"#).expect("old district");
        assert!(old_answer.audit_acked.is_none());
        let plain = UploadBatch {
            entries: Vec::new(),
            audit: None,
        };
        assert_eq!(
            serde_json::to_value(&plain).expect("serialises"),
            serde_json::json!({ "entries": [] })
        );

        #[derive(Deserialize)]
        struct OldBatch {
            entries: Vec<OutboxEntry>,
        }
        #[derive(Deserialize)]
        struct OldAnswer {
            results: Vec<EntryResult>,
        }
        let new_batch = UploadBatch {
            entries: Vec::new(),
            audit: Some(AuditUpload {
                head: Some(ChainHead {
                    seq: 1,
                    hash: "a".repeat(64),
                }),
                entries: Vec::new(),
            }),
        };
        let text = serde_json::to_string(&new_batch).expect("serialises");
        let seen_by_old: OldBatch = serde_json::from_str(&text).expect("old district reads it");
        assert!(seen_by_old.entries.is_empty());
        assert_eq!(
            serde_json::from_str::<UploadBatch>(&text).expect("round trip"),
            new_batch
        );
        let answer = BatchResponse {
            results: Vec::new(),
            audit_acked: Some(7),
            final_upload: true,
        };
        let text = serde_json::to_string(&answer).expect("serialises");
        let seen_by_old: OldAnswer = serde_json::from_str(&text).expect("old phone reads it");
        assert!(seen_by_old.results.is_empty());
        assert_eq!(
            serde_json::from_str::<BatchResponse>(&text).expect("round trip"),
            answer
        );
    }

    #[test]
    fn higher_clock_wins_and_ties_go_to_the_greater_device() {
        assert!(write_wins(5, "a", 4, "z"));
        assert!(!write_wins(4, "z", 5, "a"));
        assert!(write_wins(5, "b", 5, "a"));
        assert!(!write_wins(5, "a", 5, "b"));
        assert!(!write_wins(5, "a", 5, "a"));
    }
}
