//! Aztec symbols that rxing misses in a whole photo.
//!
//! rxing's Aztec detector (a port of ZXing Java's) starts from one centre guess for the whole
//! picture and then reads the bullseye square nearly axis-aligned, so a symbol away from
//! that guess, turned, or seen in perspective is lost: on ZXing's `aztec-2` blackbox photos it
//! reads 5 of 22, the figure ZXing Java's own test records. zxing-cpp instead scans every row
//! for the bullseye's run pattern and measures each candidate. This pass does the scan here
//! (rows and columns, then both diagonals, which only the true centre passes), and for each
//! candidate first fits our own module grid and reads the symbol drawn again upright
//! (`aztec_grid`); failing that, it cuts a square centred on the candidate (so rxing's centre
//! guess lands on the bullseye) and lets rxing read the square as it is, enlarged, and turned
//! about the bullseye.

use rxing::aztec::AztecReader;
use rxing::common::{BitMatrix, HybridBinarizer};
use rxing::{BinaryBitmap, DecodeHints, Luma8LuminanceSource, Reader};

use super::aztec_grid;
use super::barcode::{guarded, to_symbol, Corner, Symbol};

/// At most this many candidates are tried per picture: each costs a few small reads.
const MAX_CANDIDATES: usize = 3;

/// A bullseye candidate: centre in pixels and the module size the runs suggest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bullseye {
    pub x: f32,
    pub y: f32,
    pub module: f32,
}

/// Finds bullseye centres: on a row, seven runs white-black-white-black-white-black-white of
/// similar width (the compact core, and the inner part of a full one), confirmed by the same
/// pattern down the column through the middle run.
pub(crate) fn bullseyes(m: &BitMatrix) -> Vec<Bullseye> {
    let (w, h) = (m.getWidth(), m.getHeight());
    let mut out: Vec<Bullseye> = Vec::new();
    let mut row = Vec::new();
    let mut col = Vec::new();
    for y in (0..h).step_by(2) {
        runs(&mut row, w, |x| m.get(x, y));
        for i in 1..row.len().saturating_sub(7) {
            let win = &row[i..i + 7];
            if win[0].2 || !even(win) {
                continue;
            }
            let cx = win[3].0 + win[3].1 / 2;
            runs(&mut col, h, |yy| m.get(cx, yy));
            let Some(ci) = col.iter().position(|r| y >= r.0 && y < r.0 + r.1) else {
                continue;
            };
            if ci < 3 || ci + 4 > col.len() || !even(&col[ci - 3..ci + 4]) {
                continue;
            }
            let module = (win.iter().map(|r| r.1).sum::<u32>()
                + col[ci - 3..ci + 4].iter().map(|r| r.1).sum::<u32>())
                as f32
                / 14.0;
            let b = Bullseye {
                x: cx as f32 + 0.5,
                y: (col[ci].0 + col[ci].1 / 2) as f32 + 0.5,
                module,
            };
            // A point on a ring can show the pattern across a row and a column (a bullseye
            // turned 45°); only the centre shows it along both diagonals as well.
            let (bx, by) = (b.x as i64, b.y as i64);
            let reach = (8.0 * module) as i64 + 4;
            if !diagonal_even(m, bx, by, 1, reach) || !diagonal_even(m, bx, by, -1, reach) {
                continue;
            }
            if out
                .iter()
                .all(|o| (o.x - b.x).abs() + (o.y - b.y).abs() > 4.0 * o.module)
            {
                out.push(b);
                if out.len() == MAX_CANDIDATES {
                    return out;
                }
            }
        }
    }
    out
}

/// The seven runs through (x, y) along the diagonal (1, dy), centre run in the middle, are
/// of similar width.
fn diagonal_even(m: &BitMatrix, x: i64, y: i64, dy: i64, reach: i64) -> bool {
    let (w, h) = (i64::from(m.getWidth()), i64::from(m.getHeight()));
    let get = |k: i64| -> Option<bool> {
        let (px, py) = (x + k, y + k * dy);
        (px >= 0 && py >= 0 && px < w && py < h).then(|| m.get(px as u32, py as u32))
    };
    let Some(centre) = get(0) else {
        return false;
    };
    // Runs outward on each side: the centre run's two halves, then three more.
    let mut sides = [[0u32; 4]; 2];
    for (side, step) in [(0usize, 1i64), (1, -1)] {
        let (mut run, mut colour, mut k) = (0usize, centre, step);
        sides[side][0] = 1;
        while run < 4 && k.abs() <= reach {
            match get(k) {
                Some(c) if c == colour => sides[side][run] += 1,
                Some(c) => {
                    run += 1;
                    colour = c;
                    if run < 4 {
                        sides[side][run] = 1;
                    }
                }
                None => return false,
            }
            k += step;
        }
        if run < 4 {
            return false;
        }
    }
    let c = sides[0][0] + sides[1][0] - 1;
    let seven: Vec<(u32, u32, bool)> = [
        sides[1][3],
        sides[1][2],
        sides[1][1],
        c,
        sides[0][1],
        sides[0][2],
        sides[0][3],
    ]
    .iter()
    .map(|&n| (0, n, false))
    .collect();
    even(&seven)
}

/// Run-length encodes one line: (start, length, black).
fn runs(out: &mut Vec<(u32, u32, bool)>, n: u32, get: impl Fn(u32) -> bool) {
    out.clear();
    let mut start = 0;
    let mut colour = n > 0 && get(0);
    for i in 1..=n {
        let c = i < n && get(i);
        if i == n || c != colour {
            out.push((start, i - start, colour));
            start = i;
            colour = c;
        }
    }
}

/// Seven runs of similar width (a tilted or blurred bullseye stretches some rings).
fn even(r: &[(u32, u32, bool)]) -> bool {
    let min = r.iter().map(|x| x.1).min().unwrap_or(0);
    let max = r.iter().map(|x| x.1).max().unwrap_or(0);
    min > 0 && max <= min * 3 / 2 + 1
}

/// Views of the square around a candidate, cheapest and likeliest first: (half side in
/// modules, enlargement, turn in degrees). Measured on `aztec-2`: each view reads symbols the
/// others miss; together they recover most of what the whole-picture read loses.
const VIEWS: [(f32, f32, f32); 7] = [
    (12.0, 1.0, 0.0),
    (20.0, 1.0, 0.0),
    (12.0, 1.5, 0.0),
    (12.0, 1.0, 10.0),
    (12.0, 1.0, -10.0),
    (12.0, 1.0, 20.0),
    (12.0, 1.0, -20.0),
];

/// Reads the Aztec symbols around each bullseye candidate of a luma picture.
pub(crate) fn read_candidates(luma: &[u8], w: u32, h: u32, m: &BitMatrix) -> Vec<Symbol> {
    let hints = DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
    let mut out: Vec<Symbol> = Vec::new();
    for b in bullseyes(m) {
        if let Some(s) = read_redrawn(m, b) {
            if !out.iter().any(|o| o.text == s.text) {
                out.push(s);
            }
            continue;
        }
        for (half_modules, scale, degrees) in VIEWS {
            let view = View::new(b, half_modules, scale, degrees);
            let Some(pixels) = view.sample(luma, w, h) else {
                continue;
            };
            let Ok(source) = Luma8LuminanceSource::new(pixels, view.side, view.side) else {
                continue;
            };
            let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
            if let Some(Ok(r)) = guarded(|| AztecReader.decode_with_hints(&mut bitmap, &hints)) {
                let mut s = to_symbol(&r, 1.0);
                for c in &mut s.corners {
                    *c = view.to_picture(*c);
                }
                if !out.iter().any(|o| o.text == s.text) {
                    out.push(s);
                }
                break;
            }
        }
    }
    out
}

/// Our own grid around the bullseye, sampled and drawn again upright (see `aztec_grid`),
/// read by rxing.
/// Plain first; then with the grid fitted again to the module edges of the whole symbol,
/// which larger symbols seen at a slant need. Our own geometry is guarded like rxing's.
fn read_redrawn(m: &BitMatrix, b: Bullseye) -> Option<Symbol> {
    guarded(|| {
        let centre = (f64::from(b.x), f64::from(b.y));
        let h = aztec_grid::bullseye_grid(m, centre, f64::from(b.module))?;
        read_grid(m, h, false).or_else(|| read_grid(m, h, true))
    })
    .flatten()
}

fn read_grid(m: &BitMatrix, h: aztec_grid::Homography, refine: bool) -> Option<Symbol> {
    let redrawn = aztec_grid::redraw(m, h, refine)?;
    let source = Luma8LuminanceSource::new(redrawn.luma, redrawn.side, redrawn.side).ok()?;
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let r = guarded(|| AztecReader.decode(&mut bitmap))?.ok()?;
    let mut s = to_symbol(&r, 1.0);
    for c in &mut s.corners {
        let (x, y) = (redrawn.to_picture)((f64::from(c.x), f64::from(c.y)));
        *c = Corner {
            x: x as f32,
            y: y as f32,
        };
    }
    Some(s)
}

/// A square view of the picture centred on a bullseye: view pixel p shows picture point
/// centre + A·(p − c), with A a turn by `degrees` shrunk by `scale`.
struct View {
    side: u32,
    centre: (f32, f32),
    a: [f32; 4],
}

/// Views larger than this are not cut (a symbol that large is read by the whole-picture pass).
const MAX_VIEW_SIDE: u32 = 1600;

impl View {
    fn new(b: Bullseye, half_modules: f32, scale: f32, degrees: f32) -> View {
        let half = (half_modules * b.module * scale).round().max(8.0);
        let side = (2.0 * half) as u32 + 1;
        let (sin, cos) = degrees.to_radians().sin_cos();
        View {
            side,
            centre: (b.x, b.y),
            a: [cos / scale, -sin / scale, sin / scale, cos / scale],
        }
    }

    fn to_picture(&self, p: Corner) -> Corner {
        let c = self.side as f32 / 2.0;
        let (dx, dy) = (p.x - c, p.y - c);
        Corner {
            x: self.centre.0 + self.a[0] * dx + self.a[1] * dy,
            y: self.centre.1 + self.a[2] * dx + self.a[3] * dy,
        }
    }

    /// Bilinear samples of the view; outside the picture reads as white paper.
    fn sample(&self, luma: &[u8], w: u32, h: u32) -> Option<Vec<u8>> {
        if self.side > MAX_VIEW_SIDE || luma.len() < (w as usize) * (h as usize) || w < 2 || h < 2 {
            return None;
        }
        let n = self.side as usize;
        let mut out = vec![255u8; n * n];
        let (wf, hf) = ((w - 1) as f32, (h - 1) as f32);
        let px = |x: usize, y: usize| f32::from(luma[y * w as usize + x]);
        for vy in 0..n {
            for vx in 0..n {
                let p = self.to_picture(Corner {
                    x: vx as f32 + 0.5,
                    y: vy as f32 + 0.5,
                });
                let (sx, sy) = (p.x - 0.5, p.y - 0.5);
                if sx < 0.0 || sy < 0.0 || sx >= wf || sy >= hf {
                    continue;
                }
                let (x0, y0) = (sx as usize, sy as usize);
                let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
                let v = px(x0, y0) * (1.0 - fx) * (1.0 - fy)
                    + px(x0 + 1, y0) * fx * (1.0 - fy)
                    + px(x0, y0 + 1) * (1.0 - fx) * fy
                    + px(x0 + 1, y0 + 1) * fx * fy;
                out[vy * n + vx] = v.round().clamp(0.0, 255.0) as u8;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_maps_its_centre_to_the_bullseye_and_turns_about_it() {
        let b = Bullseye {
            x: 100.0,
            y: 50.0,
            module: 4.0,
        };
        let v = View::new(b, 10.0, 1.0, 90.0);
        let c = v.side as f32 / 2.0;
        let centre = v.to_picture(Corner { x: c, y: c });
        assert!((centre.x - 100.0).abs() < 1e-3 && (centre.y - 50.0).abs() < 1e-3);
        // A quarter turn: one step right in the view is one step down in the picture.
        let right = v.to_picture(Corner { x: c + 1.0, y: c });
        assert!((right.x - 100.0).abs() < 1e-3 && (right.y - 51.0).abs() < 1e-3);
    }

    #[test]
    fn runs_cover_the_line() {
        let line = [true, true, false, true, false, false, false];
        let mut r = Vec::new();
        runs(&mut r, line.len() as u32, |i| line[i as usize]);
        assert_eq!(
            r,
            vec![(0, 2, true), (2, 1, false), (3, 1, true), (4, 3, false)]
        );
    }
}
