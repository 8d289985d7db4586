//! A photo file as a camera or a gallery hands it over (JPEG with EXIF, PNG): normalised or
//! refused with a reason, and its barcodes read, never a panic or an allocation bomb.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puskesos_core::capture::{decode_image, normalize, DocumentKind, PhotoOptions};

fuzz_target!(|data: &[u8]| {
    let _ = normalize(data, &PhotoOptions::for_kind(DocumentKind::Kk));
    let _ = decode_image(data);
});
