//! Sync with the district service: the wire types both ends share, and the phone's HTTP
//! client. The outbox drain that feeds the client lives with the store, which owns the queue.

pub mod client;
pub mod wire;

pub use client::{SyncClient, SyncError, TrustAnchor};
