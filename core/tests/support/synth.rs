//! Synthetic test images: pages of pseudo-text, a KK-like page with a QR, and "camera
//! photographs" of them (perspective, uneven light, blur, noise, JPEG). Shared by the
//! integration tests and the capture benchmark (`#[path]`-included), so both measure the
//! same pictures. No real document, person or number is drawn: the QR carries a made-up
//! link and the KK number printed is synthetic.
//!
//! Glyph model (there is no font here): a lowercase letter is an x-height box outline; about
//! a fifth of letters get an ascender and a tenth a descender (the shares of b d f h k l t
//! and g j p q y in Indonesian text), a word may start with a capital (cap-height box). This
//! is what the orientation heuristic relies on, and it is how real Latin type behaves.

#![allow(dead_code, clippy::needless_range_loop)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// An 8-bit picture, 1 or 3 channels, rows packed.
#[derive(Clone)]
pub struct Img {
    pub w: usize,
    pub h: usize,
    pub c: usize,
    pub px: Vec<u8>,
}

impl Img {
    pub fn new(w: usize, h: usize, c: usize, fill: u8) -> Img {
        Img {
            w,
            h,
            c,
            px: vec![fill; w * h * c],
        }
    }

    pub fn fill_rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, v: u8) {
        let (x0, x1) = (x0.max(0) as usize, (x1.max(0) as usize).min(self.w));
        let (y0, y1) = (y0.max(0) as usize, (y1.max(0) as usize).min(self.h));
        for y in y0..y1 {
            for x in x0..x1 {
                for k in 0..self.c {
                    self.px[(y * self.w + x) * self.c + k] = v;
                }
            }
        }
    }

    pub fn gray(&self) -> Img {
        if self.c == 1 {
            return self.clone();
        }
        let px = self
            .px
            .chunks_exact(3)
            .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32 + 128) >> 8) as u8)
            .collect();
        Img {
            w: self.w,
            h: self.h,
            c: 1,
            px,
        }
    }

    pub fn rgb(&self) -> Img {
        if self.c == 3 {
            return self.clone();
        }
        Img {
            w: self.w,
            h: self.h,
            c: 3,
            px: self.px.iter().flat_map(|&v| [v, v, v]).collect(),
        }
    }

    /// Rotated clockwise by 90° `quarter_turns` times.
    pub fn rotate(&self, quarter_turns: u32) -> Img {
        let mut img = self.clone();
        for _ in 0..quarter_turns % 4 {
            let (w, h, c) = (img.w, img.h, img.c);
            let mut out = vec![0u8; w * h * c];
            for y in 0..w {
                for x in 0..h {
                    let (sx, sy) = (y, h - 1 - x);
                    let s = (sy * w + sx) * c;
                    let d = (y * h + x) * c;
                    out[d..d + c].copy_from_slice(&img.px[s..s + c]);
                }
            }
            img = Img {
                w: h,
                h: w,
                c,
                px: out,
            };
        }
        img
    }

    pub fn jpeg(&self, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        let enc = jpeg_encoder::Encoder::new(&mut out, quality);
        let color = if self.c == 1 {
            jpeg_encoder::ColorType::Luma
        } else {
            jpeg_encoder::ColorType::Rgb
        };
        enc.encode(&self.px, self.w as u16, self.h as u16, color)
            .expect("encode test JPEG");
        out
    }

    pub fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let color = if self.c == 1 {
            image::ExtendedColorType::L8
        } else {
            image::ExtendedColorType::Rgb8
        };
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut out),
            &self.px,
            self.w as u32,
            self.h as u32,
            color,
        )
        .expect("encode test PNG");
        out
    }
}

pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// Draws one line of pseudo-text with x-height `xh` starting at (x, baseline); returns the
/// x where it stopped. `caps`: all capitals (KK forms are filled in capitals).
pub fn text_line(
    img: &mut Img,
    r: &mut ChaCha8Rng,
    x0: i64,
    x1: i64,
    baseline: i64,
    xh: i64,
    caps: bool,
) {
    let stroke = (xh / 5).max(1);
    let asc = xh * 7 / 10;
    let mut x = x0;
    while x < x1 {
        let letters = r.random_range(2..9);
        for i in 0..letters {
            let lw = xh * r.random_range(6..10) / 10;
            if x + lw > x1 {
                return;
            }
            let capital = caps || (i == 0 && r.random_bool(0.15));
            let (top, bottom) = if capital {
                (baseline - xh - asc, baseline)
            } else {
                let roll: f64 = r.random();
                if roll < 0.21 {
                    (baseline - xh - asc, baseline)
                } else if roll < 0.29 {
                    (baseline - xh, baseline + asc * 8 / 10)
                } else {
                    (baseline - xh, baseline)
                }
            };
            // Stem on the left over the whole height, bowl on the x-height band (or the
            // whole cap height for capitals).
            img.fill_rect(x, top, x + stroke, bottom, 20);
            let bowl_top = if capital { top } else { baseline - xh };
            img.fill_rect(x, bowl_top, x + lw, bowl_top + stroke, 20);
            img.fill_rect(x, baseline - stroke, x + lw, baseline, 20);
            img.fill_rect(x + lw - stroke, bowl_top, x + lw, baseline, 20);
            x += lw + stroke + 1;
        }
        x += xh; // word space
    }
}

/// A letter-like page: a title line at the top, then paragraphs of mixed-case pseudo-text.
pub fn letter_page(w: usize, h: usize, seed: u64) -> Img {
    let mut r = rng(seed);
    let mut img = Img::new(w, h, 1, 245);
    let margin = (w / 10) as i64;
    let xh = (h / 90).max(4) as i64;
    let title_xh = xh * 2;
    let mut y = (h / 12) as i64 + title_xh * 2;
    text_line(
        &mut img,
        &mut r,
        w as i64 / 4,
        w as i64 * 3 / 4,
        y,
        title_xh,
        true,
    );
    y += title_xh * 3;
    while y < h as i64 - margin {
        let end = if r.random_bool(0.15) {
            w as i64 / 2
        } else {
            w as i64 - margin
        };
        text_line(&mut img, &mut r, margin, end, y, xh, false);
        y += xh * 3;
    }
    img
}

/// The QR payload on synthetic KK pages (a made-up verification link and document id).
pub fn kk_qr_text(seed: u64) -> String {
    format!("https://layananonline.dukcapil.kemendagri.go.id/Terpusat/Pindai?id=TEST{seed:010}X")
}

/// Draws a QR for `text` with `module` px per module, quiet zone included, top-left at (x, y).
pub fn draw_qr(img: &mut Img, text: &str, x: i64, y: i64, module: i64) {
    let code = qrcode::QrCode::new(text.as_bytes()).expect("QR fits");
    let n = code.width() as i64;
    let colors = code.to_colors();
    img.fill_rect(x, y, x + (n + 8) * module, y + (n + 8) * module, 255);
    for j in 0..n {
        for i in 0..n {
            if colors[(j * n + i) as usize] == qrcode::Color::Dark {
                let (px, py) = (x + (i + 4) * module, y + (j + 4) * module);
                img.fill_rect(px, py, px + module, py + module, 15);
            }
        }
    }
}

/// A KK-like page (landscape, as the KK is printed): a tall title, the card number line,
/// a ruled table of capitals, signatures, and the Dukcapil QR at the bottom right.
pub fn kk_page(w: usize, h: usize, seed: u64) -> Img {
    let mut r = rng(seed);
    let mut img = Img::new(w, h, 1, 250);
    let xh = (h / 110).max(4) as i64;
    let (w, h) = (w as i64, h as i64);
    let title_xh = xh * 2;
    text_line(
        &mut img,
        &mut r,
        w * 3 / 10,
        w * 7 / 10,
        h / 14 + title_xh,
        title_xh,
        true,
    );
    text_line(
        &mut img,
        &mut r,
        w * 4 / 10,
        w * 6 / 10,
        h / 14 + title_xh * 3,
        xh,
        true,
    );
    let (tx0, tx1, ty0) = (w / 20, w - w / 20, h / 5);
    let row_h = xh * 3;
    let cols = 9;
    for row in 0..12 {
        let y = ty0 + row * row_h;
        img.fill_rect(tx0, y, tx1, y + 2, 40);
        for c in 0..cols {
            let cx0 = tx0 + (tx1 - tx0) * c / cols;
            let cx1 = tx0 + (tx1 - tx0) * (c + 1) / cols;
            text_line(
                &mut img,
                &mut r,
                cx0 + xh / 2,
                cx1 - xh,
                y + row_h - xh / 2 - 2,
                xh,
                true,
            );
        }
    }
    let table_bottom = ty0 + 12 * row_h;
    img.fill_rect(tx0, table_bottom, tx1, table_bottom + 2, 40);
    for c in 0..=cols {
        let x = tx0 + (tx1 - tx0) * c / cols;
        img.fill_rect(x, ty0, x + 2, table_bottom, 40);
    }
    // Signature captions.
    let sy = table_bottom + xh * 6;
    text_line(&mut img, &mut r, w / 10, w * 3 / 10, sy, xh, true);
    text_line(&mut img, &mut r, w * 6 / 10, w * 8 / 10, sy, xh, true);
    let module = (h / 300).max(2);
    let qr_px = 45 * module;
    draw_qr(
        &mut img,
        &kk_qr_text(seed),
        w * 9 / 10 - qr_px,
        h - qr_px - h / 20,
        module,
    );
    img
}

/// A separable box blur of radius `r`, applied `passes` times (3 passes ≈ Gaussian).
pub fn blur(img: &Img, r: usize, passes: usize) -> Img {
    let mut cur = img.clone();
    if r == 0 {
        return cur;
    }
    let (w, h, c) = (img.w, img.h, img.c);
    for _ in 0..passes {
        for horizontal in [true, false] {
            let mut out = vec![0u8; cur.px.len()];
            let (len, lines) = if horizontal { (w, h) } else { (h, w) };
            for line in 0..lines {
                for k in 0..c {
                    let at = |i: usize| {
                        let (x, y) = if horizontal { (i, line) } else { (line, i) };
                        (y * w + x) * c + k
                    };
                    let mut acc: u32 = 0;
                    let win = 2 * r + 1;
                    for i in 0..win {
                        acc += cur.px[at(i.saturating_sub(r).min(len - 1))] as u32;
                    }
                    for i in 0..len {
                        out[at(i)] = (acc / win as u32) as u8;
                        let add = (i + r + 1).min(len - 1);
                        let sub = i.saturating_sub(r);
                        acc = acc + cur.px[at(add)] as u32 - cur.px[at(sub)] as u32;
                    }
                }
            }
            cur.px = out;
        }
    }
    cur
}

/// How a page is "photographed".
pub struct Shot {
    pub out_w: usize,
    pub out_h: usize,
    /// Corner jitter as a share of the frame (perspective).
    pub tilt: f64,
    pub blur_radius: usize,
    pub noise: f64,
    /// Brightness falloff from one corner to the other (0 = even light).
    pub light_falloff: f64,
}

/// Photographs `page` (gray) onto a wooden-table background in a colour frame: perspective,
/// uneven light, blur, noise. Returns RGB.
pub fn photograph(page: &Img, shot: &Shot, seed: u64) -> Img {
    let mut r = rng(seed ^ 0x5eed);
    let (ow, oh) = (shot.out_w as f64, shot.out_h as f64);
    // Fit the page at ~80 % of the frame, then jitter corners.
    let scale = (ow * 0.8 / page.w as f64).min(oh * 0.8 / page.h as f64);
    let (pw, ph) = (page.w as f64 * scale, page.h as f64 * scale);
    let (cx, cy) = (ow / 2.0, oh / 2.0);
    let mut jitter = || (r.random::<f64>() - 0.5) * 2.0 * shot.tilt * ow.min(oh);
    let dst = [
        (cx - pw / 2.0 + jitter(), cy - ph / 2.0 + jitter()),
        (cx + pw / 2.0 + jitter(), cy - ph / 2.0 + jitter()),
        (cx + pw / 2.0 + jitter(), cy + ph / 2.0 + jitter()),
        (cx - pw / 2.0 + jitter(), cy + ph / 2.0 + jitter()),
    ];
    let src = [
        (0.0, 0.0),
        (page.w as f64, 0.0),
        (page.w as f64, page.h as f64),
        (0.0, page.h as f64),
    ];
    let hmat = homography(&dst, &src);
    let mut out = Img::new(shot.out_w, shot.out_h, 3, 0);
    for y in 0..shot.out_h {
        for x in 0..shot.out_w {
            let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
            let d = hmat[6] * fx + hmat[7] * fy + hmat[8];
            let sx = (hmat[0] * fx + hmat[1] * fy + hmat[2]) / d;
            let sy = (hmat[3] * fx + hmat[4] * fy + hmat[5]) / d;
            let light = 1.0 - shot.light_falloff * (fx / ow * 0.6 + fy / oh * 0.4);
            let i = (y * shot.out_w + x) * 3;
            if sx >= 0.0 && sy >= 0.0 && sx < page.w as f64 - 1.0 && sy < page.h as f64 - 1.0 {
                let v = bilinear(page, sx, sy) * light;
                // Paper is slightly warm under indoor light.
                out.px[i] = v.min(255.0) as u8;
                out.px[i + 1] = (v * 0.97).min(255.0) as u8;
                out.px[i + 2] = (v * 0.90).min(255.0) as u8;
            } else {
                let grain = ((x / 7 + y / 3) % 13) as f64 * 2.0;
                out.px[i] = ((120.0 + grain) * light) as u8;
                out.px[i + 1] = ((80.0 + grain) * light) as u8;
                out.px[i + 2] = ((50.0 + grain) * light) as u8;
            }
        }
    }
    let mut out = blur(&out, shot.blur_radius, 2);
    if shot.noise > 0.0 {
        for v in out.px.iter_mut() {
            let n = (r.random::<f64>() + r.random::<f64>() - 1.0) * shot.noise;
            *v = (*v as f64 + n).clamp(0.0, 255.0) as u8;
        }
    }
    out
}

fn bilinear(img: &Img, x: f64, y: f64) -> f64 {
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (dx, dy) = (x - x0 as f64, y - y0 as f64);
    let p = |xx: usize, yy: usize| img.px[(yy * img.w + xx) * img.c] as f64;
    p(x0, y0) * (1.0 - dx) * (1.0 - dy)
        + p(x0 + 1, y0) * dx * (1.0 - dy)
        + p(x0, y0 + 1) * (1.0 - dx) * dy
        + p(x0 + 1, y0 + 1) * dx * dy
}

/// The 3×3 homography taking the four `from` points to the four `to` points.
fn homography(from: &[(f64, f64); 4], to: &[(f64, f64); 4]) -> [f64; 9] {
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = from[i];
        let (u, v) = to[i];
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    // Gaussian elimination with partial pivoting on the 8×8 system.
    for col in 0..8 {
        let pivot = (col..8)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .unwrap();
        a.swap(col, pivot);
        for row in 0..8 {
            if row != col {
                let f = a[row][col] / a[col][col];
                for k in col..9 {
                    a[row][k] -= f * a[col][k];
                }
            }
        }
    }
    let mut h = [0f64; 9];
    for i in 0..8 {
        h[i] = a[i][8] / a[i][i];
    }
    h[8] = 1.0;
    h
}

/// A camera-like scene (not a document): gradients, texture and edges, for photo timing.
pub fn scene(w: usize, h: usize, seed: u64) -> Img {
    let mut r = rng(seed);
    let mut img = Img::new(w, h, 3, 0);
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) * 3;
            let fx = x as f64 / w as f64;
            let fy = y as f64 / h as f64;
            img.px[i] = (90.0 + 100.0 * fx + 20.0 * ((x / 9 + y / 5) % 7) as f64) as u8;
            img.px[i + 1] = (70.0 + 120.0 * fy + 15.0 * ((x / 4) % 5) as f64) as u8;
            img.px[i + 2] = (60.0 + 80.0 * (1.0 - fx) * fy + 10.0 * ((y / 6) % 9) as f64) as u8;
        }
    }
    for _ in 0..40 {
        let (x0, y0) = (r.random_range(0..w) as i64, r.random_range(0..h) as i64);
        let (bw, bh) = (
            r.random_range(20..w / 4) as i64,
            r.random_range(20..h / 4) as i64,
        );
        let v = r.random_range(10..240);
        img.fill_rect(x0, y0, x0 + bw, y0 + bh, v);
    }
    for v in img.px.iter_mut() {
        let n = (r.random::<f64>() - 0.5) * 12.0;
        *v = (*v as f64 + n).clamp(0.0, 255.0) as u8;
    }
    img
}

/// An EXIF block (TIFF structure, big-endian) holding Orientation and a GPS IFD with a
/// made-up position: what a phone camera writes.
pub fn exif_with_orientation(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    // IFD0: 2 entries.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    t.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    let gps_ifd_offset = 8 + 2 + 2 * 12 + 4;
    t.extend_from_slice(&0x8825u16.to_be_bytes()); // GPSInfo IFD pointer
    t.extend_from_slice(&4u16.to_be_bytes()); // LONG
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&(gps_ifd_offset as u32).to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
                                              // GPS IFD: GPSLatitudeRef = 'S'.
    t.extend_from_slice(&1u16.to_be_bytes());
    t.extend_from_slice(&0x0001u16.to_be_bytes());
    t.extend_from_slice(&2u16.to_be_bytes()); // ASCII
    t.extend_from_slice(&2u32.to_be_bytes());
    t.extend_from_slice(b"S\0\0\0");
    t.extend_from_slice(&0u32.to_be_bytes());
    t
}

/// A JPEG of `img` carrying EXIF (orientation + GPS), XMP and an ICC profile.
pub fn jpeg_with_metadata(img: &Img, orientation: u16, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
    enc.add_exif_metadata(&exif_with_orientation(orientation))
        .expect("exif");
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><exif:GPSLatitude>6,10.0S</exif:GPSLatitude></x:xmpmeta>");
    enc.add_app_segment(1, xmp).expect("xmp");
    enc.add_icc_profile(&[7u8; 300]).expect("icc");
    let color = if img.c == 1 {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    enc.encode(&img.px, img.w as u16, img.h as u16, color)
        .expect("encode");
    out
}

/// The markers of a JPEG's segments before the scan (APPn, COM, DQT, …).
pub fn jpeg_markers(bytes: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let m = bytes[i + 1];
        markers.push(m);
        if m == 0xDA {
            break;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        i += 2 + len;
    }
    markers
}
