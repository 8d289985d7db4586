//! Document capture: photos normalised for storage and upload, barcodes read from photos and
//! live camera frames, and their payloads interpreted.
//!
//! Rooms: [`photo`] (normalise), [`quality`] (checks before saving), [`kind`] (what a photo
//! shows and the registry checklist), [`barcode`] and [`frame`] (reading symbols),
//! [`payload`] (what they mean), `aztec` (Aztec symbols rxing misses), `raster` (decoding
//! within limits), [`error`].
//!
//! Every public function takes owned values or byte slices and returns owned values or a
//! [`CaptureError`], so the UniFFI layer maps it one to one; no panic from a decoder escapes.

mod aztec;
mod aztec_grid;
pub mod barcode;
pub mod error;
pub mod frame;
pub mod payload;
pub mod photo;
pub mod quality;
mod raster;
pub mod receipt;

pub use crate::model::DocumentKind;
pub use barcode::{decode_frame, decode_image, Corner, Symbol, SymbolFormat};
pub use error::CaptureError;
pub use payload::{
    case_qr_text, interpret, IdCandidate, IdKind, Interpretation, PayloadKind, CASE_QR_PREFIX,
};
pub use photo::{content_hash, normalize, NormalizedPhoto, PhotoOptions};
pub use quality::{assess, assess_gray, QualityCheck, QualityProblem, QualityVerdict};
pub use raster::{SourceFormat, MAX_JPEG_PIXELS, MAX_PNG_PIXELS, MAX_PROGRESSIVE_JPEG_PIXELS};
pub use receipt::{qr_modules, QrModules};
