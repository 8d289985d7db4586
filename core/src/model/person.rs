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

code_enum!(
    /// Severity of a disability, as the PKH and ATENSI guidelines grade it (PKH's
    /// social-welfare component names severe disability, Permensos 1/2018 Pasal 3).
    DisabilitySeverity {
        Mild = "mild", "ringan", "mild";
        Moderate = "moderate", "sedang", "moderate";
        Severe = "severe", "berat", "severe";
    }
);

code_enum!(
    /// The level a member is enrolled in now (Regsosek: jenjang pendidikan yang sedang
    /// diikuti).
    SchoolLevel {
        Early = "early", "PAUD/TK", "early childhood";
        Sd = "sd", "SD/MI/Paket A", "primary (SD/MI/Paket A)";
        Smp = "smp", "SMP/MTs/Paket B", "lower secondary (SMP/MTs/Paket B)";
        Sma = "sma", "SMA/SMK/MA/Paket C", "upper secondary (SMA/SMK/MA/Paket C)";
        Higher = "higher", "perguruan tinggi", "higher education";
    }
);

code_enum!(
    /// The field of a member's main work (Regsosek: lapangan usaha pekerjaan utama). The
    /// KK's free-text occupation stays in [`Person::occupation`].
    WorkField {
        Agriculture = "agriculture", "pertanian/perkebunan/peternakan", "farming/plantation/livestock";
        Fisheries = "fisheries", "perikanan", "fisheries";
        Manufacturing = "manufacturing", "industri pengolahan", "manufacturing";
        Construction = "construction", "konstruksi", "construction";
        Trade = "trade", "perdagangan", "trade";
        Transport = "transport", "transportasi", "transport";
        Services = "services", "jasa", "services";
        CivilServant = "civil_servant", "ASN/TNI/Polri", "civil servant/military/police";
        Other = "other", "lainnya", "other";
    }
);

/// What a form gives to build a [`Person`]; every check happens in [`Person::new`]. `Debug`
/// masks the NIK as typed (valid or not), as a [`Nik`] masks itself.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
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

crate::redacted_debug!(PersonInput {
    household_id,
    nik,
    name,
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

/// The questionnaire's answers about a member that eligibility rules ask for, beyond the KK.
/// `None` = not asked yet, which the rules treat as "needs data", never as "no".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MemberAnswers {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub disability: Option<Disability>,
    /// Only with a disability.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub disability_severity: Option<DisabilitySeverity>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub chronic_illness: Option<bool>,
    /// Pregnant or within the post-partum period.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub pregnant: Option<bool>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub in_school: Option<bool>,
    /// Only when in school.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub school_level: Option<SchoolLevel>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub education: Option<Education>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub employed: Option<bool>,
    /// Only when employed.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub work_field: Option<WorkField>,
    /// Without a carer or means of living (terlantar), as ATENSI defines its targets
    /// (Permensos 7/2021).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub neglected: Option<bool>,
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
    #[serde(default)]
    pub disability_severity: Option<DisabilitySeverity>,
    #[serde(default)]
    pub school_level: Option<SchoolLevel>,
    #[serde(default)]
    pub employed: Option<bool>,
    #[serde(default)]
    pub work_field: Option<WorkField>,
    #[serde(default)]
    pub neglected: Option<bool>,
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
        let sex = input.sex.or(nik.as_ref().map(Nik::sex)).ok_or_else(|| {
            ModelError::invalid("sex", "jenis kelamin belum diisi", "sex is not filled in")
        })?;
        let birth_date = input.birth_date.or(nik.as_ref().map(Nik::birth_date));
        if let Some(d) = birth_date {
            if d > today {
                return Err(ModelError::invalid(
                    "birth_date",
                    "tanggal lahir di masa depan",
                    "the birth date is in the future",
                ));
            }
        }
        let occupation = input
            .occupation
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty());
        if occupation.as_ref().is_some_and(|o| o.chars().count() > 100) {
            return Err(ModelError::invalid(
                "occupation",
                "lebih dari 100 karakter",
                "longer than 100 characters",
            ));
        }
        let mut person = Person {
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
            education: None,
            occupation,
            disability: None,
            chronic_illness: None,
            pregnant: None,
            in_school: None,
            disability_severity: None,
            school_level: None,
            employed: None,
            work_field: None,
            neglected: None,
        };
        person.apply(MemberAnswers {
            disability: input.disability,
            chronic_illness: input.chronic_illness,
            pregnant: input.pregnant,
            in_school: input.in_school,
            education: input.education,
            ..Default::default()
        })?;
        Ok((person, warnings))
    }

    /// Records the answers given (a `None` leaves the earlier answer as it was), refusing
    /// answers that contradict each other or the person, and marks the record as updated.
    pub fn answer(
        &mut self,
        answers: MemberAnswers,
        author: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ModelError> {
        let mut next = self.clone();
        next.apply(answers)?;
        next.meta.touch(author, now);
        *self = next;
        Ok(())
    }

    fn apply(&mut self, a: MemberAnswers) -> Result<(), ModelError> {
        fn set<T>(slot: &mut Option<T>, v: Option<T>) {
            if v.is_some() {
                *slot = v;
            }
        }
        set(&mut self.disability, a.disability);
        set(&mut self.disability_severity, a.disability_severity);
        set(&mut self.chronic_illness, a.chronic_illness);
        set(&mut self.pregnant, a.pregnant);
        set(&mut self.in_school, a.in_school);
        set(&mut self.school_level, a.school_level);
        set(&mut self.education, a.education);
        set(&mut self.employed, a.employed);
        set(&mut self.work_field, a.work_field);
        set(&mut self.neglected, a.neglected);
        // A "no" to the gate question drops the detail that only exists behind it.
        if self.disability == Some(Disability::None) {
            if a.disability_severity.is_some() {
                return Err(ModelError::invalid(
                    "disability_severity",
                    "tingkat disabilitas diisi padahal tidak ada disabilitas",
                    "a disability severity is given but no disability",
                ));
            }
            self.disability_severity = None;
        }
        if self.in_school == Some(false) {
            if a.school_level.is_some() {
                return Err(ModelError::invalid(
                    "school_level",
                    "jenjang sekolah diisi padahal tidak bersekolah",
                    "a school level is given but the person is not in school",
                ));
            }
            self.school_level = None;
        }
        if self.employed == Some(false) {
            if a.work_field.is_some() {
                return Err(ModelError::invalid(
                    "work_field",
                    "lapangan usaha diisi padahal tidak bekerja",
                    "a field of work is given but the person does not work",
                ));
            }
            self.work_field = None;
        }
        if self.pregnant == Some(true) && self.sex == Sex::Male {
            return Err(ModelError::invalid(
                "pregnant",
                "laki-laki tidak bisa hamil",
                "a man cannot be pregnant",
            ));
        }
        Ok(())
    }

    /// Age in whole years on `on`, if the birth date is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| on.years_since(b))
    }
}
