//! Barcode payloads (whatever a QR, PDF417 or Code 128 carries) and the district's enrolment
//! QR: read, classified, never a panic.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use puskesos_core::capture::payload::interpret;
use puskesos_core::sync::parse_enrolment_qr;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
    let read = interpret(&text, today);
    assert_eq!(read.text, text);
    let _ = parse_enrolment_qr(&text);
});
