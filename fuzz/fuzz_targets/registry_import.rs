//! A registry extract (CSV or JSON lines) imported into a store: every bad row is a typed
//! refusal and a refused import leaves the extract that was there before untouched.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puskesos_core::store::{ExtractFormat, Store};

thread_local! {
    // One store for the whole run: opening one runs every migration, which would be most of
    // each execution. Imports replace the extract, so the store does not grow.
    static STORE: Store = Store::open_in_memory().expect("an in-memory store");
}

fuzz_target!(|data: &[u8]| {
    let format = if data.first().is_some_and(|b| b % 2 == 0) {
        ExtractFormat::Csv
    } else {
        ExtractFormat::JsonLines
    };
    let rest = data.get(1..).unwrap_or_default();
    STORE.with(|store| {
        let before = store.registry_versions().ok();
        if store.import_registry(rest, format).is_err() {
            assert_eq!(
                store.registry_versions().ok(),
                before,
                "a refused import changed the extract"
            );
        }
    });
});
