//! Shared test setup: a CJK font for egui (egui alone has none), and the app built as on start.

#![allow(dead_code, reason = "each test crate uses part of this module")]

use std::path::Path;
use std::sync::Arc;

use clap::Parser;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
use rankscope::app::{RankscopeApp, Startup};
use rankscope::cli::{Cli, startup_from};

/// Installed CJK fonts (Debian's fonts-noto-cjk first), with the face index of Simplified Chinese.
const CJK_FONTS: [(&str, u32); 3] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
];

/// Adds a CJK font as fallback for both families, so Chinese renders as glyphs, not boxes.
///
/// # Panics
/// When no CJK font is installed: the README's test command installs fonts-noto-cjk.
pub fn install_cjk_font(ctx: &egui::Context) {
    let (path, index) = CJK_FONTS
        .iter()
        .find(|(path, _)| Path::new(path).exists())
        .expect("a CJK font (apt-get install fonts-noto-cjk; scripts/test does this)");
    let bytes = std::fs::read(path).expect("readable font file");
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .to_vec();
    ctx.add_font(FontInsert {
        name: "cjk".into(),
        data: FontData::from_blob(Arc::new(bytes), *index),
        families,
    });
}

/// The startup the command line `rankscope ARGS...` gives.
pub fn startup(args: &[&str]) -> Startup {
    let cli = Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied()))
        .expect("valid arguments");
    startup_from(&cli.open).expect("the startup loads")
}

/// The whole app in a test harness, as `rankscope ARGS...` would open it.
pub fn app_harness(args: &[&str]) -> egui_kittest::Harness<'static, RankscopeApp> {
    app_harness_builder(args, egui_kittest::Harness::builder())
}

/// The whole app in a harness whose frames are 1/60 s apart, as a double click needs.
pub fn app_harness_60fps(args: &[&str]) -> egui_kittest::Harness<'static, RankscopeApp> {
    app_harness_builder(
        args,
        egui_kittest::Harness::builder().with_step_dt(1.0 / 60.0),
    )
}

fn app_harness_builder(
    args: &[&str],
    builder: egui_kittest::HarnessBuilder<RankscopeApp>,
) -> egui_kittest::Harness<'static, RankscopeApp> {
    let startup = startup(args);
    builder
        .with_size([1400.0, 900.0])
        .with_theme(egui::Theme::Light)
        .with_context_setup(install_cjk_font)
        .build_eframe(move |cc| RankscopeApp::new(cc, startup))
}
