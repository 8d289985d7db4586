//! Barcode reading with rxing, from photo files and from live camera frames.
//!
//! Two paths because their budgets differ. A photo is read once and may take a fraction of
//! a second: passes from cheap to broad (every format family once on one binarized picture;
//! Aztec around each bullseye candidate; 1D on the picture turned 90°; try-harder and
//! inverted on the same binarized picture; half size; a global binarizer), stopping at the
//! first that finds something. A live frame has about 30 ms before the next one arrives: one
//! pass with hints fitted to a frame, no try-harder; the next frame is the retry.
//!
//! rxing's readers have panicked on real photos (index arithmetic on odd geometries), so
//! every call into them is wrapped in `catch_unwind` and a panic counts as "not decoded".

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::multi::qrcode::QRCodeMultiReader;
use rxing::multi::MultipleBarcodeReader;
use rxing::pdf417::PDF417Reader;
use rxing::{
    BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader,
    RXingResult, RXingResultMetadataType, RXingResultMetadataValue, Reader,
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Corner {
    pub x: f32,
    pub y: f32,
}

/// One decoded symbol. Corners are in the upright picture's pixel coordinates (after EXIF
/// orientation for files, after the frame rotation for frames). `Debug` masks identity
/// numbers in the text (programme cards and invitations carry NIKs in their barcodes).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Symbol {
    pub format: SymbolFormat,
    pub text: String,
    /// The payload bytes when they are not text (binary byte-mode QR, for example).
    pub bytes: Option<Vec<u8>>,
    pub corners: Vec<Corner>,
}

crate::redacted_debug!(Symbol {
    format,
    text,
    bytes,
    corners,
});

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

/// QR first: the KK's verification link and the app's own receipts.
const QR: &[BarcodeFormat] = &[BarcodeFormat::QR_CODE];
/// Programme cards (Code 128 above all) and the other 1D formats rxing reads.
const ONE_D: &[BarcodeFormat] = &[
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
];
/// Aid distribution invitations.
const PDF417: &[BarcodeFormat] = &[BarcodeFormat::PDF_417];
const DATA_MATRIX: &[BarcodeFormat] = &[BarcodeFormat::DATA_MATRIX];
const AZTEC: &[BarcodeFormat] = &[BarcodeFormat::AZTEC];

/// Every family, in the order the field meets them.
const FAMILIES: [&[BarcodeFormat]; 5] = [QR, ONE_D, PDF417, DATA_MATRIX, AZTEC];

fn family_hints(formats: &[BarcodeFormat], try_harder: bool) -> DecodeHints {
    DecodeHints::default()
        .with(rxing::DecodeHintValue::PossibleFormats(
            formats.iter().copied().collect(),
        ))
        .with(rxing::DecodeHintValue::TryHarder(try_harder))
        .with(rxing::DecodeHintValue::AlsoInverted(try_harder))
}

/// The families a live frame is searched for. The RSS readers (the last two 1D formats) are
/// left out: no Puskesos document carries them and they would add to every empty frame.
const LIVE: [&[BarcodeFormat]; 5] = [QR, ONE_D.split_at(9).0, PDF417, DATA_MATRIX, AZTEC];

/// The live path: no try-harder (which rotates and rescans 1D rows), no inverted pass, and
/// the readers called one format group at a time in a fixed order, QR first (the KK and the
/// app's receipts), so an empty frame (nearly all of them) costs one quick look per family;
/// the binarized frame is shared.
///
/// The first frame that holds a code is read whole: from the family that hit onwards, every
/// family again with its multi-symbol reader where it has one, so a KK's QR and a card's
/// Code 128 held side by side, or two QRs, come back together. That costs about three times
/// a plain hit, but once per scan (the screen stops at the first frame with a code), while
/// the empty frames before it stay as cheap as before.
fn decode_luma_fast(luma: Vec<u8>, w: u32, h: u32) -> Vec<Symbol> {
    let Ok(source) = Luma8LuminanceSource::new(luma, w, h) else {
        return Vec::new();
    };
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let mut reader = MultiFormatReader::default();
    for (i, formats) in LIVE.iter().enumerate() {
        let hints = family_hints(formats, false);
        if let Some(Ok(r)) = guarded(|| reader.decode_with_hints(&mut bitmap, &hints)) {
            let mut results = Vec::new();
            read_family(
                &mut bitmap,
                formats,
                false,
                Pass::Live,
                Some(r),
                &mut results,
            );
            for later in &LIVE[i + 1..] {
                read_family(&mut bitmap, later, false, Pass::Live, None, &mut results);
            }
            return symbols_of(&results, 1.0);
        }
    }
    Vec::new()
}

/// The photo path: passes from cheapest to broadest until one finds something. Every pass
/// reads the families one by one on one binarized picture (binarizing is a large share of
/// the cost, and the try-harder pass reuses the quick pass's picture).
fn decode_luma_thorough(luma: Vec<u8>, w: u32, h: u32) -> Vec<Symbol> {
    let gray = Raster {
        width: w,
        height: h,
        channels: 1,
        data: luma,
    };
    let Ok(source) = Luma8LuminanceSource::new(gray.data.clone(), w, h) else {
        return Vec::new();
    };
    let mut full = BinaryBitmap::new(HybridBinarizer::new(source));
    // 0. Quick: every family once, no try-harder. Most clear photos stop here; a photo with a
    // QR and a Code 128 gives both.
    let found = read_families(&mut full, &FAMILIES, false, 1.0);
    if !found.is_empty() {
        return found;
    }
    // 0a. Aztec around each bullseye candidate: rxing's own search misses most Aztec
    // symbols that are off-centre, turned or in perspective; we fit the grid ourselves and
    // let rxing read the symbol drawn again upright (see `aztec` and `aztec_grid`).
    let found = super::aztec::read_candidates(&gray.data, w, h, full.get_black_matrix());
    if !found.is_empty() {
        return found;
    }
    // 0b. 1D again on the picture turned 90°: 1D readers without try-harder scan rows only,
    // and a barcode photographed upright runs down the columns. QR, Data Matrix and Aztec
    // finders do not care about a quarter turn, and rxing's PDF417 detector tries all four
    // itself, so only the 1D family is repeated. Far cheaper than try-harder's own rotation.
    let turned = raster::apply_orientation(gray.clone(), 6);
    if let Ok(source) = Luma8LuminanceSource::new(turned.data, h, w) {
        let mut found = read_families(
            &mut BinaryBitmap::new(HybridBinarizer::new(source)),
            &[ONE_D],
            false,
            1.0,
        );
        if !found.is_empty() {
            // Turned (x, y) shows original (y, h − 1 − x).
            for s in &mut found {
                for c in &mut s.corners {
                    *c = Corner {
                        x: c.y,
                        y: h as f32 - 1.0 - c.x,
                    };
                }
            }
            return found;
        }
    }
    // 1. Full size, try-harder, inverted too, on the binarized picture already made.
    let found = read_families(&mut full, &FAMILIES, true, 1.0);
    if !found.is_empty() {
        return found;
    }
    drop(full);
    // 2. Half size, then a quarter for large pictures: blur and sensor noise shrink,
    // modules stay wide enough (pdf417-1's 13, 2050 × 2160 px, reads only at a quarter).
    for (div, floor) in [(2, 200), (4, 400)] {
        if w.min(h) / div < floor {
            break;
        }
        let (hw, hh) = (w / div, h / div);
        if let Ok(half) = resize_exact(gray.clone(), hw, hh) {
            if let Ok(source) = Luma8LuminanceSource::new(half.data, hw, hh) {
                let found = read_families(
                    &mut BinaryBitmap::new(HybridBinarizer::new(source)),
                    &FAMILIES,
                    true,
                    (f64::from(w) / f64::from(hw)) as f32,
                );
                if !found.is_empty() {
                    return found;
                }
            }
        }
    }
    // 3. Global threshold: helps on small, evenly lit symbols the local one breaks up.
    match Luma8LuminanceSource::new(gray.data, w, h) {
        Ok(source) => read_families(
            &mut BinaryBitmap::new(GlobalHistogramBinarizer::new(source)),
            &FAMILIES,
            true,
            1.0,
        ),
        Err(_) => Vec::new(),
    }
}

/// Reads each family once on `bitmap` and returns every symbol found.
fn read_families<B: Binarizer>(
    bitmap: &mut BinaryBitmap<B>,
    families: &[&[BarcodeFormat]],
    try_harder: bool,
    scale: f32,
) -> Vec<Symbol> {
    let mut results: Vec<RXingResult> = Vec::new();
    for formats in families {
        read_family(bitmap, formats, try_harder, Pass::Photo, None, &mut results);
    }
    symbols_of(&results, scale)
}

/// How a family is read: on a document photo, QR and PDF417 both go through their own
/// multi-symbol readers; on a live frame only QR does, because PDF417's multi-symbol reader
/// took ~52 ms of a ~57 ms frame that showed a QR (its start-pattern search runs over the
/// whole frame), against well under a millisecond for its single read.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Photo,
    Live,
}

/// Adds every symbol of one family on `bitmap` to `results`. QR and PDF417 go through their
/// own multi-symbol readers (see [`Pass`]), which find all finder or start patterns in one
/// scan (rxing's generic multi-symbol reader instead re-decodes cropped quarters with every
/// reader, several times the cost of one read). `hit` is a symbol of this family that the
/// single-symbol reader already found on this bitmap, so it is not read twice.
fn read_family<B: Binarizer>(
    bitmap: &mut BinaryBitmap<B>,
    formats: &[BarcodeFormat],
    try_harder: bool,
    pass: Pass,
    hit: Option<RXingResult>,
    results: &mut Vec<RXingResult>,
) {
    let hints = family_hints(formats, try_harder);
    let mut hit = hit;
    let mut first = |bitmap: &mut BinaryBitmap<B>| {
        if let Some(r) = hit.take() {
            return vec![r];
        }
        let mut reader = MultiFormatReader::default();
        match guarded(|| reader.decode_with_hints(bitmap, &hints)) {
            Some(Ok(r)) => vec![r],
            _ => Vec::new(),
        }
    };
    match formats.first() {
        // rxing's best QR reader (its port of zxing-cpp's) reads one symbol; the
        // multi-symbol reader (ZXing Java's) adds the others. Its text of the same symbol
        // can differ (charset guess on binary payloads), so a symbol it returns is kept
        // only when its centre lies outside every symbol already read.
        Some(BarcodeFormat::QR_CODE) => {
            let one = first(bitmap);
            if one.is_empty() {
                return;
            }
            let others =
                guarded(|| QRCodeMultiReader::default().decode_multiple_with_hints(bitmap, &hints));
            results.extend(one);
            if let Some(Ok(others)) = others {
                for r in others {
                    if !results.iter().any(|k| covers(k, &r)) {
                        results.push(r);
                    }
                }
            }
        }
        Some(BarcodeFormat::PDF_417) if pass == Pass::Photo => {
            match guarded(|| PDF417Reader.decode_multiple_with_hints(bitmap, &hints)) {
                Some(Ok(found)) if !found.is_empty() => results.extend(found),
                _ => results.extend(first(bitmap)),
            }
        }
        _ => results.extend(first(bitmap)),
    }
}

/// The symbols of `results`, each (format, text) once.
fn symbols_of(results: &[RXingResult], scale: f32) -> Vec<Symbol> {
    let mut seen = HashSet::new();
    results
        .iter()
        .map(|r| to_symbol(r, scale))
        .filter(|s| seen.insert((s.format, s.text.clone())))
        .collect()
}

/// Whether `other`'s centre lies inside the box of `known`'s corner points.
fn covers(known: &RXingResult, other: &RXingResult) -> bool {
    let k = known.getPoints();
    let o = other.getPoints();
    if k.is_empty() || o.is_empty() {
        return false;
    }
    let cx = o.iter().map(|p| p.x).sum::<f32>() / o.len() as f32;
    let cy = o.iter().map(|p| p.y).sum::<f32>() / o.len() as f32;
    let (min_x, max_x) = k
        .iter()
        .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.x), a.1.max(p.x)));
    let (min_y, max_y) = k
        .iter()
        .fold((f32::MAX, f32::MIN), |a, p| (a.0.min(p.y), a.1.max(p.y)));
    (min_x..=max_x).contains(&cx) && (min_y..=max_y).contains(&cy)
}

/// Runs a decoder call, turning a panic into `None`. The default panic hook would still
/// print the panic; that message names no personal data (rxing panics on geometry).
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

pub(crate) fn to_symbol(r: &RXingResult, scale: f32) -> Symbol {
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
