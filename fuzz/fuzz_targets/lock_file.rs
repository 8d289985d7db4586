//! The app lock's file as read from the phone's storage (a damaged or planted file): refused
//! as `Corrupt`, or read; what is read writes back to a file that reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use puskesos_core::lock::file::LockFile;

fuzz_target!(|data: &[u8]| {
    if let Ok(lock) = LockFile::from_json(data) {
        let again = LockFile::from_json(&lock.to_json()).expect("a lock file written back reads");
        assert_eq!(lock, again);
    }
});
