//! The field data model as UniFFI types: core's coded answers as they are (remote enums),
//! and records that carry core's validated values as plain strings and numbers.
//!
//! Conversions only, no rules: every check happens in core's constructors, which the store
//! facade calls. Ids are UUID strings, instants are milliseconds since the Unix epoch (what
//! `System.currentTimeMillis()` gives; `java.time` needs API 26 and the app starts at 24),
//! dates are ISO `YYYY-MM-DD` strings.

use chrono::{DateTime, NaiveDate, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    self as m, Assets as CoreAssets, ComplaintCategory, ComplaintChannel, ComplaintStatus,
    CookingFuel, Disability, DisabilitySeverity, DocumentKind, DrinkingWater, Education,
    FloorMaterial, Lighting, MaritalStatus, ProposalKind, ProposalStatus, ReferralStatus,
    Relationship, RoofMaterial, SchoolLevel, Sector, Tenure, Toilet, VisitPurpose, WallMaterial,
    WorkField,
};

#[uniffi::remote(Enum)]
pub enum Relationship {
    Head,
    Spouse,
    Child,
    ChildInLaw,
    Grandchild,
    Parent,
    ParentInLaw,
    OtherFamily,
    Helper,
    Other,
}

#[uniffi::remote(Enum)]
pub enum MaritalStatus {
    Single,
    Married,
    Divorced,
    Widowed,
}

#[uniffi::remote(Enum)]
pub enum Education {
    None,
    PrimaryIncomplete,
    Primary,
    JuniorSecondary,
    SeniorSecondary,
    Diploma,
    Bachelor,
    Postgraduate,
}

#[uniffi::remote(Enum)]
pub enum Disability {
    None,
    Physical,
    Intellectual,
    Mental,
    Sensory,
    Multiple,
}

#[uniffi::remote(Enum)]
pub enum DisabilitySeverity {
    Mild,
    Moderate,
    Severe,
}

#[uniffi::remote(Enum)]
pub enum SchoolLevel {
    Early,
    Sd,
    Smp,
    Sma,
    Higher,
}

#[uniffi::remote(Enum)]
pub enum WorkField {
    Agriculture,
    Fisheries,
    Manufacturing,
    Construction,
    Trade,
    Transport,
    Services,
    CivilServant,
    Other,
}

#[uniffi::remote(Enum)]
pub enum FloorMaterial {
    MarbleGranite,
    Ceramic,
    ParquetVinyl,
    TileTerrazzo,
    WoodBoard,
    CementBrick,
    Bamboo,
    Earth,
    Other,
}

#[uniffi::remote(Enum)]
pub enum WallMaterial {
    Masonry,
    PlasteredBamboo,
    WoodBoard,
    WovenBamboo,
    Log,
    Bamboo,
    Other,
}

#[uniffi::remote(Enum)]
pub enum RoofMaterial {
    Concrete,
    CeramicTile,
    MetalTile,
    ClayTile,
    Asbestos,
    Zinc,
    Shingle,
    Bamboo,
    Thatch,
    Other,
}

#[uniffi::remote(Enum)]
pub enum Tenure {
    Own,
    Rent,
    RentFree,
    Official,
    Other,
}

#[uniffi::remote(Enum)]
pub enum Toilet {
    Own,
    Shared,
    Public,
    None,
}

#[uniffi::remote(Enum)]
pub enum DrinkingWater {
    Bottled,
    Piped,
    Borehole,
    ProtectedWell,
    UnprotectedWell,
    ProtectedSpring,
    UnprotectedSpring,
    Surface,
    Rain,
    Other,
}

#[uniffi::remote(Enum)]
pub enum Lighting {
    PlnMetered,
    PlnUnmetered,
    NonPln,
    None,
}

#[uniffi::remote(Enum)]
pub enum CookingFuel {
    Electricity,
    LpgLarge,
    Lpg3kg,
    TownGas,
    Biogas,
    Kerosene,
    Briquette,
    Charcoal,
    Firewood,
    None,
}

#[uniffi::remote(Enum)]
pub enum VisitPurpose {
    Verification,
    Assessment,
    ComplaintFollowUp,
    Monitoring,
    Other,
}

#[uniffi::remote(Enum)]
pub enum ComplaintCategory {
    NotRegistered,
    AidNotReceived,
    WrongTarget,
    DataCorrection,
    ServiceRequest,
    Other,
}

#[uniffi::remote(Enum)]
pub enum ComplaintChannel {
    WalkIn,
    HouseVisit,
    WhatsApp,
    Phone,
    Letter,
}

/// The SLRT case flow, in order; a case only moves forward.
#[uniffi::remote(Enum)]
pub enum ComplaintStatus {
    Received,
    RegistryChecked,
    Referred,
    Handled,
    Monitored,
    Closed,
}

/// The nine SLRT service sectors (Permensos 15/2018).
#[uniffi::remote(Enum)]
pub enum Sector {
    Health,
    Education,
    SocialEconomic,
    Food,
    Energy,
    Agriculture,
    Fisheries,
    Housing,
    CivilRegistration,
}

#[uniffi::remote(Enum)]
pub enum ReferralStatus {
    Proposed,
    Sent,
    Accepted,
    Served,
    Rejected,
}

/// Cek Bansos's "usul" (new registration, correction) and "sanggah" (objection).
#[uniffi::remote(Enum)]
pub enum ProposalKind {
    NewRegistration,
    Correction,
    Objection,
}

#[uniffi::remote(Enum)]
pub enum ProposalStatus {
    Draft,
    Submitted,
    Accepted,
    Returned,
}

/// What a photo shows; the house and family photos are the registry's required set.
#[uniffi::remote(Enum)]
pub enum DocumentKind {
    Kk,
    Ktp,
    Letter,
    HouseFront,
    HouseWall,
    HouseFloor,
    Kitchen,
    Toilet,
    Roof,
    HeadOfHousehold,
    ProgrammeCard,
    Other,
}

/// Who wrote a record and when.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordMeta {
    pub id: String,
    pub created_by: String,
    pub created_at_ms: i64,
    pub updated_by: String,
    pub updated_at_ms: i64,
}

impl From<&m::Meta> for RecordMeta {
    fn from(meta: &m::Meta) -> Self {
        RecordMeta {
            id: meta.id.to_string(),
            created_by: meta.created_by.clone(),
            created_at_ms: meta.created_at.timestamp_millis(),
            updated_by: meta.updated_by.clone(),
            updated_at_ms: meta.updated_at.timestamp_millis(),
        }
    }
}

/// Assets the registry questionnaire asks about; `null` = not asked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Assets {
    #[uniffi(default = None)]
    pub refrigerator: Option<bool>,
    #[uniffi(default = None)]
    pub air_conditioner: Option<bool>,
    #[uniffi(default = None)]
    pub water_heater: Option<bool>,
    #[uniffi(default = None)]
    pub landline: Option<bool>,
    #[uniffi(default = None)]
    pub television: Option<bool>,
    #[uniffi(default = None)]
    pub gold: Option<bool>,
    #[uniffi(default = None)]
    pub computer: Option<bool>,
    #[uniffi(default = None)]
    pub bicycle: Option<bool>,
    #[uniffi(default = None)]
    pub motorcycle: Option<bool>,
    #[uniffi(default = None)]
    pub car: Option<bool>,
    #[uniffi(default = None)]
    pub boat: Option<bool>,
    #[uniffi(default = None)]
    pub motor_boat: Option<bool>,
    #[uniffi(default = None)]
    pub land: Option<bool>,
    #[uniffi(default = None)]
    pub other_house: Option<bool>,
    #[uniffi(default = None)]
    pub livestock: Option<bool>,
}

/// Housing answers (Regsosek blocks on housing, sanitation, energy and assets). Every answer
/// is optional: an unknown answer makes the rules ask instead of guess.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct Housing {
    #[uniffi(default = None)]
    pub floor: Option<FloorMaterial>,
    #[uniffi(default = None)]
    pub wall: Option<WallMaterial>,
    #[uniffi(default = None)]
    pub roof: Option<RoofMaterial>,
    #[uniffi(default = None)]
    pub floor_area_m2: Option<f64>,
    #[uniffi(default = None)]
    pub tenure: Option<Tenure>,
    #[uniffi(default = None)]
    pub owns_land: Option<bool>,
    #[uniffi(default = None)]
    pub toilet: Option<Toilet>,
    #[uniffi(default = None)]
    pub drinking_water: Option<DrinkingWater>,
    #[uniffi(default = None)]
    pub lighting: Option<Lighting>,
    #[uniffi(default = None)]
    pub electricity_va: Option<u32>,
    #[uniffi(default = None)]
    pub cooking_fuel: Option<CookingFuel>,
    #[uniffi(default)]
    pub assets: Assets,
}

impl From<Assets> for CoreAssets {
    fn from(a: Assets) -> Self {
        CoreAssets {
            refrigerator: a.refrigerator,
            air_conditioner: a.air_conditioner,
            water_heater: a.water_heater,
            landline: a.landline,
            television: a.television,
            gold: a.gold,
            computer: a.computer,
            bicycle: a.bicycle,
            motorcycle: a.motorcycle,
            car: a.car,
            boat: a.boat,
            motor_boat: a.motor_boat,
            land: a.land,
            other_house: a.other_house,
            livestock: a.livestock,
        }
    }
}

impl From<&CoreAssets> for Assets {
    fn from(a: &CoreAssets) -> Self {
        Assets {
            refrigerator: a.refrigerator,
            air_conditioner: a.air_conditioner,
            water_heater: a.water_heater,
            landline: a.landline,
            television: a.television,
            gold: a.gold,
            computer: a.computer,
            bicycle: a.bicycle,
            motorcycle: a.motorcycle,
            car: a.car,
            boat: a.boat,
            motor_boat: a.motor_boat,
            land: a.land,
            other_house: a.other_house,
            livestock: a.livestock,
        }
    }
}

impl From<Housing> for m::Housing {
    fn from(h: Housing) -> Self {
        m::Housing {
            floor: h.floor,
            wall: h.wall,
            roof: h.roof,
            floor_area_m2: h.floor_area_m2,
            tenure: h.tenure,
            owns_land: h.owns_land,
            toilet: h.toilet,
            drinking_water: h.drinking_water,
            lighting: h.lighting,
            electricity_va: h.electricity_va,
            cooking_fuel: h.cooking_fuel,
            assets: h.assets.into(),
        }
    }
}

impl From<&m::Housing> for Housing {
    fn from(h: &m::Housing) -> Self {
        Housing {
            floor: h.floor,
            wall: h.wall,
            roof: h.roof,
            floor_area_m2: h.floor_area_m2,
            tenure: h.tenure,
            owns_land: h.owns_land,
            toilet: h.toilet,
            drinking_water: h.drinking_water,
            lighting: h.lighting,
            electricity_va: h.electricity_va,
            cooking_fuel: h.cooking_fuel,
            assets: (&h.assets).into(),
        }
    }
}

/// What the household form gives; every check happens in core.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HouseholdInput {
    pub kk_number: String,
    /// Kemendagri village code, 10 digits, dotted or not.
    pub village_code: String,
    pub address: String,
    pub rt: String,
    pub rw: String,
    /// The head's name as on the KK; members are added as persons.
    pub head_name: String,
    #[uniffi(default)]
    pub housing: Housing,
}

/// A household (the family on one KK) as stored.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Household {
    pub meta: RecordMeta,
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

impl From<&m::Household> for Household {
    fn from(h: &m::Household) -> Self {
        Household {
            meta: (&h.meta).into(),
            kk_number: h.kk_number.as_str().to_string(),
            kk_masked: h.kk_number.masked(),
            village_code: h.village_code.as_str().to_string(),
            address: h.address.clone(),
            rt: h.rt.as_str().to_string(),
            rw: h.rw.as_str().to_string(),
            head_name: h.head_name.as_str().to_string(),
            housing: (&h.housing).into(),
            kk_qr_evidence: h.kk_qr_evidence.clone(),
            programmes_received: h.programmes_received.clone(),
            lost_livelihood: h.lost_livelihood,
            location: h.location.map(|g| GeoPoint {
                lat: g.lat,
                lon: g.lon,
                accuracy_m: g.accuracy_m,
            }),
        }
    }
}

/// What the member form gives; sex and birth date are filled from a valid NIK when empty.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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

/// The questionnaire's answers about a member; `null` leaves the earlier answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct MemberAnswers {
    #[uniffi(default = None)]
    pub disability: Option<Disability>,
    #[uniffi(default = None)]
    pub disability_severity: Option<DisabilitySeverity>,
    #[uniffi(default = None)]
    pub chronic_illness: Option<bool>,
    #[uniffi(default = None)]
    pub pregnant: Option<bool>,
    #[uniffi(default = None)]
    pub in_school: Option<bool>,
    #[uniffi(default = None)]
    pub school_level: Option<SchoolLevel>,
    #[uniffi(default = None)]
    pub education: Option<Education>,
    #[uniffi(default = None)]
    pub employed: Option<bool>,
    #[uniffi(default = None)]
    pub work_field: Option<WorkField>,
    #[uniffi(default = None)]
    pub neglected: Option<bool>,
}

impl From<MemberAnswers> for m::MemberAnswers {
    fn from(a: MemberAnswers) -> Self {
        m::MemberAnswers {
            disability: a.disability,
            disability_severity: a.disability_severity,
            chronic_illness: a.chronic_illness,
            pregnant: a.pregnant,
            in_school: a.in_school,
            school_level: a.school_level,
            education: a.education,
            employed: a.employed,
            work_field: a.work_field,
            neglected: a.neglected,
        }
    }
}

/// A member of a household as stored. `nik` is the full number, for the form that edits it;
/// lists and logs use `nik_masked`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Person {
    pub meta: RecordMeta,
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

impl From<&m::Person> for Person {
    fn from(p: &m::Person) -> Self {
        Person {
            meta: (&p.meta).into(),
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

/// A location the person agreed to record, as a field of the visit (never inside a photo).
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Record)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
    #[uniffi(default = None)]
    pub accuracy_m: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Visit {
    pub meta: RecordMeta,
    pub household_id: String,
    pub visited_at_ms: i64,
    pub purpose: VisitPurpose,
    pub gps: Option<GeoPoint>,
    pub notes: Option<String>,
    pub next_visit_due: Option<String>,
    pub complaint_id: Option<String>,
}

impl From<&m::Visit> for Visit {
    fn from(v: &m::Visit) -> Self {
        Visit {
            meta: (&v.meta).into(),
            household_id: v.household_id.to_string(),
            visited_at_ms: v.visited_at.timestamp_millis(),
            purpose: v.purpose,
            gps: v.gps.map(|g| GeoPoint {
                lat: g.lat,
                lon: g.lon,
                accuracy_m: g.accuracy_m,
            }),
            notes: v.notes.as_ref().map(|n| n.as_str().to_string()),
            next_visit_due: v.next_visit_due.map(|d| d.to_string()),
            complaint_id: v.complaint_id.map(|c| c.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ComplaintInput {
    /// Absent when the complainant's household is not recorded (yet).
    #[uniffi(default = None)]
    pub household_id: Option<String>,
    pub complainant_name: String,
    pub category: ComplaintCategory,
    pub description: String,
    pub channel: ComplaintChannel,
}

/// One dated, signed change of a complaint's status, kept forever with the case.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatusChange {
    pub status: ComplaintStatus,
    pub at_ms: i64,
    pub by: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Complaint {
    pub meta: RecordMeta,
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

impl From<&m::Complaint> for Complaint {
    fn from(k: &m::Complaint) -> Self {
        Complaint {
            meta: (&k.meta).into(),
            household_id: k.household_id.map(|h| h.to_string()),
            complainant_name: k.complainant_name.as_str().to_string(),
            category: k.category,
            description: k.description.as_str().to_string(),
            channel: k.channel,
            status: k.status(),
            next_status: k.status().next(),
            history: k
                .history()
                .iter()
                .map(|c| StatusChange {
                    status: c.status,
                    at_ms: c.at.timestamp_millis(),
                    by: c.by.clone(),
                    note: c.note.as_str().to_string(),
                })
                .collect(),
            receipt_qr: puskesos_core::capture::case_qr_text(k.meta.id),
            days_open: k.days_open(Utc::now()),
            overdue: k.overdue(Utc::now()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Referral {
    pub meta: RecordMeta,
    pub household_id: String,
    pub complaint_id: Option<String>,
    pub sector: Sector,
    pub service: String,
    pub institution: String,
    pub status: ReferralStatus,
    pub note: Option<String>,
}

impl From<&m::Referral> for Referral {
    fn from(r: &m::Referral) -> Self {
        Referral {
            meta: (&r.meta).into(),
            household_id: r.household_id.to_string(),
            complaint_id: r.complaint_id.map(|c| c.to_string()),
            sector: r.sector,
            service: r.service.clone(),
            institution: r.institution.clone(),
            status: r.status,
            note: r.note.as_ref().map(|n| n.as_str().to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProposalInput {
    pub household_id: String,
    pub kind: ProposalKind,
    pub reason: String,
    /// Required for an objection: the recipient objected to.
    #[uniffi(default = None)]
    pub target_nik: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Proposal {
    pub meta: RecordMeta,
    pub household_id: String,
    pub kind: ProposalKind,
    pub reason: String,
    pub target_nik_masked: Option<String>,
    pub status: ProposalStatus,
    pub resubmissions: u32,
    /// ISO date: a sanggah's verification deadline (14 days), an usul's monthly cut-off (17th).
    pub due: String,
}

impl From<&m::Proposal> for Proposal {
    fn from(p: &m::Proposal) -> Self {
        Proposal {
            meta: (&p.meta).into(),
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

/// A stored document or photo; its bytes stay in the store (`FieldStore.document_bytes`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Document {
    pub meta: RecordMeta,
    pub household_id: String,
    pub kind: DocumentKind,
    pub sha256: String,
    pub size: u64,
    pub mime: String,
    /// The quality problems of a photo kept anyway.
    pub kept_with: Vec<String>,
    /// The proposal it is evidence for.
    pub proposal_id: Option<String>,
}

impl From<&m::Document> for Document {
    fn from(d: &m::Document) -> Self {
        Document {
            meta: (&d.meta).into(),
            household_id: d.household_id.to_string(),
            kind: d.kind,
            sha256: d.sha256.clone(),
            size: d.size,
            mime: d.mime.clone(),
            kept_with: d.kept_with.clone(),
            proposal_id: d.proposal_id.map(|p| p.to_string()),
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
