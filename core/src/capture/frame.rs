//! Raw camera frames as Android delivers them: the Y (luma) plane of a YUV_420_888 image,
//! with a row stride that may exceed the width (padding), and the clockwise rotation that
//! makes it upright (CameraX `ImageInfo.rotationDegrees`, Camera2 sensor orientation).

use super::error::CaptureError;

/// Largest frame side accepted: well above any preview or analysis stream (4K is 3840).
pub const MAX_FRAME_SIDE: u32 = 8192;

/// Checks a frame's geometry against its buffer. The last row may lack padding, as in
/// Android's Y plane, so `row_stride × (height − 1) + width` bytes are enough.
pub fn validate_frame(
    len: usize,
    width: u32,
    height: u32,
    row_stride: u32,
    rotation_degrees: u32,
) -> Result<(), CaptureError> {
    if width == 0 || height == 0 {
        return Err(CaptureError::FrameEmpty { width, height });
    }
    if width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE {
        return Err(CaptureError::FrameTooLarge { width, height });
    }
    if row_stride < width {
        return Err(CaptureError::FrameStride { row_stride, width });
    }
    if !matches!(rotation_degrees, 0 | 90 | 180 | 270) {
        return Err(CaptureError::FrameRotation {
            degrees: rotation_degrees,
        });
    }
    let expected = u64::from(row_stride) * u64::from(height - 1) + u64::from(width);
    if (len as u64) < expected {
        return Err(CaptureError::FrameShort {
            expected,
            actual: len as u64,
        });
    }
    Ok(())
}

/// Copies the frame into a packed, upright luma buffer: returns (pixels, width, height).
/// One pass over the frame; padding is dropped and the rotation applied at once, so that
/// 1D barcodes held level on screen run along the rows the readers scan.
pub fn upright_luma(
    data: &[u8],
    width: u32,
    height: u32,
    row_stride: u32,
    rotation_degrees: u32,
) -> Result<(Vec<u8>, u32, u32), CaptureError> {
    validate_frame(data.len(), width, height, row_stride, rotation_degrees)?;
    let (w, h, s) = (width as usize, height as usize, row_stride as usize);
    let src = |x: usize, y: usize| data[y * s + x];
    let out = match rotation_degrees {
        0 => {
            let mut out = Vec::with_capacity(w * h);
            for y in 0..h {
                out.extend_from_slice(&data[y * s..y * s + w]);
            }
            return Ok((out, width, height));
        }
        180 => {
            let mut out = Vec::with_capacity(w * h);
            for y in (0..h).rev() {
                out.extend(data[y * s..y * s + w].iter().rev());
            }
            return Ok((out, width, height));
        }
        90 => {
            // Upright (x, y) shows stored (y, h − 1 − x); output is h wide, w tall.
            let mut out = vec![0u8; w * h];
            for y in 0..w {
                for x in 0..h {
                    out[y * h + x] = src(y, h - 1 - x);
                }
            }
            out
        }
        _ => {
            let mut out = vec![0u8; w * h];
            for y in 0..w {
                for x in 0..h {
                    out[y * h + x] = src(w - 1 - y, x);
                }
            }
            out
        }
    };
    Ok((out, height, width))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A 3×2 frame with stride 4 (one padding byte per row, none after the last row):
    //   1 2 3 .
    //   4 5 6
    const FRAME: [u8; 7] = [1, 2, 3, 99, 4, 5, 6];

    #[test]
    fn rotations_follow_android_clockwise_degrees() {
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 4, 0).unwrap(),
            (vec![1, 2, 3, 4, 5, 6], 3, 2)
        );
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 4, 180).unwrap(),
            (vec![6, 5, 4, 3, 2, 1], 3, 2)
        );
        // Clockwise 90°: the left column (4 over 1 read bottom-up) becomes the top row.
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 4, 90).unwrap(),
            (vec![4, 1, 5, 2, 6, 3], 2, 3)
        );
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 4, 270).unwrap(),
            (vec![3, 6, 2, 5, 1, 4], 2, 3)
        );
    }

    #[test]
    fn bad_geometry_is_a_typed_error() {
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 0, 0),
            Err(CaptureError::FrameStride {
                row_stride: 0,
                width: 3
            })
        );
        assert_eq!(
            upright_luma(&FRAME[..6], 3, 2, 4, 0),
            Err(CaptureError::FrameShort {
                expected: 7,
                actual: 6
            })
        );
        assert_eq!(
            upright_luma(&[], 0, 2, 4, 0),
            Err(CaptureError::FrameEmpty {
                width: 0,
                height: 2
            })
        );
        assert_eq!(
            upright_luma(&FRAME, 3, 2, 4, 45),
            Err(CaptureError::FrameRotation { degrees: 45 })
        );
        assert!(matches!(
            upright_luma(&FRAME, 9000, 2, 9000, 0),
            Err(CaptureError::FrameTooLarge { .. })
        ));
    }
}
