//! The household use cases of core, as the phone calls them: a family saved whole, found
//! again, corrected with a reason, the KK's QR kept as evidence, members moved or deleted,
//! the history, the family's warnings and the follow-ups due. Each call is one core function and one transaction;
//! this file only converts.

use std::sync::Arc;

use chrono::Utc;
use puskesos_core::model::{self as m, HouseholdChanges, HouseholdInput, Relationship};
use puskesos_core::store::{FollowUp, HistoryEntry, HouseholdSummary};

use crate::guard::guard;
use crate::ident::{nik_warning, NikWarning, RegionList};
use crate::lang;
use crate::model::{iso_date, Household, Person, PersonInput};
use crate::store::{core_person_input, date, id, FieldStore, RecordsError, SavedPerson};

/// Ages that do not fit the relationships, a missing head, a member without NIK: questions
/// for the person at the form, never refusals.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FamilyWarning {
    /// `no_head`, `several_heads`, `head_too_young`, `spouse_too_young`,
    /// `child_older_than_head`, `parent_younger_than_head`, `no_nik`.
    pub kind: String,
    /// The member's name as the form shows it; `null` for the whole family.
    pub member: Option<String>,
    pub message_id: String,
    pub message_en: String,
}

fn family_warning(w: &m::FamilyWarning) -> FamilyWarning {
    FamilyWarning {
        kind: w.code().to_string(),
        member: w.member().map(str::to_string),
        message_id: w.message(puskesos_core::Lang::Id),
        message_en: w.message(puskesos_core::Lang::En),
    }
}

fn family_warnings(list: &[m::FamilyWarning]) -> Vec<FamilyWarning> {
    list.iter().map(family_warning).collect()
}

/// A family as saved: the household, each member with its NIK's warnings, and the family's.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SavedFamily {
    pub household: Household,
    pub members: Vec<SavedPerson>,
    pub family_warnings: Vec<FamilyWarning>,
}

/// A member after a correction or an addition, with the warnings it raises now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MemberResult {
    pub person: Person,
    pub warnings: Vec<NikWarning>,
    pub family_warnings: Vec<FamilyWarning>,
}

/// The fields a member correction changes; `null` leaves a field as it is, and an empty
/// `nik`, `birth_place` or `occupation` removes it.
/// `Debug` masks the NIK typed.
#[derive(Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct PersonChanges {
    #[uniffi(default = None)]
    pub nik: Option<String>,
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub birth_place: Option<String>,
    /// ISO `YYYY-MM-DD`.
    #[uniffi(default = None)]
    pub birth_date: Option<String>,
    #[uniffi(default = None)]
    pub sex: Option<puskesos_core::ident::Sex>,
    #[uniffi(default = None)]
    pub relationship: Option<Relationship>,
    #[uniffi(default = None)]
    pub marital_status: Option<m::MaritalStatus>,
    #[uniffi(default = None)]
    pub occupation: Option<String>,
}

puskesos_core::redacted_debug!(PersonChanges {
    nik,
    name,
    birth_place,
    birth_date,
    sex,
    relationship,
    marital_status,
    occupation,
});

/// One field of a history line, numbers masked.
/// `Debug` masks identity numbers in any value.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

puskesos_core::redacted_debug!(FieldChange { field, old, new });

/// A correction, move or deletion of the household or one of its members.
/// `Debug` masks identity numbers in the reason.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct HistoryLine {
    /// `household` or `person`.
    pub entity: String,
    pub entity_id: String,
    /// `correction`, `move` or `delete`.
    pub kind: String,
    pub reason: String,
    pub by: String,
    pub at_ms: i64,
    pub fields: Vec<FieldChange>,
}

puskesos_core::redacted_debug!(HistoryLine {
    entity,
    entity_id,
    kind,
    reason,
    by,
    at_ms,
    fields,
});

fn history_line(e: &HistoryEntry) -> HistoryLine {
    HistoryLine {
        entity: e.entity.clone(),
        entity_id: e.entity_id.to_string(),
        kind: e.change.kind.code().to_string(),
        reason: e.change.reason.as_str().to_string(),
        by: e.change.by.clone(),
        at_ms: e.change.at.timestamp_millis(),
        fields: e
            .change
            .fields
            .iter()
            .map(|f| FieldChange {
                field: f.field.clone(),
                old: f.old_shown(),
                new: f.new_shown(),
            })
            .collect(),
    }
}

fn invalid(message: String) -> RecordsError {
    RecordsError::Invalid { message }
}

#[uniffi::export]
impl FieldStore {
    /// Saves a household with all its members in one transaction, or nothing: a refused
    /// member is named by its place in the list ("Anggota ke-2: …"). Each member's
    /// `household_id` is ignored (the new household's is used). An empty head name is
    /// taken from the member recorded as head.
    pub fn save_family(
        &self,
        household: HouseholdInput,
        members: Vec<PersonInput>,
        author: String,
    ) -> Result<SavedFamily, RecordsError> {
        guard(|| {
            let inputs = members
                .into_iter()
                .map(|p| core_person_input(p, None))
                .collect::<Result<Vec<_>, _>>()?;
            let saved = self
                .inner
                .save_family(household, inputs, &author, Utc::now())?;
            Ok(SavedFamily {
                household: (&saved.household).into(),
                members: saved
                    .members
                    .iter()
                    .map(|m| SavedPerson {
                        person: (&m.person).into(),
                        warnings: m.warnings.iter().map(nik_warning).collect(),
                    })
                    .collect(),
                family_warnings: family_warnings(&saved.family),
            })
        })
    }

    /// Households matching a name as said, the end of a KK number or NIK, or "RT 3 RW 1";
    /// all when `query` is empty. Best first, at most `limit`.
    pub fn find_households(
        &self,
        query: String,
        village_code: Option<String>,
        limit: u32,
    ) -> Result<Vec<HouseholdSummary>, RecordsError> {
        guard(|| {
            let list =
                self.inner
                    .find_households(&query, village_code.as_deref(), limit as usize)?;
            Ok(list)
        })
    }

    /// Corrects a household's KK number, address, RT/RW or head's name with a reason.
    pub fn correct_household(
        &self,
        household_id: String,
        changes: HouseholdChanges,
        reason: String,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let (h, _) = self.inner.correct_household(
                id("household", &household_id)?,
                &changes,
                &reason,
                &author,
                Utc::now(),
            )?;
            Ok((&h).into())
        })
    }

    /// Keeps the KK's QR text (the Dukcapil verification link) on the household as evidence,
    /// with a line in its history; any other text is `Conflict` with what it is.
    pub fn keep_kk_qr(
        &self,
        household_id: String,
        text: String,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let h = self.inner.keep_kk_qr(
                id("household", &household_id)?,
                &text,
                &author,
                Utc::now(),
            )?;
            Ok((&h).into())
        })
    }

    /// Corrects a member with a reason; returns the warnings the corrected member raises.
    pub fn correct_person(
        &self,
        person_id: String,
        changes: PersonChanges,
        reason: String,
        author: String,
    ) -> Result<MemberResult, RecordsError> {
        guard(|| {
            let birth_date = changes
                .birth_date
                .as_deref()
                .map(|d| date("birth_date", d))
                .transpose()?;
            let changes = m::PersonChanges {
                nik: changes.nik,
                name: changes.name,
                birth_place: changes.birth_place,
                birth_date,
                sex: changes.sex,
                relationship: changes.relationship,
                marital_status: changes.marital_status,
                occupation: changes.occupation,
            };
            let (saved, _, family) = self.inner.correct_person(
                id("person", &person_id)?,
                &changes,
                &reason,
                &author,
                Utc::now(),
            )?;
            Ok(MemberResult {
                person: (&saved.person).into(),
                warnings: saved.warnings.iter().map(nik_warning).collect(),
                family_warnings: family_warnings(&family),
            })
        })
    }

    /// Adds a member to a recorded household, with its NIK's and the family's warnings.
    pub fn add_member(
        &self,
        input: PersonInput,
        author: String,
    ) -> Result<MemberResult, RecordsError> {
        guard(|| {
            let household = id("household", &input.household_id)?;
            let input = core_person_input(input, Some(household))?;
            let (saved, family) = self.inner.add_member(input, &author, Utc::now())?;
            Ok(MemberResult {
                person: (&saved.person).into(),
                warnings: saved.warnings.iter().map(nik_warning).collect(),
                family_warnings: family_warnings(&family),
            })
        })
    }

    /// Moves a member to another recorded KK with the relationship they have there.
    pub fn move_member(
        &self,
        person_id: String,
        to_household_id: String,
        relationship: Relationship,
        reason: String,
        author: String,
    ) -> Result<Person, RecordsError> {
        guard(|| {
            let p = self.inner.move_member(
                id("person", &person_id)?,
                id("household", &to_household_id)?,
                relationship,
                &reason,
                &author,
                Utc::now(),
            )?;
            Ok((&p).into())
        })
    }

    /// Deletes a member recorded by mistake, with a reason.
    pub fn delete_member(
        &self,
        person_id: String,
        reason: String,
        author: String,
    ) -> Result<(), RecordsError> {
        guard(|| {
            self.inner
                .delete_member(id("person", &person_id)?, &reason, &author, Utc::now())?;
            Ok(())
        })
    }

    /// Deletes a household recorded by mistake with its members, visits and photos; refused
    /// (`Conflict`) while it has complaints, referrals or proposals.
    pub fn delete_household(
        &self,
        household_id: String,
        reason: String,
        author: String,
    ) -> Result<(), RecordsError> {
        guard(|| {
            self.inner.delete_household(
                id("household", &household_id)?,
                &reason,
                &author,
                Utc::now(),
            )?;
            Ok(())
        })
    }

    /// The household's corrections, moves and deletions, oldest first, numbers masked.
    pub fn history(&self, household_id: String) -> Result<Vec<HistoryLine>, RecordsError> {
        guard(|| {
            let list = self.inner.history(id("household", &household_id)?)?;
            Ok(list.iter().map(history_line).collect())
        })
    }

    /// The family's warnings as its members stand now.
    pub fn family_warnings(
        &self,
        household_id: String,
    ) -> Result<Vec<FamilyWarning>, RecordsError> {
        guard(|| {
            let list = self
                .inner
                .family_warnings(id("household", &household_id)?, Utc::now())?;
            Ok(family_warnings(&list))
        })
    }

    /// Follow-up visits due on or before `until` (ISO date), the most overdue first.
    pub fn follow_ups_due(&self, until: String) -> Result<Vec<FollowUp>, RecordsError> {
        guard(|| {
            let until = iso_date(&until).ok_or_else(|| {
                invalid(
                    lang::current()
                        .pick("Tanggal tidak terbaca.", "Unreadable date.")
                        .to_string(),
                )
            })?;
            Ok(self.inner.follow_ups_due(until)?)
        })
    }

    /// The region list of the last village pack, for NIK and KK checks; `null` before the
    /// first sync.
    pub fn region_list(&self) -> Result<Option<Arc<RegionList>>, RecordsError> {
        guard(|| {
            Ok(self
                .inner
                .region_list()?
                .map(|inner| Arc::new(RegionList { inner })))
        })
    }
}
