//! The field data model: what pillars and operators record about a household.
//!
//! Every constructor validates, so a value that exists is a valid one: fields whose rules are
//! local live in validated newtypes ([`VillageCode`], [`Rt`], [`PersonName`], …), and records
//! whose rules span fields (a complaint's status history) keep those fields private.
//! Ids are UUIDv7 made on the device: sortable by creation time and unique without a server.

mod codes;
mod complaint;
mod correction;
mod document;
mod error;
mod family;
mod household;
mod housing;
mod meta;
mod person;
mod proposal;
mod referral;
mod text;
mod visit;

pub use codes::CodeLabel;
pub use complaint::{
    Complaint, ComplaintCategory, ComplaintChannel, ComplaintStatus, StatusChange, HANDLING_DAYS,
    RESPONSE_DAYS,
};
pub use correction::{ChangeKind, Correction, FieldChange, HouseholdChanges, PersonChanges};
pub use document::{Document, DocumentKind};
pub use error::ModelError;
pub use family::{family_warnings, FamilyWarning, MemberFacts};
pub use household::{Household, HouseholdInput};
pub use housing::{
    Assets, CookingFuel, DrinkingWater, FloorMaterial, Housing, Lighting, RoofMaterial, Tenure,
    Toilet, WallMaterial,
};
pub use meta::{new_id, Meta};
pub use person::{
    Disability, DisabilitySeverity, Education, MaritalStatus, MemberAnswers, Person, PersonInput,
    Relationship, SchoolLevel, WorkField,
};
pub use proposal::{
    proposal_due, Proposal, ProposalKind, ProposalStatus, MONTHLY_CUTOFF_DAY,
    OBJECTION_VERIFICATION_DAYS,
};
pub use referral::{Referral, ReferralStatus, Sector};
pub use text::{Note, PersonName, Rt, Rw, VillageCode};
pub use visit::{GeoPoint, Visit, VisitPurpose};
