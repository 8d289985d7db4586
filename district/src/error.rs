//! The service's error type and how each case answers on the wire: a status code and an
//! [`ErrorBody`] with a stable code and a message in Bahasa Indonesia.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use puskesos_core::ident::Redacted;
use puskesos_core::sync::wire::ErrorBody;

use crate::db::DbError;

/// What a request got wrong or what failed serving it. Its text goes back to the phone (and
/// into the phone's parked entries and logs) and into this service's logs; several variants
/// quote what was sent (an extract's line, an id), so `Display` and `Debug` mask identity
/// numbers.
#[derive(thiserror::Error)]
pub enum ApiError {
    #[error("token perangkat tidak ada atau tidak sah")]
    Unauthorized,
    #[error("perangkat ini telah dicabut; daftarkan ulang")]
    Revoked,
    #[error("perangkat ini tidak berwenang atas desa {}", Redacted(.0))]
    WrongVillage(String),
    #[error("silakan masuk sebagai petugas dinas")]
    StaffLogin,
    #[error("kode pendaftaran tidak dikenal")]
    UnknownEnrolCode,
    #[error("kode pendaftaran sudah kedaluwarsa")]
    ExpiredEnrolCode,
    #[error("kode pendaftaran sudah dipakai")]
    UsedEnrolCode,
    #[error("tidak ditemukan: {}", Redacted(.0))]
    NotFound(String),
    #[error("permintaan tidak sah: {}", Redacted(.0))]
    BadRequest(String),
    #[error("posisi unggahan {offset} tidak cocok; server sudah menerima {received} bita")]
    OffsetMismatch { offset: i64, received: i64 },
    #[error("isi berkas tidak cocok dengan SHA-256 {}; unggah ulang dari awal", Redacted(.0))]
    HashMismatch(String),
    #[error("kesalahan server: {}", Redacted(.0))]
    Internal(String),
}

puskesos_core::redacted_debug!(enum ApiError {
    Unauthorized,
    Revoked,
    WrongVillage(village),
    StaffLogin,
    UnknownEnrolCode,
    ExpiredEnrolCode,
    UsedEnrolCode,
    NotFound(what),
    BadRequest(reason),
    OffsetMismatch { offset, received },
    HashMismatch(sha256),
    Internal(what),
});

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized | ApiError::Revoked | ApiError::StaffLogin => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::WrongVillage(_) => StatusCode::FORBIDDEN,
            ApiError::UnknownEnrolCode | ApiError::ExpiredEnrolCode | ApiError::UsedEnrolCode => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::OffsetMismatch { .. } => StatusCode::CONFLICT,
            ApiError::HashMismatch(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthorized => "unauthorized",
            ApiError::Revoked => puskesos_core::sync::wire::REVOKED_CODE,
            ApiError::WrongVillage(_) => "wrong_village",
            ApiError::StaffLogin => "staff_login",
            ApiError::UnknownEnrolCode => "enrol_code_unknown",
            ApiError::ExpiredEnrolCode => "enrol_code_expired",
            ApiError::UsedEnrolCode => "enrol_code_used",
            ApiError::NotFound(_) => "not_found",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::OffsetMismatch { .. } => "offset_mismatch",
            ApiError::HashMismatch(_) => "hash_mismatch",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %Redacted(&e), "database error");
        ApiError::Internal("basis data".into())
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        tracing::error!(error = %Redacted(&e), "database error");
        ApiError::Internal("basis data".into())
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        tracing::error!(error = %Redacted(&e), "storage error");
        ApiError::Internal("penyimpanan berkas".into())
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        tracing::error!(error = %Redacted(&e), "stored JSON unreadable");
        ApiError::Internal("data tersimpan rusak".into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code().to_string(),
            message: self.to_string(),
        };
        (self.status(), Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
