//! The phone's store and the field records in it: households, members, visits, complaints,
//! referrals, proposals and documents. [`FieldStore`] owns core's `Store` (one SQLite file,
//! one connection behind a mutex), so one object serves every screen and thread; each save
//! writes the record and its outbox entry in one transaction, inside core.
//!
//! The registry, eligibility, outbox and sync rooms add their methods to [`FieldStore`] in
//! their own modules, each with its own error enum.

use std::path::Path;
use std::sync::Arc;

use chrono::Utc;
use puskesos_core::ident::Redacted;
use puskesos_core::model::{
    self as m, ComplaintStatus, Document, DocumentKind, HouseholdInput, Housing, MemberAnswers,
    Referral, Visit,
};
use puskesos_core::store::{Store, StoreError};
use uuid::Uuid;

use crate::guard::{guard, Internal};
use crate::ident::{nik_warning, NikWarning};
use crate::lang;
use crate::model::{
    instant, iso_date, Complaint, ComplaintInput, Household, Person, PersonInput, Proposal,
    ProposalInput, ReferralInput, VisitInput,
};

/// The records room's error. Messages are for people (Bahasa Indonesia unless
/// `set_message_language(EN)`), name records by id, and never contain a whole NIK or KK.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum RecordsError {
    /// A field the person can correct: the message names it and says why.
    #[error("{}", Redacted(.message))]
    Invalid { message: String },
    #[error("{}", Redacted(.message))]
    NotFound { message: String },
    /// The record clashes with one already stored (a NIK on another member).
    #[error("{}", Redacted(.message))]
    Conflict { message: String },
    /// The store file could not be opened, read or written (disk full, damaged file, a file
    /// from a newer app).
    #[error("{}", Redacted(.message))]
    Storage { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum RecordsError {
    Invalid { message },
    NotFound { message },
    Conflict { message },
    Storage { message },
    Internal { message },
});

impl Internal for RecordsError {
    fn internal(detail: String) -> Self {
        let message = match lang::current() {
            puskesos_core::Lang::Id => {
                format!("Kesalahan internal pada penyimpanan; data tidak berubah. ({detail})")
            }
            puskesos_core::Lang::En => {
                format!("Internal error in the store; nothing was changed. ({detail})")
            }
        };
        RecordsError::Internal { message }
    }
}

impl From<StoreError> for RecordsError {
    fn from(e: StoreError) -> Self {
        let message = e.message(lang::current());
        match e {
            StoreError::Model(_)
            | StoreError::Rules(_)
            | StoreError::Import { .. }
            | StoreError::Capture(_) => RecordsError::Invalid { message },
            StoreError::NotFound { .. } => RecordsError::NotFound { message },
            StoreError::Conflict(_) | StoreError::Refused { .. } => {
                RecordsError::Conflict { message }
            }
            StoreError::Member { ref source, .. } => match **source {
                StoreError::Refused { .. } | StoreError::Conflict(_) => {
                    RecordsError::Conflict { message }
                }
                _ => RecordsError::Invalid { message },
            },
            StoreError::NoActivePack
            | StoreError::Sqlite(_)
            | StoreError::Json(_)
            | StoreError::Io(_)
            | StoreError::NewerSchema { .. }
            | StoreError::WrongKey => RecordsError::Storage { message },
        }
    }
}

impl From<m::ModelError> for RecordsError {
    fn from(e: m::ModelError) -> Self {
        RecordsError::Invalid {
            message: e.message(lang::current()),
        }
    }
}

/// A record id typed or passed by the app; a malformed one is the caller's input error.
pub(crate) fn parse_id(field: &str, text: &str) -> Result<Uuid, String> {
    Uuid::parse_str(text.trim()).map_err(|_| match lang::current() {
        puskesos_core::Lang::Id => format!("Id {field} tidak valid: {text:?}"),
        puskesos_core::Lang::En => format!("Invalid {field} id: {text:?}"),
    })
}

pub(crate) fn id(field: &str, text: &str) -> Result<Uuid, RecordsError> {
    parse_id(field, text).map_err(|message| RecordsError::Invalid { message })
}

pub(crate) fn date(field: &str, text: &str) -> Result<chrono::NaiveDate, RecordsError> {
    iso_date(text).ok_or_else(|| RecordsError::Invalid {
        message: match lang::current() {
            puskesos_core::Lang::Id => {
                format!("Tanggal {field} \"{text}\" tidak terbaca; gunakan format TTTT-BB-HH.")
            }
            puskesos_core::Lang::En => {
                format!("Unreadable {field} date \"{text}\"; use YYYY-MM-DD.")
            }
        },
    })
}

/// The member form's input as core takes it; `household` overrides the input's own id
/// (a family saved at once has none yet).
pub(crate) fn core_person_input(
    input: PersonInput,
    household: Option<Uuid>,
) -> Result<m::PersonInput, RecordsError> {
    let birth_date = input
        .birth_date
        .as_deref()
        .map(|d| date("birth_date", d))
        .transpose()?;
    Ok(m::PersonInput {
        household_id: household.unwrap_or_default(),
        nik: input.nik,
        name: input.name,
        birth_place: input.birth_place,
        birth_date,
        sex: input.sex,
        relationship: input.relationship,
        marital_status: input.marital_status,
        education: input.education,
        occupation: input.occupation,
        disability: input.disability,
        chronic_illness: input.chronic_illness,
        pregnant: input.pregnant,
        in_school: input.in_school,
    })
}

/// A member saved, with the mismatches between the NIK and the form (a question for the
/// operator, not a refusal).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SavedPerson {
    pub person: Person,
    pub warnings: Vec<NikWarning>,
}

/// The phone's store, opened on a file in the app's private storage. Safe to share between
/// threads: core serialises access on one connection, and every write is one transaction.
#[derive(uniffi::Object)]
pub struct FieldStore {
    pub(crate) inner: Store,
}

impl std::fmt::Debug for FieldStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldStore").finish_non_exhaustive()
    }
}

#[uniffi::export]
impl FieldStore {
    /// Opens (creating if needed) the store at `path` and migrates it. A file written by a
    /// newer app is refused with `Storage`, never guessed at.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<FieldStore>, RecordsError> {
        guard(|| {
            let inner = Store::open(Path::new(&path))?;
            Ok(Arc::new(FieldStore { inner }))
        })
    }

    pub fn schema_version(&self) -> Result<u32, RecordsError> {
        guard(|| Ok(self.inner.schema_version()?))
    }

    /// Validates and saves a new household (checked against the pack's region list);
    /// returns it with its id. A household with its members is `save_family`.
    pub fn save_household(
        &self,
        input: HouseholdInput,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let regions = self.inner.region_list()?;
            let h = m::Household::new(input, &author, Utc::now(), regions.as_deref())?;
            self.inner.save_household(&h)?;
            Ok((&h).into())
        })
    }

    /// Replaces a household's housing answers.
    pub fn update_housing(
        &self,
        household_id: String,
        housing: Housing,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let h = self
                .inner
                .update_household(id("household", &household_id)?, |h| {
                    h.set_housing(housing, &author, Utc::now())
                })?;
            Ok((&h).into())
        })
    }

    /// Records the programmes the family receives and whether it lost its livelihood;
    /// `null` leaves the earlier answer.
    pub fn update_circumstances(
        &self,
        household_id: String,
        programmes_received: Option<Vec<String>>,
        lost_livelihood: Option<bool>,
        author: String,
    ) -> Result<Household, RecordsError> {
        guard(|| {
            let h = self
                .inner
                .update_household(id("household", &household_id)?, |h| {
                    h.set_circumstances(programmes_received, lost_livelihood, &author, Utc::now())
                })?;
            Ok((&h).into())
        })
    }

    pub fn household(&self, household_id: String) -> Result<Household, RecordsError> {
        guard(|| {
            let h = self.inner.household(id("household", &household_id)?)?;
            Ok((&h).into())
        })
    }

    /// Households of a village (all when `null`), by head's name.
    pub fn households(&self, village_code: Option<String>) -> Result<Vec<Household>, RecordsError> {
        guard(|| {
            let list = self.inner.households(village_code.as_deref())?;
            Ok(list.iter().map(Household::from).collect())
        })
    }

    pub fn households_by_kk(&self, kk_number: String) -> Result<Vec<Household>, RecordsError> {
        guard(|| {
            let kk = puskesos_core::ident::normalize_number(&kk_number);
            let list = self.inner.households_by_kk(&kk)?;
            Ok(list.iter().map(Household::from).collect())
        })
    }

    /// Adds a member to a household. Sex and birth date come from a valid NIK when the form
    /// left them empty; a NIK already on another member is a `Conflict`. `add_member` also
    /// returns the family's warnings.
    pub fn add_person(
        &self,
        input: PersonInput,
        author: String,
    ) -> Result<SavedPerson, RecordsError> {
        guard(|| {
            let household = id("household", &input.household_id)?;
            let input = core_person_input(input, Some(household))?;
            let (saved, _) = self.inner.add_member(input, &author, Utc::now())?;
            Ok(SavedPerson {
                person: (&saved.person).into(),
                warnings: saved.warnings.iter().map(nik_warning).collect(),
            })
        })
    }

    /// Records questionnaire answers about a member; contradictions are refused.
    pub fn answer_member(
        &self,
        person_id: String,
        answers: MemberAnswers,
        author: String,
    ) -> Result<Person, RecordsError> {
        guard(|| {
            let p = self.inner.update_person(id("person", &person_id)?, |p| {
                p.answer(answers, &author, Utc::now())
            })?;
            Ok((&p).into())
        })
    }

    pub fn person(&self, person_id: String) -> Result<Person, RecordsError> {
        guard(|| Ok((&self.inner.person(id("person", &person_id)?)?).into()))
    }

    /// Members in the order they were added.
    pub fn members(&self, household_id: String) -> Result<Vec<Person>, RecordsError> {
        guard(|| {
            let list = self.inner.persons_of(id("household", &household_id)?)?;
            Ok(list.iter().map(Person::from).collect())
        })
    }

    /// The recorded member with this NIK (separators allowed), if any.
    pub fn person_by_nik(&self, nik: String) -> Result<Option<Person>, RecordsError> {
        guard(|| {
            let nik = puskesos_core::ident::normalize_number(&nik);
            Ok(self.inner.person_by_nik(&nik)?.as_ref().map(Person::from))
        })
    }

    pub fn record_visit(&self, input: VisitInput, author: String) -> Result<Visit, RecordsError> {
        guard(|| {
            let visited_at = instant(input.visited_at_ms).ok_or_else(|| RecordsError::Invalid {
                message: lang::current()
                    .pick("Waktu kunjungan tidak valid.", "Invalid visit time.")
                    .to_string(),
            })?;
            let gps = input
                .gps
                .map(|g| m::GeoPoint::new(g.lat, g.lon, g.accuracy_m))
                .transpose()?;
            let mut v = m::Visit::new(
                id("household", &input.household_id)?,
                visited_at,
                input.purpose,
                gps,
                input.notes.as_deref(),
                &author,
                Utc::now(),
            )?;
            if let Some(due) = input.next_visit_due.as_deref() {
                let complaint = input
                    .complaint_id
                    .as_deref()
                    .map(|c| id("complaint", c))
                    .transpose()?;
                v = v.follow_up(date("next_visit_due", due)?, complaint)?;
            }
            self.inner.save_visit(&v)?;
            Ok(v)
        })
    }

    /// A household's visits, newest first.
    pub fn visits(&self, household_id: String) -> Result<Vec<Visit>, RecordsError> {
        guard(|| {
            let list = self.inner.visits_of(id("household", &household_id)?)?;
            Ok(list)
        })
    }

    /// Opens a case (status `Received`).
    pub fn register_complaint(
        &self,
        input: ComplaintInput,
        author: String,
    ) -> Result<Complaint, RecordsError> {
        guard(|| {
            let household_id = input
                .household_id
                .as_deref()
                .map(|h| id("household", h))
                .transpose()?;
            let k = m::Complaint::new(
                household_id,
                &input.complainant_name,
                input.category,
                &input.description,
                input.channel,
                &author,
                Utc::now(),
            )?;
            self.inner.save_complaint(&k)?;
            Ok((&k).into())
        })
    }

    /// Moves a case forward with a note; going back or staying is refused.
    pub fn advance_complaint(
        &self,
        complaint_id: String,
        to: ComplaintStatus,
        note: String,
        author: String,
    ) -> Result<Complaint, RecordsError> {
        guard(|| {
            let k = self.inner.advance_complaint(
                id("complaint", &complaint_id)?,
                to,
                &note,
                &author,
                Utc::now(),
            )?;
            Ok((&k).into())
        })
    }

    pub fn complaint(&self, complaint_id: String) -> Result<Complaint, RecordsError> {
        guard(|| Ok((&self.inner.complaint(id("complaint", &complaint_id)?)?).into()))
    }

    /// Complaints, newest first; only those in `status` when given.
    pub fn complaints(
        &self,
        status: Option<ComplaintStatus>,
    ) -> Result<Vec<Complaint>, RecordsError> {
        guard(|| {
            let list = self.inner.complaints(status)?;
            Ok(list.iter().map(Complaint::from).collect())
        })
    }

    pub fn refer(&self, input: ReferralInput, author: String) -> Result<Referral, RecordsError> {
        guard(|| {
            let complaint_id = input
                .complaint_id
                .as_deref()
                .map(|c| id("complaint", c))
                .transpose()?;
            let r = m::Referral::new(
                id("household", &input.household_id)?,
                complaint_id,
                input.sector,
                &input.service,
                &input.institution,
                input.note.as_deref(),
                &author,
                Utc::now(),
            )?;
            self.inner.save_referral(&r)?;
            Ok(r)
        })
    }

    pub fn referrals(&self, household_id: String) -> Result<Vec<Referral>, RecordsError> {
        guard(|| {
            let list = self.inner.referrals_of(id("household", &household_id)?)?;
            Ok(list)
        })
    }

    /// A registry proposal: new registration or correction ("usul"), objection ("sanggah",
    /// which must name the recipient's NIK).
    pub fn propose(&self, input: ProposalInput, author: String) -> Result<Proposal, RecordsError> {
        guard(|| {
            let p = m::Proposal::new(
                id("household", &input.household_id)?,
                input.kind,
                &input.reason,
                input.target_nik.as_deref(),
                &author,
                Utc::now(),
            )?;
            self.inner.save_proposal(&p)?;
            Ok((&p).into())
        })
    }

    /// Proposals, newest first.
    pub fn proposals(&self) -> Result<Vec<Proposal>, RecordsError> {
        guard(|| Ok(self.inner.proposals()?.iter().map(Proposal::from).collect()))
    }

    /// Stores a document's bytes (normally a photo from `normalize_photo`) on a household.
    /// The same content on the same household is kept once: the earlier record comes back
    /// and nothing new is queued. `bytes` is one copy from the app's ByteArray.
    pub fn attach_document(
        &self,
        household_id: String,
        kind: DocumentKind,
        bytes: Vec<u8>,
        mime: String,
        author: String,
    ) -> Result<Document, RecordsError> {
        guard(|| {
            let sha = puskesos_core::capture::content_hash(&bytes);
            let d = m::Document::new(
                id("household", &household_id)?,
                kind,
                &sha,
                bytes.len() as u64,
                &mime,
                &author,
                Utc::now(),
            )?;
            let stored = self.inner.save_document(&d, &bytes)?;
            Ok(stored)
        })
    }

    pub fn documents(&self, household_id: String) -> Result<Vec<Document>, RecordsError> {
        guard(|| {
            let list = self.inner.documents_of(id("household", &household_id)?)?;
            Ok(list)
        })
    }

    /// The stored bytes of a document (for a preview), one copy into a ByteArray.
    pub fn document_bytes(&self, document_id: String) -> Result<Vec<u8>, RecordsError> {
        guard(|| Ok(self.inner.document_bytes(id("document", &document_id)?)?))
    }

    /// The registry's photo checklist: the kinds still missing on a household, in order.
    pub fn missing_photos(&self, household_id: String) -> Result<Vec<DocumentKind>, RecordsError> {
        guard(|| {
            let docs = self.inner.documents_of(id("household", &household_id)?)?;
            let present: Vec<DocumentKind> = docs.iter().map(|d| d.kind).collect();
            Ok(DocumentKind::missing(&present))
        })
    }
}

/// The date a new proposal of `kind` submitted today is measured against (ISO): the end of a
/// sanggah's 14-day verification or the month's cut-off for an usul, shown on the form.
#[uniffi::export]
pub fn proposal_due_date(kind: m::ProposalKind, submitted_on: Option<String>) -> String {
    let on = submitted_on
        .as_deref()
        .and_then(crate::model::iso_date)
        .unwrap_or_else(|| Utc::now().date_naive());
    m::proposal_due(kind, on).to_string()
}
