//! A rule pack as the district publishes it (JSON): refused with a path, or loaded; a loaded
//! pack answers its questions without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puskesos_core::rules::RulePack;

fuzz_target!(|data: &[u8]| {
    if let Ok(pack) = RulePack::from_bytes(data) {
        let _ = pack.programmes();
        let _ = pack.institutions(None);
        let _ = pack.welfare_score_is_illustrative();
    }
});
