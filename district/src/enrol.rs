//! Villages, enrolment codes and devices: who may sync which village.

use axum::extract::State;
use axum::Json;
use puskesos_core::sync::wire::{EnrolRequest, EnrolResponse};
use sqlx::Row;

use crate::auth::{enrol_code_hash, new_device_token, new_enrol_code};
use crate::db::{now_ms, now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::unlock::UnlockCodeKey;

/// A village code must be a Kemendagri village (desa/kelurahan) code: 10 digits
/// (Permendagri 72/2019 on region codes), written without dots.
pub fn check_village_code(code: &str) -> ApiResult<String> {
    let digits: String = code.chars().filter(|c| *c != '.').collect();
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(ApiError::BadRequest(format!(
            "kode desa harus 10 angka Kemendagri, bukan {code:?}"
        )))
    }
}

pub async fn create_village(db: &Db, code: &str, name: &str) -> ApiResult<String> {
    let code = check_village_code(code)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::BadRequest("nama desa kosong".into()));
    }
    let mut w = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO villages (code, name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name",
    )
    .bind(&code)
    .bind(name)
    .bind(now_rfc3339())
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(code)
}

pub async fn village_name(db: &Db, code: &str) -> ApiResult<Option<String>> {
    let row = sqlx::query("SELECT name FROM villages WHERE code = $1")
        .bind(code)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("name")?),
        None => None,
    })
}

pub async fn require_village(db: &Db, code: &str) -> ApiResult<String> {
    village_name(db, code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("desa {code}")))
}

/// Issues a one-time code for `operator_id` to enrol a phone for `village_code`.
pub async fn issue_enrol_code(
    db: &Db,
    village_code: &str,
    operator_id: &str,
    minutes: i64,
    by: &str,
) -> ApiResult<String> {
    require_village(db, village_code).await?;
    let operator_id = operator_id.trim();
    if operator_id.is_empty() {
        return Err(ApiError::BadRequest("operator kosong".into()));
    }
    let code = new_enrol_code();
    let mut w = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO enrol_codes (code_hash, village_code, operator_id, expires_ms, used_ms, created_by)
         VALUES ($1, $2, $3, $4, NULL, $5)",
    )
    .bind(enrol_code_hash(&code))
    .bind(village_code)
    .bind(operator_id)
    .bind(now_ms() + minutes * 60_000)
    .bind(by)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(code)
}

/// Trades a code for a device token. The code is marked used in the same transaction that
/// creates the device, and only if it was unused: of two phones racing with one code, one
/// wins. The device gets its unlock code here too (kept sealed under `unlock_key`), so that
/// a phone is never without the way back in after ten wrong PINs.
pub async fn enrol(
    db: &Db,
    unlock_key: &UnlockCodeKey,
    req: &EnrolRequest,
) -> ApiResult<EnrolResponse> {
    let hash = enrol_code_hash(&req.code);
    let mut w = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT e.village_code, e.operator_id, e.expires_ms, e.used_ms, v.name
         FROM enrol_codes e JOIN villages v ON v.code = e.village_code WHERE e.code_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&mut *w.tx)
    .await?
    .ok_or(ApiError::UnknownEnrolCode)?;
    let used: Option<i64> = row.try_get("used_ms")?;
    if used.is_some() {
        return Err(ApiError::UsedEnrolCode);
    }
    let expires: i64 = row.try_get("expires_ms")?;
    let now = now_ms();
    if expires < now {
        return Err(ApiError::ExpiredEnrolCode);
    }
    let claimed =
        sqlx::query("UPDATE enrol_codes SET used_ms = $1 WHERE code_hash = $2 AND used_ms IS NULL")
            .bind(now)
            .bind(&hash)
            .execute(&mut *w.tx)
            .await?;
    if claimed.rows_affected() != 1 {
        return Err(ApiError::UsedEnrolCode);
    }
    let village_code: String = row.try_get("village_code")?;
    let operator_id: String = row.try_get("operator_id")?;
    let village_name: String = row.try_get("name")?;
    let device_id = uuid::Uuid::now_v7().to_string();
    let (token, token_hash) = new_device_token(&device_id);
    let (unlock_code, unlock_sealed) = crate::unlock::issue(unlock_key, &device_id)?;
    let label: String = req.device_label.chars().take(80).collect();
    sqlx::query(
        "INSERT INTO devices (device_id, token_hash, village_code, operator_id, label, enrolled_at, revoked_at, unlock_code_sealed)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)",
    )
    .bind(&device_id)
    .bind(&token_hash)
    .bind(&village_code)
    .bind(&operator_id)
    .bind(&label)
    .bind(now_rfc3339())
    .bind(&unlock_sealed)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    tracing::info!(%device_id, %village_code, %operator_id, "device enrolled");
    Ok(EnrolResponse {
        device_id,
        token,
        village_code,
        village_name,
        operator_id,
        unlock_code: Some(unlock_code),
    })
}

/// Revokes a device; the next request with its token is refused (tokens are checked against
/// the database on every request, nothing is cached).
/// Revokes the device's token. With `final_upload` the phone may still send what waits on it
/// (batches and files, nothing else), and wipes itself once it has; without, its next
/// contact is refused and the phone wipes what it holds at once.
pub async fn revoke_device(db: &Db, device_id: &str, final_upload: bool) -> ApiResult<()> {
    let mut w = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE devices SET revoked_at = $1, final_upload = $2 WHERE device_id = $3 AND revoked_at IS NULL",
    )
    .bind(now_rfc3339())
    .bind(i64::from(final_upload))
    .bind(device_id)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound(format!("perangkat {device_id}")));
    }
    Ok(())
}

#[derive(Debug, Clone)]
pub struct DeviceRow {
    pub device_id: String,
    pub village_code: String,
    pub operator_id: String,
    pub label: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    /// Revoked with its last upload allowed (see [`revoke_device`]).
    pub final_upload: bool,
}

pub async fn list_devices(db: &Db, village_code: &str) -> ApiResult<Vec<DeviceRow>> {
    let rows = sqlx::query(
        "SELECT device_id, village_code, operator_id, label, enrolled_at, revoked_at, final_upload
         FROM devices WHERE village_code = $1 ORDER BY enrolled_at",
    )
    .bind(village_code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DeviceRow {
                device_id: r.try_get("device_id")?,
                village_code: r.try_get("village_code")?,
                operator_id: r.try_get("operator_id")?,
                label: r.try_get("label")?,
                enrolled_at: r.try_get("enrolled_at")?,
                revoked_at: r.try_get("revoked_at")?,
                final_upload: r.try_get::<i64, _>("final_upload")? != 0,
            })
        })
        .collect()
}

pub async fn list_villages(db: &Db) -> ApiResult<Vec<(String, String)>> {
    let rows = sqlx::query("SELECT code, name FROM villages ORDER BY code")
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("code")?, r.try_get("name")?)))
        .collect()
}

/// `POST /api/v1/enrol`.
pub async fn enrol_handler(
    State(state): State<AppState>,
    Json(req): Json<EnrolRequest>,
) -> ApiResult<Json<EnrolResponse>> {
    Ok(Json(enrol(state.db(), state.unlock_key(), &req).await?))
}
