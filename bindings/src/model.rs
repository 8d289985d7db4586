//! The records the phone sees in a different shape from core's, and the forms it fills.
//!
//! Core's coded answers and the records the phone sees as they are (meta, housing, visits,
//! referrals, documents, a case's steps) derive their UniFFI types in core itself (feature
//! `uniffi`, `core/src/ffi_types.rs`). What stays here is what must differ:
//! - views that carry a masked number next to the full one (household, person, proposal) or
//!   what core derives from a record (a case's next step, age, overdue flag and receipt);
//! - forms, whose numbers and dates are plain strings: core's constructors check them, so a
//!   mistyped date is a typed, bilingual error and not a failed conversion.
//!
//! Conversions only, no rules.

use chrono::{DateTime, NaiveDate, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    self as m, ComplaintCategory, ComplaintChannel, ComplaintStatus, Disability,
    DisabilitySeverity, Education, GeoPoint, Housing, MaritalStatus, Meta, ProposalKind,
    ProposalStatus, Relationship, SchoolLevel, Sector, StatusChange, VisitPurpose, WorkField,
};

/// A household (the family on one KK) as stored.
/// `Debug` masks the KK number (here and in the QR evidence): views get logged.
#[derive(Clone, PartialEq, uniffi::Record)]
pub struct Household {
    pub meta: Meta,
    pub kk_number: String,
    /// For lists and screens shared with others.
    pub kk_masked: String,
    pub village_code: String,
    pub address: String,
    pub rt: String,
    pub rw: String,
    pub head_name: String,
    pub housing: Housing,
    pub kk_qr_evidence: Option<String>,
    /// Programme ids the family receives now; `null` = not asked, empty = none.
    pub programmes_received: Option<Vec<String>>,
    pub lost_livelihood: Option<bool>,
    /// Where the house is, when recorded.
    pub location: Option<GeoPoint>,
}

puskesos_core::redacted_debug!(Household {
    meta,
    kk_number,
    kk_masked,
    village_code,
    address,
    rt,
    rw,
    head_name,
    housing,
    kk_qr_evidence,
    programmes_received,
    lost_livelihood,
    location,
});

impl From<&m::Household> for Household {
    fn from(h: &m::Household) -> Self {
        Household {
            meta: h.meta.clone(),
            kk_number: h.kk_number.as_str().to_string(),
            kk_masked: h.kk_number.masked(),
            village_code: h.village_code.as_str().to_string(),
            address: h.address.clone(),
            rt: h.rt.as_str().to_string(),
            rw: h.rw.as_str().to_string(),
            head_name: h.head_name.as_str().to_string(),
            housing: h.housing.clone(),
            kk_qr_evidence: h.kk_qr_evidence.clone(),
            programmes_received: h.programmes_received.clone(),
            lost_livelihood: h.lost_livelihood,
            location: h.location,
        }
    }
}

/// What the member form gives; sex and birth date are filled from a valid NIK when empty.
/// `Debug` masks the NIK as typed.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct PersonInput {
    pub household_id: String,
    pub name: String,
    /// Absent for people without civil registration.
    #[uniffi(default = None)]
    pub nik: Option<String>,
    #[uniffi(default = None)]
    pub birth_place: Option<String>,
    #[uniffi(default = None)]
    pub birth_date: Option<String>,
    #[uniffi(default = None)]
    pub sex: Option<Sex>,
    #[uniffi(default = None)]
    pub relationship: Option<Relationship>,
    #[uniffi(default = None)]
    pub marital_status: Option<MaritalStatus>,
    #[uniffi(default = None)]
    pub education: Option<Education>,
    #[uniffi(default = None)]
    pub occupation: Option<String>,
    #[uniffi(default = None)]
    pub disability: Option<Disability>,
    #[uniffi(default = None)]
    pub chronic_illness: Option<bool>,
    #[uniffi(default = None)]
    pub pregnant: Option<bool>,
    #[uniffi(default = None)]
    pub in_school: Option<bool>,
}

puskesos_core::redacted_debug!(PersonInput {
    household_id,
    name,
    nik,
    birth_place,
    birth_date,
    sex,
    relationship,
    marital_status,
    education,
    occupation,
    disability,
    chronic_illness,
    pregnant,
    in_school,
});

/// A member of a household as stored. `nik` is the full number, for the form that edits it;
/// lists and logs use `nik_masked`.
/// `Debug` masks it too.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Person {
    pub meta: Meta,
    pub household_id: String,
    pub nik: Option<String>,
    pub nik_masked: Option<String>,
    pub name: String,
    pub birth_place: Option<String>,
    pub birth_date: Option<String>,
    pub sex: Sex,
    pub relationship: Relationship,
    pub marital_status: Option<MaritalStatus>,
    pub education: Option<Education>,
    pub occupation: Option<String>,
    pub disability: Option<Disability>,
    pub disability_severity: Option<DisabilitySeverity>,
    pub chronic_illness: Option<bool>,
    pub pregnant: Option<bool>,
    pub in_school: Option<bool>,
    pub school_level: Option<SchoolLevel>,
    pub employed: Option<bool>,
    pub work_field: Option<WorkField>,
    pub neglected: Option<bool>,
}

puskesos_core::redacted_debug!(Person {
    meta,
    household_id,
    nik,
    nik_masked,
    name,
    birth_place,
    birth_date,
    sex,
    relationship,
    marital_status,
    education,
    occupation,
    disability,
    disability_severity,
    chronic_illness,
    pregnant,
    in_school,
    school_level,
    employed,
    work_field,
    neglected,
});

impl From<&m::Person> for Person {
    fn from(p: &m::Person) -> Self {
        Person {
            meta: p.meta.clone(),
            household_id: p.household_id.to_string(),
            nik: p.nik.as_ref().map(|n| n.as_str().to_string()),
            nik_masked: p.nik.as_ref().map(|n| n.masked()),
            name: p.name.as_str().to_string(),
            birth_place: p.birth_place.clone(),
            birth_date: p.birth_date.map(|d| d.to_string()),
            sex: p.sex,
            relationship: p.relationship,
            marital_status: p.marital_status,
            education: p.education,
            occupation: p.occupation.clone(),
            disability: p.disability,
            disability_severity: p.disability_severity,
            chronic_illness: p.chronic_illness,
            pregnant: p.pregnant,
            in_school: p.in_school,
            school_level: p.school_level,
            employed: p.employed,
            work_field: p.work_field,
            neglected: p.neglected,
        }
    }
}

/// `Debug` masks identity numbers in the notes.
#[derive(Clone, PartialEq, uniffi::Record)]
pub struct VisitInput {
    pub household_id: String,
    pub visited_at_ms: i64,
    pub purpose: VisitPurpose,
    #[uniffi(default = None)]
    pub gps: Option<GeoPoint>,
    #[uniffi(default = None)]
    pub notes: Option<String>,
    /// ISO date by which the pillar must come back (pendampingan).
    #[uniffi(default = None)]
    pub next_visit_due: Option<String>,
    /// The case this visit follows up.
    #[uniffi(default = None)]
    pub complaint_id: Option<String>,
}

puskesos_core::redacted_debug!(VisitInput {
    household_id,
    visited_at_ms,
    purpose,
    gps,
    notes,
    next_visit_due,
    complaint_id,
});

/// `Debug` masks identity numbers in the description ("NIK saya … tidak terdaftar").
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct ComplaintInput {
    /// Absent when the complainant's household is not recorded (yet).
    #[uniffi(default = None)]
    pub household_id: Option<String>,
    pub complainant_name: String,
    pub category: ComplaintCategory,
    pub description: String,
    pub channel: ComplaintChannel,
}

puskesos_core::redacted_debug!(ComplaintInput {
    household_id,
    complainant_name,
    category,
    description,
    channel,
});

/// `Debug` masks identity numbers in the description.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Complaint {
    pub meta: Meta,
    pub household_id: Option<String>,
    pub complainant_name: String,
    pub category: ComplaintCategory,
    pub description: String,
    pub channel: ComplaintChannel,
    pub status: ComplaintStatus,
    /// The step the desk offers as "advance"; `null` once closed.
    pub next_status: Option<ComplaintStatus>,
    pub history: Vec<StatusChange>,
    /// The text of the receipt QR handed to the complainant.
    pub receipt_qr: String,
    /// Whole days since the case was opened.
    pub days_open: i64,
    /// A step has waited longer than it should (core's service standards).
    pub overdue: bool,
}

puskesos_core::redacted_debug!(Complaint {
    meta,
    household_id,
    complainant_name,
    category,
    description,
    channel,
    status,
    next_status,
    history,
    receipt_qr,
    days_open,
    overdue,
});

impl From<&m::Complaint> for Complaint {
    fn from(k: &m::Complaint) -> Self {
        Complaint {
            meta: k.meta.clone(),
            household_id: k.household_id.map(|h| h.to_string()),
            complainant_name: k.complainant_name.as_str().to_string(),
            category: k.category,
            description: k.description.as_str().to_string(),
            channel: k.channel,
            status: k.status(),
            next_status: k.status().next(),
            history: k.history().to_vec(),
            receipt_qr: puskesos_core::capture::case_qr_text(k.meta.id),
            days_open: k.days_open(Utc::now()),
            overdue: k.overdue(Utc::now()),
        }
    }
}

/// `Debug` masks identity numbers in the note.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReferralInput {
    pub household_id: String,
    #[uniffi(default = None)]
    pub complaint_id: Option<String>,
    pub sector: Sector,
    /// The service asked for, e.g. "PBI-JK" or "akta kelahiran".
    pub service: String,
    /// Who is to provide it, e.g. "Puskesmas Sukamaju".
    pub institution: String,
    #[uniffi(default = None)]
    pub note: Option<String>,
}

puskesos_core::redacted_debug!(ReferralInput {
    household_id,
    complaint_id,
    sector,
    service,
    institution,
    note,
});

/// `Debug` masks the target NIK and numbers in the reason.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProposalInput {
    pub household_id: String,
    pub kind: ProposalKind,
    pub reason: String,
    /// Required for an objection: the recipient objected to.
    #[uniffi(default = None)]
    pub target_nik: Option<String>,
}

puskesos_core::redacted_debug!(ProposalInput {
    household_id,
    kind,
    reason,
    target_nik,
});

/// `Debug` masks identity numbers in the reason.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Proposal {
    pub meta: Meta,
    pub household_id: String,
    pub kind: ProposalKind,
    pub reason: String,
    pub target_nik_masked: Option<String>,
    pub status: ProposalStatus,
    pub resubmissions: u32,
    /// ISO date: a sanggah's verification deadline (14 days), an usul's monthly cut-off (17th).
    pub due: String,
}

puskesos_core::redacted_debug!(Proposal {
    meta,
    household_id,
    kind,
    reason,
    target_nik_masked,
    status,
    resubmissions,
    due,
});

impl From<&m::Proposal> for Proposal {
    fn from(p: &m::Proposal) -> Self {
        Proposal {
            meta: p.meta.clone(),
            household_id: p.household_id.to_string(),
            kind: p.kind,
            reason: p.reason.as_str().to_string(),
            target_nik_masked: p.target_nik.as_ref().map(|n| n.masked()),
            status: p.status,
            resubmissions: p.resubmissions,
            due: p.due().to_string(),
        }
    }
}

/// Milliseconds since the epoch as a UTC instant, if representable.
pub(crate) fn instant(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
}

pub(crate) fn iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}
