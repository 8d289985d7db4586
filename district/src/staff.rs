//! Staff sign-in and the staff JSON API (village set-up, enrolment codes, devices, packs,
//! decisions). The HTML pages in `review` call the same functions.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use axum::{Form, Json, Router};
use puskesos_core::sync::wire::{EnrolmentQr, Entity, PackManifest, StatusChange};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::auth::{random_hex, sha256_hex, verify_password, StaffAuth, SESSION_COOKIE};
use crate::db::{now_ms, Db};
use crate::error::{ApiError, ApiResult};
use crate::pack::PackUpdate;
use crate::state::AppState;

/// A staff session lasts a working day.
const SESSION_MS: i64 = 12 * 3600 * 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/staff/api/villages", post(api_create_village))
        .route(
            "/staff/api/villages/{code}/enrol-codes",
            post(api_issue_code),
        )
        .route("/staff/api/devices/{id}/revoke", post(api_revoke))
        .route(
            "/staff/api/villages/{code}/pack/{part}",
            put(api_publish_part),
        )
        .route(
            "/staff/api/villages/{code}/records/{entity}/{id}/status",
            post(api_change_status),
        )
        .route("/staff/api/villages/{code}/conflicts", get(api_conflicts))
        .route("/staff/api/villages/{code}/audit", get(api_audit))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
}

pub async fn check_login(db: &Db, username: &str, password: &str) -> ApiResult<bool> {
    let row = sqlx::query("SELECT password_hash FROM staff WHERE username = $1")
        .bind(username)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => verify_password(password, &r.try_get::<String, _>("password_hash")?),
        None => {
            // Same Argon2 work for an unknown name, so timing does not reveal accounts.
            let _ = verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$Zm9v");
            false
        }
    })
}

/// `POST /login` (form): sets the session cookie and goes to the staff pages.
async fn login(State(state): State<AppState>, Form(f): Form<LoginForm>) -> ApiResult<Response> {
    if !check_login(state.db(), &f.username, &f.password).await? {
        return Ok(Redirect::to("/login?gagal=1").into_response());
    }
    let token = random_hex(32);
    let mut w = state.db().begin_write().await?;
    sqlx::query("INSERT INTO sessions (token_hash, username, expires_ms) VALUES ($1, $2, $3)")
        .bind(sha256_hex(token.as_bytes()))
        .bind(&f.username)
        .bind(now_ms() + SESSION_MS)
        .execute(&mut *w.tx)
        .await?;
    w.commit().await?;
    let secure = if state.settings().public_url.starts_with("https:") {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200{secure}"
    );
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, cookie),
            (header::LOCATION, "/staff".to_string()),
        ],
    )
        .into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let mut parts = axum::http::Request::new(());
    *parts.headers_mut() = headers;
    let (parts, _) = parts.into_parts();
    if let Some(token) = crate::auth::session_token(&parts) {
        let mut w = state.db().begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(sha256_hex(token.as_bytes()))
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
    }
    let cookie = format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, cookie),
            (header::LOCATION, "/login".to_string()),
        ],
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct NewVillage {
    pub code: String,
    pub name: String,
}

async fn api_create_village(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Json(v): Json<NewVillage>,
) -> ApiResult<Json<serde_json::Value>> {
    let code = crate::enrol::create_village(state.db(), &v.code, &v.name).await?;
    Ok(Json(serde_json::json!({ "code": code })))
}

#[derive(Debug, Deserialize)]
pub struct NewCode {
    pub operator_id: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct IssuedCode {
    pub code: String,
    pub expires_minutes: i64,
    pub qr: EnrolmentQr,
}

pub async fn issue_code(
    state: &AppState,
    village: &str,
    operator: &str,
    by: &str,
) -> ApiResult<IssuedCode> {
    let minutes = state.settings().enrol_code_minutes;
    let code = crate::enrol::issue_enrol_code(state.db(), village, operator, minutes, by).await?;
    Ok(IssuedCode {
        qr: EnrolmentQr {
            url: state.settings().public_url.clone(),
            code: code.clone(),
            cert_sha256: state.settings().cert_sha256.clone(),
        },
        code,
        expires_minutes: minutes,
    })
}

async fn api_issue_code(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path(village): Path<String>,
    Json(req): Json<NewCode>,
) -> ApiResult<Json<IssuedCode>> {
    Ok(Json(
        issue_code(&state, &village, &req.operator_id, &staff.username).await?,
    ))
}

/// `?final_upload=true`: the phone may still send what waits on it, then wipes itself.
#[derive(Debug, Default, Deserialize)]
struct RevokeQuery {
    #[serde(default)]
    final_upload: bool,
}

async fn api_revoke(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Path(device_id): Path<String>,
    Query(q): Query<RevokeQuery>,
) -> ApiResult<StatusCode> {
    crate::enrol::revoke_device(state.db(), &device_id, q.final_upload).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /staff/api/villages/{code}/pack/{regions|registry|rules}` with the part as the body.
async fn api_publish_part(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Path((village, part)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<PackManifest>> {
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::BadRequest("isi harus teks UTF-8".into()))?;
    let update = match part.as_str() {
        "regions" => PackUpdate {
            region_list_csv: Some(text),
            ..Default::default()
        },
        "registry" => PackUpdate {
            registry_csv: Some(text),
            ..Default::default()
        },
        "rules" => PackUpdate {
            rules_json: Some(text),
            ..Default::default()
        },
        other => return Err(ApiError::NotFound(format!("bagian paket {other}"))),
    };
    Ok(Json(
        crate::pack::publish(state.db(), &village, update).await?,
    ))
}

/// `Debug` masks identity numbers in the note staff typed.
#[derive(Deserialize)]
pub struct StatusForm {
    pub status: String,
    #[serde(default)]
    pub note: String,
}
puskesos_core::redacted_debug!(StatusForm { status, note });

async fn api_change_status(
    State(state): State<AppState>,
    staff: StaffAuth,
    Path((village, entity, id)): Path<(String, String, String)>,
    Json(req): Json<StatusForm>,
) -> ApiResult<Json<StatusChange>> {
    let entity = Entity::parse(&entity).ok_or_else(|| ApiError::NotFound(entity.clone()))?;
    Ok(Json(
        crate::feed::change_status(
            state.db(),
            &village,
            entity,
            &id,
            &req.status,
            &req.note,
            &staff.username,
        )
        .await?,
    ))
}

/// Two devices' values of one field; the field may be a NIK or KK number, so `Debug` masks
/// identity numbers in both values.
#[derive(Clone, Serialize, Deserialize)]
pub struct ConflictRow {
    pub entity: String,
    pub entity_id: String,
    pub field: String,
    pub kept_value: serde_json::Value,
    pub kept_clock: i64,
    pub kept_device: String,
    pub lost_value: serde_json::Value,
    pub lost_clock: i64,
    pub lost_device: String,
    pub at: String,
}

puskesos_core::redacted_debug!(ConflictRow {
    entity,
    entity_id,
    field,
    kept_value,
    kept_clock,
    kept_device,
    lost_value,
    lost_clock,
    lost_device,
    at,
});

pub async fn conflicts(db: &Db, village: &str) -> ApiResult<Vec<ConflictRow>> {
    let rows = sqlx::query(
        "SELECT entity, entity_id, field, kept_value, kept_clock, kept_device, lost_value,
                lost_clock, lost_device, at
         FROM conflicts WHERE village_code = $1 ORDER BY at, id",
    )
    .bind(village)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ConflictRow {
                entity: r.try_get("entity")?,
                entity_id: r.try_get("entity_id")?,
                field: r.try_get("field")?,
                kept_value: serde_json::from_str(&r.try_get::<String, _>("kept_value")?)?,
                kept_clock: r.try_get("kept_clock")?,
                kept_device: r.try_get("kept_device")?,
                lost_value: serde_json::from_str(&r.try_get::<String, _>("lost_value")?)?,
                lost_clock: r.try_get("lost_clock")?,
                lost_device: r.try_get("lost_device")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

async fn api_conflicts(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Path(village): Path<String>,
) -> ApiResult<Json<Vec<ConflictRow>>> {
    crate::enrol::require_village(state.db(), &village).await?;
    Ok(Json(conflicts(state.db(), &village).await?))
}

/// `GET /staff/api/villages/{code}/audit`: each device's audit chain and its breaks.
async fn api_audit(
    State(state): State<AppState>,
    _staff: StaffAuth,
    Path(village): Path<String>,
) -> ApiResult<Json<Vec<crate::audit::DeviceAudit>>> {
    crate::enrol::require_village(state.db(), &village).await?;
    let chains = crate::audit::village_audit(state.db(), &village).await?;
    Ok(Json(chains.into_values().collect()))
}
