//! The household use cases, each one transaction: a family saved with all its members or not
//! at all, corrections with their reasons, members moved between KKs, deletions. Every front
//! end (the desk CLI, the phone through the bindings) calls these; none re-implements them.
//!
//! Checks use the pack's region list ([`Store::region_list`]) and today's date; warnings
//! (a NIK that disagrees with the form, ages that do not fit the relationships) come back
//! with the saved records for the person to look at, and never stop a save.

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde::Serialize;
use uuid::Uuid;

use super::outbox::enqueue;
use super::records::{members_of, one, put_household, put_person};
use super::{Store, StoreError};
use crate::capture::{interpret, PayloadKind};
use crate::ident::IdWarning;
use crate::model::{
    family_warnings, ChangeKind, Correction, FamilyWarning, FieldChange, Household,
    HouseholdChanges, HouseholdInput, MemberFacts, Person, PersonChanges, PersonInput,
    Relationship,
};

/// The most text one QR symbol holds (version 40, alphanumeric): a longer text was not read
/// from a KK's QR.
const QR_TEXT_MAX: usize = 4296;

/// The history's reason for a KK QR kept on a household.
const KK_QR_REASON: &str = "QR KK dipindai dan disimpan sebagai bukti";

/// A member as saved, with what its NIK says against the form.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedMember {
    pub person: Person,
    pub warnings: Vec<IdWarning>,
}

/// A family as saved, with the warnings across its members.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFamily {
    pub household: Household,
    pub members: Vec<SavedMember>,
    pub family: Vec<FamilyWarning>,
}

/// One line of a household's history: a correction, a move or a deletion, of the household
/// itself or of one of its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub entity: String,
    pub entity_id: Uuid,
    pub change: Correction,
}

fn record_change(
    tx: &Transaction<'_>,
    household_id: Uuid,
    entity: &str,
    entity_id: Uuid,
    change: &Correction,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO changes(household_id, entity, entity_id, kind, data)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            household_id.to_string(),
            entity,
            entity_id.to_string(),
            change.kind.code(),
            serde_json::to_string(change)?
        ],
    )?;
    Ok(())
}

fn warnings_of(members: &[Person], now: DateTime<Utc>) -> Vec<FamilyWarning> {
    let facts: Vec<MemberFacts> = members.iter().map(MemberFacts::from).collect();
    family_warnings(&facts, now.date_naive())
}

/// Queues the deletion of a record: the district marks it deleted and keeps the reason.
fn queue_delete(
    tx: &Transaction<'_>,
    entity: &str,
    id: Uuid,
    village: &str,
    change: &Correction,
) -> Result<(), StoreError> {
    let payload = serde_json::json!({ "correction": change });
    enqueue(
        tx,
        entity,
        id,
        Some(village),
        "delete",
        &change.by,
        change.at,
        &payload,
    )?;
    Ok(())
}

impl Store {
    /// Saves a household with all its members in one transaction: a refused member (its
    /// index in [`StoreError::Member`]) leaves nothing saved, so saving again cannot make a
    /// duplicate. An empty head name is taken from the member recorded as head.
    pub fn save_family(
        &self,
        mut household: HouseholdInput,
        members: Vec<PersonInput>,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<SavedFamily, StoreError> {
        let regions = self.region_list()?;
        let regions = regions.as_deref();
        if household.head_name.trim().is_empty() {
            let head = members
                .iter()
                .find(|m| m.relationship == Some(Relationship::Head))
                .or(members.first());
            household.head_name = head.map(|m| m.name.clone()).unwrap_or_default();
        }
        let h = Household::new(household, author, now, regions)?;
        let mut saved = Vec::with_capacity(members.len());
        for (index, mut input) in members.into_iter().enumerate() {
            input.household_id = h.meta.id;
            let (person, warnings) =
                Person::new(input, author, now, regions).map_err(|e| StoreError::Member {
                    index,
                    source: Box::new(e.into()),
                })?;
            saved.push(SavedMember { person, warnings });
        }
        self.write(|tx| {
            put_household(tx, &h, None)?;
            for (index, m) in saved.iter().enumerate() {
                put_person(tx, &m.person, None).map_err(|e| StoreError::Member {
                    index,
                    source: Box::new(e),
                })?;
            }
            Ok(())
        })?;
        let persons: Vec<Person> = saved.iter().map(|m| m.person.clone()).collect();
        Ok(SavedFamily {
            household: h,
            family: warnings_of(&persons, now),
            members: saved,
        })
    }

    /// Adds one member to a recorded household, with the NIK's and the family's warnings.
    pub fn add_member(
        &self,
        input: PersonInput,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(SavedMember, Vec<FamilyWarning>), StoreError> {
        let regions = self.region_list()?;
        let (person, warnings) = Person::new(input, author, now, regions.as_deref())?;
        let members = self.write(|tx| {
            put_person(tx, &person, None)?;
            members_of(tx, person.household_id)
        })?;
        Ok((SavedMember { person, warnings }, warnings_of(&members, now)))
    }

    /// Corrects a household's KK number, address, RT/RW or head's name, with a reason that
    /// is kept in its history and sent to the district with the record.
    pub fn correct_household(
        &self,
        id: Uuid,
        changes: &HouseholdChanges,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(Household, Correction), StoreError> {
        let regions = self.region_list()?;
        self.write(|tx| {
            let mut h = one::<Household>(tx, "households", "household", id)?;
            let fields = h.correct(changes, author, now, regions.as_deref())?;
            let change = Correction::new(ChangeKind::Correction, reason, fields, author, now)?;
            put_household(tx, &h, Some(&change))?;
            record_change(tx, id, "household", id, &change)?;
            Ok((h, change))
        })
    }

    /// Corrects a member's NIK, name, birth, sex, relationship, marital status or occupation,
    /// with a reason. Returns the NIK's warnings against the corrected form and the family's.
    pub fn correct_person(
        &self,
        id: Uuid,
        changes: &PersonChanges,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(SavedMember, Correction, Vec<FamilyWarning>), StoreError> {
        let regions = self.region_list()?;
        self.write(|tx| {
            let mut p = one::<Person>(tx, "persons", "person", id)?;
            let fields = p.correct(changes, author, now, regions.as_deref())?;
            let change = Correction::new(ChangeKind::Correction, reason, fields, author, now)?;
            put_person(tx, &p, Some(&change))?;
            record_change(tx, p.household_id, "person", id, &change)?;
            let warnings = p
                .nik
                .as_ref()
                .map(|n| n.warnings(Some(p.sex), p.birth_date, None))
                .unwrap_or_default();
            let family = warnings_of(&members_of(tx, p.household_id)?, now);
            Ok((
                SavedMember {
                    person: p,
                    warnings,
                },
                change,
                family,
            ))
        })
    }

    /// Moves a member to another recorded KK (a family split, a marriage), with the
    /// relationship they have there. Both households' histories show the move.
    pub fn move_member(
        &self,
        person_id: Uuid,
        to_household: Uuid,
        relationship: Relationship,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Person, StoreError> {
        self.write(|tx| {
            let mut p = one::<Person>(tx, "persons", "person", person_id)?;
            let from = p.household_id;
            if from == to_household {
                return Err(StoreError::refused(
                    "Anggota sudah tercatat di KK tujuan.",
                    "The member is already on the destination KK.",
                ));
            }
            one::<Household>(tx, "households", "household", to_household)?;
            let mut fields = vec![FieldChange {
                field: "household_id".into(),
                old: Some(from.to_string()),
                new: Some(to_household.to_string()),
            }];
            if relationship != p.relationship {
                fields.push(FieldChange {
                    field: "relationship".into(),
                    old: Some(p.relationship.code().into()),
                    new: Some(relationship.code().into()),
                });
            }
            let change = Correction::new(ChangeKind::Move, reason, fields, author, now)?;
            p.household_id = to_household;
            p.relationship = relationship;
            p.meta.touch(author, now);
            put_person(tx, &p, Some(&change))?;
            record_change(tx, from, "person", person_id, &change)?;
            record_change(tx, to_household, "person", person_id, &change)?;
            Ok(p)
        })
    }

    /// Deletes a member recorded by mistake (entered twice, not of this family), with a
    /// reason. The row stays, marked, until the district has the deletion.
    pub fn delete_member(
        &self,
        person_id: Uuid,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let p = one::<Person>(tx, "persons", "person", person_id)?;
            let h = one::<Household>(tx, "households", "household", p.household_id)?;
            let change = Correction::new(ChangeKind::Delete, reason, Vec::new(), author, now)?;
            tx.execute(
                "UPDATE persons SET deleted_at = ?2 WHERE id = ?1",
                params![person_id.to_string(), now.to_rfc3339()],
            )?;
            queue_delete(tx, "person", person_id, h.village_code.as_str(), &change)?;
            record_change(tx, h.meta.id, "person", person_id, &change)
        })
    }

    /// Deletes a household recorded by mistake, with its members, visits and photos. A
    /// household with complaints, referrals or proposals is refused: those have legal clocks
    /// at the district and must be closed or withdrawn there first.
    pub fn delete_household(
        &self,
        id: Uuid,
        reason: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let h = one::<Household>(tx, "households", "household", id)?;
            let cases: i64 = tx.query_row(
                "SELECT (SELECT COUNT(*) FROM complaints WHERE household_id = ?1)
                      + (SELECT COUNT(*) FROM referrals WHERE household_id = ?1)
                      + (SELECT COUNT(*) FROM proposals WHERE household_id = ?1)",
                [id.to_string()],
                |r| r.get(0),
            )?;
            if cases > 0 {
                return Err(StoreError::refused(
                    format!("Rumah tangga ini punya {cases} pengaduan, rujukan atau usulan; tidak bisa dihapus. Perbaiki datanya, atau minta dinas sosial menutup kasusnya."),
                    format!("This household has {cases} complaints, referrals or proposals, so it cannot be deleted. Correct its data instead, or ask the district to close its cases."),
                ));
            }
            let change = Correction::new(ChangeKind::Delete, reason, Vec::new(), author, now)?;
            let village = h.village_code.as_str();
            let at = now.to_rfc3339();
            for table in ["persons", "visits", "documents"] {
                let entity = match table {
                    "persons" => "person",
                    "visits" => "visit",
                    _ => "document",
                };
                let ids: Vec<String> = {
                    let mut stmt = tx.prepare(&format!(
                        "SELECT id FROM {table} WHERE household_id = ?1 AND deleted_at IS NULL"
                    ))?;
                    let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
                    rows.collect::<Result<_, _>>()?
                };
                for child in ids {
                    let child_id = Uuid::parse_str(&child)
                        .map_err(|e| StoreError::Conflict(format!("stored id {child}: {e}")))?;
                    queue_delete(tx, entity, child_id, village, &change)?;
                }
                tx.execute(
                    &format!(
                        "UPDATE {table} SET deleted_at = ?2 WHERE household_id = ?1 AND deleted_at IS NULL"
                    ),
                    params![id.to_string(), at],
                )?;
            }
            tx.execute(
                "UPDATE households SET deleted_at = ?2 WHERE id = ?1",
                params![id.to_string(), at],
            )?;
            queue_delete(tx, "household", id, village, &change)?;
            record_change(tx, id, "household", id, &change)
        })
    }

    /// Keeps the text of the KK's electronic-signature QR (the Dukcapil verification link
    /// printed on KKs since 2020) on the household, as evidence the district, which is online,
    /// verifies with Dukcapil. Only a text the capture room reads as a KK verification link
    /// is taken; any other (another site's link, a card's numbers, a case receipt) is refused
    /// with what it is. One transaction: the household with the change in its outbox entry,
    /// and a line in its history. Keeping the same text again changes nothing.
    pub fn keep_kk_qr(
        &self,
        household_id: Uuid,
        text: &str,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<Household, StoreError> {
        let text = text.trim();
        if text.chars().count() > QR_TEXT_MAX {
            return Err(StoreError::refused(
                "Teks ini lebih panjang dari isi kode QR mana pun; bukan QR KK.",
                "This text is longer than any QR code holds; it is not a KK QR.",
            ));
        }
        let reading = interpret(text, now.date_naive());
        let refused = |what_id: String, what_en: String| {
            Err(StoreError::refused(
                format!("{what_id}, bukan QR KK (tautan verifikasi Dukcapil). Pindai QR di pojok kanan bawah KK."),
                format!("{what_en}, not a KK QR (a Dukcapil verification link). Scan the QR in the KK's bottom right corner."),
            ))
        };
        match reading.kind {
            PayloadKind::KkVerificationLink => {}
            PayloadKind::Url => {
                let host = reading.url_host.unwrap_or_default();
                return refused(
                    format!("Ini tautan ke {host}"),
                    format!("This is a link to {host}"),
                );
            }
            PayloadKind::NumbersText => {
                return refused(
                    "Kode ini berisi nomor (NIK/KK)".into(),
                    "This code holds numbers (NIK/KK)".into(),
                )
            }
            PayloadKind::CaseQr => {
                return refused(
                    "Ini QR tanda terima pengaduan".into(),
                    "This is a complaint receipt's QR".into(),
                )
            }
            PayloadKind::Unknown => {
                return refused(
                    "Teks ini tidak dikenali".into(),
                    "This text is not recognised".into(),
                )
            }
        }
        self.write(|tx| {
            let mut h = one::<Household>(tx, "households", "household", household_id)?;
            if h.kk_qr_evidence.as_deref() == Some(text) {
                return Ok(h);
            }
            let fields = vec![FieldChange {
                field: "kk_qr_evidence".into(),
                old: h.kk_qr_evidence.clone(),
                new: Some(text.to_string()),
            }];
            let change =
                Correction::new(ChangeKind::Correction, KK_QR_REASON, fields, author, now)?;
            h.kk_qr_evidence = Some(text.to_string());
            h.meta.touch(author, now);
            put_household(tx, &h, Some(&change))?;
            record_change(tx, household_id, "household", household_id, &change)?;
            Ok(h)
        })
    }

    /// A household's corrections, moves and deletions, oldest first.
    pub fn history(&self, household_id: Uuid) -> Result<Vec<HistoryEntry>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT entity, entity_id, data FROM changes WHERE household_id = ?1 ORDER BY seq",
            )?;
            let rows = stmt.query_map([household_id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            rows.map(|r| {
                let (entity, entity_id, data) = r?;
                Ok(HistoryEntry {
                    entity,
                    entity_id: Uuid::parse_str(&entity_id)
                        .map_err(|e| StoreError::Conflict(format!("stored id {entity_id}: {e}")))?,
                    change: serde_json::from_str(&data)?,
                })
            })
            .collect()
        })
    }

    /// The family's warnings as its members stand now.
    pub fn family_warnings(
        &self,
        household_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<FamilyWarning>, StoreError> {
        Ok(warnings_of(&self.persons_of(household_id)?, now))
    }
}
