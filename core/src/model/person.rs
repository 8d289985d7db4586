//! A member of a household, as listed on the KK.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::codes::code_enum;
use super::error::ModelError;
use super::meta::Meta;
use super::text::PersonName;
use crate::ident::{IdWarning, Nik, RegionList, Sex};

code_enum!(
    /// Relationship to the head of the family, as the KK lists it (SHDK).
    Relationship {
        Head = "head", "kepala keluarga", "head of family";
        Spouse = "spouse", "istri/suami", "spouse";
        Child = "child", "anak", "child";
        ChildInLaw = "child_in_law", "menantu", "child-in-law";
        Grandchild = "grandchild", "cucu", "grandchild";
        Parent = "parent", "orang tua", "parent";
        ParentInLaw = "parent_in_law", "mertua", "parent-in-law";
        OtherFamily = "other_family", "famili lain", "other relative";
        Helper = "helper", "pembantu", "domestic helper";
        Other = "other", "lainnya", "other";
    }
);

code_enum!(MaritalStatus {
    Single = "single", "belum kawin", "single";
    Married = "married", "kawin", "married";
    Divorced = "divorced", "cerai hidup", "divorced";
    Widowed = "widowed", "cerai mati", "widowed";
});

code_enum!(
    /// Highest education completed, in the KK's categories.
    Education {
        None = "none", "tidak/belum sekolah", "no schooling";
        PrimaryIncomplete = "primary_incomplete", "belum tamat SD", "primary not completed";
        Primary = "primary", "SD/sederajat", "primary";
        JuniorSecondary = "junior_secondary", "SMP/sederajat", "junior secondary";
        SeniorSecondary = "senior_secondary", "SMA/sederajat", "senior secondary";
        Diploma = "diploma", "diploma", "diploma";
        Bachelor = "bachelor", "S1", "bachelor";
        Postgraduate = "postgraduate", "S2/S3", "postgraduate";
    }
);

code_enum!(
    /// Kinds of disability as grouped by UU 8/2016 on persons with disabilities.
    Disability {
        None = "none", "tidak ada", "none";
        Physical = "physical", "fisik", "physical";
        Intellectual = "intellectual", "intelektual", "intellectual";
        Mental = "mental", "mental", "mental";
        Sensory = "sensory", "sensorik (netra/rungu/wicara)", "sensory (sight/hearing/speech)";
        Multiple = "multiple", "ganda", "multiple";
    }
);

/// What a form gives to build a [`Person`]; every check happens in [`Person::new`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonInput {
    pub household_id: Uuid,
    pub nik: Option<String>,
    pub name: String,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub relationship: Option<Relationship>,
    pub marital_status: Option<MaritalStatus>,
    pub education: Option<Education>,
    pub occupation: Option<String>,
    pub disability: Option<Disability>,
    pub chronic_illness: Option<bool>,
    pub pregnant: Option<bool>,
    pub in_school: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    #[serde(flatten)]
    pub meta: Meta,
    pub household_id: Uuid,
    /// Absent for people without civil registration: reaching them is part of the job
    /// (the civil-registration sector of SLRT), so they can be recorded without one.
    pub nik: Option<Nik>,
    pub name: PersonName,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub relationship: Relationship,
    pub marital_status: Option<MaritalStatus>,
    pub education: Option<Education>,
    pub occupation: Option<String>,
    pub disability: Option<Disability>,
    pub chronic_illness: Option<bool>,
    pub pregnant: Option<bool>,
    pub in_school: Option<bool>,
}

impl Person {
    /// Builds a person, filling sex and birth date from the NIK when the form left them
    /// empty. Returns the warnings (form ≠ NIK) alongside: they are for the operator, not a
    /// refusal.
    pub fn new(
        input: PersonInput,
        author: &str,
        now: DateTime<Utc>,
        regions: Option<&RegionList>,
    ) -> Result<(Person, Vec<IdWarning>), ModelError> {
        let today = now.date_naive();
        let nik = match input
            .nik
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(raw) => Some(Nik::parse(raw, today, regions)?),
            None => None,
        };
        let warnings = nik
            .as_ref()
            .map(|n| n.warnings(input.sex, input.birth_date, None))
            .unwrap_or_default();
        let sex = input
            .sex
            .or(nik.as_ref().map(Nik::sex))
            .ok_or_else(|| ModelError::invalid("sex", "jenis kelamin belum diisi"))?;
        let birth_date = input.birth_date.or(nik.as_ref().map(Nik::birth_date));
        if let Some(d) = birth_date {
            if d > today {
                return Err(ModelError::invalid(
                    "birth_date",
                    "tanggal lahir di masa depan",
                ));
            }
        }
        if input.pregnant == Some(true) && sex == Sex::Male {
            return Err(ModelError::invalid(
                "pregnant",
                "laki-laki tidak bisa hamil",
            ));
        }
        let occupation = input
            .occupation
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty());
        if occupation.as_ref().is_some_and(|o| o.chars().count() > 100) {
            return Err(ModelError::invalid("occupation", "lebih dari 100 karakter"));
        }
        let person = Person {
            meta: Meta::new(author, now),
            household_id: input.household_id,
            nik,
            name: PersonName::new(&input.name)?,
            birth_place: input
                .birth_place
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
            birth_date,
            sex,
            relationship: input.relationship.unwrap_or(Relationship::Other),
            marital_status: input.marital_status,
            education: input.education,
            occupation,
            disability: input.disability,
            chronic_illness: input.chronic_illness,
            pregnant: input.pregnant,
            in_school: input.in_school,
        };
        Ok((person, warnings))
    }

    /// Age in whole years on `on`, if the birth date is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| on.years_since(b))
    }
}
