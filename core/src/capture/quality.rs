//! Photo quality checks: the reasons district reviewers send registry photos back (blurred,
//! dark, washed out, too small, document upside down or sideways), caught while the pillar
//! is still in the house and can take the photo again.
//!
//! All checks run on a gray copy at most [`WORK_LONG_SIDE`] px long, so that thresholds do
//! not depend on the camera and the checks cost a few milliseconds.
//!
//! Limits, honestly:
//! - Sharpness is the variance of the Laplacian (Pech-Pacheco et al., 2000). It also falls on
//!   flat subjects (a bare plastered wall), hence the lower threshold for house photos.
//! - Orientation is a heuristic for printed pages only. *Sideways*: text lines make the
//!   row ink profile striped and the column profile smooth; the check compares how striped
//!   each is. *Upside down*: in Latin script more ink sits above the x-height band
//!   (capitals and b d f h k l t, about a fifth of Indonesian letters) than below it (g j p q y,
//!   under a tenth), so upright lines lean upward; when the text is all capitals (KK tables),
//!   the page's tallest line (the title, "KARTU KELUARGA" or a letterhead) is expected near
//!   the top. A page with neither cue gives no verdict (the check passes), and a page whose
//!   largest type is at the bottom (a big signature block) can be misjudged: the verdict
//!   says "probably", and the photo is kept either way.

use serde::{Deserialize, Serialize};

use super::error::CaptureError;
use super::photo::resize_exact;
use super::raster::{self, Raster};
use crate::model::DocumentKind;
use crate::Lang;

/// Long side of the gray copy the checks run on.
pub const WORK_LONG_SIDE: u32 = 1000;
/// Variance of the Laplacian below which a document photo is blurred (on the work copy).
pub const BLUR_THRESHOLD_DOCUMENT: f64 = 150.0;
/// Same for house photos, whose subjects (walls, floors) have less fine texture.
pub const BLUR_THRESHOLD_HOUSE: f64 = 40.0;
/// Smallest source long side: a KK at 1000 px has about 2.5 px per stroke of its 8-point type.
pub const MIN_LONG_SIDE_DOCUMENT: u32 = 1000;
pub const MIN_LONG_SIDE_HOUSE: u32 = 640;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum QualityCheck {
    Sharpness,
    Exposure,
    Resolution,
    Orientation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum QualityProblem {
    Blurry,
    TooDark,
    OverExposed,
    TooSmall,
    UpsideDown,
    Sideways,
}

/// One check's outcome. `measure` is the number the check compared (Laplacian variance,
/// mean brightness, source long side, orientation score), for logs and tuning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityVerdict {
    pub check: QualityCheck,
    pub problem: Option<QualityProblem>,
    pub measure: f64,
}

impl QualityVerdict {
    pub fn passed(&self) -> bool {
        self.problem.is_none()
    }

    /// What the person should do, or that all is well.
    pub fn message(&self, lang: Lang) -> String {
        let (id, en) = match (self.check, self.problem) {
            (_, Some(QualityProblem::Blurry)) => (
                "Foto buram, ulangi dengan kamera diam dan tunggu sampai fokus.",
                "The photo is blurred: hold the camera still, wait for focus and take it again.",
            ),
            (_, Some(QualityProblem::TooDark)) => (
                "Foto terlalu gelap, pindah ke tempat yang lebih terang atau nyalakan lampu.",
                "The photo is too dark: move to better light or switch a light on.",
            ),
            (_, Some(QualityProblem::OverExposed)) => (
                "Foto terlalu terang atau silau, hindari cahaya langsung dan lampu kilat.",
                "The photo is over-exposed or has glare: avoid direct light and the flash.",
            ),
            (_, Some(QualityProblem::TooSmall)) => (
                "Resolusi foto terlalu kecil, dekatkan kamera atau naikkan resolusi kamera.",
                "The photo's resolution is too low: move closer or raise the camera resolution.",
            ),
            (_, Some(QualityProblem::UpsideDown)) => (
                "Dokumen tampaknya terbalik, putar dokumen dan foto ulang.",
                "The document seems upside down: turn it round and take the photo again.",
            ),
            (_, Some(QualityProblem::Sideways)) => (
                "Dokumen tampaknya miring 90°, foto ulang dengan tulisan mendatar.",
                "The document seems sideways: take the photo again with the text lines level.",
            ),
            (QualityCheck::Sharpness, None) => ("Foto cukup tajam.", "The photo is sharp enough."),
            (QualityCheck::Exposure, None) => ("Pencahayaan cukup.", "The exposure is fine."),
            (QualityCheck::Resolution, None) => ("Resolusi cukup.", "The resolution is enough."),
            (QualityCheck::Orientation, None) => (
                "Arah dokumen tidak tampak salah.",
                "The document does not look mis-oriented.",
            ),
        };
        lang.pick(id, en).to_string()
    }
}

/// Runs every check on an encoded photo (JPEG or PNG) as it would be stored.
pub fn assess(bytes: &[u8], kind: DocumentKind) -> Result<Vec<QualityVerdict>, CaptureError> {
    let decoded = raster::decode(bytes, Some(WORK_LONG_SIDE))?;
    let upright = raster::apply_orientation(decoded.raster, decoded.orientation);
    let long = decoded.source_width.max(decoded.source_height);
    Ok(assess_raster(&upright, long, kind))
}

/// Runs every check on an 8-bit gray picture (a camera preview, for example).
pub fn assess_gray(
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    kind: DocumentKind,
) -> Result<Vec<QualityVerdict>, CaptureError> {
    let expected = u64::from(width) * u64::from(height);
    if expected == 0 {
        return Err(CaptureError::FrameEmpty { width, height });
    }
    if (pixels.len() as u64) < expected {
        return Err(CaptureError::FrameShort {
            expected,
            actual: pixels.len() as u64,
        });
    }
    let r = Raster {
        width,
        height,
        channels: 1,
        data: pixels,
    };
    Ok(assess_raster(&r, width.max(height), kind))
}

pub(crate) fn assess_raster(
    r: &Raster,
    source_long_side: u32,
    kind: DocumentKind,
) -> Vec<QualityVerdict> {
    let gray = work_copy(r);
    let mut out = vec![
        sharpness(&gray, kind),
        exposure(&gray),
        resolution(source_long_side, kind),
    ];
    if kind.is_paper() {
        out.push(orientation(&gray));
    }
    out
}

struct Gray {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

fn work_copy(r: &Raster) -> Gray {
    let g = Raster {
        width: r.width,
        height: r.height,
        channels: 1,
        data: raster::to_gray(r),
    };
    let long = g.width.max(g.height);
    let g = if long > WORK_LONG_SIDE {
        let s = f64::from(WORK_LONG_SIDE) / f64::from(long);
        let w = ((f64::from(g.width) * s).round() as u32).max(1);
        let h = ((f64::from(g.height) * s).round() as u32).max(1);
        let fallback = g.clone();
        resize_exact(g, w, h).unwrap_or(fallback)
    } else {
        g
    };
    Gray {
        w: g.width as usize,
        h: g.height as usize,
        px: g.data,
    }
}

fn sharpness(g: &Gray, kind: DocumentKind) -> QualityVerdict {
    let v = laplacian_variance(g);
    let threshold = if kind.is_paper() {
        BLUR_THRESHOLD_DOCUMENT
    } else {
        BLUR_THRESHOLD_HOUSE
    };
    QualityVerdict {
        check: QualityCheck::Sharpness,
        problem: (v < threshold).then_some(QualityProblem::Blurry),
        measure: v,
    }
}

/// Variance of the 4-neighbour Laplacian over the interior.
pub(crate) fn laplacian_variance_of(width: usize, height: usize, px: &[u8]) -> f64 {
    if width < 3 || height < 3 {
        return 0.0;
    }
    let (mut sum, mut sum2, mut n) = (0f64, 0f64, 0f64);
    for y in 1..height - 1 {
        let row = y * width;
        for x in 1..width - 1 {
            let i = row + x;
            let l = i32::from(px[i - 1])
                + i32::from(px[i + 1])
                + i32::from(px[i - width])
                + i32::from(px[i + width])
                - 4 * i32::from(px[i]);
            let l = f64::from(l);
            sum += l;
            sum2 += l * l;
            n += 1.0;
        }
    }
    let mean = sum / n;
    sum2 / n - mean * mean
}

fn laplacian_variance(g: &Gray) -> f64 {
    laplacian_variance_of(g.w, g.h, &g.px)
}

fn exposure(g: &Gray) -> QualityVerdict {
    let mut hist = [0u64; 256];
    for &p in &g.px {
        hist[p as usize] += 1;
    }
    let n = g.px.len().max(1) as f64;
    let mean = hist
        .iter()
        .enumerate()
        .map(|(v, &c)| v as f64 * c as f64)
        .sum::<f64>()
        / n;
    let percentile = |q: f64| {
        let target = (q * n) as u64;
        let mut acc = 0u64;
        for (v, &c) in hist.iter().enumerate() {
            acc += c;
            if acc > target {
                return v as u8;
            }
        }
        255
    };
    let (p2, p98) = (percentile(0.02), percentile(0.98));
    let clipped = hist[250..].iter().sum::<u64>() as f64 / n;
    // Dark: the mean is low or even the brightest 2 % are mid-gray (no paper white anywhere).
    // Washed out: half the picture is clipped white and even its darkest 2 % are light, so
    // the ink that should be there is gone.
    let problem = if mean < 55.0 || p98 < 90 {
        Some(QualityProblem::TooDark)
    } else if (clipped >= 0.5 && p2 >= 120) || mean > 250.0 {
        Some(QualityProblem::OverExposed)
    } else {
        None
    };
    QualityVerdict {
        check: QualityCheck::Exposure,
        problem,
        measure: mean,
    }
}

fn resolution(source_long_side: u32, kind: DocumentKind) -> QualityVerdict {
    let min = if kind.is_paper() {
        MIN_LONG_SIDE_DOCUMENT
    } else {
        MIN_LONG_SIDE_HOUSE
    };
    QualityVerdict {
        check: QualityCheck::Resolution,
        problem: (source_long_side < min).then_some(QualityProblem::TooSmall),
        measure: f64::from(source_long_side),
    }
}

/// The orientation evidence of a page, exposed for tests and tuning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct OrientationEvidence {
    /// Striping of the column profile over that of the row profile (> 1: lines run vertically).
    pub sideways_ratio: f64,
    /// (ink above the x-height band − ink below) / both, over all text lines; > 0 upright.
    pub ascender_balance: f64,
    /// Relative position (0 top, 1 bottom) of the tallest text line, if it stands out.
    pub tallest_line_position: Option<f64>,
    pub lines: usize,
}

fn orientation(g: &Gray) -> QualityVerdict {
    let e = orientation_evidence(g);
    let problem = if e.sideways_ratio > 1.3 {
        Some(QualityProblem::Sideways)
    } else if e.lines >= 3 && e.sideways_ratio < 1.0 && upside_down(&e) {
        Some(QualityProblem::UpsideDown)
    } else {
        None
    };
    QualityVerdict {
        check: QualityCheck::Orientation,
        problem,
        measure: if problem == Some(QualityProblem::Sideways) {
            e.sideways_ratio
        } else {
            e.ascender_balance
        },
    }
}

fn upside_down(e: &OrientationEvidence) -> bool {
    if e.ascender_balance.abs() >= 0.12 {
        return e.ascender_balance < 0.0;
    }
    matches!(e.tallest_line_position, Some(p) if p > 0.7)
}

fn orientation_evidence(g: &Gray) -> OrientationEvidence {
    let ink = ink_map(g);
    let (w, h) = (g.w, g.h);
    let mut rows = vec![0f64; h];
    let mut cols = vec![0f64; w];
    for y in 0..h {
        for x in 0..w {
            if ink[y * w + x] {
                rows[y] += 1.0;
                cols[x] += 1.0;
            }
        }
    }
    let sideways_ratio = striping(&cols) / striping(&rows).max(1e-6);
    let lines = text_lines(&rows);
    // Blocks far taller than the body text are pictures, QR codes or stamps, not type.
    let lines = drop_non_text_blocks(lines);
    let (mut above, mut below, mut total) = (0f64, 0f64, 0f64);
    for &(start, end) in &lines {
        total += rows[start..end].iter().sum::<f64>();
        let peak = rows[start..end].iter().cloned().fold(0.0, f64::max);
        let core: Vec<usize> = (start..end).filter(|&y| rows[y] >= 0.5 * peak).collect();
        if let (Some(&c0), Some(&c1)) = (core.first(), core.last()) {
            above += rows[start..c0].iter().sum::<f64>();
            below += rows[c1 + 1..end].iter().sum::<f64>();
        }
    }
    // Without enough ink outside the x-height band (all capitals, digits) there is no cue.
    let ascender_balance = if above + below > 0.04 * total {
        (above - below) / (above + below)
    } else {
        0.0
    };
    let tallest_line_position = tallest_line(&lines, h);
    OrientationEvidence {
        sideways_ratio,
        ascender_balance,
        tallest_line_position,
        lines: lines.len(),
    }
}

/// Dark pixels (Otsu threshold), without ruled lines: table borders of a KK would otherwise
/// dominate both profiles.
fn ink_map(g: &Gray) -> Vec<bool> {
    let t = otsu(&g.px);
    let (w, h) = (g.w, g.h);
    let mut ink: Vec<bool> = g.px.iter().map(|&p| p < t).collect();
    // Rules are found on a lighter threshold (thin rules are gray once downscaled) and
    // removed with a one-pixel margin, so their anti-aliased edges do not pass for
    // ascenders or descenders of the text beside them.
    let light_t = t.saturating_add(40).min(250);
    let faint: Vec<bool> = g.px.iter().map(|&p| p < light_t).collect();
    let long_h = (w / 12).max(8);
    let long_v = (h / 12).max(8);
    let mut rule = vec![false; w * h];
    for y in 0..h {
        let mut x = 0;
        while x < w {
            if faint[y * w + x] {
                let s = x;
                while x < w && faint[y * w + x] {
                    x += 1;
                }
                if x - s >= long_h {
                    for yy in y.saturating_sub(1)..(y + 2).min(h) {
                        rule[yy * w + s..yy * w + x]
                            .iter_mut()
                            .for_each(|r| *r = true);
                    }
                }
            } else {
                x += 1;
            }
        }
    }
    for x in 0..w {
        let mut y = 0;
        while y < h {
            if faint[y * w + x] {
                let s = y;
                while y < h && faint[y * w + x] {
                    y += 1;
                }
                if y - s >= long_v {
                    for xx in x.saturating_sub(1)..(x + 2).min(w) {
                        (s..y).for_each(|yy| rule[yy * w + xx] = true);
                    }
                }
            } else {
                y += 1;
            }
        }
    }
    for (i, r) in rule.into_iter().enumerate() {
        if r {
            ink[i] = false;
        }
    }
    ink
}

fn otsu(px: &[u8]) -> u8 {
    let mut hist = [0f64; 256];
    for &p in px {
        hist[p as usize] += 1.0;
    }
    let total = px.len() as f64;
    let sum_all: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c).sum();
    let (mut w0, mut sum0, mut best, mut best_t) = (0f64, 0f64, -1f64, 128u8);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c;
        if w0 == 0.0 {
            continue;
        }
        let w1 = total - w0;
        if w1 == 0.0 {
            break;
        }
        sum0 += t as f64 * c;
        let m0 = sum0 / w0;
        let m1 = (sum_all - sum0) / w1;
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    best_t.saturating_add(1)
}

/// How striped a profile is: mean absolute step between neighbours relative to the mean,
/// over the span that has ink (margins excluded).
fn striping(profile: &[f64]) -> f64 {
    let first = profile.iter().position(|&v| v > 0.0);
    let last = profile.iter().rposition(|&v| v > 0.0);
    let (Some(a), Some(b)) = (first, last) else {
        return 0.0;
    };
    let span = &profile[a..=b];
    if span.len() < 8 {
        return 0.0;
    }
    // Smooth over 3 to ignore single-pixel noise, then measure gaps: the share of the span
    // that is nearly empty, weighted by how full the rest is.
    let smooth: Vec<f64> = (0..span.len())
        .map(|i| {
            let lo = i.saturating_sub(1);
            let hi = (i + 2).min(span.len());
            span[lo..hi].iter().sum::<f64>() / (hi - lo) as f64
        })
        .collect();
    let mean = smooth.iter().sum::<f64>() / smooth.len() as f64;
    if mean <= 0.0 {
        return 0.0;
    }
    let var = smooth.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / smooth.len() as f64;
    var.sqrt() / mean
}

fn drop_non_text_blocks(lines: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if lines.len() < 3 {
        return lines;
    }
    let mut heights: Vec<usize> = lines.iter().map(|(s, e)| e - s).collect();
    heights.sort_unstable();
    let median = heights[heights.len() / 2] as f64;
    lines
        .into_iter()
        .filter(|(s, e)| ((e - s) as f64) <= 3.5 * median)
        .collect()
}

/// Runs of rows with ink: the text lines, as (start, end) row ranges.
fn text_lines(rows: &[f64]) -> Vec<(usize, usize)> {
    let max = rows.iter().cloned().fold(0.0, f64::max);
    let t = (0.02 * max).max(1.0);
    let mut lines = Vec::new();
    let mut y = 0;
    while y < rows.len() {
        if rows[y] >= t {
            let s = y;
            while y < rows.len() && rows[y] >= t {
                y += 1;
            }
            if y - s >= 4 {
                lines.push((s, y));
            }
        } else {
            y += 1;
        }
    }
    lines
}

fn tallest_line(lines: &[(usize, usize)], h: usize) -> Option<f64> {
    if lines.len() < 3 || h == 0 {
        return None;
    }
    let mut heights: Vec<usize> = lines.iter().map(|(s, e)| e - s).collect();
    heights.sort_unstable();
    let median = heights[heights.len() / 2] as f64;
    let (s, e) = lines.iter().copied().max_by_key(|(s, e)| e - s)?;
    if ((e - s) as f64) < 1.4 * median {
        return None;
    }
    Some((s + e) as f64 / 2.0 / h as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(w: usize, h: usize, f: impl Fn(usize, usize) -> u8) -> Gray {
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                px.push(f(x, y));
            }
        }
        Gray { w, h, px }
    }

    #[test]
    fn flat_gray_has_no_laplacian_energy_and_a_checkerboard_has_much() {
        assert_eq!(laplacian_variance(&gray(50, 50, |_, _| 128)), 0.0);
        let board = gray(
            50,
            50,
            |x, y| if (x / 2 + y / 2) % 2 == 0 { 0 } else { 255 },
        );
        assert!(laplacian_variance(&board) > 10_000.0);
    }

    #[test]
    fn exposure_flags_night_and_washed_out_pictures() {
        let night = exposure(&gray(100, 100, |x, _| (x / 4) as u8));
        assert_eq!(night.problem, Some(QualityProblem::TooDark));
        let washed = exposure(&gray(100, 100, |x, _| if x < 70 { 255 } else { 200 }));
        assert_eq!(washed.problem, Some(QualityProblem::OverExposed));
        // A clean scan: white paper, black type. Not over-exposed: the ink is there.
        let scan = exposure(&gray(100, 100, |x, y| {
            if x % 10 < 2 && y % 8 < 5 {
                10
            } else {
                255
            }
        }));
        assert_eq!(scan.problem, None);
    }

    #[test]
    fn resolution_depends_on_the_kind() {
        assert!(resolution(900, DocumentKind::Kk).problem.is_some());
        assert!(resolution(900, DocumentKind::Roof).problem.is_none());
        assert!(resolution(600, DocumentKind::Roof).problem.is_some());
    }

    #[test]
    fn otsu_splits_two_levels() {
        let px: Vec<u8> = (0..1000)
            .map(|i| if i % 3 == 0 { 30 } else { 220 })
            .collect();
        let t = otsu(&px);
        assert!(t > 30 && t <= 220, "threshold {t}");
    }
}
