//! SVG to PNG without a window: the figure's own SVG, rendered at any scale with system fonts.

use std::io;
use std::sync::OnceLock;

use resvg::{tiny_skia, usvg};

use crate::assets::{BUNDLED_CJK_FAMILY, BUNDLED_CJK_FONT};

/// The system's fonts and the bundled CJK subset, loaded once. Without a system CJK font
/// (such as Noto Sans CJK), Chinese is drawn with the bundled one.
fn font_database() -> &'static std::sync::Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<std::sync::Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        db.load_font_source(usvg::fontdb::Source::Binary(std::sync::Arc::new(
            BUNDLED_CJK_FONT,
        )));
        let system_cjk = db.faces().any(|f| {
            f.families
                .iter()
                .any(|(name, _)| name == "Noto Sans CJK SC")
        });
        db.set_sans_serif_family(if system_cjk {
            "Noto Sans CJK SC"
        } else {
            BUNDLED_CJK_FAMILY
        });
        std::sync::Arc::new(db)
    })
}

/// Renders `svg` at `scale` to straight-alpha RGBA pixels: (width, height, bytes).
///
/// # Errors
/// When the SVG does not parse or the size is zero or too large.
/// The most pixels a rendered figure may have (200 million: 800 MB of RGBA).
pub const MAX_PIXELS: f64 = 200e6;

pub fn svg_to_rgba(svg: &str, scale: f32) -> io::Result<(u32, u32, Vec<u8>)> {
    let options = usvg::Options {
        fontdb: std::sync::Arc::clone(font_database()),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(io::Error::other)?;
    if !(scale.is_finite() && scale > 0.0) {
        return Err(io::Error::other(format!(
            "a scale of {scale} draws nothing"
        )));
    }
    // The pixels are counted before any is allocated: a figure of 20000×20000 at scale 3 would
    // ask for 14 GB.
    let pixels = f64::from(tree.size().width())
        * f64::from(tree.size().height())
        * f64::from(scale)
        * f64::from(scale);
    if pixels > MAX_PIXELS {
        return Err(io::Error::other(format!(
            "the figure would be {:.0} million pixels at this size and scale; rankscope draws up \
             to {:.0} million (e.g. 8000×6000 at scale 2)",
            pixels / 1e6,
            MAX_PIXELS / 1e6
        )));
    }
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| io::Error::other("the figure's size is zero"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| io::Error::other("the figure is too large"))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgba: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok((size.width(), size.height(), rgba))
}

/// Renders `svg` at `scale` (2 for a sharp print figure) to PNG bytes.
///
/// # Errors
/// When the SVG does not parse or the size is zero or too large.
pub fn svg_to_png(svg: &str, scale: f32) -> io::Result<Vec<u8>> {
    let (width, height, rgba) = svg_to_rgba(svg, scale)?;
    let mut bytes = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut bytes),
        &rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(io::Error::other)?;
    Ok(bytes)
}
