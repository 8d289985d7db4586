//! The OpenAPI document of the sync API.

use axum::Json;

pub fn document() -> serde_json::Value {
    serde_json::json!({})
}

pub async fn serve() -> Json<serde_json::Value> {
    Json(document())
}
