//! Document bytes: content-addressed on disk by SHA-256 and uploaded resumably in chunks.
//!
//! A phone on 2G loses its connection mid-photo. It asks how much the service holds
//! (`received`) and continues from there; only when the last byte arrives is the whole file
//! hashed and, if it matches its name, moved into `blobs/`. A file whose hash is already
//! stored is never uploaded again.

use std::collections::HashMap;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::Json;
use puskesos_core::sync::wire::{ChunkStatus, UploadBegin};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Mutex;

use crate::auth::UploadingDevice;
use crate::db::{now_rfc3339, Db};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The largest document accepted: a normalised phone photo is ~250 KB, a scanned PDF a few
/// MB.
pub const MAX_FILE_BYTES: i64 = 64 * 1024 * 1024;
/// The largest chunk in one request.
pub const MAX_CHUNK_BYTES: usize = 4 * 1024 * 1024;

pub struct FileStore {
    root: PathBuf,
    locks: std::sync::Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

impl FileStore {
    pub fn new(root: PathBuf) -> std::io::Result<FileStore> {
        std::fs::create_dir_all(root.join("blobs"))?;
        std::fs::create_dir_all(root.join("partial"))?;
        Ok(FileStore {
            root,
            locks: std::sync::Mutex::new(HashMap::new()),
        })
    }

    pub fn blob_path(&self, sha256: &str) -> PathBuf {
        self.root.join("blobs").join(&sha256[..2]).join(sha256)
    }

    fn partial_path(&self, village_code: &str, sha256: &str) -> PathBuf {
        self.root
            .join("partial")
            .join(format!("{village_code}-{sha256}.part"))
    }

    /// One upload of one file at a time; different files proceed in parallel.
    fn lock(&self, key: &str) -> Arc<Mutex<()>> {
        let mut map = self.locks.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key.to_string()).or_default().clone()
    }
}

pub fn check_sha256(s: &str) -> ApiResult<()> {
    if s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(ApiError::BadRequest(
            "nama berkas harus SHA-256 heksadesimal huruf kecil (64 karakter)".into(),
        ))
    }
}

async fn file_len(path: &FsPath) -> std::io::Result<Option<i64>> {
    match tokio::fs::metadata(path).await {
        Ok(m) => Ok(Some(m.len() as i64)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

async fn upload_row(db: &Db, village: &str, sha: &str) -> ApiResult<Option<(i64, bool)>> {
    let row =
        sqlx::query("SELECT size, complete FROM uploads WHERE village_code = $1 AND sha256 = $2")
            .bind(village)
            .bind(sha)
            .fetch_optional(&db.pool)
            .await?;
    Ok(match row {
        Some(r) => Some((r.try_get("size")?, r.try_get::<i64, _>("complete")? != 0)),
        None => None,
    })
}

async fn mark_complete(db: &Db, village: &str, sha: &str, size: i64, mime: &str) -> ApiResult<()> {
    let mut w = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO uploads (village_code, sha256, size, mime, complete, created_at)
         VALUES ($1, $2, $3, $4, 1, $5)
         ON CONFLICT (village_code, sha256) DO UPDATE SET complete = 1, size = excluded.size",
    )
    .bind(village)
    .bind(sha)
    .bind(size)
    .bind(mime)
    .bind(now_rfc3339())
    .execute(&mut *w.tx)
    .await?;
    w.commit().await?;
    Ok(())
}

/// Where an upload stands; `None` when it was never begun.
async fn status(state: &AppState, village: &str, sha: &str) -> ApiResult<Option<ChunkStatus>> {
    let Some((size, complete)) = upload_row(state.db(), village, sha).await? else {
        return Ok(None);
    };
    let files = state.files();
    if complete {
        return Ok(Some(ChunkStatus {
            sha256: sha.into(),
            size,
            received: size,
            complete: true,
        }));
    }
    if file_len(&files.blob_path(sha)).await?.is_some() {
        // Finished on disk but the row was not updated (stopped in between): finish now.
        let mime = mime_of(state.db(), village, sha).await?;
        mark_complete(state.db(), village, sha, size, &mime).await?;
        return Ok(Some(ChunkStatus {
            sha256: sha.into(),
            size,
            received: size,
            complete: true,
        }));
    }
    let received = file_len(&files.partial_path(village, sha))
        .await?
        .unwrap_or(0);
    Ok(Some(ChunkStatus {
        sha256: sha.into(),
        size,
        received,
        complete: false,
    }))
}

async fn mime_of(db: &Db, village: &str, sha: &str) -> ApiResult<String> {
    let row = sqlx::query("SELECT mime FROM uploads WHERE village_code = $1 AND sha256 = $2")
        .bind(village)
        .bind(sha)
        .fetch_optional(&db.pool)
        .await?;
    Ok(match row {
        Some(r) => r.try_get("mime")?,
        None => "application/octet-stream".into(),
    })
}

/// `GET /api/v1/villages/{code}/files/{sha256}`.
pub async fn get_status(
    State(state): State<AppState>,
    UploadingDevice(device): UploadingDevice,
    Path((village, sha)): Path<(String, String)>,
) -> ApiResult<Json<ChunkStatus>> {
    device.require_village(&village)?;
    check_sha256(&sha)?;
    status(&state, &village, &sha)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("unggahan {sha}")))
}

/// `POST /api/v1/villages/{code}/files/{sha256}`: begins an upload, or says how far an
/// earlier one got, or that the bytes are already stored.
pub async fn begin(
    State(state): State<AppState>,
    UploadingDevice(device): UploadingDevice,
    Path((village, sha)): Path<(String, String)>,
    Json(req): Json<UploadBegin>,
) -> ApiResult<Json<ChunkStatus>> {
    device.require_village(&village)?;
    check_sha256(&sha)?;
    if req.size <= 0 || req.size > MAX_FILE_BYTES {
        return Err(ApiError::BadRequest(format!(
            "ukuran berkas harus 1..{MAX_FILE_BYTES} bita"
        )));
    }
    let mime: String = req.mime.chars().take(100).collect();
    let files = state.files();
    let lock = files.lock(&format!("{village}/{sha}"));
    let _guard = lock.lock().await;
    if let Some(len) = file_len(&files.blob_path(&sha)).await? {
        mark_complete(state.db(), &village, &sha, len, &mime).await?;
        return Ok(Json(ChunkStatus {
            sha256: sha,
            size: len,
            received: len,
            complete: true,
        }));
    }
    match upload_row(state.db(), &village, &sha).await? {
        Some((size, _)) if size != req.size => {
            // The same name with another size cannot be the same content: start over.
            let _ = tokio::fs::remove_file(files.partial_path(&village, &sha)).await;
            let mut w = state.db().begin_write().await?;
            sqlx::query(
                "UPDATE uploads SET size = $1, mime = $2 WHERE village_code = $3 AND sha256 = $4",
            )
            .bind(req.size)
            .bind(&mime)
            .bind(&village)
            .bind(&sha)
            .execute(&mut *w.tx)
            .await?;
            w.commit().await?;
        }
        Some(_) => {}
        None => {
            let mut w = state.db().begin_write().await?;
            sqlx::query(
                "INSERT INTO uploads (village_code, sha256, size, mime, complete, created_at)
                 VALUES ($1, $2, $3, $4, 0, $5) ON CONFLICT (village_code, sha256) DO NOTHING",
            )
            .bind(&village)
            .bind(&sha)
            .bind(req.size)
            .bind(&mime)
            .bind(now_rfc3339())
            .execute(&mut *w.tx)
            .await?;
            w.commit().await?;
        }
    }
    let current = status(&state, &village, &sha)
        .await?
        .ok_or_else(|| ApiError::Internal("unggahan hilang".into()))?;
    Ok(Json(recover_full(&state, &village, &sha, current).await?))
}

/// An upload whose bytes all arrived but that was never finished (the request carrying the
/// last chunk was cut, or the service stopped, between the write and the move into the
/// store) is finished now; one whose bytes do not hash to its name starts over.
async fn recover_full(
    state: &AppState,
    village: &str,
    sha: &str,
    current: ChunkStatus,
) -> ApiResult<ChunkStatus> {
    if current.complete || current.received < current.size {
        return Ok(current);
    }
    match finish(state, village, sha, current.size).await {
        Ok(()) => Ok(ChunkStatus {
            complete: true,
            ..current
        }),
        Err(ApiError::HashMismatch(_)) => Ok(ChunkStatus {
            received: 0,
            ..current
        }),
        Err(e) => Err(e),
    }
}

/// Checks the hash of a fully received upload and moves it into the content store.
async fn finish(state: &AppState, village: &str, sha: &str, size: i64) -> ApiResult<()> {
    let files = state.files();
    let partial = files.partial_path(village, sha);
    let actual = hash_file(&partial).await?;
    if actual != sha {
        tokio::fs::remove_file(&partial).await?;
        tracing::warn!(%village, expected = %sha, %actual, "uploaded file failed its hash check");
        return Err(ApiError::HashMismatch(sha.to_string()));
    }
    let blob = files.blob_path(sha);
    if let Some(dir) = blob.parent() {
        tokio::fs::create_dir_all(dir).await?;
    }
    tokio::fs::rename(&partial, &blob).await?;
    let mime = mime_of(state.db(), village, sha).await?;
    mark_complete(state.db(), village, sha, size, &mime).await
}

#[derive(Debug, Deserialize)]
pub struct ChunkQuery {
    pub offset: i64,
}

/// `PUT /api/v1/villages/{code}/files/{sha256}?offset=N`: appends bytes at `N`, which must be
/// exactly what the service holds.
pub async fn put_chunk(
    State(state): State<AppState>,
    UploadingDevice(device): UploadingDevice,
    Path((village, sha)): Path<(String, String)>,
    Query(q): Query<ChunkQuery>,
    body: Bytes,
) -> ApiResult<Json<ChunkStatus>> {
    device.require_village(&village)?;
    check_sha256(&sha)?;
    // The write and the finishing run as their own task: a client that disconnects
    // mid-request (2G, a killed app) cancels this handler, and must not leave a file whose
    // bytes all arrived but that was never checked and stored.
    tokio::spawn(async move { append_chunk(state, village, sha, q.offset, body).await })
        .await
        .map_err(|e| ApiError::Internal(format!("unggahan terhenti: {e}")))?
        .map(Json)
}

async fn append_chunk(
    state: AppState,
    village: String,
    sha: String,
    offset: i64,
    body: Bytes,
) -> ApiResult<ChunkStatus> {
    let files = state.files();
    let lock = files.lock(&format!("{village}/{sha}"));
    let _guard = lock.lock().await;
    let current = status(&state, &village, &sha)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("unggahan {sha} belum dimulai")))?;
    let current = recover_full(&state, &village, &sha, current).await?;
    if current.complete {
        return Ok(current);
    }
    if offset != current.received {
        return Err(ApiError::OffsetMismatch {
            offset,
            received: current.received,
        });
    }
    let end = current.received + body.len() as i64;
    if end > current.size {
        return Err(ApiError::BadRequest(format!(
            "potongan melewati ukuran berkas ({end} > {})",
            current.size
        )));
    }
    let partial = files.partial_path(&village, &sha);
    let mut f = tokio::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&partial)
        .await?;
    f.write_all(&body).await?;
    f.sync_data().await?;
    drop(f);
    if end < current.size {
        return Ok(ChunkStatus {
            received: end,
            ..current
        });
    }
    finish(&state, &village, &sha, current.size).await?;
    Ok(ChunkStatus {
        received: end,
        complete: true,
        ..current
    })
}

pub async fn hash_file(path: &FsPath) -> std::io::Result<String> {
    let mut f = tokio::fs::File::open(path).await?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Whether a village holds a complete file (for the review pages).
pub async fn village_has(db: &Db, village: &str, sha: &str) -> ApiResult<Option<String>> {
    let row = sqlx::query(
        "SELECT mime FROM uploads WHERE village_code = $1 AND sha256 = $2 AND complete = 1",
    )
    .bind(village)
    .bind(sha)
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("mime")?),
        None => None,
    })
}
