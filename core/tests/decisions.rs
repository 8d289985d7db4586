//! The district's decisions as the phone keeps them, and a returned proposal fixed and sent
//! again, on a real SQLite file.

mod common;

use common::{household_of_one, now};
use puskesos_core::model::{Proposal, ProposalKind};
use puskesos_core::store::{Store, StoreError, DECISION_PREFIX};

#[test]
fn a_returned_proposal_is_shown_with_its_reason_fixed_and_sent_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("field.sqlite")).unwrap();
    let family = household_of_one(&store);
    let p = Proposal::new(
        family.household.meta.id,
        ProposalKind::NewRegistration,
        "Belum terdaftar",
        None,
        "op",
        now(),
    )
    .unwrap();
    store.save_proposal(&p).unwrap();
    assert!(store.decisions().unwrap().is_empty());
    // Not returned: nothing to send again.
    let e = store
        .resubmit_proposal(p.meta.id, "lagi", "op", now())
        .unwrap_err();
    assert!(matches!(e, StoreError::Refused { .. }), "{e:?}");

    // What the sync's status feed writes.
    let change = serde_json::json!({
        "cursor": 7, "entity": "proposal", "entity_id": p.meta.id, "status": "returned",
        "note": "Foto rumah belum lengkap", "by": "verifikator", "at": "2026-11-26T10:00:00Z"
    });
    store
        .set_setting(
            &format!("{DECISION_PREFIX}proposal.{}", p.meta.id),
            &change.to_string(),
        )
        .unwrap();
    let decisions = store.decisions().unwrap();
    assert_eq!(decisions.len(), 1);
    assert!(decisions[0].is_returned());
    assert_eq!(decisions[0].note, "Foto rumah belum lengkap");
    assert_eq!(
        store.decision("proposal", p.meta.id).unwrap(),
        Some(decisions[0].clone())
    );

    let before = store.outbox_counts().unwrap().pending;
    let again = store
        .resubmit_proposal(p.meta.id, "Foto rumah sudah dilengkapi", "op", now())
        .unwrap();
    assert_eq!(again.resubmissions, 1);
    assert_eq!(again.reason.as_str(), "Foto rumah sudah dilengkapi");
    assert_eq!(store.outbox_counts().unwrap().pending, before + 1);
    let queued = store.outbox_unacked(100).unwrap().pop().unwrap();
    assert_eq!(queued.payload["resubmissions"], 1);
    assert!(store.decision("proposal", p.meta.id).unwrap().is_none());
}
