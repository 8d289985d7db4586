//! The household use cases on a real SQLite file: a family saved whole or not at all,
//! corrections with reasons, moves, deletions, history and search.

use chrono::{NaiveDate, TimeZone, Utc};
use puskesos_core::ident::Sex;
use puskesos_core::model::{
    ChangeKind, Complaint, ComplaintCategory, ComplaintChannel, FamilyWarning, HouseholdChanges,
    HouseholdInput, PersonChanges, PersonInput, Relationship,
};
use puskesos_core::store::{Store, StoreError, REGION_LIST_SETTING};
use puskesos_core::Lang;

const OPERATOR: &str = "operator-1";
const VILLAGE: &str = "3204052001";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap()
}

/// A synthetic NIK issued in Cileunyi (320405): birth date, +40 on the day for women.
fn nik(day: u32, month: u32, yy: u32, female: bool, serial: u32) -> String {
    let d = if female { day + 40 } else { day };
    format!("320405{d:02}{month:02}{yy:02}{serial:04}")
}

const KK: &str = "3204010105120042";
const KK_2: &str = "3204010105120043";

fn household(kk: &str, head: &str) -> HouseholdInput {
    HouseholdInput {
        kk_number: kk.into(),
        village_code: VILLAGE.into(),
        address: "Kampung Sukamaju".into(),
        rt: "3".into(),
        rw: "1".into(),
        head_name: head.into(),
        ..Default::default()
    }
}

fn member(nik: Option<String>, name: &str, rel: Relationship) -> PersonInput {
    PersonInput {
        nik,
        name: name.into(),
        relationship: Some(rel),
        ..Default::default()
    }
}

fn family() -> Vec<PersonInput> {
    vec![
        member(
            Some(nik(17, 8, 80, false, 1)),
            "Asep Saepudin",
            Relationship::Head,
        ),
        member(
            Some(nik(2, 3, 84, true, 2)),
            "Siti Aminah",
            Relationship::Spouse,
        ),
        member(
            Some(nik(9, 10, 12, false, 3)),
            "Muhammad Rizki",
            Relationship::Child,
        ),
    ]
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("field.sqlite")).unwrap()
}

#[test]
fn a_family_is_saved_with_all_its_members_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let mut bad = family();
    bad[1].nik = Some("3204051234".into());
    let e = store
        .save_family(household(KK, ""), bad, OPERATOR, now())
        .unwrap_err();
    match &e {
        StoreError::Member { index, .. } => assert_eq!(*index, 1),
        other => panic!("expected the second member refused, got {other:?}"),
    }
    assert!(
        e.message(Lang::Id).starts_with("Anggota ke-2:"),
        "{}",
        e.message(Lang::Id)
    );
    assert!(store.households(None).unwrap().is_empty());
    assert_eq!(store.outbox_counts().unwrap().pending, 0);

    // The same NIK twice in one family: refused at the second member, nothing written.
    let mut twice = family();
    twice[2].nik = twice[0].nik.clone();
    let e = store
        .save_family(household(KK, ""), twice, OPERATOR, now())
        .unwrap_err();
    assert!(matches!(e, StoreError::Member { index: 2, .. }), "{e:?}");
    assert!(store.households(None).unwrap().is_empty());
    assert_eq!(store.outbox_counts().unwrap().pending, 0);

    let saved = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    assert_eq!(saved.household.head_name.as_str(), "Asep Saepudin");
    assert_eq!(saved.members.len(), 3);
    assert_eq!(saved.family, vec![]);
    assert_eq!(store.persons_of(saved.household.meta.id).unwrap().len(), 3);
    assert_eq!(store.outbox_counts().unwrap().pending, 4);
}

#[test]
fn a_baby_without_nik_is_saved_with_a_warning_and_odd_ages_are_questioned() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let mut members = family();
    let mut baby = member(None, "Bayi Putri", Relationship::Child);
    baby.sex = Some(Sex::Female);
    baby.birth_date = NaiveDate::from_ymd_opt(2026, 10, 1);
    members.push(baby);
    // The eldest "child" was born before the head: a swapped relationship or a typo.
    members[2].birth_date = NaiveDate::from_ymd_opt(1975, 1, 1);
    members[2].nik = None;
    members[2].sex = Some(Sex::Male);
    let saved = store
        .save_family(household(KK, ""), members, OPERATOR, now())
        .unwrap();
    assert_eq!(
        saved.family,
        vec![
            FamilyWarning::ChildOlderThanHead {
                member: "Muhammad Rizki".into()
            },
            FamilyWarning::NoNik {
                member: "Muhammad Rizki".into()
            },
            FamilyWarning::NoNik {
                member: "Bayi Putri".into()
            },
        ]
    );
    assert_eq!(store.persons_of(saved.household.meta.id).unwrap().len(), 4);
}

#[test]
fn a_correction_names_each_field_with_its_reason_and_travels_with_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let saved = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let id = saved.household.meta.id;
    let changes = HouseholdChanges {
        kk_number: Some(KK_2.into()),
        rt: Some("04".into()),
        ..Default::default()
    };
    // No reason: refused, and nothing changes.
    let e = store
        .correct_household(id, &changes, "  ", OPERATOR, now())
        .unwrap_err();
    assert!(
        e.message(Lang::En).contains("reason"),
        "{}",
        e.message(Lang::En)
    );
    assert_eq!(store.household(id).unwrap().kk_number.as_str(), KK);
    // A form that changes nothing is refused too.
    let same = HouseholdChanges {
        rt: Some("003".into()),
        ..Default::default()
    };
    assert!(store
        .correct_household(id, &same, "salah ketik", OPERATOR, now())
        .is_err());

    let before = store.outbox_counts().unwrap().pending;
    let (h, change) = store
        .correct_household(id, &changes, "Salah ketik nomor KK", OPERATOR, now())
        .unwrap();
    assert_eq!(h.kk_number.as_str(), KK_2);
    assert_eq!(h.rt.as_str(), "004");
    assert_eq!(change.fields.len(), 2);
    assert_eq!(change.fields[0].field, "kk_number");
    assert_eq!(change.fields[0].old.as_deref(), Some(KK));
    // Debug never shows the numbers whole.
    assert!(!format!("{change:?}").contains(KK));
    assert_eq!(store.household(id).unwrap().kk_number.as_str(), KK_2);
    assert_eq!(store.outbox_counts().unwrap().pending, before + 1);
    let queued = store.outbox_unacked(100).unwrap().pop().unwrap();
    assert_eq!(queued.entity, "household");
    assert_eq!(queued.payload["kk_number"], KK_2);
    assert_eq!(
        queued.payload["correction"]["reason"],
        "Salah ketik nomor KK"
    );

    // A member's NIK typed for a baby who has none: cleared, with the history kept.
    let child = &saved.members[2].person;
    let (m, _, family) = store
        .correct_person(
            child.meta.id,
            &PersonChanges {
                nik: Some(String::new()),
                birth_date: NaiveDate::from_ymd_opt(2012, 10, 9),
                ..Default::default()
            },
            "NIK milik kakaknya",
            OPERATOR,
            now(),
        )
        .unwrap();
    assert!(m.person.nik.is_none());
    assert_eq!(
        family,
        vec![FamilyWarning::NoNik {
            member: "Muhammad Rizki".into()
        }]
    );
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].entity, "household");
    assert_eq!(history[1].entity, "person");
    assert_eq!(history[1].change.reason.as_str(), "NIK milik kakaknya");

    // History survives closing the file.
    drop(store);
    let store = open(&dir);
    assert_eq!(store.history(id).unwrap().len(), 2);
}

#[test]
fn a_corrected_nik_that_disagrees_with_the_form_is_saved_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let saved = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let head = &saved.members[0].person;
    // A woman's NIK on a man's record: the NIK is accepted, the sex stays, and the desk is
    // told.
    let (m, _, _) = store
        .correct_person(
            head.meta.id,
            &PersonChanges {
                nik: Some(nik(17, 8, 80, true, 9)),
                ..Default::default()
            },
            "NIK dari KTP",
            OPERATOR,
            now(),
        )
        .unwrap();
    assert_eq!(m.person.sex, Sex::Male);
    assert_eq!(m.warnings.len(), 1);
    // Someone else's NIK is refused and changes nothing.
    let spouse_nik = saved.members[1].person.nik.clone().unwrap();
    let e = store
        .correct_person(
            head.meta.id,
            &PersonChanges {
                nik: Some(spouse_nik.as_str().into()),
                ..Default::default()
            },
            "salah",
            OPERATOR,
            now(),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Refused { .. }), "{e:?}");
    assert!(!e.message(Lang::En).contains(spouse_nik.as_str()));
}

#[test]
fn a_member_moves_to_another_kk_and_both_histories_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let b = store
        .save_family(
            household(KK_2, ""),
            vec![member(
                Some(nik(5, 5, 90, false, 4)),
                "Dedi Kurniawan",
                Relationship::Head,
            )],
            OPERATOR,
            now(),
        )
        .unwrap();
    let rizki = a.members[2].person.meta.id;
    let moved = store
        .move_member(
            rizki,
            b.household.meta.id,
            Relationship::OtherFamily,
            "ikut paman",
            OPERATOR,
            now(),
        )
        .unwrap();
    assert_eq!(moved.household_id, b.household.meta.id);
    assert_eq!(store.persons_of(a.household.meta.id).unwrap().len(), 2);
    assert_eq!(store.persons_of(b.household.meta.id).unwrap().len(), 2);
    for h in [a.household.meta.id, b.household.meta.id] {
        let history = store.history(h).unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].change.kind, ChangeKind::Move);
    }
    assert!(store
        .move_member(
            rizki,
            b.household.meta.id,
            Relationship::Child,
            "lagi",
            OPERATOR,
            now()
        )
        .is_err());
}

#[test]
fn a_kk_qr_link_is_kept_on_the_household_with_its_history_and_other_codes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let saved = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let id = saved.household.meta.id;
    let before = store.outbox_counts().unwrap().pending;

    // What the capture room does not read as a KK's Dukcapil link is refused, saying what it is.
    for (text, says) in [
        ("https://example.com/verif?id=ABC123456", "example.com"),
        (KK, "(NIK/KK)"),
        (
            "PUSKESOS:CASE:0190A0A0-0000-7000-8000-0000000000AB",
            "receipt",
        ),
        ("sembarang teks", "not recognised"),
    ] {
        let e = store.keep_kk_qr(id, text, OPERATOR, now()).unwrap_err();
        assert!(matches!(e, StoreError::Refused { .. }), "{text}: {e:?}");
        let en = e.message(Lang::En);
        assert!(en.contains(says) && en.contains("not a KK QR"), "{en}");
        assert!(e.message(Lang::Id).contains("bukan QR KK"), "{e}");
    }
    assert!(store
        .keep_kk_qr(
            id,
            &format!("https://x.kemendagri.go.id/{}", "A".repeat(4300)),
            OPERATOR,
            now()
        )
        .is_err());
    assert_eq!(store.household(id).unwrap().kk_qr_evidence, None);
    assert_eq!(store.outbox_counts().unwrap().pending, before);
    assert!(store.history(id).unwrap().is_empty());

    let link = "https://layananonline.dukcapil.kemendagri.go.id/verif/kk?id=CONTOH0042XYZ";
    let h = store
        .keep_kk_qr(id, &format!(" {link}\n"), "operator-2", now())
        .unwrap();
    assert_eq!(h.kk_qr_evidence.as_deref(), Some(link));
    assert_eq!(h.meta.updated_by, "operator-2");
    assert_eq!(
        store.household(id).unwrap().kk_qr_evidence.as_deref(),
        Some(link)
    );
    // Queued with the record, the change beside it; and in the household's history.
    assert_eq!(store.outbox_counts().unwrap().pending, before + 1);
    let queued = store.outbox_unacked(100).unwrap().pop().unwrap();
    assert_eq!(
        (queued.entity.as_str(), queued.op.as_str()),
        ("household", "upsert")
    );
    assert_eq!(queued.payload["kk_qr_evidence"], link);
    assert_eq!(
        queued.payload["correction"]["fields"][0]["field"],
        "kk_qr_evidence"
    );
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].change.fields[0].new.as_deref(), Some(link));
    assert_eq!(history[0].change.fields[0].old, None);

    // The same link again changes nothing; a household that is not there is NotFound.
    store.keep_kk_qr(id, link, OPERATOR, now()).unwrap();
    assert_eq!(store.outbox_counts().unwrap().pending, before + 1);
    assert_eq!(store.history(id).unwrap().len(), 1);
    let missing = store
        .keep_kk_qr(uuid::Uuid::nil(), link, OPERATOR, now())
        .unwrap_err();
    assert!(
        matches!(missing, StoreError::NotFound { .. }),
        "{missing:?}"
    );
}

#[test]
fn deletions_keep_the_rows_until_the_district_has_them_and_refuse_open_cases() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let id = a.household.meta.id;
    store
        .delete_member(
            a.members[2].person.meta.id,
            "tercatat dua kali",
            OPERATOR,
            now(),
        )
        .unwrap();
    assert_eq!(store.persons_of(id).unwrap().len(), 2);
    let last = store.outbox_unacked(100).unwrap().pop().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.op.as_str()),
        ("person", "delete")
    );
    assert_eq!(last.payload["correction"]["reason"], "tercatat dua kali");
    // Its NIK is free again for the right record.
    store
        .add_member(
            PersonInput {
                household_id: id,
                ..family().remove(2)
            },
            OPERATOR,
            now(),
        )
        .unwrap();

    let b = store
        .save_family(
            household(KK_2, ""),
            vec![member(
                Some(nik(5, 5, 90, false, 4)),
                "Dedi",
                Relationship::Head,
            )],
            OPERATOR,
            now(),
        )
        .unwrap();
    let complaint = Complaint::new(
        Some(b.household.meta.id),
        "Dedi",
        ComplaintCategory::AidNotReceived,
        "Belum menerima bantuan",
        ComplaintChannel::WalkIn,
        OPERATOR,
        now(),
    )
    .unwrap();
    store.save_complaint(&complaint).unwrap();
    let e = store
        .delete_household(b.household.meta.id, "salah", OPERATOR, now())
        .unwrap_err();
    assert!(e.message(Lang::Id).contains("tidak bisa dihapus"), "{e}");
    assert_eq!(store.households(None).unwrap().len(), 2);

    let before = store.outbox_counts().unwrap().pending;
    store
        .delete_household(id, "KK ganda", OPERATOR, now())
        .unwrap();
    assert_eq!(store.households(None).unwrap().len(), 1);
    assert!(store.household(id).is_err());
    // The household and its three live members, each deleted at the district too.
    assert_eq!(store.outbox_counts().unwrap().pending, before + 4);
    assert_eq!(
        store.history(id).unwrap().last().unwrap().change.kind,
        ChangeKind::Delete
    );
    assert!(store.find_households("Asep", None, 10).unwrap().is_empty());
}

#[test]
fn households_are_found_by_spoken_names_number_endings_and_rt_rw() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let mut other = household(KK_2, "");
    other.rt = "7".into();
    other.rw = "2".into();
    store
        .save_family(
            other,
            vec![member(
                Some(nik(5, 5, 90, false, 4)),
                "Dedi Kurniawan",
                Relationship::Head,
            )],
            OPERATOR,
            now(),
        )
        .unwrap();

    let all = store.find_households("", None, 50).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .all(|h| !h.kk_masked.contains("0042") || h.kk_masked.contains('*')));

    // A member's name, spelled as it is said: the household shows who matched.
    let hits = store.find_households("Muhamad Riski", None, 10).unwrap();
    assert_eq!(hits[0].id, a.household.meta.id);
    assert_eq!(hits[0].matched_member.as_deref(), Some("Muhammad Rizki"));
    assert_eq!(hits[0].members, 3);
    assert_eq!(hits.len(), 1);

    // The last digits of the KK, or of a member's NIK.
    assert_eq!(store.find_households("0043", None, 10).unwrap().len(), 1);
    let by_nik = store
        .find_households(&nik(2, 3, 84, true, 2)[10..], None, 10)
        .unwrap();
    assert_eq!(by_nik.len(), 1);
    assert_eq!(by_nik[0].matched_member.as_deref(), Some("Siti Aminah"));

    let rt = store.find_households("RT 7 RW 2", None, 10).unwrap();
    assert_eq!(rt.len(), 1);
    assert_eq!(rt[0].head_name, "Dedi Kurniawan");
    assert_eq!(store.find_households("rt 9", None, 10).unwrap().len(), 0);
    assert_eq!(
        store
            .find_households("", Some("3204052002"), 10)
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn the_pack_region_list_checks_what_the_family_form_gives() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    store
        .set_setting(
            REGION_LIST_SETTING,
            "code,name\n32,JAWA BARAT\n3204,KAB. BANDUNG\n320401,BALEENDAH\n320405,CILEUNYI\n3204052001,CILEUNYI KULON\n",
        )
        .unwrap();
    let mut elsewhere = household(KK, "");
    elsewhere.village_code = "3204052099".into();
    let e = store
        .save_family(elsewhere, family(), OPERATOR, now())
        .unwrap_err();
    assert!(
        e.message(Lang::En).contains("region list"),
        "{}",
        e.message(Lang::En)
    );
    store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
}

#[test]
fn a_planned_follow_up_is_due_until_the_household_is_visited_again() {
    use puskesos_core::model::{Visit, VisitPurpose};
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let a = store
        .save_family(household(KK, ""), family(), OPERATOR, now())
        .unwrap();
    let id = a.household.meta.id;
    let due = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let first = Visit::new(
        id,
        now(),
        VisitPurpose::Assessment,
        None,
        Some("Rumah bocor"),
        OPERATOR,
        now(),
    )
    .unwrap()
    .follow_up(due, None)
    .unwrap();
    store.save_visit(&first).unwrap();
    let before = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    assert!(store.follow_ups_due(before).unwrap().is_empty());
    let due_now = store.follow_ups_due(due).unwrap();
    assert_eq!(due_now.len(), 1);
    assert_eq!(due_now[0].head_name, "Asep Saepudin");
    assert_eq!(due_now[0].planned_by, first.meta.id);
    // A date before the visit itself is refused.
    assert!(Visit::new(
        id,
        now(),
        VisitPurpose::Monitoring,
        None,
        None,
        OPERATOR,
        now()
    )
    .unwrap()
    .follow_up(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), None)
    .is_err());

    let later = now() + chrono::Duration::days(6);
    let second = Visit::new(
        id,
        later,
        VisitPurpose::Monitoring,
        None,
        None,
        OPERATOR,
        later,
    )
    .unwrap();
    store.save_visit(&second).unwrap();
    assert!(store.follow_ups_due(due).unwrap().is_empty());
}

#[test]
fn a_case_shows_its_age_and_is_overdue_when_a_step_waits_too_long() {
    let k = Complaint::new(
        None,
        "Dedi",
        ComplaintCategory::AidNotReceived,
        "Belum menerima bantuan",
        ComplaintChannel::WalkIn,
        OPERATOR,
        now(),
    )
    .unwrap();
    let day = chrono::Duration::days(1);
    assert_eq!(k.days_open(now() + day * 2), 2);
    assert!(!k.overdue(now() + day * 3));
    assert!(k.overdue(now() + day * 4));
    let mut k = k;
    k.advance(
        puskesos_core::model::ComplaintStatus::Referred,
        "ke Puskesmas",
        OPERATOR,
        now() + day,
    )
    .unwrap();
    assert!(!k.overdue(now() + day * 10));
    assert!(k.overdue(now() + day * 16));
    k.advance(
        puskesos_core::model::ComplaintStatus::Closed,
        "selesai",
        OPERATOR,
        now() + day * 20,
    )
    .unwrap();
    assert!(!k.overdue(now() + day * 100));
}
