//! NIK and KK numbers as typed or read by a camera: any text gives a check with its issues
//! or a number, never a panic; the region list a pack brings is parsed the same way, and the
//! redaction that masks numbers in logs and messages takes any text.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use puskesos_core::ident::{redact, KkNumber, Nik, RegionList};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
    let regions = RegionList::from_csv(data).ok();
    let check = Nik::check(&text, today, regions.as_ref());
    if let Ok(nik) = Nik::parse(&text, today, regions.as_ref()) {
        // A valid NIK agrees with its own check and masks itself.
        assert!(check.is_valid());
        assert!(!format!("{nik:?}").contains(nik.as_str()));
    }
    let _ = KkNumber::parse(&text, today, regions.as_ref());
    // Every Debug, log line and error message goes through the redaction: it must take any
    // text, and leave no run of 16 digits behind.
    let shown = redact(&text);
    assert!(!shown
        .as_bytes()
        .windows(16)
        .any(|w| w.iter().all(u8::is_ascii_digit)));
});
