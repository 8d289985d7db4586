//! Sync bodies as they cross the network, both ways: what the phone reads from the district
//! (enrolment, pack manifest and pack, batch answers, upload status, the status feed, errors)
//! and what the district reads from phones (enrolment requests, batches, upload starts).
#![no_main]

use libfuzzer_sys::fuzz_target;
use puskesos_core::sync::wire;

fn read<T: serde::de::DeserializeOwned>(data: &[u8]) {
    let _ = serde_json::from_slice::<T>(data);
}

fuzz_target!(|data: &[u8]| {
    read::<wire::EnrolRequest>(data);
    read::<wire::EnrolResponse>(data);
    read::<wire::EnrolmentQr>(data);
    read::<wire::PackManifest>(data);
    read::<wire::VillagePack>(data);
    read::<wire::UploadBatch>(data);
    read::<wire::BatchResponse>(data);
    read::<wire::UploadBegin>(data);
    read::<wire::ChunkStatus>(data);
    read::<wire::StatusFeed>(data);
    read::<wire::ErrorBody>(data);
});
