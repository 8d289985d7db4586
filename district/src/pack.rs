//! Village packs: the region list, the village's registry extract and the rule pack, as one
//! versioned bundle the phone needs to work offline. Every publication is a new version; old
//! versions are kept so that a phone can be sent only what changed since its own.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use puskesos_core::ident::RegionList;
use puskesos_core::registry::RegistryRecord;
use puskesos_core::sync::wire::{PackBody, PackManifest, VillagePack};
use serde::Deserialize;
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::auth::{sha256_hex, DeviceAuth};
use crate::db::{now_rfc3339, Db};
use crate::enrol::require_village;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The parts a publication replaces; a part left `None` is carried over from the last
/// version. `Debug` masks the NIKs and KK numbers of the extract.
#[derive(Default, Clone)]
pub struct PackUpdate {
    pub region_list_csv: Option<String>,
    pub registry_csv: Option<String>,
    pub rules_json: Option<String>,
}
puskesos_core::redacted_debug!(PackUpdate {
    region_list_csv,
    registry_csv,
    rules_json,
});

struct StoredPack {
    manifest: PackManifest,
    region_list_csv: Option<String>,
    registry: Vec<RegistryRecord>,
    rules: Option<Value>,
}

pub fn etag_for(village_code: &str, version: i64) -> String {
    format!("\"{village_code}-v{version}\"")
}

/// Reads a registry extract CSV (the core's extract format) and checks that every row is of
/// this village: a district must never ship one village's residents to another's phones.
pub fn parse_registry_csv(village_code: &str, csv_text: &str) -> ApiResult<Vec<RegistryRecord>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.deserialize::<RegistryRecord>().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| ApiError::BadRequest(format!("ekstrak baris {line}: {e}")))?;
        if rec.village_code != village_code {
            return Err(ApiError::BadRequest(format!(
                "ekstrak baris {line}: desa {} bukan {village_code}",
                rec.village_code
            )));
        }
        if rec.nik.len() != 16 || !rec.nik.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::BadRequest(format!(
                "ekstrak baris {line}: NIK harus 16 angka"
            )));
        }
        rows.push(rec);
    }
    Ok(rows)
}

pub async fn publish(db: &Db, village_code: &str, update: PackUpdate) -> ApiResult<PackManifest> {
    require_village(db, village_code).await?;
    if let Some(csv_text) = &update.region_list_csv {
        RegionList::from_csv(csv_text.as_bytes())
            .map_err(|e| ApiError::BadRequest(format!("daftar wilayah: {e}")))?;
    }
    let registry = match &update.registry_csv {
        Some(text) => Some(parse_registry_csv(village_code, text)?),
        None => None,
    };
    if let Some(rules) = &update.rules_json {
        serde_json::from_str::<Value>(rules)
            .map_err(|e| ApiError::BadRequest(format!("paket aturan bukan JSON: {e}")))?;
    }
    let mut w = db.begin_write().await?;
    let last = sqlx::query(
        "SELECT version, region_list_csv, region_list_sha256, registry_json, registry_sha256,
                registry_rows, rules_json, rules_sha256, published_at, village_code
         FROM packs WHERE village_code = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(village_code)
    .fetch_optional(&mut *w.tx)
    .await?;
    let (version, mut region, mut reg_json, mut rules) = match &last {
        Some(r) => (
            r.try_get::<i64, _>("version")? + 1,
            r.try_get::<Option<String>, _>("region_list_csv")?,
            r.try_get::<String, _>("registry_json")?,
            r.try_get::<Option<String>, _>("rules_json")?,
        ),
        None => (1, None, "[]".to_string(), None),
    };
    let mut rows: i64 = match &last {
        Some(r) => r.try_get("registry_rows")?,
        None => 0,
    };
    if let Some(csv_text) = update.region_list_csv {
        region = Some(csv_text);
    }
    if let Some(records) = registry {
        rows = records.len() as i64;
        reg_json = serde_json::to_string(&records)?;
    }
    if let Some(r) = update.rules_json {
        rules = Some(r);
    }
    let published_at = now_rfc3339();
    let region_sha = region.as_ref().map(|s| sha256_hex(s.as_bytes()));
    let reg_sha = (rows > 0).then(|| sha256_hex(reg_json.as_bytes()));
    let rules_sha = rules.as_ref().map(|s| sha256_hex(s.as_bytes()));
    sqlx::query(
        "INSERT INTO packs (village_code, version, published_at, region_list_csv, region_list_sha256,
             registry_json, registry_sha256, registry_rows, rules_json, rules_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(village_code)
    .bind(version)
    .bind(&published_at)
    .bind(&region)
    .bind(&region_sha)
    .bind(&reg_json)
    .bind(&reg_sha)
    .bind(rows)
    .bind(&rules)
    .bind(&rules_sha)
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    tracing::info!(%village_code, version, rows, "village pack published");
    Ok(PackManifest {
        village_code: village_code.to_string(),
        version,
        etag: etag_for(village_code, version),
        published_at: parse_time(&published_at)?,
        region_list_sha256: region_sha,
        registry_sha256: reg_sha,
        registry_rows: rows,
        rules_sha256: rules_sha,
    })
}

fn parse_time(s: &str) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| ApiError::Internal(format!("waktu tersimpan: {e}")))
}

fn manifest_from_row(r: &AnyRow) -> ApiResult<PackManifest> {
    let village_code: String = r.try_get("village_code")?;
    let version: i64 = r.try_get("version")?;
    Ok(PackManifest {
        etag: etag_for(&village_code, version),
        village_code,
        version,
        published_at: parse_time(&r.try_get::<String, _>("published_at")?)?,
        region_list_sha256: r.try_get("region_list_sha256")?,
        registry_sha256: r.try_get("registry_sha256")?,
        registry_rows: r.try_get("registry_rows")?,
        rules_sha256: r.try_get("rules_sha256")?,
    })
}

/// The newest version's number only: the cheap check behind `If-None-Match`.
async fn latest_version(db: &Db, village_code: &str) -> ApiResult<Option<i64>> {
    let row = sqlx::query("SELECT MAX(version) AS v FROM packs WHERE village_code = $1")
        .bind(village_code)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get::<Option<i64>, _>("v")?)
}

async fn load(db: &Db, village_code: &str, version: i64) -> ApiResult<Option<StoredPack>> {
    let row = sqlx::query(
        "SELECT village_code, version, published_at, region_list_csv, region_list_sha256,
                registry_json, registry_sha256, registry_rows, rules_json, rules_sha256
         FROM packs WHERE village_code = $1 AND version = $2",
    )
    .bind(village_code)
    .bind(version)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let rules: Option<String> = r.try_get("rules_json")?;
    Ok(Some(StoredPack {
        manifest: manifest_from_row(&r)?,
        region_list_csv: r.try_get("region_list_csv")?,
        registry: serde_json::from_str(&r.try_get::<String, _>("registry_json")?)?,
        rules: match rules {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        },
    }))
}

/// The changes from `old` to `new`: registry rows by NIK, the other parts whole when their
/// hash changed.
fn delta(old: StoredPack, new: StoredPack) -> VillagePack {
    let old_rows: BTreeMap<&str, &RegistryRecord> =
        old.registry.iter().map(|r| (r.nik.as_str(), r)).collect();
    let new_niks: std::collections::BTreeSet<&str> =
        new.registry.iter().map(|r| r.nik.as_str()).collect();
    let registry_upserts = new
        .registry
        .iter()
        .filter(|r| old_rows.get(r.nik.as_str()) != Some(r))
        .cloned()
        .collect();
    let registry_removed_niks = old
        .registry
        .iter()
        .filter(|r| !new_niks.contains(r.nik.as_str()))
        .map(|r| r.nik.clone())
        .collect();
    let region_changed = old.manifest.region_list_sha256 != new.manifest.region_list_sha256;
    let rules_changed = old.manifest.rules_sha256 != new.manifest.rules_sha256;
    VillagePack {
        body: PackBody::Delta {
            from_version: old.manifest.version,
            region_list_csv: if region_changed {
                new.region_list_csv
            } else {
                None
            },
            registry_upserts,
            registry_removed_niks,
            rules: if rules_changed { new.rules } else { None },
        },
        manifest: new.manifest,
    }
}

/// Whether an `If-None-Match` header names `etag` (RFC 9110 §13.1.2: weak comparison, a
/// list, or `*`).
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

#[derive(Debug, Deserialize)]
pub struct PackQuery {
    pub since: Option<i64>,
}

/// `GET /api/v1/villages/{code}/pack[?since=N]`.
pub async fn get_pack(
    State(state): State<AppState>,
    device: DeviceAuth,
    Path(village_code): Path<String>,
    Query(q): Query<PackQuery>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    device.require_village(&village_code)?;
    let db = state.db();
    let version = latest_version(db, &village_code)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("paket desa {village_code} belum terbit")))?;
    let etag = etag_for(&village_code, version);
    let etag_header =
        HeaderValue::from_str(&etag).map_err(|e| ApiError::Internal(e.to_string()))?;
    if none_match(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_header)]).into_response());
    }
    let current = load(db, &village_code, version)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("paket desa {village_code}")))?;
    let old = match q.since {
        Some(since) if since < version => load(db, &village_code, since).await?,
        _ => None,
    };
    let pack = match old {
        Some(old) => delta(old, current),
        None => VillagePack {
            manifest: current.manifest,
            body: PackBody::Full {
                region_list_csv: current.region_list_csv,
                registry: current.registry,
                rules: current.rules,
            },
        },
    };
    Ok(([(header::ETAG, etag_header)], Json(pack)).into_response())
}
