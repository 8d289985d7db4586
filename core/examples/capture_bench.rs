//! Capture benchmark: our barcode reader and photo pipeline against zxing-cpp and Pillow on
//! the same files, in one run. Driven by `tools/bench/capture.sh`:
//!
//! ```text
//! capture_bench prepare OUT            write the corpora (rotated blackbox, synthetic KK
//!                                      photos, 12 MP camera-like JPEGs) under OUT
//! capture_bench run OUT REFERENCE.json run ours on the same files and print the table
//! capture_bench photo-once FILE        normalise one photo (for /usr/bin/time -v)
//! capture_bench folders DIR…           ours only, per folder (for quick iterations)
//! capture_bench files DIR…             ours only, per image: which fail, and times
//! capture_bench live                   the live-frame figures only
//! ```
//!
//! The corpora are generated, never committed. Times are per image, median, wall clock,
//! one thread; the file is read into memory before the clock starts, for both sides.

#[path = "../tests/support/shared.rs"]
mod shared;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use puskesos_core::capture::{
    decode_frame, decode_image, normalize, DocumentKind, PhotoOptions, SymbolFormat,
};

/// Counts live heap bytes and their peak, to report the photo pipeline's peak memory.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const BLACKBOX_FOLDERS: [&str; 18] = [
    "aztec-1",
    "aztec-2",
    "code128-1",
    "code128-2",
    "code128-3",
    "datamatrix-1",
    "datamatrix-2",
    "datamatrix-3",
    "pdf417-1",
    "pdf417-2",
    "pdf417-3",
    "pdf417-4",
    "qrcode-1",
    "qrcode-2",
    "qrcode-3",
    "qrcode-4",
    "qrcode-5",
    "qrcode-6",
];
const SYNTHETIC_KK: usize = 16;
const PHOTOS: usize = 6;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("prepare") if args.len() == 3 => prepare(Path::new(&args[2])),
        Some("run") if args.len() == 4 => run(Path::new(&args[2]), Path::new(&args[3])),
        Some("photo-once") if args.len() == 3 => photo_once(Path::new(&args[2])),
        Some("folders") if args.len() >= 3 => {
            for dir in &args[2..] {
                let r = bench_folder(Path::new(dir));
                println!(
                    "{dir}: {}/{} decoded, median {:.2} ms",
                    r.decoded, r.files, r.median_ms
                );
            }
        }
        Some("files") if args.len() >= 3 => {
            for dir in &args[2..] {
                files_report(Path::new(dir));
            }
        }
        Some("live") => live_frames(),
        Some("photos") if args.len() == 4 => photos(Path::new(&args[2]), &reference(&args[3])),
        _ => {
            eprintln!(
                "usage: capture_bench prepare OUT | run OUT REFERENCE.json | photos OUT REFERENCE.json | photo-once FILE | folders DIR… | files DIR… | live"
            );
            std::process::exit(2);
        }
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create bench dir");
    }
    std::fs::write(path, bytes).expect("write bench file");
}

fn prepare(out: &Path) {
    let barcodes = out.join("barcodes");
    // Blackbox photos at 0/90/180/270, written as PNG (lossless) so both readers see the
    // same pixels.
    for folder in BLACKBOX_FOLDERS {
        for (path, expected) in shared::blackbox_folder(folder) {
            let img = image::open(&path).expect("blackbox image").to_luma8();
            let base = synth::Img {
                w: img.width() as usize,
                h: img.height() as usize,
                c: 1,
                px: img.into_raw(),
            };
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            for turns in 0..4u32 {
                let dir = barcodes.join(format!("{folder}@{}", turns * 90));
                write(&dir.join(format!("{stem}.png")), &base.rotate(turns).png());
                write(&dir.join(format!("{stem}.txt")), expected.as_bytes());
            }
        }
    }
    // Synthetic KK pages photographed: perspective, blur, noise, uneven light, JPEG.
    let dir = barcodes.join("synthetic-kk@0");
    for i in 0..SYNTHETIC_KK {
        let seed = 1000 + i as u64;
        let page = synth::kk_page(2339, 1654, seed);
        let shot = synth::Shot {
            out_w: 3264,
            out_h: 2448,
            tilt: 0.02 + 0.01 * (i % 4) as f64,
            blur_radius: 1 + i % 3,
            noise: 4.0 + 2.0 * (i % 5) as f64,
            light_falloff: 0.15 + 0.1 * (i % 4) as f64,
        };
        let photo = synth::photograph(&page, &shot, seed);
        write(
            &dir.join(format!("{i:02}.jpg")),
            &photo.jpeg(85 + (i % 3) as u8 * 5),
        );
        write(
            &dir.join(format!("{i:02}.txt")),
            synth::kk_qr_text(seed).as_bytes(),
        );
    }
    // 12 MP camera-like JPEGs with camera metadata; half stored sideways (EXIF 6), as a
    // phone held upright writes them. Two are KK pages, to check legibility afterwards.
    let dir = out.join("photos");
    for i in 0..PHOTOS {
        let seed = 2000 + i as u64;
        let upright = if i < 2 {
            let page = synth::kk_page(2339, 1654, seed);
            let shot = synth::Shot {
                out_w: 4000,
                out_h: 3000,
                tilt: 0.02,
                blur_radius: 1,
                noise: 5.0,
                light_falloff: 0.2,
            };
            synth::photograph(&page, &shot, seed)
        } else {
            synth::scene(4000, 3000, seed)
        };
        let (stored, orientation) = if i % 2 == 1 {
            (upright.rotate(3), 6)
        } else {
            (upright, 1)
        };
        write(
            &dir.join(format!("{i:02}.jpg")),
            &synth::jpeg_with_metadata(&stored, orientation, 92),
        );
        if i < 2 {
            write(
                &dir.join(format!("{i:02}.txt")),
                synth::kk_qr_text(seed).as_bytes(),
            );
        }
    }
    println!("prepared {}", out.display());
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn images_in(dir: &Path) -> Vec<(PathBuf, Option<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("png" | "jpg")))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let txt = std::fs::read(p.with_extension("txt"))
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            (p, txt)
        })
        .collect()
}

struct FolderResult {
    files: usize,
    decoded: usize,
    median_ms: f64,
}

fn bench_folder(dir: &Path) -> FolderResult {
    let files = images_in(dir);
    let mut times = Vec::new();
    let mut decoded = 0;
    for (path, expected) in &files {
        let bytes = std::fs::read(path).expect("read");
        let t = Instant::now();
        let symbols = decode_image(&bytes).unwrap_or_default();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let Some(expected) = expected {
            if symbols.iter().any(|s| &s.text == expected) {
                decoded += 1;
            }
        }
    }
    FolderResult {
        files: files.len(),
        decoded,
        median_ms: median(&mut times),
    }
}

/// Per image: decoded or not, and the time; prints the folder's failures on one line.
fn files_report(dir: &Path) {
    let mut failed = Vec::new();
    let mut times = Vec::new();
    let files = images_in(dir);
    for (path, expected) in &files {
        let bytes = std::fs::read(path).expect("read");
        let t = Instant::now();
        let symbols = decode_image(&bytes).unwrap_or_default();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let ok = expected
            .as_ref()
            .is_some_and(|e| symbols.iter().any(|s| &s.text == e));
        if !ok {
            failed.push(format!("{stem} ({ms:.0} ms)"));
        }
    }
    println!(
        "{}: {}/{} decoded, median {:.2} ms; failed: {}",
        dir.display(),
        files.len() - failed.len(),
        files.len(),
        median(&mut times),
        failed.join(", ")
    );
}

fn reference(path: impl AsRef<Path>) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("reference JSON"))
        .expect("parse reference JSON")
}

fn run(out: &Path, reference_json: &Path) {
    let reference = reference(reference_json);
    let barcodes = out.join("barcodes");
    let mut folders: Vec<String> = std::fs::read_dir(&barcodes)
        .expect("prepared corpora")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    folders.sort_by_key(|f| {
        let (name, rot) = f.split_once('@').unwrap_or((f, "0"));
        (name.to_string(), rot.parse::<u32>().unwrap_or(0))
    });
    // Warm-up: page in code and tables once before timing.
    if let Some(first) = folders.first() {
        if let Some((p, _)) = images_in(&barcodes.join(first)).first() {
            let _ = decode_image(&std::fs::read(p).unwrap());
        }
    }
    println!("\n== Barcodes: decode rate and median time per image (ours = rxing via puskesos-core, ref = zxing-cpp) ==");
    println!(
        "{:<18} {:>4} {:>4} | {:>7} {:>7} | {:>9} {:>9} {:>6}",
        "folder", "rot", "n", "ours", "zxing", "ours ms", "zxing ms", "ratio"
    );
    let (mut all_ours, mut all_ref, mut all_n) = (0usize, 0usize, 0usize);
    let mut folders_behind = Vec::new();
    let mut ratios = Vec::new();
    let mut ours_times = Vec::new();
    let mut ref_times = Vec::new();
    for folder in &folders {
        let ours = bench_folder(&barcodes.join(folder));
        let r = &reference["barcodes"][folder];
        let ref_decoded = r["decoded"].as_u64().unwrap_or(0) as usize;
        let ref_ms = r["median_ms"].as_f64().unwrap_or(f64::NAN);
        let ratio = ours.median_ms / ref_ms;
        let (name, rot) = folder.split_once('@').unwrap_or((folder, "0"));
        println!(
            "{:<18} {:>4} {:>4} | {:>7} {:>7} | {:>9.2} {:>9.2} {:>5.2}x{}",
            name,
            rot,
            ours.files,
            ours.decoded,
            ref_decoded,
            ours.median_ms,
            ref_ms,
            ratio,
            if ours.decoded < ref_decoded {
                "  < ref"
            } else {
                ""
            }
        );
        if ours.decoded < ref_decoded {
            folders_behind.push(folder.clone());
        }
        all_ours += ours.decoded;
        all_ref += ref_decoded;
        all_n += ours.files;
        ratios.push(ratio);
        ours_times.push(ours.median_ms);
        ref_times.push(ref_ms);
    }
    println!(
        "TOTAL decoded: ours {all_ours}/{all_n} ({:.1} %), zxing-cpp {all_ref}/{all_n} ({:.1} %); folders where ours < zxing-cpp: {} {:?}",
        100.0 * all_ours as f64 / all_n as f64,
        100.0 * all_ref as f64 / all_n as f64,
        folders_behind.len(),
        folders_behind
    );
    println!(
        "Median over folders of per-folder median time ratio (ours/zxing-cpp): {:.2}x; median of folder medians: ours {:.2} ms, zxing-cpp {:.2} ms",
        median(&mut ratios),
        median(&mut ours_times),
        median(&mut ref_times)
    );

    live_frames();
    photos(out, &reference);
}

fn live_frames() {
    println!("\n== Live path: 1280x720 luma frame (stride 1344), median of 60 ==");
    let text = "PUSKESOS:CASE:0190A3B2-7C4D-7E8F-9A0B-1C2D3E4F5A6B";
    let mut upright = synth::Img::new(1280, 720, 1, 190);
    synth::draw_qr(&mut upright, text, 500, 200, 7);
    let noisy = {
        let mut r = synth::rng(9);
        let mut img = upright.clone();
        img.px.iter_mut().for_each(|v| {
            *v = (*v as f64 + (rand::Rng::random::<f64>(&mut r) - 0.5) * 30.0).clamp(0.0, 255.0)
                as u8
        });
        img
    };
    let empty = synth::scene(1280, 720, 10).gray();
    // The noisy QR frame's background alone: what every family costs on that scene.
    let noise_only = {
        let mut r = synth::rng(9);
        let mut img = synth::Img::new(1280, 720, 1, 190);
        img.px.iter_mut().for_each(|v| {
            *v = (*v as f64 + (rand::Rng::random::<f64>(&mut r) - 0.5) * 30.0).clamp(0.0, 255.0)
                as u8
        });
        img
    };
    // A frame with a second code beside the first: read whole once it hits (see decode_frame).
    let mut pair = noisy.clone();
    synth::draw_qr(&mut pair, "KARTU 3201014507900001", 60, 200, 7);
    for (label, img, rotation) in [
        ("QR, rotation 0", &noisy, 0u32),
        ("QR, rotation 90", &noisy, 90),
        ("two QRs", &pair, 0),
        ("no symbol", &empty, 0),
        ("no symbol, noise", &noise_only, 0),
    ] {
        let stored = img.rotate((4 - rotation / 90) % 4);
        let (w, h) = (stored.w, stored.h);
        let stride = w + 64;
        let mut data = vec![0u8; stride * (h - 1) + w];
        for y in 0..h {
            data[y * stride..y * stride + w].copy_from_slice(&stored.px[y * w..(y + 1) * w]);
        }
        let mut times = Vec::new();
        let mut found = 0;
        let mut symbols = 0;
        for _ in 0..60 {
            let t = Instant::now();
            let s = decode_frame(&data, w as u32, h as u32, stride as u32, rotation)
                .expect("valid frame");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            if s.iter()
                .any(|s| s.text == text && s.format == SymbolFormat::Qr)
            {
                found += 1;
            }
            symbols = s.len();
        }
        println!(
            "{label:<18} median {:>6.2} ms  decoded {found}/60, {symbols} symbol(s)  (goal <= 30 ms)",
            median(&mut times)
        );
    }
}

fn photos(out: &Path, reference: &serde_json::Value) {
    println!("\n== Photos: orient + resize to 1600 px + JPEG <= 300 KB on 12 MP camera JPEGs (ref = Pillow {}) ==",
        reference["photos"]["pillow_version"].as_str().unwrap_or("?"));
    let files = images_in(&out.join("photos"));
    let opts = PhotoOptions::for_kind(DocumentKind::Kk);
    let mut times = Vec::new();
    let mut legible = (0, 0);
    let mut peak_mb: f64 = 0.0;
    for (path, expected) in &files {
        let bytes = std::fs::read(path).expect("read");
        // Warm once, then time three runs and keep the median, for both sides alike.
        let _ = normalize(&bytes, &opts);
        let mut runs = Vec::new();
        let mut result = None;
        for _ in 0..3 {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = Instant::now();
            let photo = normalize(&bytes, &opts).expect("normalise");
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
            let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base) + bytes.len();
            peak_mb = peak_mb.max(peak as f64 / 1e6);
            result = Some(photo);
        }
        times.push(median(&mut runs));
        let photo = result.expect("ran");
        println!(
            "  {:<8} {}x{} -> {}x{}  {:>6} B  q{}  budget {}",
            path.file_name().unwrap().to_string_lossy(),
            photo.source_width,
            photo.source_height,
            photo.width,
            photo.height,
            photo.size,
            photo.quality,
            if photo.budget_met { "met" } else { "NOT met" }
        );
        if let Some(expected) = expected {
            legible.1 += 1;
            let symbols = decode_image(&photo.bytes).unwrap_or_default();
            if symbols.iter().any(|s| &s.text == expected) {
                legible.0 += 1;
            }
        }
    }
    let ours = median(&mut times);
    let pillow = reference["photos"]["median_ms"]
        .as_f64()
        .unwrap_or(f64::NAN);
    println!(
        "median per photo: ours {ours:.1} ms, Pillow {pillow:.1} ms, ratio {:.2}x (goal <= 1.00x)",
        ours / pillow
    );
    println!("peak heap during one 12 MP normalisation (counting allocator, incl. input bytes): {peak_mb:.1} MB (goal <= 150 MB)");
    println!(
        "legibility: QR on the normalised KK photo decoded in {}/{} cases",
        legible.0, legible.1
    );
}

fn photo_once(path: &Path) {
    let bytes = std::fs::read(path).expect("read photo");
    let photo = normalize(&bytes, &PhotoOptions::for_kind(DocumentKind::Kk)).expect("normalise");
    let mut by_check = BTreeMap::new();
    for c in &photo.checks {
        by_check.insert(format!("{:?}", c.check), c.passed());
    }
    println!(
        "{}x{} {} bytes q{} checks {:?}",
        photo.width, photo.height, photo.size, photo.quality, by_check
    );
}
