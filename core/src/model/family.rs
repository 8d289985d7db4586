//! Checks across the members of one family: ages that do not fit the relationships the KK
//! lists. They are questions for the operator (a typo in a birth date, a swapped
//! relationship), never refusals: real families hold surprises, and the person at the door
//! knows better than a rule.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::person::{Person, Relationship};
use crate::lang::Lang;

/// The youngest age at which a head of family is plausible. Children do head families after
/// their parents die, but under ten it is almost always a swapped relationship.
pub const HEAD_MIN_AGE: u32 = 10;
/// UU 16/2019 sets marriage at 19 with dispensations below; under fifteen a recorded spouse
/// is far more likely a typo than a marriage, and a child marriage is for the caseworker to
/// see either way.
pub const SPOUSE_MIN_AGE: u32 = 15;

/// A member as the family checks see it: enough to compare ages and relationships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub name: String,
    pub relationship: Relationship,
    pub birth_date: Option<NaiveDate>,
    pub has_nik: bool,
}

impl From<&Person> for MemberFacts {
    fn from(p: &Person) -> Self {
        MemberFacts {
            name: p.name.as_str().to_string(),
            relationship: p.relationship,
            birth_date: p.birth_date,
            has_nik: p.nik.is_some(),
        }
    }
}

/// Something about the family worth a second look. `member` names the member by name as the
/// form shows it (never by NIK).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FamilyWarning {
    NoHead,
    SeveralHeads {
        count: u32,
    },
    HeadTooYoung {
        member: String,
        age: u32,
    },
    SpouseTooYoung {
        member: String,
        age: u32,
    },
    /// A child (or grandchild) born before the head: one of the two birth dates, or the
    /// relationship, is probably wrong.
    ChildOlderThanHead {
        member: String,
    },
    /// A parent (or parent-in-law) born after the head.
    ParentYoungerThanHead {
        member: String,
    },
    /// Allowed (babies are registered late, and reaching people without civil registration
    /// is part of SLRT's work), but the registry cannot match this member until it has one.
    NoNik {
        member: String,
    },
}

impl FamilyWarning {
    /// The wire code of the kind, as serialised.
    pub fn code(&self) -> &'static str {
        use FamilyWarning::*;
        match self {
            NoHead => "no_head",
            SeveralHeads { .. } => "several_heads",
            HeadTooYoung { .. } => "head_too_young",
            SpouseTooYoung { .. } => "spouse_too_young",
            ChildOlderThanHead { .. } => "child_older_than_head",
            ParentYoungerThanHead { .. } => "parent_younger_than_head",
            NoNik { .. } => "no_nik",
        }
    }

    /// The member the warning is about; `None` for the whole family.
    pub fn member(&self) -> Option<&str> {
        use FamilyWarning::*;
        match self {
            NoHead | SeveralHeads { .. } => None,
            HeadTooYoung { member, .. }
            | SpouseTooYoung { member, .. }
            | ChildOlderThanHead { member }
            | ParentYoungerThanHead { member }
            | NoNik { member } => Some(member),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use FamilyWarning::*;
        match (self, lang) {
            (NoHead, Lang::Id) => "Belum ada anggota berstatus kepala keluarga.".into(),
            (NoHead, Lang::En) => "No member is recorded as head of family.".into(),
            (SeveralHeads { count }, Lang::Id) => {
                format!("Ada {count} anggota berstatus kepala keluarga; satu KK hanya punya satu.")
            }
            (SeveralHeads { count }, Lang::En) => {
                format!("{count} members are recorded as head of family; a KK has only one.")
            }
            (HeadTooYoung { member, age }, Lang::Id) => format!(
                "Kepala keluarga {member} baru berumur {age} tahun: periksa tanggal lahir atau hubungan keluarga."
            ),
            (HeadTooYoung { member, age }, Lang::En) => format!(
                "The head of family {member} is only {age}: check the birth date or the relationship."
            ),
            (SpouseTooYoung { member, age }, Lang::Id) => format!(
                "Istri/suami {member} baru berumur {age} tahun: periksa tanggal lahir atau hubungan keluarga."
            ),
            (SpouseTooYoung { member, age }, Lang::En) => format!(
                "The spouse {member} is only {age}: check the birth date or the relationship."
            ),
            (ChildOlderThanHead { member }, Lang::Id) => format!(
                "Anak {member} lahir lebih dulu daripada kepala keluarga: periksa tanggal lahir atau hubungan keluarga."
            ),
            (ChildOlderThanHead { member }, Lang::En) => format!(
                "The child {member} was born before the head of family: check the birth dates or the relationship."
            ),
            (ParentYoungerThanHead { member }, Lang::Id) => format!(
                "Orang tua {member} lahir sesudah kepala keluarga: periksa tanggal lahir atau hubungan keluarga."
            ),
            (ParentYoungerThanHead { member }, Lang::En) => format!(
                "The parent {member} was born after the head of family: check the birth dates or the relationship."
            ),
            (NoNik { member }, Lang::Id) => format!(
                "{member} belum punya NIK: boleh disimpan, tetapi belum bisa dicocokkan dengan DTSEN. Pertimbangkan rujukan ke Dukcapil."
            ),
            (NoNik { member }, Lang::En) => format!(
                "{member} has no NIK yet: the record can be saved, but it cannot be matched with DTSEN. Consider a referral to civil registration."
            ),
        }
    }
}

/// The warnings for a family as of `today`, in the order of the members.
pub fn family_warnings(members: &[MemberFacts], today: NaiveDate) -> Vec<FamilyWarning> {
    let mut out = Vec::new();
    let heads: Vec<&MemberFacts> = members
        .iter()
        .filter(|m| m.relationship == Relationship::Head)
        .collect();
    if !members.is_empty() {
        match heads.len() {
            0 => out.push(FamilyWarning::NoHead),
            1 => {}
            n => out.push(FamilyWarning::SeveralHeads { count: n as u32 }),
        }
    }
    let head_born = match heads.as_slice() {
        [only] => only.birth_date,
        _ => None,
    };
    let age = |m: &MemberFacts| m.birth_date.and_then(|b| today.years_since(b));
    for m in members {
        let member = m.name.clone();
        match m.relationship {
            Relationship::Head => {
                if let Some(a) = age(m).filter(|a| *a < HEAD_MIN_AGE) {
                    out.push(FamilyWarning::HeadTooYoung { member, age: a });
                }
            }
            Relationship::Spouse => {
                if let Some(a) = age(m).filter(|a| *a < SPOUSE_MIN_AGE) {
                    out.push(FamilyWarning::SpouseTooYoung { member, age: a });
                }
            }
            Relationship::Child | Relationship::Grandchild => {
                if let (Some(h), Some(b)) = (head_born, m.birth_date) {
                    if b < h {
                        out.push(FamilyWarning::ChildOlderThanHead { member });
                    }
                }
            }
            Relationship::Parent | Relationship::ParentInLaw => {
                if let (Some(h), Some(b)) = (head_born, m.birth_date) {
                    if b > h {
                        out.push(FamilyWarning::ParentYoungerThanHead { member });
                    }
                }
            }
            _ => {}
        }
        if !m.has_nik {
            out.push(FamilyWarning::NoNik {
                member: m.name.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(name: &str, rel: Relationship, born: &str) -> MemberFacts {
        MemberFacts {
            name: name.into(),
            relationship: rel,
            birth_date: (!born.is_empty()).then(|| d(born)),
            has_nik: true,
        }
    }

    #[test]
    fn a_plausible_family_raises_nothing() {
        let family = [
            m("Budi", Relationship::Head, "1980-02-01"),
            m("Sari", Relationship::Spouse, "1984-05-06"),
            m("Ani", Relationship::Child, "2010-07-08"),
            m("Mbah Karto", Relationship::Parent, "1950-01-01"),
        ];
        assert_eq!(family_warnings(&family, d("2026-12-03")), vec![]);
    }

    #[test]
    fn ages_that_do_not_fit_the_relationships_are_each_named() {
        let family = [
            m("Budi", Relationship::Head, "2018-02-01"),
            m("Sari", Relationship::Spouse, "2013-05-06"),
            m("Ani", Relationship::Child, "2010-07-08"),
            m("Karto", Relationship::Parent, "2019-01-01"),
        ];
        let w = family_warnings(&family, d("2026-12-03"));
        assert_eq!(
            w,
            vec![
                FamilyWarning::HeadTooYoung {
                    member: "Budi".into(),
                    age: 8
                },
                FamilyWarning::SpouseTooYoung {
                    member: "Sari".into(),
                    age: 13
                },
                FamilyWarning::ChildOlderThanHead {
                    member: "Ani".into()
                },
                FamilyWarning::ParentYoungerThanHead {
                    member: "Karto".into()
                },
            ]
        );
        assert!(w[0].message(Lang::En).contains("only 8"));
        assert!(w[1].message(Lang::Id).contains("13 tahun"));
        for warning in &w {
            let json = serde_json::to_value(warning).unwrap();
            assert_eq!(json["kind"], warning.code());
            assert_eq!(json["member"].as_str(), warning.member());
        }
    }

    #[test]
    fn the_age_limits_are_inclusive_on_the_birthday() {
        let family = [
            m("Budi", Relationship::Head, "2016-12-03"),
            m("Sari", Relationship::Spouse, "2011-12-03"),
        ];
        assert_eq!(family_warnings(&family, d("2026-12-03")), vec![]);
        assert_eq!(family_warnings(&family, d("2026-12-02")).len(), 2);
    }

    #[test]
    fn a_missing_head_several_heads_and_a_member_without_nik_are_warned_about() {
        let mut baby = m("Bayi", Relationship::Child, "2026-11-01");
        baby.has_nik = false;
        let w = family_warnings(&[baby.clone()], d("2026-12-03"));
        assert_eq!(
            w,
            vec![
                FamilyWarning::NoHead,
                FamilyWarning::NoNik {
                    member: "Bayi".into()
                }
            ]
        );
        assert!(w[1].message(Lang::Id).contains("Dukcapil"));
        let two = [
            m("A", Relationship::Head, ""),
            m("B", Relationship::Head, ""),
        ];
        assert_eq!(
            family_warnings(&two, d("2026-12-03")),
            vec![FamilyWarning::SeveralHeads { count: 2 }]
        );
        assert_eq!(family_warnings(&[], d("2026-12-03")), vec![]);
    }
}
