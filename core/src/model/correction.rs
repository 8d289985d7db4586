//! Corrections: a field typed wrong on a household or a member, put right later with a
//! reason. The district reviews who changed what and why (a KK number or a NIK corrected
//! after a registry match is exactly what an auditor asks about), so a correction is never a
//! silent overwrite: it names each field with its old and new value.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::household::Household;
use super::person::{MaritalStatus, Person, Relationship};
use super::text::{Note, PersonName, Rt, Rw};
use crate::ident::{mask_number as mask, KkNumber, Nik, RegionList, Sex};

/// What a correction form changes on a household; `None` leaves the field as it is. `Debug`
/// masks the KK number typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HouseholdChanges {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub kk_number: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub address: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rt: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub rw: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub head_name: Option<String>,
}

crate::redacted_debug!(HouseholdChanges {
    kk_number,
    address,
    rt,
    rw,
    head_name,
});

/// What a correction form changes on a member; `None` leaves the field as it is. A blank
/// `nik`, `birth_place` or `occupation` removes it (a NIK typed for a baby who has none yet).
/// `Debug` masks the NIK typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChanges {
    pub nik: Option<String>,
    pub name: Option<String>,
    pub birth_place: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub relationship: Option<Relationship>,
    pub marital_status: Option<MaritalStatus>,
    pub occupation: Option<String>,
}

crate::redacted_debug!(PersonChanges {
    nik,
    name,
    birth_place,
    birth_date,
    sex,
    relationship,
    marital_status,
    occupation,
});

/// One field as it was and as it is now (`None`: empty). Values of `nik` and `kk_number`
/// are kept whole, for the district's audit; `Debug` masks them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FieldChange {
    fn is_number(&self) -> bool {
        matches!(self.field.as_str(), "nik" | "kk_number")
    }

    /// The old value as a screen or log may show it: numbers masked.
    pub fn old_shown(&self) -> Option<String> {
        self.shown(self.old.as_deref())
    }

    pub fn new_shown(&self) -> Option<String> {
        self.shown(self.new.as_deref())
    }

    fn shown(&self, v: Option<&str>) -> Option<String> {
        v.map(|v| {
            if self.is_number() {
                mask(v)
            } else {
                v.to_string()
            }
        })
    }
}

/// Field-aware where it can be: a number field's old value is masked whatever its length (a
/// mistyped NIK is still most of one), every other value by shape.
impl std::fmt::Debug for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::ident::Redacted;
        let FieldChange { field, old, new } = self;
        let (old, new) = if self.is_number() {
            (old.as_deref().map(mask), new.as_deref().map(mask))
        } else {
            (old.clone(), new.clone())
        };
        f.debug_struct("FieldChange")
            .field("field", &Redacted(field))
            .field("old", &Redacted(&old))
            .field("new", &Redacted(&new))
            .finish()
    }
}

/// What kind of change a history line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Correction,
    /// A member moved to another KK (a family split or a marriage).
    Move,
    Delete,
}

impl ChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Correction => "correction",
            ChangeKind::Move => "move",
            ChangeKind::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        [ChangeKind::Correction, ChangeKind::Move, ChangeKind::Delete]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// A change with its reason, as kept in the record's history and sent with the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub kind: ChangeKind,
    pub reason: Note,
    pub fields: Vec<FieldChange>,
    pub by: String,
    pub at: DateTime<Utc>,
}

impl Correction {
    pub fn new(
        kind: ChangeKind,
        reason: &str,
        fields: Vec<FieldChange>,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Correction, ModelError> {
        let reason = Note::new(reason).map_err(|_| {
            ModelError::invalid(
                "reason",
                "alasan perubahan belum diisi",
                "the reason for the change is empty",
            )
        })?;
        Ok(Correction {
            kind,
            reason,
            fields,
            by: by.to_string(),
            at,
        })
    }
}

fn nothing_changed() -> ModelError {
    ModelError::invalid(
        "changes",
        "tidak ada isian yang berubah",
        "no field was changed",
    )
}

/// Collects the fields whose new value differs from the old one.
#[derive(Default)]
struct Diff(Vec<FieldChange>);

impl Diff {
    fn note(&mut self, field: &str, old: Option<String>, new: Option<String>) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_string(),
                old,
                new,
            });
        }
    }
}

fn blank_is_none(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

impl Household {
    /// Applies a correction, validating every field as [`Household::new`] does, and returns
    /// the fields that changed. Nothing is changed when any field is refused, and a form
    /// that changes nothing is refused (a reason for no change would mislead the reviewer).
    pub fn correct(
        &mut self,
        changes: &HouseholdChanges,
        author: &str,
        now: DateTime<Utc>,
        regions: Option<&RegionList>,
    ) -> Result<Vec<FieldChange>, ModelError> {
        let mut next = self.clone();
        let mut diff = Diff::default();
        if let Some(kk) = &changes.kk_number {
            next.kk_number = KkNumber::parse(kk, now.date_naive(), regions)?;
            diff.note(
                "kk_number",
                Some(self.kk_number.as_str().into()),
                Some(next.kk_number.as_str().into()),
            );
        }
        if let Some(address) = &changes.address {
            let address = address.trim();
            if address.is_empty() || address.chars().count() > 200 {
                return Err(ModelError::invalid(
                    "address",
                    "alamat harus 1–200 karakter",
                    "the address must be 1–200 characters",
                ));
            }
            next.address = address.to_string();
            diff.note(
                "address",
                Some(self.address.clone()),
                Some(next.address.clone()),
            );
        }
        if let Some(rt) = &changes.rt {
            next.rt = Rt::new(rt)?;
            diff.note("rt", Some(self.rt.to_string()), Some(next.rt.to_string()));
        }
        if let Some(rw) = &changes.rw {
            next.rw = Rw::new(rw)?;
            diff.note("rw", Some(self.rw.to_string()), Some(next.rw.to_string()));
        }
        if let Some(name) = &changes.head_name {
            next.head_name = PersonName::new(name)?;
            diff.note(
                "head_name",
                Some(self.head_name.to_string()),
                Some(next.head_name.to_string()),
            );
        }
        if diff.0.is_empty() {
            return Err(nothing_changed());
        }
        next.meta.touch(author, now);
        *self = next;
        Ok(diff.0)
    }
}

impl Person {
    /// Applies a correction with the checks of [`Person::new`] and returns the fields that
    /// changed. A corrected NIK is checked again, but the sex and birth date it implies are
    /// not copied over the ones the form holds: the two disagreeing is a warning the store
    /// reports, and the person at the desk decides.
    pub fn correct(
        &mut self,
        changes: &PersonChanges,
        author: &str,
        now: DateTime<Utc>,
        regions: Option<&RegionList>,
    ) -> Result<Vec<FieldChange>, ModelError> {
        let today = now.date_naive();
        let mut next = self.clone();
        let mut diff = Diff::default();
        if let Some(nik) = &changes.nik {
            next.nik = blank_is_none(nik)
                .map(|n| Nik::parse(n, today, regions))
                .transpose()?;
            diff.note(
                "nik",
                self.nik.as_ref().map(|n| n.as_str().to_string()),
                next.nik.as_ref().map(|n| n.as_str().to_string()),
            );
        }
        if let Some(name) = &changes.name {
            next.name = PersonName::new(name)?;
            diff.note(
                "name",
                Some(self.name.to_string()),
                Some(next.name.to_string()),
            );
        }
        if let Some(place) = &changes.birth_place {
            next.birth_place = blank_is_none(place).map(str::to_string);
            if next
                .birth_place
                .as_ref()
                .is_some_and(|p| p.chars().count() > 100)
            {
                return Err(ModelError::invalid(
                    "birth_place",
                    "lebih dari 100 karakter",
                    "longer than 100 characters",
                ));
            }
            diff.note(
                "birth_place",
                self.birth_place.clone(),
                next.birth_place.clone(),
            );
        }
        if let Some(born) = changes.birth_date {
            if born > today {
                return Err(ModelError::invalid(
                    "birth_date",
                    "tanggal lahir di masa depan",
                    "the birth date is in the future",
                ));
            }
            next.birth_date = Some(born);
            diff.note(
                "birth_date",
                self.birth_date.map(|d| d.to_string()),
                Some(born.to_string()),
            );
        }
        if let Some(sex) = changes.sex {
            next.sex = sex;
            diff.note(
                "sex",
                Some(self.sex.as_str().into()),
                Some(sex.as_str().into()),
            );
        }
        if let Some(rel) = changes.relationship {
            next.relationship = rel;
            diff.note(
                "relationship",
                Some(self.relationship.code().into()),
                Some(rel.code().into()),
            );
        }
        if let Some(status) = changes.marital_status {
            next.marital_status = Some(status);
            diff.note(
                "marital_status",
                self.marital_status.map(|s| s.code().to_string()),
                Some(status.code().into()),
            );
        }
        if let Some(occupation) = &changes.occupation {
            next.occupation = blank_is_none(occupation).map(str::to_string);
            if next
                .occupation
                .as_ref()
                .is_some_and(|o| o.chars().count() > 100)
            {
                return Err(ModelError::invalid(
                    "occupation",
                    "lebih dari 100 karakter",
                    "longer than 100 characters",
                ));
            }
            diff.note(
                "occupation",
                self.occupation.clone(),
                next.occupation.clone(),
            );
        }
        if next.pregnant == Some(true) && next.sex == Sex::Male {
            return Err(ModelError::invalid(
                "sex",
                "anggota ini tercatat hamil; ubah dulu jawaban kehamilan",
                "this member is recorded as pregnant; change that answer first",
            ));
        }
        if diff.0.is_empty() {
            return Err(nothing_changed());
        }
        next.meta.touch(author, now);
        *self = next;
        Ok(diff.0)
    }
}
