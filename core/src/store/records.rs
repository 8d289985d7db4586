//! Saving and reading the field records. Every save writes the record and its outbox entry
//! in one transaction: a record the user saw saved is also queued for the district.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use super::outbox::enqueue;
use super::{Store, StoreError};
use crate::model::ModelError;
use crate::model::{
    Complaint, ComplaintStatus, Correction, Document, Household, Meta, Person, Proposal, Referral,
    Visit,
};

/// The village a household belongs to; also proves the household exists before a child
/// record points at it, with an error a person can read instead of a foreign-key failure.
pub(super) fn village_of(tx: &Connection, household_id: Uuid) -> Result<String, StoreError> {
    tx.query_row(
        "SELECT village_code FROM households WHERE id = ?1 AND deleted_at IS NULL",
        [household_id.to_string()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: "household",
        id: household_id.to_string(),
    })
}

fn queue<T: Serialize>(
    tx: &Transaction<'_>,
    entity: &str,
    meta: &Meta,
    village: Option<&str>,
    record: &T,
) -> Result<String, StoreError> {
    queue_with(tx, entity, meta, village, record, None)
}

/// Queues the record as it now is; a correction travels beside it in the payload, so the
/// district sees who changed which fields and why, while the stored record stays the record.
pub(super) fn queue_with<T: Serialize>(
    tx: &Transaction<'_>,
    entity: &str,
    meta: &Meta,
    village: Option<&str>,
    record: &T,
    correction: Option<&Correction>,
) -> Result<String, StoreError> {
    let json = serde_json::to_value(record)?;
    let data = json.to_string();
    let payload = match (correction, json) {
        (Some(c), serde_json::Value::Object(mut obj)) => {
            obj.insert("correction".into(), serde_json::to_value(c)?);
            serde_json::Value::Object(obj)
        }
        (_, json) => json,
    };
    enqueue(
        tx,
        entity,
        meta.id,
        village,
        "upsert",
        &meta.updated_by,
        meta.updated_at,
        &payload,
    )?;
    Ok(data)
}

pub(super) fn one<T: DeserializeOwned>(
    conn: &Connection,
    table: &'static str,
    entity: &'static str,
    id: Uuid,
) -> Result<T, StoreError> {
    let data: Option<String> = conn
        .query_row(
            &format!("SELECT data FROM {table} WHERE id = ?1{}", live(table)),
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let data = data.ok_or(StoreError::NotFound {
        entity,
        id: id.to_string(),
    })?;
    Ok(serde_json::from_str(&data)?)
}

/// The condition that leaves out records deleted on the phone, for the tables that keep
/// them until the district has the deletion.
fn live(table: &str) -> &'static str {
    match table {
        "households" | "persons" | "visits" | "documents" => " AND deleted_at IS NULL",
        _ => "",
    }
}

/// A household's live members, oldest first; also inside a write transaction.
pub(super) fn members_of(conn: &Connection, household_id: Uuid) -> Result<Vec<Person>, StoreError> {
    many(
        conn,
        "SELECT data FROM persons WHERE household_id = ?1 AND deleted_at IS NULL ORDER BY id",
        [household_id.to_string()],
    )
}

fn many<T: DeserializeOwned>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| r.get::<_, String>(0))?;
    rows.map(|r| Ok(serde_json::from_str(&r?)?)).collect()
}

/// Writes a household and its outbox entry (inside the caller's transaction).
pub(super) fn put_household(
    tx: &Transaction<'_>,
    h: &Household,
    correction: Option<&Correction>,
) -> Result<(), StoreError> {
    let data = queue_with(
        tx,
        "household",
        &h.meta,
        Some(h.village_code.as_str()),
        h,
        correction,
    )?;
    tx.execute(
        "INSERT INTO households(id, kk_number, village_code, head_name, updated_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET kk_number = excluded.kk_number,
           village_code = excluded.village_code, head_name = excluded.head_name,
           updated_at = excluded.updated_at, data = excluded.data",
        params![
            h.meta.id.to_string(),
            h.kk_number.as_str(),
            h.village_code.as_str(),
            h.head_name.as_str(),
            h.meta.updated_at.to_rfc3339(),
            data
        ],
    )?;
    Ok(())
}

/// Writes a member and its outbox entry; a NIK already on another live member is refused.
pub(super) fn put_person(
    tx: &Transaction<'_>,
    p: &Person,
    correction: Option<&Correction>,
) -> Result<(), StoreError> {
    let village = village_of(tx, p.household_id)?;
    if let Some(nik) = &p.nik {
        let other: Option<String> = tx
            .query_row(
                "SELECT id FROM persons WHERE nik = ?1 AND id != ?2 AND deleted_at IS NULL",
                [nik.as_str(), &p.meta.id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::refused(
                format!("NIK {} sudah tercatat pada anggota {other}", nik.masked()),
                format!("NIK {} is already recorded on member {other}", nik.masked()),
            ));
        }
    }
    let data = queue_with(tx, "person", &p.meta, Some(&village), p, correction)?;
    tx.execute(
        "INSERT INTO persons(id, household_id, nik, name, data) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET household_id = excluded.household_id,
           nik = excluded.nik, name = excluded.name, data = excluded.data",
        params![
            p.meta.id.to_string(),
            p.household_id.to_string(),
            p.nik.as_ref().map(|n| n.as_str().to_string()),
            p.name.as_str(),
            data
        ],
    )?;
    Ok(())
}

pub(super) fn put_proposal(tx: &Transaction<'_>, p: &Proposal) -> Result<(), StoreError> {
    let village = village_of(tx, p.household_id)?;
    let data = queue(tx, "proposal", &p.meta, Some(&village), p)?;
    tx.execute(
        "INSERT INTO proposals(id, household_id, kind, status, data)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data",
        params![
            p.meta.id.to_string(),
            p.household_id.to_string(),
            p.kind.code(),
            p.status.code(),
            data
        ],
    )?;
    Ok(())
}

/// Stores a document and its bytes, once per content on a household (see `save_document`).
pub(super) fn put_document(
    tx: &Transaction<'_>,
    d: &Document,
    bytes: &[u8],
) -> Result<Document, StoreError> {
    let existing: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT data, deleted_at FROM documents WHERE household_id = ?1 AND sha256 = ?2",
            [d.household_id.to_string(), d.sha256.clone()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let village = village_of(tx, d.household_id)?;
    match existing {
        Some((data, None)) => return Ok(serde_json::from_str(&data)?),
        // The same photo taken again after its record was deleted: the old row (whose
        // bytes may still wait to upload) comes back instead of a second copy.
        Some((data, Some(_))) => {
            let mut back: Document = serde_json::from_str(&data)?;
            back.meta.touch(&d.meta.updated_by, d.meta.updated_at);
            let data = queue(tx, "document", &back.meta, Some(&village), &back)?;
            // Its bytes may have been released after an earlier upload: they come back too.
            tx.execute(
                "UPDATE documents SET deleted_at = NULL, data = ?2, bytes = COALESCE(bytes, ?3)
                 WHERE id = ?1",
                params![back.meta.id.to_string(), data, bytes],
            )?;
            return Ok(back);
        }
        None => {}
    }
    let data = queue(tx, "document", &d.meta, Some(&village), d)?;
    tx.execute(
        "INSERT INTO documents(id, household_id, kind, sha256, data, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            d.meta.id.to_string(),
            d.household_id.to_string(),
            d.kind.code(),
            d.sha256,
            data,
            bytes
        ],
    )?;
    Ok(d.clone())
}

fn put_complaint(tx: &Transaction<'_>, k: &Complaint) -> Result<(), StoreError> {
    let village = k.household_id.map(|h| village_of(tx, h)).transpose()?;
    let data = queue(tx, "complaint", &k.meta, village.as_deref(), k)?;
    tx.execute(
        "INSERT INTO complaints(id, household_id, status, created_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data",
        params![
            k.meta.id.to_string(),
            k.household_id.map(|h| h.to_string()),
            k.status().code(),
            k.meta.created_at.to_rfc3339(),
            data
        ],
    )?;
    Ok(())
}

/// The update use cases load a record, change it and save it with its outbox entry in one
/// IMMEDIATE transaction: two threads (a form and the upload job) can never interleave a
/// read and a write and lose one of the changes.
impl Store {
    /// Changes a household in one transaction (housing, circumstances, KK evidence).
    pub fn update_household(
        &self,
        id: Uuid,
        change: impl FnOnce(&mut Household) -> Result<(), ModelError>,
    ) -> Result<Household, StoreError> {
        self.write(|tx| {
            let mut h: Household = one(tx, "households", "household", id)?;
            change(&mut h)?;
            put_household(tx, &h, None)?;
            Ok(h)
        })
    }

    /// Changes a member in one transaction (questionnaire answers).
    pub fn update_person(
        &self,
        id: Uuid,
        change: impl FnOnce(&mut Person) -> Result<(), ModelError>,
    ) -> Result<Person, StoreError> {
        self.write(|tx| {
            let mut p: Person = one(tx, "persons", "person", id)?;
            change(&mut p)?;
            put_person(tx, &p, None)?;
            Ok(p)
        })
    }

    /// Moves a case forward with its dated note, in one transaction.
    pub fn advance_complaint(
        &self,
        id: Uuid,
        to: ComplaintStatus,
        note: &str,
        author: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Complaint, StoreError> {
        self.write(|tx| {
            let mut k: Complaint = one(tx, "complaints", "complaint", id)?;
            k.advance(to, note, author, now)?;
            put_complaint(tx, &k)?;
            Ok(k)
        })
    }

    pub fn save_household(&self, h: &Household) -> Result<(), StoreError> {
        self.write(|tx| put_household(tx, h, None))
    }

    pub fn household(&self, id: Uuid) -> Result<Household, StoreError> {
        self.read(|c| one(c, "households", "household", id))
    }

    /// Households of a village (all villages when `None`), by head's name.
    pub fn households(&self, village: Option<&str>) -> Result<Vec<Household>, StoreError> {
        self.read(|c| match village {
            Some(v) => many(
                c,
                "SELECT data FROM households WHERE village_code = ?1 AND deleted_at IS NULL
                 ORDER BY head_name",
                [v],
            ),
            None => many(
                c,
                "SELECT data FROM households WHERE deleted_at IS NULL ORDER BY head_name",
                [],
            ),
        })
    }

    pub fn households_by_kk(&self, kk_number: &str) -> Result<Vec<Household>, StoreError> {
        self.read(|c| {
            many(
                c,
                "SELECT data FROM households WHERE kk_number = ?1 AND deleted_at IS NULL",
                [kk_number],
            )
        })
    }

    pub fn save_person(&self, p: &Person) -> Result<(), StoreError> {
        self.write(|tx| put_person(tx, p, None))
    }

    pub fn person(&self, id: Uuid) -> Result<Person, StoreError> {
        self.read(|c| one(c, "persons", "person", id))
    }

    /// Members in the order they were added (UUIDv7 ids sort by creation).
    pub fn persons_of(&self, household_id: Uuid) -> Result<Vec<Person>, StoreError> {
        self.read(|c| members_of(c, household_id))
    }

    pub fn person_by_nik(&self, nik: &str) -> Result<Option<Person>, StoreError> {
        self.read(|c| {
            Ok(many(
                c,
                "SELECT data FROM persons WHERE nik = ?1 AND deleted_at IS NULL",
                [nik],
            )?
            .pop())
        })
    }

    pub fn save_visit(&self, v: &Visit) -> Result<(), StoreError> {
        self.write(|tx| {
            let village = village_of(tx, v.household_id)?;
            let data = queue(tx, "visit", &v.meta, Some(&village), v)?;
            tx.execute(
                "INSERT INTO visits(id, household_id, visited_at, data) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET visited_at = excluded.visited_at, data = excluded.data",
                params![
                    v.meta.id.to_string(),
                    v.household_id.to_string(),
                    v.visited_at.to_rfc3339(),
                    data
                ],
            )?;
            Ok(())
        })
    }

    pub fn visits_of(&self, household_id: Uuid) -> Result<Vec<Visit>, StoreError> {
        self.read(|c| {
            many(
                c,
                "SELECT data FROM visits WHERE household_id = ?1 AND deleted_at IS NULL
                 ORDER BY visited_at DESC",
                [household_id.to_string()],
            )
        })
    }

    pub fn save_complaint(&self, k: &Complaint) -> Result<(), StoreError> {
        self.write(|tx| put_complaint(tx, k))
    }

    pub fn complaint(&self, id: Uuid) -> Result<Complaint, StoreError> {
        self.read(|c| one(c, "complaints", "complaint", id))
    }

    /// Complaints, newest first; only those in `status` when given.
    pub fn complaints(
        &self,
        status: Option<ComplaintStatus>,
    ) -> Result<Vec<Complaint>, StoreError> {
        self.read(|c| match status {
            Some(s) => many(
                c,
                "SELECT data FROM complaints WHERE status = ?1 ORDER BY created_at DESC",
                [s.code()],
            ),
            None => many(
                c,
                "SELECT data FROM complaints ORDER BY created_at DESC",
                [],
            ),
        })
    }

    pub fn save_referral(&self, r: &Referral) -> Result<(), StoreError> {
        self.write(|tx| {
            let village = village_of(tx, r.household_id)?;
            let data = queue(tx, "referral", &r.meta, Some(&village), r)?;
            tx.execute(
                "INSERT INTO referrals(id, household_id, complaint_id, status, data)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data",
                params![
                    r.meta.id.to_string(),
                    r.household_id.to_string(),
                    r.complaint_id.map(|c| c.to_string()),
                    r.status.code(),
                    data
                ],
            )?;
            Ok(())
        })
    }

    pub fn referrals_of(&self, household_id: Uuid) -> Result<Vec<Referral>, StoreError> {
        self.read(|c| {
            many(
                c,
                "SELECT data FROM referrals WHERE household_id = ?1 ORDER BY id",
                [household_id.to_string()],
            )
        })
    }

    pub fn save_proposal(&self, p: &Proposal) -> Result<(), StoreError> {
        self.write(|tx| put_proposal(tx, p))
    }

    pub fn proposals(&self) -> Result<Vec<Proposal>, StoreError> {
        self.read(|c| many(c, "SELECT data FROM proposals ORDER BY id DESC", []))
    }

    /// Stores a document and its bytes. The same content on the same household is kept once:
    /// the existing record is returned and nothing new is queued.
    pub fn save_document(&self, d: &Document, bytes: &[u8]) -> Result<Document, StoreError> {
        self.write(|tx| put_document(tx, d, bytes))
    }

    pub fn documents_of(&self, household_id: Uuid) -> Result<Vec<Document>, StoreError> {
        self.read(|c| {
            many(
                c,
                "SELECT data FROM documents WHERE household_id = ?1 AND deleted_at IS NULL ORDER BY id",
                [household_id.to_string()],
            )
        })
    }

    pub fn document_bytes(&self, id: Uuid) -> Result<Vec<u8>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT bytes FROM documents WHERE id = ?1",
                [id.to_string()],
                |r| r.get::<_, Option<Vec<u8>>>(0),
            )
            .optional()?
            .flatten()
            .ok_or(StoreError::NotFound {
                entity: "document",
                id: id.to_string(),
            })
        })
    }
}

impl Store {
    /// Records the answer to a questionnaire fact (by its stable name, as "ask next" names
    /// it) on the household, or on its member `person` for a member fact, in one transaction.
    pub fn answer(
        &self,
        household_id: Uuid,
        person: Option<Uuid>,
        fact: &str,
        value: &str,
        author: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        use crate::rules::{answer_household, answer_member, FactId};
        let fact = FactId::from_name(fact).ok_or_else(|| {
            StoreError::refused(
                format!("Pertanyaan {fact:?} tidak dikenal."),
                format!("Unknown question {fact:?}."),
            )
        })?;
        match person {
            Some(p) => {
                let belongs = self.person(p)?.household_id == household_id;
                if !belongs {
                    return Err(StoreError::refused(
                        "Anggota ini bukan anggota rumah tangga tersebut.",
                        "This member is not in that household.",
                    ));
                }
                self.update_person(p, |m| answer_member(m, fact, value, author, now))?;
            }
            None => {
                self.update_household(household_id, |h| {
                    answer_household(h, fact, value, author, now)
                })?;
            }
        }
        Ok(())
    }
}
