//! Sync with the district service: the wire types both ends share, the phone's HTTP
//! client, the enrolment it keeps, and the outbox drain that feeds the client.

pub mod client;
pub mod drain;
pub mod enrolment;
pub mod tls;
pub mod wire;

pub use client::{SyncClient, SyncError, TrustAnchor};
pub use drain::{sync_once, NoProgress, Progress, SyncOptions, SyncProgress, SyncReport};
pub use enrolment::{parse_enrolment_qr, Enrolment};
pub use tls::use_system_roots;
