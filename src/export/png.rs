//! PNG encoding of a captured egui image, and saving it atomically.

use std::io;
use std::path::Path;

use egui::ColorImage;
use image::{ExtendedColorType, ImageEncoder, codecs::png::PngEncoder};

use super::atomic::write_atomic;

/// The image as PNG bytes (8-bit RGBA).
///
/// # Errors
/// When the image's size does not fit the encoder (never for a window capture).
pub fn encode_png(image: &ColorImage) -> io::Result<Vec<u8>> {
    let [width, height] = image.size;
    let width = u32::try_from(width).map_err(io::Error::other)?;
    let height = u32::try_from(height).map_err(io::Error::other)?;
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(image.as_raw(), width, height, ExtendedColorType::Rgba8)
        .map_err(io::Error::other)?;
    Ok(bytes)
}

/// Saves the image as a PNG file, atomically.
///
/// # Errors
/// When encoding or writing fails; the message names the path.
pub fn save_png(path: &Path, image: &ColorImage) -> io::Result<()> {
    let bytes = encode_png(image)?;
    write_atomic(path, |out| out.write_all(&bytes))
}
