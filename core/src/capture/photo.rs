//! Photo normalisation: one upright, small, metadata-free JPEG per photo, named by its hash.
//!
//! Why each step:
//! - EXIF orientation is applied to the pixels because the metadata that carried it is
//!   dropped, and district viewers must not show a KK sideways.
//! - Every metadata block is dropped (EXIF, XMP, ICC, IPTC, comments): camera EXIF holds the
//!   GPS position of a family's house, which the project stores only as a record field and
//!   only with consent (UU 27/2022 on personal data protection, data minimisation). The
//!   output is written by a fresh encoder that emits nothing but JFIF and the image.
//! - The byte budget (300 KB) keeps a household's photo set uploadable over a weak 2G/3G
//!   signal; the quality floor keeps type legible, so a photo that cannot meet both keeps
//!   legibility and says so.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::error::CaptureError;
use super::quality::{assess_raster, QualityVerdict};
use super::raster::{self, Raster, SourceFormat};
use crate::model::DocumentKind;

/// Default byte budget per photo.
pub const DEFAULT_BYTE_BUDGET: u32 = 300_000;
/// First JPEG quality tried: visually lossless for documents at this size.
pub const DEFAULT_QUALITY_START: u8 = 85;
/// Lowest quality used: below about 50, ringing around 8-point type makes digits such as
/// 3/8 and 1/7 ambiguous, and a KK number must stay readable.
pub const DEFAULT_QUALITY_FLOOR: u8 = 50;
/// Quality decrement between attempts.
pub const DEFAULT_QUALITY_STEP: u8 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoOptions {
    pub kind: DocumentKind,
    /// Long side limit in pixels (never enlarged).
    pub max_long_side: u32,
    /// Byte budget for the JPEG.
    pub byte_budget: u32,
    pub quality_start: u8,
    pub quality_floor: u8,
    pub quality_step: u8,
}

impl PhotoOptions {
    /// The defaults for a kind of photo.
    pub fn for_kind(kind: DocumentKind) -> PhotoOptions {
        PhotoOptions {
            kind,
            max_long_side: kind.default_max_long_side(),
            byte_budget: DEFAULT_BYTE_BUDGET,
            quality_start: DEFAULT_QUALITY_START,
            quality_floor: DEFAULT_QUALITY_FLOOR,
            quality_step: DEFAULT_QUALITY_STEP,
        }
    }

    fn validate(&self) -> Result<(), CaptureError> {
        let bad = |detail: &str| {
            Err(CaptureError::InvalidOptions {
                detail: detail.into(),
            })
        };
        if self.max_long_side < 64 {
            return bad("max_long_side must be at least 64 px");
        }
        if !(1..=100).contains(&self.quality_start) || !(1..=100).contains(&self.quality_floor) {
            return bad("JPEG qualities must be between 1 and 100");
        }
        if self.quality_floor > self.quality_start {
            return bad("quality_floor must not exceed quality_start");
        }
        if self.quality_step == 0 {
            return bad("quality_step must be at least 1");
        }
        Ok(())
    }
}

/// A photo ready to store and upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormalizedPhoto {
    /// Baseline JPEG, JFIF only: no EXIF, XMP, ICC or comment segment.
    #[serde(skip)]
    pub bytes: Vec<u8>,
    pub size: u64,
    pub width: u32,
    pub height: u32,
    /// SHA-256 of `bytes`, lowercase hex: the project's content hash (dedupe, upload id).
    pub content_hash: String,
    pub kind: DocumentKind,
    /// The JPEG quality finally used.
    pub quality: u8,
    /// False when even the quality floor did not fit the byte budget.
    pub budget_met: bool,
    pub source_format: SourceFormat,
    pub source_width: u32,
    pub source_height: u32,
    /// EXIF orientation found in the source (1 = none needed).
    pub source_orientation: u8,
    /// Quality checks on the result, passed ones included.
    pub checks: Vec<QualityVerdict>,
}

/// SHA-256 hex of any bytes: the content hash used throughout the project.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Normalises a JPEG or PNG photo: upright, long side within the limit, re-encoded within
/// the byte budget when the quality floor allows, all metadata gone, hashed, checked.
pub fn normalize(bytes: &[u8], options: &PhotoOptions) -> Result<NormalizedPhoto, CaptureError> {
    options.validate()?;
    let decoded = raster::decode(bytes, Some(options.max_long_side))?;
    // Resize before rotating: the rotation then moves the small picture, not the big one.
    let resized = resize_to_fit(decoded.raster, options.max_long_side)?;
    let upright = raster::apply_orientation(resized, decoded.orientation);
    let (jpeg, quality, budget_met) = encode_within_budget(&upright, options)?;
    let source_long = decoded.source_width.max(decoded.source_height);
    let checks = assess_raster(&upright, source_long, options.kind);
    Ok(NormalizedPhoto {
        size: jpeg.len() as u64,
        width: upright.width,
        height: upright.height,
        content_hash: content_hash(&jpeg),
        bytes: jpeg,
        kind: options.kind,
        quality,
        budget_met,
        source_format: decoded.format,
        source_width: decoded.source_width,
        source_height: decoded.source_height,
        source_orientation: decoded.orientation,
        checks,
    })
}

/// Downscales so that the long side is at most `max_long_side`, keeping the aspect ratio;
/// Catmull-Rom (bicubic), the filter Pillow and libvips use by default for photos.
pub(crate) fn resize_to_fit(r: Raster, max_long_side: u32) -> Result<Raster, CaptureError> {
    let long = r.width.max(r.height);
    if long <= max_long_side {
        return Ok(r);
    }
    let scale = f64::from(max_long_side) / f64::from(long);
    let w = ((f64::from(r.width) * scale).round() as u32).max(1);
    let h = ((f64::from(r.height) * scale).round() as u32).max(1);
    resize_exact(r, w, h)
}

/// Catmull-Rom through the `resize` crate (plain Rust, auto-vectorised). The JPEG was already
/// decoded at the DCT scale nearest the target (see `raster`), so what is left is at most a
/// 2× reduction of a few megapixels. fast_image_resize did it ~18 ms faster per 12 MP photo
/// (`capture_bench photos`: 116 v 96 ms, Pillow 160 ms) but its SSE4.1/AVX2 (or NEON)
/// kernels were 0.6 MB of a phone library that must stay small.
pub(crate) fn resize_exact(r: Raster, w: u32, h: u32) -> Result<Raster, CaptureError> {
    use rgb::FromSlice;
    let (sw, sh, dw, dh) = (r.width as usize, r.height as usize, w as usize, h as usize);
    let mut data = vec![0u8; dw * dh * r.channels];
    let failed = |e: resize::Error| CaptureError::Encode {
        detail: format!("resize: {e}"),
    };
    if r.channels == 1 {
        resize::new(sw, sh, dw, dh, resize::Pixel::Gray8, resize::Type::Catrom)
            .and_then(|mut z| z.resize(r.data.as_gray(), data.as_gray_mut()))
            .map_err(failed)?;
    } else {
        resize::new(sw, sh, dw, dh, resize::Pixel::RGB8, resize::Type::Catrom)
            .and_then(|mut z| z.resize(r.data.as_rgb(), data.as_rgb_mut()))
            .map_err(failed)?;
    }
    Ok(Raster {
        width: w,
        height: h,
        channels: r.channels,
        data,
    })
}

/// Encodes at falling qualities until the budget is met or the floor is reached.
fn encode_within_budget(
    r: &Raster,
    options: &PhotoOptions,
) -> Result<(Vec<u8>, u8, bool), CaptureError> {
    let mut quality = options.quality_start;
    loop {
        let jpeg = encode_jpeg(r, quality)?;
        if jpeg.len() as u64 <= u64::from(options.byte_budget) {
            return Ok((jpeg, quality, true));
        }
        if quality <= options.quality_floor {
            return Ok((jpeg, quality, false));
        }
        quality = quality
            .saturating_sub(options.quality_step)
            .max(options.quality_floor);
    }
}

/// A clean baseline JPEG: jpeg-encoder writes SOI, JFIF APP0, tables and scan only; no
/// segment of the source survives because none is ever copied.
pub(crate) fn encode_jpeg(r: &Raster, quality: u8) -> Result<Vec<u8>, CaptureError> {
    let (w, h) = (
        u16::try_from(r.width).map_err(|_| CaptureError::Encode {
            detail: "width above 65535".into(),
        })?,
        u16::try_from(r.height).map_err(|_| CaptureError::Encode {
            detail: "height above 65535".into(),
        })?,
    );
    let color = if r.channels == 1 {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut out = Vec::with_capacity(r.data.len() / 8);
    let encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder
        .encode(&r.data, w, h, color)
        .map_err(|e| CaptureError::Encode {
            detail: e.to_string(),
        })?;
    Ok(out)
}
