//! The one error type of the capture room. Every way a photo or a camera frame can be refused
//! is a variant here, so the app can tell the person what to do, and nothing a decoder does
//! with hostile bytes (including a panic) escapes as anything else.

use crate::Lang;

/// Why an image or a frame could not be used. Messages carry no personal data: only sizes,
/// formats and the decoder's own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaptureError {
    #[error("the image is empty")]
    Empty,
    /// HEIC, WebP, GIF, BMP, TIFF, PDF…: the field app only takes what every phone camera
    /// and scanner can write.
    #[error("unsupported image format: {format} (only JPEG and PNG are accepted)")]
    UnsupportedFormat { format: String },
    #[error("the image file ends too early (truncated {format})")]
    Truncated { format: String },
    #[error("the {format} image is damaged: {detail}")]
    Corrupt { format: String, detail: String },
    /// The header claims more pixels than the decoder limits allow; refused before any pixel
    /// buffer is allocated, so a hostile header cannot exhaust the phone's memory.
    #[error("the image is too large: {width}×{height} pixels (limit {max_pixels} pixels)")]
    TooLarge {
        width: u64,
        height: u64,
        max_pixels: u64,
    },
    /// The decoder hit its memory limit while decoding (a decompression bomb, for example).
    #[error("the {format} image needs more memory than allowed ({detail})")]
    MemoryLimit { format: String, detail: String },
    #[error("JPEG encoding failed: {detail}")]
    Encode { detail: String },
    #[error("invalid photo options: {detail}")]
    InvalidOptions { detail: String },
    #[error("camera frame has a zero size ({width}×{height})")]
    FrameEmpty { width: u32, height: u32 },
    #[error("camera frame row stride {row_stride} is smaller than its width {width}")]
    FrameStride { row_stride: u32, width: u32 },
    #[error("camera frame buffer has {actual} bytes, {expected} needed")]
    FrameShort { expected: u64, actual: u64 },
    #[error("camera frame rotation {degrees}° is not one of 0, 90, 180, 270")]
    FrameRotation { degrees: u32 },
    #[error("camera frame is too large: {width}×{height}")]
    FrameTooLarge { width: u32, height: u32 },
    /// A receipt's text that no QR symbol can hold (empty, or longer than a receipt needs).
    #[error("QR code cannot hold this text: {detail}")]
    QrText { detail: String },
}

impl CaptureError {
    /// The message for the person holding the phone or sitting at the desk.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CaptureError::Empty => lang.pick("Berkas gambar kosong.", "The image file is empty.").into(),
            CaptureError::UnsupportedFormat { format } => match lang {
                Lang::Id => format!("Format gambar {format} tidak didukung. Gunakan foto JPEG atau PNG."),
                Lang::En => format!("The {format} image format is not supported. Use a JPEG or PNG photo."),
            },
            CaptureError::Truncated { .. } => lang
                .pick(
                    "Berkas gambar terpotong (tidak lengkap). Ambil atau salin ulang fotonya.",
                    "The image file is cut short. Take or copy the photo again.",
                )
                .into(),
            CaptureError::Corrupt { .. } => lang
                .pick(
                    "Berkas gambar rusak dan tidak bisa dibaca. Ambil ulang fotonya.",
                    "The image file is damaged and cannot be read. Take the photo again.",
                )
                .into(),
            CaptureError::TooLarge { width, height, .. } => match lang {
                Lang::Id => format!("Gambar terlalu besar ({width}×{height} piksel). Gunakan resolusi kamera yang lebih kecil."),
                Lang::En => format!("The image is too large ({width}×{height} pixels). Use a lower camera resolution."),
            },
            CaptureError::MemoryLimit { .. } => lang
                .pick(
                    "Gambar memerlukan terlalu banyak memori untuk dibuka.",
                    "The image needs too much memory to open.",
                )
                .into(),
            CaptureError::Encode { .. } => lang
                .pick("Foto gagal disimpan sebagai JPEG.", "The photo could not be saved as JPEG.")
                .into(),
            CaptureError::QrText { .. } => lang
                .pick(
                    "Kode QR tanda terima tidak bisa dibuat dari teks ini.",
                    "The receipt's QR code cannot be made from this text.",
                )
                .into(),
            CaptureError::InvalidOptions { detail } => match lang {
                Lang::Id => format!("Pengaturan foto tidak valid: {detail}"),
                Lang::En => format!("Invalid photo settings: {detail}"),
            },
            CaptureError::FrameEmpty { .. }
            | CaptureError::FrameStride { .. }
            | CaptureError::FrameShort { .. }
            | CaptureError::FrameRotation { .. }
            | CaptureError::FrameTooLarge { .. } => lang
                .pick(
                    "Bingkai kamera tidak valid; pemindaian dilewati.",
                    "The camera frame is invalid; it was skipped.",
                )
                .into(),
        }
    }
}
