//! Decoding JPEG and PNG bytes into pixels, within limits, upright.
//!
//! Limits are checked on the header before any pixel buffer exists, so that a file claiming
//! 100,000 × 100,000 pixels or a PNG decompression bomb costs a few kilobytes, not the
//! phone. JPEGs are decoded at a reduced DCT scale (1/2, 1/4, 1/8) when the caller needs a
//! much smaller picture, as libjpeg-turbo's users do: most of a 12 MP decode is then skipped.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

#[cfg(feature = "png")]
use image::ImageDecoder;
use serde::{Deserialize, Serialize};

use super::error::CaptureError;

/// Largest JPEG accepted, in source pixels: the 48–50 MP sensors of some cheap phones.
/// Baseline JPEGs are decoded at a reduced scale, so memory follows the target size.
pub const MAX_JPEG_PIXELS: u64 = 52_000_000;
/// Progressive JPEGs keep every DCT coefficient of the whole image in memory (2 bytes per
/// sample), so they get a lower limit.
pub const MAX_PROGRESSIVE_JPEG_PIXELS: u64 = 24_000_000;
/// PNGs cannot be decoded at a reduced scale: 16 MP is an A4 scan at 400 dpi.
pub const MAX_PNG_PIXELS: u64 = 16_000_000;
/// Upper bound on what the PNG decoder may allocate in total (pixels and zlib buffers).
#[cfg(feature = "png")]
const MAX_PNG_ALLOC: u64 = 96 * 1024 * 1024;
/// Largest pixel buffer the JPEG decoder may return.
const MAX_JPEG_OUTPUT_BYTES: usize = 160 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SourceFormat {
    Jpeg,
    Png,
}

/// 8-bit pixels, 1 (gray) or 3 (RGB) channels, rows packed.
#[derive(Debug, Clone)]
pub(crate) struct Raster {
    pub width: u32,
    pub height: u32,
    pub channels: usize,
    pub data: Vec<u8>,
}

pub(crate) struct Decoded {
    pub raster: Raster,
    pub format: SourceFormat,
    pub source_width: u32,
    pub source_height: u32,
    /// EXIF orientation 1–8 as found in the file (1 when absent or unreadable).
    pub orientation: u8,
}

/// Sniffs the format from the first bytes; names the common refused ones so the message
/// says "HEIC", not "unknown" (some phones save HEIC by default).
pub(crate) fn sniff(bytes: &[u8]) -> Result<SourceFormat, CaptureError> {
    if bytes.is_empty() {
        return Err(CaptureError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(SourceFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(SourceFormat::Png);
    }
    let format = if bytes.starts_with(b"GIF8") {
        "GIF"
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "WebP"
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        match &bytes[8..12] {
            b"avif" | b"avis" => "AVIF",
            _ => "HEIC",
        }
    } else if bytes.starts_with(b"BM") {
        "BMP"
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "TIFF"
    } else if bytes.starts_with(b"%PDF") {
        "PDF"
    } else {
        "unknown"
    };
    Err(CaptureError::UnsupportedFormat {
        format: format.to_string(),
    })
}

/// Decodes `bytes`; with `target_long_side`, a JPEG may come back smaller than the source
/// but never with its long side below the target (unless the source is smaller). The
/// raster is not yet oriented: see [`apply_orientation`].
pub(crate) fn decode(bytes: &[u8], target_long_side: Option<u32>) -> Result<Decoded, CaptureError> {
    let format = sniff(bytes)?;
    // The decoders are fed hostile bytes; a panic inside them becomes a "corrupt" error.
    let result = catch_unwind(AssertUnwindSafe(|| match format {
        SourceFormat::Jpeg => decode_jpeg(bytes, target_long_side),
        SourceFormat::Png => decode_png(bytes),
    }));
    result.unwrap_or_else(|_| {
        Err(CaptureError::Corrupt {
            format: format_name(format).into(),
            detail: "decoder failed".into(),
        })
    })
}

pub(crate) fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Jpeg => "JPEG",
        SourceFormat::Png => "PNG",
    }
}

fn decode_jpeg(bytes: &[u8], target_long_side: Option<u32>) -> Result<Decoded, CaptureError> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_JPEG_OUTPUT_BYTES);
    decoder.read_info().map_err(jpeg_error)?;
    let info = decoder.info().ok_or_else(|| CaptureError::Corrupt {
        format: "JPEG".into(),
        detail: "no frame header".into(),
    })?;
    let (source_width, source_height) = (u32::from(info.width), u32::from(info.height));
    let pixels = u64::from(source_width) * u64::from(source_height);
    let limit = if info.coding_process == jpeg_decoder::CodingProcess::DctProgressive {
        MAX_PROGRESSIVE_JPEG_PIXELS
    } else {
        MAX_JPEG_PIXELS
    };
    if pixels == 0 {
        return Err(CaptureError::Corrupt {
            format: "JPEG".into(),
            detail: "zero-sized frame".into(),
        });
    }
    if pixels > limit {
        return Err(CaptureError::TooLarge {
            width: source_width.into(),
            height: source_height.into(),
            max_pixels: limit,
        });
    }
    if let Some(target) = target_long_side {
        // The decoder picks the smallest of 1/8, 1/4, 1/2, 1 that keeps one side at least
        // the requested size; asking for (target, target) keeps the long side ≥ target.
        let t = target.min(u32::from(u16::MAX)) as u16;
        decoder.scale(t, t).map_err(jpeg_error)?;
    }
    let data = decoder.decode().map_err(jpeg_error)?;
    let info = decoder.info().ok_or_else(|| CaptureError::Corrupt {
        format: "JPEG".into(),
        detail: "no frame header".into(),
    })?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let n = width as usize * height as usize;
    let (channels, data) = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => (1, data),
        jpeg_decoder::PixelFormat::L16 => (1, data.chunks_exact(2).map(|c| c[0]).collect()),
        jpeg_decoder::PixelFormat::RGB24 => (3, data),
        jpeg_decoder::PixelFormat::CMYK32 => (3, cmyk_to_rgb(&data)),
    };
    if data.len() < n * channels {
        return Err(CaptureError::Corrupt {
            format: "JPEG".into(),
            detail: "short pixel buffer".into(),
        });
    }
    let orientation = decoder.exif_data().map(orientation_from_tiff).unwrap_or(1);
    Ok(Decoded {
        raster: Raster {
            width,
            height,
            channels,
            data,
        },
        format: SourceFormat::Jpeg,
        source_width,
        source_height,
        orientation,
    })
}

fn cmyk_to_rgb(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    for px in data.chunks_exact(4) {
        let k = u16::from(px[3]);
        for &c in &px[..3] {
            out.push((u16::from(c) * k / 255) as u8);
        }
    }
    out
}

fn jpeg_error(e: jpeg_decoder::Error) -> CaptureError {
    match e {
        jpeg_decoder::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            CaptureError::Truncated {
                format: "JPEG".into(),
            }
        }
        jpeg_decoder::Error::Format(detail) if detail.contains("exceeds maximum") => {
            CaptureError::MemoryLimit {
                format: "JPEG".into(),
                detail,
            }
        }
        other => CaptureError::Corrupt {
            format: "JPEG".into(),
            detail: other.to_string(),
        },
    }
}

#[cfg(feature = "png")]
fn decode_png(bytes: &[u8]) -> Result<Decoded, CaptureError> {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PNG_ALLOC);
    let mut decoder = image::codecs::png::PngDecoder::with_limits(Cursor::new(bytes), limits)
        .map_err(png_error)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PNG_PIXELS {
        return Err(CaptureError::TooLarge {
            width: width.into(),
            height: height.into(),
            max_pixels: MAX_PNG_PIXELS,
        });
    }
    // The pixel buffer is known from the header: refuse it before inflating anything.
    if decoder.total_bytes() > MAX_PNG_ALLOC {
        return Err(CaptureError::MemoryLimit {
            format: "PNG".into(),
            detail: format!("{} bytes of pixels", decoder.total_bytes()),
        });
    }
    let orientation = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .map(|raw| orientation_from_tiff(&raw))
        .unwrap_or(1);
    let color = decoder.color_type();
    let image = image::DynamicImage::from_decoder(decoder).map_err(png_error)?;
    let gray = matches!(
        color,
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let has_alpha = color.has_alpha();
    // Transparent areas of a scan or screenshot are shown on white paper, not black.
    let raster = if gray {
        let data = if has_alpha {
            image
                .to_luma_alpha8()
                .pixels()
                .map(|p| over_white(p.0[0], p.0[1]))
                .collect()
        } else {
            image.to_luma8().into_raw()
        };
        Raster {
            width,
            height,
            channels: 1,
            data,
        }
    } else {
        let data = if has_alpha {
            let rgba = image.to_rgba8();
            let mut out = Vec::with_capacity(width as usize * height as usize * 3);
            for p in rgba.pixels() {
                out.extend(p.0[..3].iter().map(|&c| over_white(c, p.0[3])));
            }
            out
        } else {
            image.to_rgb8().into_raw()
        };
        Raster {
            width,
            height,
            channels: 3,
            data,
        }
    };
    Ok(Decoded {
        raster,
        format: SourceFormat::Png,
        source_width: width,
        source_height: height,
        orientation,
    })
}

#[cfg(feature = "png")]
fn over_white(c: u8, a: u8) -> u8 {
    let (c, a) = (u16::from(c), u16::from(a));
    ((c * a + 255 * (255 - a) + 127) / 255) as u8
}

#[cfg(feature = "png")]
fn png_error(e: image::ImageError) -> CaptureError {
    use image::error::LimitErrorKind;
    match e {
        image::ImageError::Limits(l) => match l.kind() {
            LimitErrorKind::DimensionError => CaptureError::TooLarge {
                width: 0,
                height: 0,
                max_pixels: MAX_PNG_PIXELS,
            },
            _ => CaptureError::MemoryLimit {
                format: "PNG".into(),
                detail: l.to_string(),
            },
        },
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            CaptureError::Truncated {
                format: "PNG".into(),
            }
        }
        image::ImageError::Unsupported(u) => CaptureError::UnsupportedFormat {
            format: format!("PNG variant ({u})"),
        },
        other => {
            let detail = other.to_string();
            if detail.contains("EOF") || detail.contains("end of") || detail.contains("No more") {
                CaptureError::Truncated {
                    format: "PNG".into(),
                }
            } else {
                CaptureError::Corrupt {
                    format: "PNG".into(),
                    detail,
                }
            }
        }
    }
}

/// Reads the EXIF Orientation tag (0x0112) from a TIFF-structured EXIF block; anything
/// unreadable or out of range counts as "as stored" (1), which is what viewers do too.
fn orientation_from_tiff(raw: &[u8]) -> u8 {
    let Ok(exif) = exif::Reader::new().read_raw(raw.to_vec()) else {
        return 1;
    };
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|v| (1..=8).contains(v))
        .map(|v| v as u8)
        .unwrap_or(1)
}

/// Turns the stored pixels upright according to EXIF orientation (CIPA DC-008 / EXIF 2.3
/// §4.6.4, tag 0x0112): 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise,
/// 7 transverse, 8 rotate 90° counter-clockwise.
pub(crate) fn apply_orientation(r: Raster, orientation: u8) -> Raster {
    if !(2..=8).contains(&orientation) {
        return r;
    }
    let (w, h, c) = (r.width as usize, r.height as usize, r.channels);
    let swap = orientation >= 5;
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let mut out = vec![0u8; ow * oh * c];
    for y in 0..oh {
        for x in 0..ow {
            // The source pixel shown at (x, y) once upright.
            let (sx, sy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (y, h - 1 - x),
                7 => (w - 1 - y, h - 1 - x),
                _ => (w - 1 - y, x),
            };
            let s = (sy * w + sx) * c;
            let d = (y * ow + x) * c;
            out[d..d + c].copy_from_slice(&r.data[s..s + c]);
        }
    }
    Raster {
        width: ow as u32,
        height: oh as u32,
        channels: c,
        data: out,
    }
}

/// BT.601 luma, the weighting JPEG's YCbCr uses, so gray values match what a decoder of
/// the saved file would see.
pub(crate) fn to_gray(r: &Raster) -> Vec<u8> {
    if r.channels == 1 {
        return r.data.clone();
    }
    r.data
        .chunks_exact(3)
        .map(|p| {
            ((77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]) + 128) >> 8) as u8
        })
        .collect()
}

/// The phone's build reads camera photos, which are JPEG: PNG decoding (and its inflate code,
/// 0.15 MB of the 6 MiB library) is left out of it, and a PNG is refused as unsupported.
#[cfg(not(feature = "png"))]
fn decode_png(_bytes: &[u8]) -> Result<Decoded, CaptureError> {
    Err(CaptureError::UnsupportedFormat {
        format: "PNG".into(),
    })
}
