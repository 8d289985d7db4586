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
