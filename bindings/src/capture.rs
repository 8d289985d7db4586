//! Document capture: photos normalised by core (upright, downscaled, metadata stripped,
//! hashed) with their quality verdicts, barcodes read from photos and from live camera
//! frames, and what a barcode's text means for the desk.
//!
//! Copies across the boundary, chosen per path:
//! - A camera frame is a `&[u8]`: UniFFI passes a *direct* `java.nio.ByteBuffer` (Camera2's
//!   `Image.Plane.buffer` is one) by pointer, with no copy. Core then makes its one packed,
//!   upright copy of the luma plane, which the decoder needs anyway. The buffer must start at
//!   position 0 (pass `buffer.slice()` otherwise): UniFFI sends the buffer's base address.
//! - A photo is a `Vec<u8>`: the app's `ByteArray` is copied once into a Rust buffer, which
//!   core then reads in place. The normalised JPEG (≤ 300 KB) is copied once back into a
//!   `ByteArray`. A 12 MP original therefore crosses with one copy.

use chrono::NaiveDate;
use puskesos_core::capture::{
    self as core_capture, CaptureError as CoreCaptureError, IdKind, PayloadKind, QualityCheck,
    QualityProblem, SourceFormat, Symbol,
};
use puskesos_core::ident::{mask_number, Redacted, Sex};
use puskesos_core::model::DocumentKind;
use puskesos_core::Lang;

use crate::guard::{guard, Internal};
use crate::lang::{self, LocalText};

/// The capture room's error; the message says what the person should do.
#[derive(Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CaptureError {
    /// Not JPEG or PNG (HEIC, WebP, PDF…), or empty.
    #[error("{}", Redacted(.message))]
    Unsupported { message: String },
    /// Truncated or damaged file: take or copy the photo again.
    #[error("{}", Redacted(.message))]
    Damaged { message: String },
    /// More pixels or memory than a phone can afford; refused before decoding.
    #[error("{}", Redacted(.message))]
    TooLarge { message: String },
    /// A camera frame whose geometry does not fit its buffer; the frame is skipped.
    #[error("{}", Redacted(.message))]
    InvalidFrame { message: String },
    #[error("{}", Redacted(.message))]
    InvalidDate { message: String },
    /// Encoding the JPEG failed, or core refused its own options.
    #[error("{}", Redacted(.message))]
    Failed { message: String },
    #[error("{}", Redacted(.message))]
    Internal { message: String },
}

puskesos_core::redacted_debug!(enum CaptureError {
    Unsupported { message },
    Damaged { message },
    TooLarge { message },
    InvalidFrame { message },
    InvalidDate { message },
    Failed { message },
    Internal { message },
});

impl Internal for CaptureError {
    fn internal(detail: String) -> Self {
        CaptureError::Internal {
            message: match lang::current() {
                Lang::Id => format!("Kesalahan internal saat membaca gambar. ({detail})"),
                Lang::En => format!("Internal error while reading the image. ({detail})"),
            },
        }
    }
}

impl From<CoreCaptureError> for CaptureError {
    fn from(e: CoreCaptureError) -> Self {
        let message = e.message(lang::current());
        use CoreCaptureError as E;
        match e {
            E::Empty | E::UnsupportedFormat { .. } => CaptureError::Unsupported { message },
            E::Truncated { .. } | E::Corrupt { .. } => CaptureError::Damaged { message },
            E::TooLarge { .. } | E::MemoryLimit { .. } => CaptureError::TooLarge { message },
            E::FrameEmpty { .. }
            | E::FrameStride { .. }
            | E::FrameShort { .. }
            | E::FrameRotation { .. }
            | E::FrameTooLarge { .. } => CaptureError::InvalidFrame { message },
            E::Encode { .. } | E::InvalidOptions { .. } | E::QrText { .. } => {
                CaptureError::Failed { message }
            }
        }
    }
}

/// One quality check of a photo; `advice` is what to tell the person ("ulangi" when failed).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct QualityVerdict {
    pub check: QualityCheck,
    pub problem: Option<QualityProblem>,
    pub passed: bool,
    /// The number compared (Laplacian variance, brightness, long side, orientation score).
    pub measure: f64,
    pub advice: LocalText,
}

/// A photo ready to store (`FieldStore.attach_document`) and upload.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NormalizedPhoto {
    /// Baseline JPEG with no EXIF, XMP, ICC or comment: the GPS a camera writes is gone.
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// SHA-256 of `jpeg`, lowercase hex.
    pub sha256: String,
    pub kind: DocumentKind,
    pub jpeg_quality: u8,
    /// False when even the lowest legible quality did not fit the 300 KB budget.
    pub budget_met: bool,
    pub source_format: SourceFormat,
    pub source_width: u32,
    pub source_height: u32,
    /// Every check passed: the photo can be kept without "ulangi".
    pub passed: bool,
    pub checks: Vec<QualityVerdict>,
}

/// A 16-digit number in a payload, read as a NIK or as a KK number. `Debug` masks the number
/// and, as core's candidate does, leaves out what the mask hides (the birth date and sex,
/// also spelled out in the reason).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdCandidate {
    pub kind: IdKind,
    pub number: String,
    pub number_masked: String,
    pub valid: bool,
    /// Why it is, or is not, a valid number of its kind.
    pub reason: LocalText,
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    pub recorded_on: Option<String>,
}

puskesos_core::redacted_debug!(IdCandidate {
    kind,
    number,
    number_masked,
    valid,
} hide {
    reason,
    birth_date,
    sex,
    recorded_on,
});

/// What a barcode's text is, with everything useful pulled out of it.
/// `Debug` masks identity numbers in the text and identifiers.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct Interpretation {
    pub kind: PayloadKind,
    /// Exactly as read, kept as evidence (the KK's verification link).
    pub text: String,
    pub url_host: Option<String>,
    pub identifiers: Vec<String>,
    pub candidates: Vec<IdCandidate>,
    /// For the app's own complaint receipt.
    pub case_id: Option<String>,
}

puskesos_core::redacted_debug!(Interpretation {
    kind,
    text,
    url_host,
    identifiers,
    candidates,
    case_id,
});

pub(crate) fn verdict(v: &core_capture::QualityVerdict) -> QualityVerdict {
    QualityVerdict {
        check: v.check,
        problem: v.problem,
        passed: v.passed(),
        measure: v.measure,
        advice: LocalText::of(|l| v.message(l)),
    }
}

/// Normalises a JPEG or PNG photo for a kind of document (upright, long side 1600 px for
/// papers and 1280 px for house photos, ≤ 300 KB when legibility allows, metadata gone) and
/// runs the quality checks on the result.
#[uniffi::export]
pub fn normalize_photo(
    bytes: Vec<u8>,
    kind: DocumentKind,
) -> Result<NormalizedPhoto, CaptureError> {
    guard(|| {
        let p = core_capture::normalize(&bytes, &core_capture::PhotoOptions::for_kind(kind))?;
        let checks: Vec<QualityVerdict> = p.checks.iter().map(verdict).collect();
        Ok(NormalizedPhoto {
            passed: checks.iter().all(|c| c.passed),
            checks,
            width: p.width,
            height: p.height,
            sha256: p.content_hash,
            kind: p.kind,
            jpeg_quality: p.quality,
            budget_met: p.budget_met,
            source_format: p.source_format,
            source_width: p.source_width,
            source_height: p.source_height,
            jpeg: p.bytes,
        })
    })
}

/// Reads every barcode in a JPEG or PNG photo (a KK's QR, a programme card). No symbol is an
/// empty list; only an unreadable image is an error.
#[uniffi::export]
pub fn decode_photo_barcodes(bytes: Vec<u8>) -> Result<Vec<Symbol>, CaptureError> {
    guard(|| Ok(core_capture::decode_image(&bytes)?))
}

/// Reads barcodes in a live camera frame: the Y plane of a YUV_420_888 image, `row_stride`
/// bytes per row, turned clockwise by `rotation_degrees` (0, 90, 180, 270) to be upright.
/// `luma` must be a direct ByteBuffer; it is read during the call only, without a copy.
#[uniffi::export]
pub fn decode_frame(
    luma: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    rotation_degrees: u32,
) -> Result<Vec<Symbol>, CaptureError> {
    guard(|| {
        Ok(core_capture::decode_frame(
            luma,
            width,
            height,
            row_stride,
            rotation_degrees,
        )?)
    })
}

/// Says what a barcode's text is: the KK's verification link, the app's case receipt, or
/// text with NIK / KK candidates (each checked as of `captured_on`, ISO; today when absent).
#[uniffi::export(default(captured_on = None))]
pub fn interpret_payload(
    text: String,
    captured_on: Option<String>,
) -> Result<Interpretation, CaptureError> {
    guard(|| {
        let on = match captured_on {
            Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                CaptureError::InvalidDate {
                    message: match lang::current() {
                        Lang::Id => format!("Tanggal \"{d}\" tidak terbaca; gunakan TTTT-BB-HH."),
                        Lang::En => format!("Unreadable date \"{d}\"; use YYYY-MM-DD."),
                    },
                }
            })?,
            None => chrono::Local::now().date_naive(),
        };
        let i = core_capture::interpret(&text, on);
        Ok(Interpretation {
            kind: i.kind,
            url_host: i.url_host,
            identifiers: i.identifiers,
            candidates: i
                .candidates
                .iter()
                .map(|c| IdCandidate {
                    kind: c.kind,
                    number_masked: mask_number(&c.number),
                    number: c.number.clone(),
                    valid: c.valid,
                    reason: LocalText::of(|l| c.reason(l)),
                    birth_date: c.birth_date.map(|d| d.to_string()),
                    sex: c.sex,
                    recorded_on: c.recorded_on.map(|d| d.to_string()),
                })
                .collect(),
            case_id: i.case_id.map(|u| u.to_string()),
            text: i.text,
        })
    })
}

/// A QR symbol's modules, row by row (1: dark), without its quiet zone: the screen scales it
/// and draws the margin.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct QrModules {
    pub size: u32,
    pub dark: Vec<u8>,
}

/// The QR of a text the phone shows (a case receipt's `receipt_qr`).
#[uniffi::export]
pub fn qr_modules(text: String) -> Result<QrModules, CaptureError> {
    guard(|| {
        let qr = puskesos_core::capture::qr_modules(&text)?;
        Ok(QrModules {
            size: qr.size as u32,
            dark: qr.dark.iter().map(|d| u8::from(*d)).collect(),
        })
    })
}
