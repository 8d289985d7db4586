//! Photo normalisation and quality checks on generated images with known answers.

mod support;

use puskesos_core::capture::{
    assess, content_hash, normalize, CaptureError, DocumentKind, PhotoOptions, QualityCheck,
    QualityProblem, QualityVerdict, SourceFormat,
};
use support::synth::{self, Img};

const RED: [u8; 3] = [220, 30, 30];
const GREEN: [u8; 3] = [30, 200, 40];
const BLUE: [u8; 3] = [30, 40, 210];
const WHITE: [u8; 3] = [250, 250, 250];

/// A picture made of four coloured quadrants, given as [top-left, top-right, bottom-left,
/// bottom-right].
fn quadrants(w: usize, h: usize, q: [[u8; 3]; 4]) -> Img {
    let mut img = Img::new(w, h, 3, 0);
    for y in 0..h {
        for x in 0..w {
            let c = q[(y >= h / 2) as usize * 2 + (x >= w / 2) as usize];
            img.px[(y * w + x) * 3..(y * w + x) * 3 + 3].copy_from_slice(&c);
        }
    }
    img
}

fn decode_rgb(jpeg: &[u8]) -> (u32, u32, Vec<u8>) {
    let img = image::load_from_memory(jpeg)
        .expect("output decodes")
        .to_rgb8();
    (img.width(), img.height(), img.into_raw())
}

fn pixel(w: u32, px: &[u8], x: u32, y: u32) -> [u8; 3] {
    let i = ((y * w + x) * 3) as usize;
    [px[i], px[i + 1], px[i + 2]]
}

fn close(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter()
        .zip(b)
        .all(|(&x, y)| (x as i32 - y as i32).abs() < 40)
}

fn verdict(checks: &[QualityVerdict], check: QualityCheck) -> &QualityVerdict {
    checks
        .iter()
        .find(|v| v.check == check)
        .expect("check present")
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    // Upright picture 160×96: red top-left, green top-right, blue bottom-left, white
    // bottom-right. For each orientation, the stored picture is built from the EXIF
    // definition of its 0th row and 0th column (CIPA DC-008 table), independently of the code.
    let (w, h) = (160, 96);
    let stored = |o: u16| -> Img {
        let (sw, sh) = if o >= 5 { (h, w) } else { (w, h) };
        let q = match o {
            1 => [RED, GREEN, BLUE, WHITE],
            2 => [GREEN, RED, WHITE, BLUE],
            3 => [WHITE, BLUE, GREEN, RED],
            4 => [BLUE, WHITE, RED, GREEN],
            5 => [RED, BLUE, GREEN, WHITE],
            6 => [GREEN, WHITE, RED, BLUE],
            7 => [WHITE, GREEN, BLUE, RED],
            8 => [BLUE, RED, WHITE, GREEN],
            _ => unreachable!(),
        };
        quadrants(sw, sh, q)
    };
    for o in 1..=8u16 {
        let jpeg = synth::jpeg_with_metadata(&stored(o), o, 95);
        let photo = normalize(&jpeg, &PhotoOptions::for_kind(DocumentKind::Other)).unwrap();
        assert_eq!(photo.source_orientation, o as u8);
        assert_eq!(
            (photo.width, photo.height),
            (w as u32, h as u32),
            "orientation {o}"
        );
        let (ow, oh, px) = decode_rgb(&photo.bytes);
        assert_eq!((ow, oh), (w as u32, h as u32));
        for (x, y, want) in [
            (40, 24, RED),
            (120, 24, GREEN),
            (40, 72, BLUE),
            (120, 72, WHITE),
        ] {
            let got = pixel(ow, &px, x, y);
            assert!(
                close(got, want),
                "orientation {o} at ({x},{y}): {got:?} != {want:?}"
            );
        }
    }
}

#[test]
fn output_carries_no_exif_xmp_icc_or_gps() {
    let input = synth::jpeg_with_metadata(&synth::scene(400, 300, 1), 6, 90);
    // The input really has them, so the test can fail.
    assert!(synth::jpeg_markers(&input).contains(&0xE1));
    assert!(synth::jpeg_markers(&input).contains(&0xE2));
    let photo = normalize(&input, &PhotoOptions::for_kind(DocumentKind::HouseFront)).unwrap();
    let markers = synth::jpeg_markers(&photo.bytes);
    let app_segments: Vec<u8> = markers
        .iter()
        .copied()
        .filter(|m| (0xE0..=0xEF).contains(m) || *m == 0xFE)
        .collect();
    assert_eq!(
        app_segments,
        vec![0xE0],
        "only JFIF APP0 may remain: {markers:x?}"
    );
    for needle in [&b"Exif"[..], b"http://ns.adobe.com", b"ICC_PROFILE", b"GPS"] {
        assert!(!photo.bytes.windows(needle.len()).any(|w| w == needle));
    }
}

#[test]
fn long_side_is_limited_per_kind_and_never_enlarged() {
    let landscape = synth::scene(3000, 2000, 2).jpeg(90);
    let doc = normalize(&landscape, &PhotoOptions::for_kind(DocumentKind::Kk)).unwrap();
    assert_eq!((doc.width, doc.height), (1600, 1067));
    assert_eq!((doc.source_width, doc.source_height), (3000, 2000));
    let house = normalize(&landscape, &PhotoOptions::for_kind(DocumentKind::Roof)).unwrap();
    assert_eq!((house.width, house.height), (1280, 853));
    let portrait = synth::scene(1500, 2500, 3).jpeg(90);
    let p = normalize(&portrait, &PhotoOptions::for_kind(DocumentKind::Ktp)).unwrap();
    assert_eq!((p.width, p.height), (960, 1600));
    let small = synth::scene(640, 480, 4).jpeg(90);
    let s = normalize(&small, &PhotoOptions::for_kind(DocumentKind::Kitchen)).unwrap();
    assert_eq!((s.width, s.height), (640, 480));
}

#[test]
fn quality_falls_until_the_budget_is_met_and_reports_when_it_cannot_be() {
    let noisy = synth::scene(1600, 1200, 5).jpeg(95);
    let mut opts = PhotoOptions::for_kind(DocumentKind::HouseWall);
    let roomy = normalize(&noisy, &opts).unwrap();
    opts.byte_budget = (roomy.size as u32) * 3 / 4;
    let tight = normalize(&noisy, &opts).unwrap();
    assert!(tight.budget_met);
    assert!(tight.size <= u64::from(opts.byte_budget));
    assert!(
        tight.quality < roomy.quality,
        "{} vs {}",
        tight.quality,
        roomy.quality
    );
    opts.byte_budget = 5_000;
    let impossible = normalize(&noisy, &opts).unwrap();
    assert!(!impossible.budget_met);
    assert_eq!(impossible.quality, opts.quality_floor);
    assert!(impossible.size > 5_000);
}

#[test]
fn default_budget_holds_for_a_photographed_document() {
    let page = synth::kk_page(2339, 1654, 6);
    let shot = synth::Shot {
        out_w: 3000,
        out_h: 2250,
        tilt: 0.03,
        blur_radius: 1,
        noise: 6.0,
        light_falloff: 0.25,
    };
    let jpeg = synth::photograph(&page, &shot, 6).jpeg(92);
    let photo = normalize(&jpeg, &PhotoOptions::for_kind(DocumentKind::Kk)).unwrap();
    assert!(
        photo.budget_met && photo.size <= 300_000,
        "{} bytes at q{}",
        photo.size,
        photo.quality
    );
    assert_eq!(photo.width, 1600);
}

#[test]
fn content_hash_is_sha256_hex_of_the_output() {
    assert_eq!(
        content_hash(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let jpeg = synth::scene(500, 400, 7).jpeg(90);
    let a = normalize(&jpeg, &PhotoOptions::for_kind(DocumentKind::Toilet)).unwrap();
    let b = normalize(&jpeg, &PhotoOptions::for_kind(DocumentKind::Toilet)).unwrap();
    assert_eq!(a.content_hash, content_hash(&a.bytes));
    assert_eq!(
        a.content_hash, b.content_hash,
        "same input, same stored bytes: dedupe works"
    );
    assert_eq!(a.size, a.bytes.len() as u64);
}

#[test]
fn png_inputs_gray_and_transparent_are_accepted() {
    let gray = synth::letter_page(600, 800, 8);
    let photo = normalize(&gray.png(), &PhotoOptions::for_kind(DocumentKind::Letter)).unwrap();
    assert_eq!(photo.source_format, SourceFormat::Png);
    assert_eq!((photo.width, photo.height), (600, 800));
    // A fully transparent RGBA PNG is white paper, not black.
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &vec![0u8; 64 * 64 * 4],
        64,
        64,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    let photo = normalize(&out, &PhotoOptions::for_kind(DocumentKind::Other)).unwrap();
    let (w, _, px) = decode_rgb(&photo.bytes);
    assert!(close(pixel(w, &px, 32, 32), [255, 255, 255]));
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut crc = 0xFFFF_FFFFu32;
    for &b in kind.iter().chain(data) {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    c.extend_from_slice(&(!crc).to_be_bytes());
    c
}

fn png_header_only(w: u32, h: u32, bit_depth: u8, color_type: u8) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
    png.extend(png_chunk(b"IHDR", &ihdr));
    // A tiny zlib stream of zeros: the "bomb" payload would inflate to the claimed size.
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

#[test]
fn bad_inputs_are_typed_errors() {
    let opts = PhotoOptions::for_kind(DocumentKind::Kk);
    assert_eq!(normalize(&[], &opts), Err(CaptureError::Empty));
    assert!(matches!(
        normalize(b"GIF89a\x01\x00\x01\x00", &opts),
        Err(CaptureError::UnsupportedFormat { format }) if format == "GIF"
    ));
    assert!(matches!(
        normalize(b"\0\0\0\x18ftypheic\0\0\0\0", &opts),
        Err(CaptureError::UnsupportedFormat { format }) if format == "HEIC"
    ));
    let jpeg = synth::scene(800, 600, 9).jpeg(90);
    assert!(matches!(
        normalize(&jpeg[..jpeg.len() / 3], &opts),
        Err(CaptureError::Truncated { .. })
    ));
    let mut corrupt = jpeg[..600].to_vec();
    corrupt.extend(std::iter::repeat_n(0xAB, 4000));
    assert!(matches!(
        normalize(&corrupt, &opts),
        Err(CaptureError::Corrupt { .. } | CaptureError::Truncated { .. })
    ));
    assert!(matches!(
        normalize(&[0xFF, 0xD8, 0xFF], &opts),
        Err(CaptureError::Truncated { .. } | CaptureError::Corrupt { .. })
    ));
    let png = synth::letter_page(300, 300, 10).png();
    assert!(matches!(
        normalize(&png[..png.len() / 2], &opts),
        Err(CaptureError::Truncated { .. } | CaptureError::Corrupt { .. })
    ));
}

#[test]
fn a_header_claiming_huge_dimensions_is_refused_before_decoding() {
    // JPEG's limit is 65535 per side: a baseline SOF0 claiming 65000 × 65000.
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    jpeg.extend_from_slice(&65000u16.to_be_bytes());
    jpeg.extend_from_slice(&65000u16.to_be_bytes());
    jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    let opts = PhotoOptions::for_kind(DocumentKind::Kk);
    assert!(matches!(
        normalize(&jpeg, &opts),
        Err(CaptureError::TooLarge {
            width: 65000,
            height: 65000,
            ..
        })
    ));
    // A PNG claiming 100,000 × 100,000 pixels.
    let png = png_header_only(100_000, 100_000, 8, 2);
    assert!(matches!(
        normalize(&png, &opts),
        Err(CaptureError::TooLarge { .. })
    ));
}

#[test]
fn a_png_bomb_hits_the_memory_limit_not_the_phone() {
    // 4000 × 4000 at 16-bit RGBA is within the pixel limit but would need 128 MB.
    let png = png_header_only(4000, 4000, 16, 6);
    let got = normalize(&png, &PhotoOptions::for_kind(DocumentKind::Kk));
    assert!(
        matches!(got, Err(CaptureError::MemoryLimit { .. })),
        "{got:?}"
    );
    // A real deflate bomb: 6000 × 6000 black pixels compress to a few kilobytes.
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        ),
        &vec![0u8; 6000 * 6000],
        6000,
        6000,
        image::ExtendedColorType::L8,
    )
    .unwrap();
    assert!(out.len() < 2_000_000);
    assert!(matches!(
        normalize(&out, &PhotoOptions::for_kind(DocumentKind::Kk)),
        Err(CaptureError::TooLarge {
            width: 6000,
            height: 6000,
            ..
        })
    ));
}

#[test]
fn invalid_options_are_refused() {
    let jpeg = synth::scene(100, 100, 11).jpeg(90);
    let mut opts = PhotoOptions::for_kind(DocumentKind::Kk);
    opts.quality_floor = 90;
    opts.quality_start = 80;
    assert!(matches!(
        normalize(&jpeg, &opts),
        Err(CaptureError::InvalidOptions { .. })
    ));
}

fn checks_for(img: &Img, kind: DocumentKind) -> Vec<QualityVerdict> {
    assess(&img.jpeg(92), kind).unwrap()
}

#[test]
fn a_clean_page_passes_every_check() {
    let page = synth::letter_page(1240, 1754, 12);
    let checks = checks_for(&page, DocumentKind::Letter);
    assert_eq!(checks.len(), 4);
    for v in &checks {
        assert!(
            v.passed(),
            "{:?}: {}",
            v,
            v.message(puskesos_core::Lang::En)
        );
    }
}

#[test]
fn a_blurred_page_is_flagged_with_an_actionable_reason() {
    let page = synth::blur(&synth::letter_page(1240, 1754, 13), 4, 3);
    let checks = checks_for(&page, DocumentKind::Letter);
    let v = verdict(&checks, QualityCheck::Sharpness);
    assert_eq!(v.problem, Some(QualityProblem::Blurry), "{v:?}");
    assert!(v.message(puskesos_core::Lang::Id).starts_with("Foto buram"));
    // The sharp page's measure is far above the blurred one's.
    let sharp = checks_for(&synth::letter_page(1240, 1754, 13), DocumentKind::Letter);
    assert!(verdict(&sharp, QualityCheck::Sharpness).measure > 3.0 * v.measure);
}

#[test]
fn dark_and_washed_out_pages_are_flagged() {
    let page = synth::letter_page(1240, 1754, 14);
    let mut dark = page.clone();
    dark.px
        .iter_mut()
        .for_each(|v| *v = (*v as u32 * 15 / 100) as u8);
    let v = checks_for(&dark, DocumentKind::Letter);
    assert_eq!(
        verdict(&v, QualityCheck::Exposure).problem,
        Some(QualityProblem::TooDark)
    );
    let mut washed = page.clone();
    washed
        .px
        .iter_mut()
        .for_each(|v| *v = v.saturating_add(170));
    let v = checks_for(&washed, DocumentKind::Letter);
    assert_eq!(
        verdict(&v, QualityCheck::Exposure).problem,
        Some(QualityProblem::OverExposed)
    );
}

#[test]
fn a_small_photo_is_flagged_too_small() {
    let v = checks_for(&synth::letter_page(600, 800, 15), DocumentKind::Ktp);
    assert_eq!(
        verdict(&v, QualityCheck::Resolution).problem,
        Some(QualityProblem::TooSmall)
    );
}

#[test]
fn upside_down_and_sideways_letters_are_detected() {
    for seed in 20..23 {
        let page = synth::letter_page(1240, 1754, seed);
        let o = |img: &Img| {
            verdict(
                &checks_for(img, DocumentKind::Letter),
                QualityCheck::Orientation,
            )
            .problem
        };
        assert_eq!(o(&page), None, "upright, seed {seed}");
        assert_eq!(
            o(&page.rotate(2)),
            Some(QualityProblem::UpsideDown),
            "180°, seed {seed}"
        );
        assert_eq!(
            o(&page.rotate(1)),
            Some(QualityProblem::Sideways),
            "90°, seed {seed}"
        );
        assert_eq!(
            o(&page.rotate(3)),
            Some(QualityProblem::Sideways),
            "270°, seed {seed}"
        );
    }
}

#[test]
fn an_all_capitals_kk_page_is_judged_by_its_title() {
    let page = synth::kk_page(2339, 1654, 30);
    let o = |img: &Img| {
        verdict(
            &checks_for(img, DocumentKind::Kk),
            QualityCheck::Orientation,
        )
        .problem
    };
    assert_eq!(o(&page), None);
    assert_eq!(o(&page.rotate(2)), Some(QualityProblem::UpsideDown));
    assert_eq!(o(&page.rotate(1)), Some(QualityProblem::Sideways));
}

#[test]
fn house_photos_skip_the_orientation_check() {
    let v = checks_for(&synth::scene(1280, 960, 16), DocumentKind::HouseFront);
    assert!(v.iter().all(|c| c.check != QualityCheck::Orientation));
}
