//! puskesos-district: the district social service (Dinas Sosial) end of Puskesos Field.
//!
//! Phones enrol with a one-time code, pull their village's pack, push outbox batches and
//! document bytes, and pull the district's decisions. Staff review what arrived on
//! server-rendered pages and export proposals for the national registry.

pub mod audit;
pub mod auth;
pub mod config;
pub mod db;
pub mod enrol;
pub mod error;
pub mod export;
pub mod feed;
pub mod files;
pub mod openapi;
pub mod pack;
pub mod records;
#[cfg(test)]
mod redaction_tests;
pub mod review;
pub mod staff;
pub mod state;
pub mod unlock;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use puskesos_core::sync::wire::API_PREFIX;

pub use config::{Config, Started};
pub use state::AppState;

/// The sync API the phones use (documented in `openapi.json`).
pub fn sync_routes() -> Router<AppState> {
    Router::new()
        .route("/enrol", post(enrol::enrol_handler))
        // Packs are CSV-like JSON that gzip shrinks several times over: worth it on 2G.
        .route(
            "/villages/{code}/pack",
            get(pack::get_pack).layer(tower_http::compression::CompressionLayer::new()),
        )
        .route("/villages/{code}/batches", post(records::post_batch))
        .route(
            "/villages/{code}/files/{sha256}",
            get(files::get_status)
                .post(files::begin)
                .put(files::put_chunk),
        )
        .route("/villages/{code}/status-changes", get(feed::get_feed))
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .nest(API_PREFIX, sync_routes())
        .route("/openapi.json", get(openapi::serve))
        .merge(staff::routes())
        .merge(review::routes())
        .layer(DefaultBodyLimit::max(files::MAX_CHUNK_BYTES + 64 * 1024))
        .with_state(state)
}

/// The address the service listens on, once bound.
pub type Bound = SocketAddr;
