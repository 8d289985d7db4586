//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use puskesos_core::ident::RegionList;

/// `shared/data` beside the checkout (CI clones main with shared/ next to it), or
/// `PUSKESOS_SHARED_DATA`.
pub fn shared_data() -> PathBuf {
    if let Ok(p) = std::env::var("PUSKESOS_SHARED_DATA") {
        return PathBuf::from(p);
    }
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared").join("data");
        if candidate.is_dir() {
            return candidate;
        }
        if !dir.pop() {
            panic!(
                "shared/data not found above {}; set PUSKESOS_SHARED_DATA",
                env!("CARGO_MANIFEST_DIR")
            );
        }
    }
}

pub fn region_history() -> RegionList {
    RegionList::from_path(&shared_data().join("wilayah/wilayah-history.csv"))
        .expect("region history loads")
}

/// The instant the store tests record at.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .unwrap()
}

/// A synthetic household of one (Asep, head) saved whole on `store`: what a test needs when
/// it is about something done to a household, not the household itself.
pub fn household_of_one(store: &puskesos_core::store::Store) -> puskesos_core::store::SavedFamily {
    use puskesos_core::model::{HouseholdInput, PersonInput, Relationship};
    store
        .save_family(
            HouseholdInput {
                kk_number: "3204010105120042".into(),
                village_code: "3204052001".into(),
                address: "Kampung Sukamaju".into(),
                rt: "3".into(),
                rw: "1".into(),
                ..Default::default()
            },
            vec![PersonInput {
                nik: Some("3204051708800001".into()),
                name: "Asep".into(),
                relationship: Some(Relationship::Head),
                ..Default::default()
            }],
            "op",
            now(),
        )
        .unwrap()
}
