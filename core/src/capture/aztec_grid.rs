//! Aztec symbols read from our own module grid.
//!
//! rxing's Aztec detector (ZXing Java's) extrapolates the whole symbol from four bullseye
//! corners read to the whole pixel, so a symbol seen at a slant (foreshortened) is sampled
//! off its grid, and the detector result its decoder needs is private to rxing, so a better
//! grid cannot be handed to it. This module finds the grid itself, the way zxing-cpp does in
//! spirit: from a bullseye candidate it casts rays, collects the points where the rings'
//! edges cross them, fits a quadrilateral to each ring edge (lines through many points give
//! sub-pixel corners), and computes a homography from module coordinates to picture pixels
//! by least squares over the three inner ring edges. The mode message ring tells compact or
//! full, the layer count and the orientation. Every data module is sampled through the
//! homography, and the symbol is drawn again upright, in clean black and white, with ideal
//! finder, orientation marks, mode message and reference grid and a quiet zone; rxing's
//! ordinary Aztec reader then reads that picture.
//!
//! The mode message is drawn with its reader-initialisation flag cleared (ISO/IEC 24778
//! section 9): rxing does not know the flag and would read a wrong data block count.

use rxing::common::reedsolomon::{PredefinedGenericGF, ReedSolomonDecoder, ReedSolomonEncoder};
use rxing::common::BitMatrix;

/// A point in pixels or in modules.
pub(crate) type Pt = (f64, f64);

/// A plane homography: `(u, v)` ↦ `((a u + b v + c) / (g u + h v + 1), (d u + e v + f) / (…))`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Homography([f64; 8]);

impl Homography {
    pub(crate) fn map(&self, (u, v): Pt) -> Pt {
        let m = &self.0;
        let w = m[6] * u + m[7] * v + 1.0;
        (
            (m[0] * u + m[1] * v + m[2]) / w,
            (m[3] * u + m[4] * v + m[5]) / w,
        )
    }

    /// Least squares over point pairs `from ↦ to` (at least four, not collinear).
    pub(crate) fn fit(pairs: &[(Pt, Pt)]) -> Option<Homography> {
        if pairs.len() < 4 {
            return None;
        }
        // Normal equations AᵀA h = Aᵀb of the linearised system.
        let mut ata = [[0.0f64; 8]; 8];
        let mut atb = [0.0f64; 8];
        for &((u, v), (x, y)) in pairs {
            for (row, rhs) in [
                ([u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x], x),
                ([0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y], y),
            ] {
                for i in 0..8 {
                    atb[i] += row[i] * rhs;
                    for j in 0..8 {
                        ata[i][j] += row[i] * row[j];
                    }
                }
            }
        }
        solve8(ata, atb).map(Homography)
    }
}

/// Gaussian elimination with partial pivoting; `None` when (nearly) singular.
fn solve8(mut a: [[f64; 8]; 8], mut b: [f64; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..8 {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0f64; 8];
    for row in (0..8).rev() {
        let s: f64 = (row + 1..8).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Rays cast from the bullseye centre: enough points per ring side for a line fit.
const RAYS: usize = 96;

/// The first `n` colour edges along a ray from `c` (which must be on black) up to `reach.0`
/// pixels, each the midpoint between the last sample of one colour and the first of the
/// next. A change that does not last `reach.1` pixels is noise and is skipped.
fn ray_edges(m: &BitMatrix, c: Pt, angle: f64, reach: (f64, f64), n: usize, out: &mut Vec<Pt>) {
    const STEP: f64 = 0.25;
    let (max_r, persist) = reach;
    let (dy, dx) = angle.sin_cos();
    let at = |t: f64| -> Option<bool> { pixel(m, (c.0 + t * dx, c.1 + t * dy)) };
    let mut colour = true;
    let mut t = STEP;
    while t < max_r && out.len() < n {
        let Some(here) = at(t) else {
            return;
        };
        if here != colour {
            let lasting = (1..=(persist / STEP).ceil() as usize)
                .all(|k| at(t + k as f64 * STEP) == Some(here));
            if lasting {
                let e = t - STEP / 2.0;
                out.push((c.0 + e * dx, c.1 + e * dy));
                colour = here;
            }
        }
        t += STEP;
    }
}

/// The binarized pixel under a point, `None` outside the picture.
fn pixel(m: &BitMatrix, (x, y): Pt) -> Option<bool> {
    if x < 0.0 || y < 0.0 || x >= f64::from(m.getWidth()) || y >= f64::from(m.getHeight()) {
        return None;
    }
    Some(m.get(x as u32, y as u32))
}

/// A line as a point and a unit direction (total least squares).
#[derive(Debug, Clone, Copy)]
struct Line {
    p: Pt,
    d: Pt,
}

impl Line {
    fn fit(points: &[Pt]) -> Option<Line> {
        if points.len() < 2 {
            return None;
        }
        let n = points.len() as f64;
        let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
        let my = points.iter().map(|p| p.1).sum::<f64>() / n;
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for p in points {
            let (dx, dy) = (p.0 - mx, p.1 - my);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        let theta = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let (s, c) = theta.sin_cos();
        Some(Line {
            p: (mx, my),
            d: (c, s),
        })
    }

    fn distance(&self, q: Pt) -> f64 {
        ((q.0 - self.p.0) * self.d.1 - (q.1 - self.p.1) * self.d.0).abs()
    }

    fn intersect(&self, o: &Line) -> Option<Pt> {
        let den = self.d.0 * o.d.1 - self.d.1 * o.d.0;
        if den.abs() < 1e-6 {
            return None;
        }
        let t = ((o.p.0 - self.p.0) * o.d.1 - (o.p.1 - self.p.1) * o.d.0) / den;
        Some((self.p.0 + t * self.d.0, self.p.1 + t * self.d.1))
    }
}

fn dist(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Fits a quadrilateral to the edge points of one ring, in ray (clockwise) order: the
/// farthest point is a corner, the farthest from it across the centre the opposite one, the
/// two others lie farthest from that diagonal; each side is a line fitted to the points
/// between its corners, and the corners are where the lines meet.
fn fit_quad(points: &[Pt], c: Pt) -> Option<[Pt; 4]> {
    let n = points.len();
    if n < RAYS / 2 {
        return None;
    }
    let i0 = (0..n).max_by(|&i, &j| dist(points[i], c).total_cmp(&dist(points[j], c)))?;
    let pts: Vec<Pt> = (0..n).map(|k| points[(i0 + k) % n]).collect();
    let i2 = (n / 4..=3 * n / 4)
        .max_by(|&i, &j| dist(pts[i], pts[0]).total_cmp(&dist(pts[j], pts[0])))?;
    let diag = Line::fit(&[pts[0], pts[i2]])?;
    let far = |r: std::ops::Range<usize>| {
        r.max_by(|&i, &j| diag.distance(pts[i]).total_cmp(&diag.distance(pts[j])))
    };
    let i1 = far(1..i2)?;
    let i3 = far(i2 + 1..n)?;
    let corners = [0, i1, i2, i3, n];
    let mut lines = Vec::with_capacity(4);
    for s in 0..4 {
        // Leave out the points next to a corner: a ray near a corner may cross either side.
        let (a, b) = (corners[s] + 1, corners[s + 1].saturating_sub(1));
        if b <= a + 1 {
            return None;
        }
        let side = &pts[a..b];
        let mut line = Line::fit(side)?;
        let kept: Vec<Pt> = side
            .iter()
            .copied()
            .filter(|&p| line.distance(p) <= 1.0)
            .collect();
        if kept.len() >= 2 && kept.len() < side.len() {
            line = Line::fit(&kept)?;
        }
        lines.push(line);
    }
    let mut quad = [(0.0, 0.0); 4];
    for s in 0..4 {
        quad[s] = lines[(s + 3) % 4].intersect(&lines[s])?;
        if dist(quad[s], c) > 4.0 * dist(pts[corners[s]], c) + 2.0 {
            return None;
        }
    }
    Some(quad)
}

/// Rotates `quad`'s corner order so that its corners point the same ways from `c` as
/// `reference`'s (fits of different rings may start at different corners).
fn align(quad: [Pt; 4], reference: &[Pt; 4], c: Pt) -> [Pt; 4] {
    let angle = |p: Pt| (p.1 - c.1).atan2(p.0 - c.0);
    let gap = |a: f64, b: f64| {
        let d = (a - b).rem_euclid(std::f64::consts::TAU);
        d.min(std::f64::consts::TAU - d)
    };
    let best = (0..4)
        .min_by(|&s, &t| {
            let cost = |k: usize| -> f64 {
                (0..4)
                    .map(|i| gap(angle(quad[(i + k) % 4]), angle(reference[i])))
                    .sum()
            };
            cost(s).total_cmp(&cost(t))
        })
        .unwrap_or(0);
    [0, 1, 2, 3].map(|i| quad[(i + best) % 4])
}

/// The grid around one bullseye: module coordinates (origin at the centre module's centre,
/// picture axes, in an arbitrary quarter turn or mirror) to picture pixels.
pub(crate) fn bullseye_grid(m: &BitMatrix, centre: Pt, module: f64) -> Option<Homography> {
    if pixel(m, centre) != Some(true) {
        return None;
    }
    // Ring edges 2–4 (1.5, 2.5 and 3.5 modules out); edge 5 touches the orientation marks.
    const EDGES: usize = 4;
    let max_r = 10.0 * module + 4.0;
    let persist = (0.3 * module).min(1.0);
    let mut per_edge: Vec<Vec<Pt>> = (0..EDGES).map(|_| Vec::with_capacity(RAYS)).collect();
    let mut ray = Vec::with_capacity(EDGES);
    for k in 0..RAYS {
        ray.clear();
        let angle = k as f64 * std::f64::consts::TAU / RAYS as f64;
        ray_edges(m, centre, angle, (max_r, persist), EDGES, &mut ray);
        if ray.len() == EDGES {
            for (e, p) in ray.iter().enumerate() {
                per_edge[e].push(*p);
            }
        }
    }
    let mut quads: Vec<([Pt; 4], f64)> = Vec::new();
    for (e, points) in per_edge.iter().enumerate().skip(1) {
        let Some(q) = fit_quad(points, centre) else {
            continue;
        };
        let q = match quads.first() {
            Some((r, _)) => align(q, r, centre),
            None => q,
        };
        quads.push((q, e as f64 + 0.5));
    }
    if quads.len() < 2 {
        return None;
    }
    // Module square corners in clockwise picture order, matching the rays' order.
    let mut pairs = Vec::with_capacity(4 * quads.len());
    for (q, r) in &quads {
        for (i, s) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
            .iter()
            .enumerate()
        {
            pairs.push(((s.0 * r, s.1 * r), q[i]));
        }
    }
    fit_pixels(&pairs, centre, module)
}

/// [`Homography::fit`] of module ↦ pixel pairs, solved in pixels relative to `centre` in
/// units of `module` (well conditioned), then scaled back.
fn fit_pixels(pairs: &[(Pt, Pt)], centre: Pt, module: f64) -> Option<Homography> {
    let norm: Vec<(Pt, Pt)> = pairs
        .iter()
        .map(|&(u, p)| (u, ((p.0 - centre.0) / module, (p.1 - centre.1) / module)))
        .collect();
    let h = Homography::fit(&norm)?;
    let mut k = h.0;
    for i in 0..3 {
        k[i] = k[i] * module + centre.0 * if i < 2 { k[6 + i] } else { 1.0 };
        k[3 + i] = k[3 + i] * module + centre.1 * if i < 2 { k[6 + i] } else { 1.0 };
    }
    Some(Homography(k))
}

/// One of the eight symmetries of the module grid: `turns` quarter turns after an optional
/// mirror. Maps symbol coordinates to the coordinates the homography was fitted in.
#[derive(Debug, Clone, Copy)]
struct Symmetry {
    mirror: bool,
    turns: u8,
}

impl Symmetry {
    fn apply_f(self, (u, v): Pt) -> Pt {
        let (a, b) = self.apply((1, 0));
        let (c, d) = self.apply((0, 1));
        (
            f64::from(a) * u + f64::from(c) * v,
            f64::from(b) * u + f64::from(d) * v,
        )
    }

    fn apply(self, (u, v): (i32, i32)) -> (i32, i32) {
        let (mut u, mut v) = if self.mirror { (-u, v) } else { (u, v) };
        for _ in 0..self.turns {
            (u, v) = (-v, u);
        }
        (u, v)
    }
}

/// What the mode message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mode {
    pub compact: bool,
    pub layers: u32,
    pub data_blocks: u32,
}

impl Mode {
    /// Side of the symbol in modules.
    pub(crate) fn dim(self) -> u32 {
        if self.compact {
            4 * self.layers + 11
        } else {
            4 * self.layers + 2 * ((2 * self.layers + 6) / 15) + 15
        }
    }

    fn radius(self) -> i32 {
        if self.compact {
            5
        } else {
            7
        }
    }

    /// The mode message ring's cells, in reading order (clockwise from the top left).
    fn cells(compact: bool) -> Vec<(i32, i32)> {
        let r = if compact { 5 } else { 7 };
        let along: Vec<i32> = if compact {
            (-3..=3).collect()
        } else {
            (-5..=5).filter(|&i| i != 0).collect()
        };
        let mut out = Vec::with_capacity(4 * along.len());
        out.extend(along.iter().map(|&i| (i, -r)));
        out.extend(along.iter().map(|&i| (r, i)));
        out.extend(along.iter().rev().map(|&i| (i, r)));
        out.extend(along.iter().rev().map(|&i| (-r, i)));
        out
    }

    /// The mode message's codewords (4 bits each) with reader initialisation cleared.
    fn codewords(self) -> Option<Vec<i32>> {
        let (n, data) = if self.compact { (7, 2) } else { (10, 4) };
        let value = if self.compact {
            ((self.layers - 1) << 6) | (self.data_blocks - 1)
        } else {
            ((self.layers - 1) << 11) | (self.data_blocks - 1)
        };
        let mut words = vec![0i32; n];
        for (i, w) in words.iter_mut().take(data).enumerate() {
            *w = ((value >> (4 * (data - 1 - i))) & 0xF) as i32;
        }
        ReedSolomonEncoder::new(PredefinedGenericGF::AztecParam.into())
            .ok()?
            .encode(&mut words, n - data)
            .ok()?;
        Some(words)
    }
}

/// Black orientation marks at radius `r` (ISO/IEC 24778 figure: three at the top left, two at
/// the top right, one at the bottom right).
fn orientation_marks(r: i32) -> [(i32, i32); 6] {
    [
        (-r, -r),
        (-r + 1, -r),
        (-r, -r + 1),
        (r, -r),
        (r, -r + 1),
        (r, r - 1),
    ]
}

/// The twelve cells around the corners whose colours give the orientation.
fn orientation_cells(r: i32) -> [(i32, i32); 12] {
    [
        (-r, -r),
        (-r + 1, -r),
        (-r, -r + 1),
        (r, -r),
        (r - 1, -r),
        (r, -r + 1),
        (r, r),
        (r, r - 1),
        (r - 1, r),
        (-r, r),
        (-r + 1, r),
        (-r, r - 1),
    ]
}

/// Reads the mode message: which symmetry, compact or full, and the layer count.
fn read_mode(sample: &dyn Fn((i32, i32)) -> Option<bool>) -> Option<(Mode, Symmetry)> {
    for compact in [true, false] {
        let r = if compact { 5 } else { 7 };
        let marks = orientation_marks(r);
        for mirror in [false, true] {
            for turns in 0..4 {
                let sym = Symmetry { mirror, turns };
                let mut wrong = 0;
                for cell in orientation_cells(r) {
                    let expect = marks.contains(&cell);
                    if sample(sym.apply(cell))? != expect {
                        wrong += 1;
                    }
                }
                if wrong > 2 {
                    continue;
                }
                let bits: Option<Vec<bool>> = Mode::cells(compact)
                    .into_iter()
                    .map(|c| sample(sym.apply(c)))
                    .collect();
                if let Some(mode) = bits.and_then(|b| decode_mode(&b, compact)) {
                    return Some((mode, sym));
                }
            }
        }
    }
    None
}

fn decode_mode(bits: &[bool], compact: bool) -> Option<Mode> {
    let (n, data) = if compact { (7, 2) } else { (10, 4) };
    let mut words: Vec<i32> = bits
        .chunks(4)
        .map(|c| c.iter().fold(0, |a, &b| (a << 1) | i32::from(b)))
        .collect();
    if words.len() != n {
        return None;
    }
    ReedSolomonDecoder::new(PredefinedGenericGF::AztecParam.into())
        .decode(&mut words, (n - data) as i32)
        .ok()?;
    let value = words[..data].iter().fold(0u32, |a, &w| (a << 4) | w as u32);
    let (layers, mut blocks) = if compact {
        ((value >> 6) + 1, value & 0x3F)
    } else {
        ((value >> 11) + 1, value & 0x7FF)
    };
    // Reader initialisation (ISO/IEC 24778 section 9): the top data block bit is set.
    if compact && layers == 1 {
        blocks &= !0x20;
    } else if !compact && layers <= 22 {
        blocks &= !0x400;
    }
    Some(Mode {
        compact,
        layers,
        data_blocks: blocks + 1,
    })
}

/// A symbol sampled from the picture and drawn again upright.
pub(crate) struct Redrawn {
    /// Luma, `side` × `side`, black 0 and white 255.
    pub luma: Vec<u8>,
    pub side: u32,
    /// Redrawn pixel ↦ picture pixel.
    pub to_picture: Box<dyn Fn(Pt) -> Pt>,
}

/// Pixels per module and quiet zone modules of the redrawn symbol.
const PX: u32 = 4;
const QUIET: u32 = 4;
/// Full symbols have up to 32 layers (151 modules).
const MAX_DIM: u32 = 151;

/// Samples the symbol through `h` (see [`bullseye_grid`]) and draws it again.
/// With `refine`, the homography is fitted again to the module edges seen across the whole
/// symbol (see [`refine`]) before the data modules are sampled.
pub(crate) fn redraw(m: &BitMatrix, h: Homography, refine: bool) -> Option<Redrawn> {
    let sample = |(u, v): (i32, i32)| pixel(m, h.map((f64::from(u), f64::from(v))));
    let (mode, sym) = read_mode(&sample)?;
    let dim = mode.dim();
    if dim > MAX_DIM {
        return None;
    }
    let half = (dim / 2) as i32;
    let h = if refine {
        let mut h = h;
        for _ in 0..REFINE_ROUNDS {
            h = refined(m, h, sym, half)?;
        }
        h
    } else {
        h
    };
    let sample = |(u, v): (i32, i32)| pixel(m, h.map((f64::from(u), f64::from(v))));
    let r = mode.radius();
    let marks = orientation_marks(r);
    let words = mode.codewords()?;
    let mode_bits: Vec<bool> = words
        .iter()
        .flat_map(|w| (0..4).rev().map(move |b| (w >> b) & 1 == 1))
        .collect();
    let mode_cells = Mode::cells(mode.compact);
    let side = (dim + 2 * QUIET) * PX;
    let mut luma = vec![255u8; (side * side) as usize];
    for v in -half..=half {
        for u in -half..=half {
            let d = u.abs().max(v.abs());
            let black = if d < r {
                d % 2 == 0
            } else if d == r {
                marks.contains(&(u, v))
                    || mode_cells
                        .iter()
                        .position(|&c| c == (u, v))
                        .is_some_and(|i| mode_bits[i])
            } else if !mode.compact && (u % 16 == 0 || v % 16 == 0) {
                if u % 16 == 0 && v % 16 == 0 {
                    true
                } else if v % 16 == 0 {
                    u % 2 == 0
                } else {
                    v % 2 == 0
                }
            } else {
                sample(sym.apply((u, v))).unwrap_or(false)
            };
            if black {
                let x0 = ((u + half) as u32 + QUIET) * PX;
                let y0 = ((v + half) as u32 + QUIET) * PX;
                for y in y0..y0 + PX {
                    let row = (y * side) as usize;
                    luma[row + x0 as usize..row + (x0 + PX) as usize].fill(0);
                }
            }
        }
    }
    let to_picture = move |(x, y): Pt| {
        let u = x / f64::from(PX) - f64::from(QUIET) - f64::from(half) - 0.5;
        let v = y / f64::from(PX) - f64::from(QUIET) - f64::from(half) - 0.5;
        h.map(sym.apply_f((u, v)))
    };
    Some(Redrawn {
        luma,
        side,
        to_picture: Box::new(to_picture),
    })
}

const REFINE_ROUNDS: usize = 2;

/// Fits the homography again to the edges between neighbouring modules of different colour
/// across the whole symbol: where the picture changes colour between two module centres is
/// where the grid says the modules meet. The bullseye alone leaves the outer layers to an
/// extrapolation several times its own size; these edges pin them down.
fn refined(m: &BitMatrix, h: Homography, sym: Symmetry, half: i32) -> Option<Homography> {
    const STEPS: usize = 16;
    let at = |p: (i32, i32)| {
        let q = sym.apply_f((f64::from(p.0), f64::from(p.1)));
        (q, h.map(q))
    };
    let mut pairs = Vec::new();
    for v in -half..=half {
        for u in -half..=half {
            for (du, dv) in [(1, 0), (0, 1)] {
                let (b_u, b_v) = (u + du, v + dv);
                if b_u > half || b_v > half {
                    continue;
                }
                let (qa, pa) = at((u, v));
                let (qb, pb) = at((b_u, b_v));
                let (Some(ca), Some(cb)) = (pixel(m, pa), pixel(m, pb)) else {
                    continue;
                };
                if ca == cb {
                    continue;
                }
                // Exactly one change of colour between the two centres.
                let mut changes = 0;
                let mut edge = 0.0;
                let mut colour = ca;
                for k in 1..=STEPS {
                    let t = k as f64 / STEPS as f64;
                    let p = (pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1));
                    let c = pixel(m, p)?;
                    if c != colour {
                        changes += 1;
                        edge = t - 0.5 / STEPS as f64;
                        colour = c;
                    }
                }
                if changes != 1 {
                    continue;
                }
                let mid = ((qa.0 + qb.0) / 2.0, (qa.1 + qb.1) / 2.0);
                let seen = (pa.0 + edge * (pb.0 - pa.0), pa.1 + edge * (pb.1 - pa.1));
                pairs.push((mid, seen));
            }
        }
    }
    if pairs.len() < 16 {
        return None;
    }
    let centre = h.map((0.0, 0.0));
    let module = dist(h.map((1.0, 0.0)), centre).max(dist(h.map((0.0, 1.0)), centre));
    fit_pixels(&pairs, centre, module)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_homography_fits_four_points_exactly() {
        let from = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)];
        let to = [(10.0, 10.0), (30.0, 12.0), (28.0, 35.0), (8.0, 30.0)];
        let pairs: Vec<(Pt, Pt)> = from.iter().copied().zip(to.iter().copied()).collect();
        let h = Homography::fit(&pairs).expect("fits");
        for (f, t) in pairs {
            let p = h.map(f);
            assert!(dist(p, t) < 1e-6, "{p:?} v {t:?}");
        }
    }

    #[test]
    fn the_mode_message_survives_encoding_and_decoding() {
        for mode in [
            Mode {
                compact: true,
                layers: 2,
                data_blocks: 11,
            },
            Mode {
                compact: false,
                layers: 9,
                data_blocks: 140,
            },
        ] {
            let words = mode.codewords().expect("encodes");
            let mut bits: Vec<bool> = words
                .iter()
                .flat_map(|w| (0..4).rev().map(move |b| (w >> b) & 1 == 1))
                .collect();
            bits[3] = !bits[3];
            assert_eq!(decode_mode(&bits, mode.compact), Some(mode));
        }
    }

    #[test]
    fn symmetries_are_the_eight_of_the_square() {
        let mut seen = std::collections::HashSet::new();
        for mirror in [false, true] {
            for turns in 0..4 {
                seen.insert(Symmetry { mirror, turns }.apply((2, 1)));
            }
        }
        assert_eq!(seen.len(), 8);
    }
}
