//! The QR code of a case receipt, drawn on the phone's screen for the citizen to photograph
//! or for the desk to print: the modules of the symbol, from the `qrcode` crate that the
//! district's pages use too (rxing's encoders would cost the phone library more).

use qrcode::{Color, EcLevel, QrCode};

use super::error::CaptureError;

/// A QR symbol as a square of modules, row by row (`true`: dark), with no quiet zone: the
/// screen draws the margin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrModules {
    pub size: usize,
    pub dark: Vec<bool>,
}

/// Encodes `text` at error-correction level M (a receipt is shown on a screen or printed,
/// not weathered outdoors).
pub fn qr_modules(text: &str) -> Result<QrModules, CaptureError> {
    if text.is_empty() || text.len() > 1000 {
        return Err(CaptureError::QrText {
            detail: format!("QR text of {} bytes (1–1000 allowed)", text.len()),
        });
    }
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
        CaptureError::QrText {
            detail: e.to_string(),
        }
    })?;
    let size = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(QrModules { size, dark })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::{case_qr_text, decode_image};

    /// Drawn at 8 pixels a module with a 4-module margin, the symbol reads back as the text.
    #[test]
    fn a_receipt_qr_reads_back_as_the_case_it_names() {
        let text = case_qr_text(uuid::Uuid::now_v7());
        let qr = qr_modules(&text).unwrap();
        assert!(qr.size >= 21 && qr.dark.len() == qr.size * qr.size);
        let (scale, margin) = (8usize, 4usize);
        let side = (qr.size + 2 * margin) * scale;
        let mut img = image::GrayImage::from_pixel(side as u32, side as u32, image::Luma([255]));
        for (i, dark) in qr.dark.iter().enumerate() {
            if *dark {
                let (x, y) = (
                    (i % qr.size + margin) * scale,
                    (i / qr.size + margin) * scale,
                );
                for dy in 0..scale {
                    for dx in 0..scale {
                        img.put_pixel((x + dx) as u32, (y + dy) as u32, image::Luma([0]));
                    }
                }
            }
        }
        let mut png = Vec::new();
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let symbols = decode_image(&png).unwrap();
        assert_eq!(symbols.len(), 1);
        assert_eq!(symbols[0].text, text);
    }

    #[test]
    fn empty_or_huge_text_is_refused() {
        assert!(qr_modules("").is_err());
        assert!(qr_modules(&"x".repeat(1001)).is_err());
    }
}
