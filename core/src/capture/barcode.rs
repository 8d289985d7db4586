//! Barcode reading with rxing, from photo files and from live camera frames.
//!
//! Two paths because their budgets differ. A photo is read once and may take a fraction of
//! a second: several passes (full size with rxing's try-harder mode and a search for several
//! symbols, then half size, then a global binarizer). A live frame has about 30 ms before the
//! next one arrives: one pass with hints fitted to a frame, no try-harder; the next frame is
//! the retry.
//!
//! rxing's readers have panicked on real photos (index arithmetic on odd geometries), so
//! every call into them is wrapped in `catch_unwind` and a panic counts as "not decoded".

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::multi::{GenericMultipleBarcodeReader, MultipleBarcodeReader};
use rxing::{
    BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader,
    MultiUseMultiFormatReader, RXingResult, RXingResultMetadataType, RXingResultMetadataValue,
    Reader,
};
use serde::{Deserialize, Serialize};

use super::error::CaptureError;
use super::frame::upright_luma;
use super::photo::resize_exact;
use super::raster::{self, Raster};

/// Photos are read at this long side at most: a QR on a KK photographed whole still has
/// 4–5 px per module, and rxing's time grows with the pixel count.
pub const IMAGE_LONG_SIDE: u32 = 2400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SymbolFormat {
    Qr,
    MicroQr,
    Pdf417,
    DataMatrix,
    Aztec,
    MaxiCode,
    Code128,
    Code39,
    Code93,
    Codabar,
    Ean8,
    Ean13,
    UpcA,
    UpcE,
    Itf,
    Rss14,
    RssExpanded,
    Telepen,
    Other,
}

impl SymbolFormat {
    fn from_rxing(f: &BarcodeFormat) -> SymbolFormat {
        match f {
            BarcodeFormat::QR_CODE => SymbolFormat::Qr,
            BarcodeFormat::MICRO_QR_CODE | BarcodeFormat::RECTANGULAR_MICRO_QR_CODE => {
                SymbolFormat::MicroQr
            }
            BarcodeFormat::PDF_417 => SymbolFormat::Pdf417,
            BarcodeFormat::DATA_MATRIX => SymbolFormat::DataMatrix,
            BarcodeFormat::AZTEC => SymbolFormat::Aztec,
            BarcodeFormat::MAXICODE => SymbolFormat::MaxiCode,
            BarcodeFormat::CODE_128 => SymbolFormat::Code128,
            BarcodeFormat::CODE_39 => SymbolFormat::Code39,
            BarcodeFormat::CODE_93 => SymbolFormat::Code93,
            BarcodeFormat::CODABAR => SymbolFormat::Codabar,
            BarcodeFormat::EAN_8 => SymbolFormat::Ean8,
            BarcodeFormat::EAN_13 => SymbolFormat::Ean13,
            BarcodeFormat::UPC_A => SymbolFormat::UpcA,
            BarcodeFormat::UPC_E => SymbolFormat::UpcE,
            BarcodeFormat::ITF => SymbolFormat::Itf,
            BarcodeFormat::RSS_14 => SymbolFormat::Rss14,
            BarcodeFormat::RSS_EXPANDED => SymbolFormat::RssExpanded,
            BarcodeFormat::TELEPEN => SymbolFormat::Telepen,
            _ => SymbolFormat::Other,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SymbolFormat::Qr => "qr",
            SymbolFormat::MicroQr => "micro_qr",
            SymbolFormat::Pdf417 => "pdf417",
            SymbolFormat::DataMatrix => "data_matrix",
            SymbolFormat::Aztec => "aztec",
            SymbolFormat::MaxiCode => "maxicode",
            SymbolFormat::Code128 => "code128",
            SymbolFormat::Code39 => "code39",
            SymbolFormat::Code93 => "code93",
            SymbolFormat::Codabar => "codabar",
            SymbolFormat::Ean8 => "ean8",
            SymbolFormat::Ean13 => "ean13",
            SymbolFormat::UpcA => "upc_a",
            SymbolFormat::UpcE => "upc_e",
            SymbolFormat::Itf => "itf",
            SymbolFormat::Rss14 => "rss14",
            SymbolFormat::RssExpanded => "rss_expanded",
            SymbolFormat::Telepen => "telepen",
            SymbolFormat::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Corner {
    pub x: f32,
    pub y: f32,
}

/// One decoded symbol. Corners are in the upright picture's pixel coordinates (after EXIF
/// orientation for files, after the frame rotation for frames).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Symbol {
    pub format: SymbolFormat,
    pub text: String,
    /// The payload bytes when they are not text (binary byte-mode QR, for example).
    pub bytes: Option<Vec<u8>>,
    pub corners: Vec<Corner>,
}

/// Reads every barcode in a JPEG or PNG file. An image with no readable symbol gives an
/// empty list; only an unreadable image is an error.
pub fn decode_image(bytes: &[u8]) -> Result<Vec<Symbol>, CaptureError> {
    let decoded = raster::decode(bytes, Some(IMAGE_LONG_SIDE))?;
    let upright = raster::apply_orientation(decoded.raster, decoded.orientation);
    let gray = Raster {
        width: upright.width,
        height: upright.height,
        channels: 1,
        data: raster::to_gray(&upright),
    };
    let gray = if gray.width.max(gray.height) > IMAGE_LONG_SIDE {
        super::photo::resize_to_fit(gray, IMAGE_LONG_SIDE)?
    } else {
        gray
    };
    Ok(decode_luma_thorough(gray.data, gray.width, gray.height))
}

/// Reads barcodes in a live camera frame (the Y plane), fast: one pass, hints for a frame.
pub fn decode_frame(
    data: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    rotation_degrees: u32,
) -> Result<Vec<Symbol>, CaptureError> {
    let (luma, w, h) = upright_luma(data, width, height, row_stride, rotation_degrees)?;
    Ok(decode_luma_fast(luma, w, h))
}

fn all_formats() -> HashSet<BarcodeFormat> {
    HashSet::from([
        BarcodeFormat::QR_CODE,
        BarcodeFormat::PDF_417,
        BarcodeFormat::DATA_MATRIX,
        BarcodeFormat::AZTEC,
        BarcodeFormat::CODE_128,
        BarcodeFormat::CODE_39,
        BarcodeFormat::CODE_93,
        BarcodeFormat::CODABAR,
        BarcodeFormat::EAN_8,
        BarcodeFormat::EAN_13,
        BarcodeFormat::UPC_A,
        BarcodeFormat::UPC_E,
        BarcodeFormat::ITF,
        BarcodeFormat::RSS_14,
        BarcodeFormat::RSS_EXPANDED,
    ])
}

/// The live path: no try-harder (which rotates and rescans 1D rows), no inverted pass, and
/// the readers called one format group at a time in a fixed order, QR first (the KK and the
/// app's receipts), so the common case stops early; the binarized frame is shared.
fn decode_luma_fast(luma: Vec<u8>, w: u32, h: u32) -> Vec<Symbol> {
    let Ok(source) = Luma8LuminanceSource::new(luma, w, h) else {
        return Vec::new();
    };
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let groups: [&[BarcodeFormat]; 5] = [
        &[BarcodeFormat::QR_CODE],
        &[
            BarcodeFormat::CODE_128,
            BarcodeFormat::CODE_39,
            BarcodeFormat::CODE_93,
            BarcodeFormat::CODABAR,
            BarcodeFormat::EAN_8,
            BarcodeFormat::EAN_13,
            BarcodeFormat::UPC_A,
            BarcodeFormat::UPC_E,
            BarcodeFormat::ITF,
        ],
        &[BarcodeFormat::PDF_417],
        &[BarcodeFormat::DATA_MATRIX],
        &[BarcodeFormat::AZTEC],
    ];
    let mut reader = MultiFormatReader::default();
    for formats in groups {
        let hints = DecodeHints::default()
            .with(rxing::DecodeHintValue::PossibleFormats(
                formats.iter().copied().collect(),
            ))
            .with(rxing::DecodeHintValue::TryHarder(false));
        if let Some(Ok(r)) = guarded(|| reader.decode_with_hints(&mut bitmap, &hints)) {
            return vec![to_symbol(&r, 1.0)];
        }
    }
    Vec::new()
}

/// The photo path: passes from cheapest to broadest until one finds something.
fn decode_luma_thorough(luma: Vec<u8>, w: u32, h: u32) -> Vec<Symbol> {
    let quick = DecodeHints::default()
        .with(rxing::DecodeHintValue::PossibleFormats(all_formats()))
        .with(rxing::DecodeHintValue::TryHarder(false));
    let hints = DecodeHints::default()
        .with(rxing::DecodeHintValue::PossibleFormats(all_formats()))
        .with(rxing::DecodeHintValue::TryHarder(true))
        .with(rxing::DecodeHintValue::AlsoInverted(true));
    let gray = Raster {
        width: w,
        height: h,
        channels: 1,
        data: luma,
    };
    // 0. Quick: several symbols, no try-harder. Most clear photos stop here.
    let mut found = Vec::new();
    if let Ok(source) = Luma8LuminanceSource::new(gray.data.clone(), w, h) {
        found = multi_pass(HybridBinarizer::new(source), &quick, 1.0);
    }
    // 0b. Quick again on the picture turned 90°: 1D readers without try-harder scan rows
    // only, and a barcode photographed upright runs down the columns. Far cheaper than
    // try-harder's own rotation inside the multi-symbol search.
    if found.is_empty() {
        let turned = raster::apply_orientation(gray.clone(), 6);
        if let Ok(source) = Luma8LuminanceSource::new(turned.data, h, w) {
            found = multi_pass(HybridBinarizer::new(source), &quick, 1.0);
            // Turned (x, y) shows original (y, h − 1 − x).
            for s in &mut found {
                for c in &mut s.corners {
                    *c = Corner {
                        x: c.y,
                        y: h as f32 - 1.0 - c.x,
                    };
                }
            }
        }
    }
    // 1. Full size, local (hybrid) binarizer, try-harder, inverted too.
    if found.is_empty() {
        if let Ok(source) = Luma8LuminanceSource::new(gray.data.clone(), w, h) {
            found = multi_pass(HybridBinarizer::new(source), &hints, 1.0);
        }
    }
    // 2. Half size: blur and sensor noise shrink, modules stay wide enough.
    if found.is_empty() && w.min(h) >= 400 {
        let (hw, hh) = (w / 2, h / 2);
        if let Ok(half) = resize_exact(gray.clone(), hw, hh) {
            if let Ok(source) = Luma8LuminanceSource::new(half.data, hw, hh) {
                found = multi_pass(
                    HybridBinarizer::new(source),
                    &hints,
                    f64::from(w) / f64::from(hw),
                );
            }
        }
    }
    // 3. Global threshold: helps on small, evenly lit symbols the local one breaks up.
    if found.is_empty() {
        if let Ok(source) = Luma8LuminanceSource::new(gray.data, w, h) {
            found = multi_pass(GlobalHistogramBinarizer::new(source), &hints, 1.0);
        }
    }
    found
}

fn multi_pass<B: Binarizer>(binarizer: B, hints: &DecodeHints, scale: f64) -> Vec<Symbol> {
    let mut bitmap = BinaryBitmap::new(binarizer);
    let mut reader = GenericMultipleBarcodeReader::new(MultiUseMultiFormatReader::default());
    let results = match guarded(|| reader.decode_multiple_with_hints(&mut bitmap, hints)) {
        Some(Ok(results)) => results,
        _ => return Vec::new(),
    };
    let mut seen = HashSet::new();
    results
        .iter()
        .map(|r| to_symbol(r, scale as f32))
        .filter(|s| seen.insert((s.format, s.text.clone())))
        .collect()
}

/// Runs a decoder call, turning a panic into `None`. The default panic hook would still
/// print the panic; that message names no personal data (rxing panics on geometry).
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

fn to_symbol(r: &RXingResult, scale: f32) -> Symbol {
    let text = r.getText().to_string();
    let binary = text.chars().any(|c| {
        c == '\u{FFFD}'
            || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{1d}' | '\u{1e}' | '\u{4}'))
    });
    let bytes = if binary {
        match r
            .getRXingResultMetadata()
            .get(&RXingResultMetadataType::BYTE_SEGMENTS)
        {
            Some(RXingResultMetadataValue::ByteSegments(segments)) => Some(segments.concat()),
            _ => Some(r.getRawBytes().to_vec()),
        }
    } else {
        None
    };
    Symbol {
        format: SymbolFormat::from_rxing(r.getBarcodeFormat()),
        text,
        bytes,
        corners: r
            .getPoints()
            .iter()
            .map(|p| Corner {
                x: p.x * scale,
                y: p.y * scale,
            })
            .collect(),
    }
}
