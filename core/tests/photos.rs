//! The photo checklist on a real store: read back after the app is gone, a poor photo kept
//! only on purpose and with its problems, a retake replacing the earlier photo, evidence
//! attached to a proposal, the house's location on the household record.

mod common;

use common::{household_of_one, now};
use image::{ImageBuffer, Rgb};
use puskesos_core::model::{DocumentKind, GeoPoint, Proposal, ProposalKind};
use puskesos_core::store::Store;

/// A 1200×900 JPEG: a sharp, lit pattern, or a nearly black one.
fn jpeg(dark: bool, seed: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(1200, 900, |x, y| {
        if dark {
            Rgb([3, 3, 4])
        } else {
            let v = if ((x / 12) + (y / 12) + seed).is_multiple_of(2) {
                40
            } else {
                220
            };
            Rgb([v, (v + seed as u8) / 2, 255 - v])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}

fn household(store: &Store) -> uuid::Uuid {
    household_of_one(store).household.meta.id
}

#[test]
fn the_checklist_is_read_from_the_store_and_a_dark_kitchen_is_kept_on_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("field.sqlite");
    let store = Store::open(&path).unwrap();
    let h = household(&store);

    let front = store
        .attach_photo(
            h,
            DocumentKind::HouseFront,
            &jpeg(false, 1),
            false,
            None,
            "op",
            now(),
        )
        .unwrap();
    assert!(front.document.is_some());
    assert!(
        front.checks.iter().all(|c| c.passed()),
        "{:?}",
        front.checks
    );

    // The kitchen has no electricity: judged too dark, not stored until the person keeps it.
    let dark = store
        .attach_photo(
            h,
            DocumentKind::Kitchen,
            &jpeg(true, 0),
            false,
            None,
            "op",
            now(),
        )
        .unwrap();
    assert!(dark.document.is_none());
    assert!(dark.checks.iter().any(|c| !c.passed()));
    let kept = store
        .attach_photo(
            h,
            DocumentKind::Kitchen,
            &jpeg(true, 0),
            true,
            None,
            "op",
            now(),
        )
        .unwrap();
    let kept = kept.document.unwrap();
    assert!(
        kept.kept_with.contains(&"too_dark".to_string()),
        "{:?}",
        kept.kept_with
    );

    // Android kills the app behind the camera: the checklist comes back from the file.
    drop(store);
    let store = Store::open(&path).unwrap();
    let list = store.photo_checklist(h).unwrap();
    assert_eq!(list.len(), DocumentKind::REQUIRED_SET.len());
    let taken: Vec<_> = list
        .iter()
        .filter(|i| i.document.is_some())
        .map(|i| i.kind)
        .collect();
    assert_eq!(taken, vec![DocumentKind::HouseFront, DocumentKind::Kitchen]);

    // A retake replaces the earlier front photo; its deletion is queued for the district.
    let before = store.outbox_counts().unwrap().pending;
    let again = store
        .attach_photo(
            h,
            DocumentKind::HouseFront,
            &jpeg(false, 7),
            false,
            None,
            "op",
            now(),
        )
        .unwrap();
    assert_eq!(again.replaced, front.document.as_ref().map(|d| d.meta.id));
    assert_eq!(store.outbox_counts().unwrap().pending, before + 2);
    let fronts: Vec<_> = store
        .documents_of(h)
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == DocumentKind::HouseFront)
        .collect();
    assert_eq!(fronts.len(), 1);
    assert_eq!(Some(fronts[0].meta.id), again.document.map(|d| d.meta.id));
}

#[test]
fn evidence_belongs_to_its_proposal_and_the_location_to_the_household() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("field.sqlite")).unwrap();
    let h = household(&store);
    let p = Proposal::new(
        h,
        ProposalKind::Objection,
        "Penerima sudah mampu",
        Some("3204051708800001"),
        "op",
        now(),
    )
    .unwrap();
    store.save_proposal(&p).unwrap();
    let shop = store
        .attach_photo(
            h,
            DocumentKind::Other,
            &jpeg(false, 3),
            true,
            Some(p.meta.id),
            "op",
            now(),
        )
        .unwrap();
    assert_eq!(shop.document.as_ref().unwrap().proposal_id, Some(p.meta.id));
    assert_eq!(store.evidence_of(h, p.meta.id).unwrap().len(), 1);
    // Evidence is not the house's checklist photo.
    assert!(store
        .photo_checklist(h)
        .unwrap()
        .iter()
        .all(|i| i.document.is_none()));
    // Another household's proposal is refused.
    assert!(store
        .attach_photo(
            h,
            DocumentKind::Other,
            &jpeg(false, 4),
            true,
            Some(uuid::Uuid::now_v7()),
            "op",
            now()
        )
        .is_err());

    let point = GeoPoint::new(-6.94, 107.72, Some(12.0)).unwrap();
    let hh = store.set_location(h, point, "op", now()).unwrap();
    assert_eq!(hh.location, Some(point));
    assert_eq!(store.household(h).unwrap().location, Some(point));
    let queued = store.outbox_unacked(100).unwrap().pop().unwrap();
    assert_eq!(queued.payload["location"]["lat"], -6.94);
}
