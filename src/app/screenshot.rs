//! Window screenshots: wait until the frame is complete, optionally re-render at 2× or 3× pixels
//! per point (not upscaled), capture, crop to the view if asked, save a PNG atomically. Used by
//! `--screenshot` (which then closes the window) and by the Export menu.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{ColorImage, Rect, Vec2};

use crate::export::save_png;
use crate::strings::Strings;

/// Frames drawn before capturing: the first frames lay out text and fetch fonts on demand.
const SETTLE_FRAMES: u32 = 5;
/// Give up when no image has arrived by then.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How a screenshot ended: a message for the user, or what went wrong.
pub type ScreenshotOutcome = Arc<Mutex<Option<Result<String, String>>>>;

pub use crate::context::dialogs::ScreenshotOptions;

/// A screenshot in progress.
pub struct ScreenshotJob {
    path: PathBuf,
    options: ScreenshotOptions,
    frames: u32,
    started: Instant,
    requested: bool,
    /// Milliseconds from start to the first frame drawn with the data loaded.
    first_frame_ms: Option<u128>,
    /// The zoom and window size (points) to restore after a sharper capture, and the frame it began.
    rescaled: Option<(f32, Vec2, u32)>,
    /// When the capture itself began (the re-render at scale, or the request), for timing.
    capture_started: Option<Instant>,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    outcome: ScreenshotOutcome,
}

impl ScreenshotJob {
    /// A job writing `path`; `outcome` receives the result. `started` is when the process (or the
    /// request) began, so the reported times include loading and opening the window.
    #[must_use]
    pub fn new(
        path: PathBuf,
        options: ScreenshotOptions,
        outcome: ScreenshotOutcome,
        started: Instant,
    ) -> Self {
        Self {
            path,
            options,
            frames: 0,
            started,
            requested: false,
            first_frame_ms: None,
            rescaled: None,
            capture_started: None,
            image: Arc::new(Mutex::new(None)),
            outcome,
        }
    }

    /// Whether the job has finished (its outcome is set).
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.outcome.lock().map_or(true, |o| o.is_some())
    }

    /// Advances the job by one frame. `shown` is true once the frame shows its view with the
    /// data it needs (the first such frame is timed), `complete` once all data is loaded (the
    /// frames before the capture are counted from then); `view` is the view's region this
    /// frame (points), for cropping.
    pub fn on_frame(
        &mut self,
        s: &Strings,
        ctx: &egui::Context,
        (shown, complete): (bool, bool),
        view: Rect,
    ) {
        if self.is_done() {
            return;
        }
        ctx.request_repaint();
        if shown || complete {
            self.first_frame_ms
                .get_or_insert_with(|| self.started.elapsed().as_millis());
        }
        if complete {
            self.frames += 1;
        }
        let captured = self.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = captured {
            let image = if self.options.view_only {
                Arc::new(image.region(&view, Some(ctx.pixels_per_point())))
            } else {
                image
            };
            let result = save_png(&self.path, &image)
                .map(|()| {
                    let timings = s
                        .screenshot_timings
                        .replace(
                            "{first}",
                            &self.first_frame_ms.unwrap_or_default().to_string(),
                        )
                        .replace("{saved}", &self.started.elapsed().as_millis().to_string())
                        .replace(
                            "{capture}",
                            &self
                                .capture_started
                                .map_or(0, |t| t.elapsed().as_millis())
                                .to_string(),
                        );
                    format!(
                        "{} {} ({}×{} px); {timings}",
                        s.saved_to,
                        self.path.display(),
                        image.size[0],
                        image.size[1],
                    )
                })
                .map_err(|e| e.to_string());
            self.finish(ctx, result);
        } else if self.started.elapsed() > TIMEOUT {
            let message = s
                .screenshot_timeout
                .replace("{s}", &TIMEOUT.as_secs().to_string());
            self.finish(ctx, Err(message));
        } else if self.frames >= SETTLE_FRAMES && !self.requested {
            let scale = self.options.scale.clamp(1.0, 4.0);
            if scale > 1.0 && self.rescaled.is_none() {
                // Render again at `scale` times the pixels per point, on a window as many times
                // larger, so the layout in points stays the same and nothing is upscaled.
                self.capture_started = Some(Instant::now());
                let zoom = ctx.zoom_factor();
                let size = ctx.content_rect().size();
                self.rescaled = Some((zoom, size, self.frames));
                ctx.set_zoom_factor(zoom * scale);
                // The resize is applied with this frame's pixels per point (before the zoom).
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size * scale));
                return;
            }
            // One frame applies the new size, one draws at it; a third makes sure.
            if let Some((_, _, since)) = self.rescaled
                && self.frames < since + 3
            {
                return;
            }
            self.requested = true;
            self.capture_started.get_or_insert_with(Instant::now);
            let slot = Arc::clone(&self.image);
            let wake = ctx.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(image);
                }
                wake.request_repaint();
            });
        }
    }

    fn finish(&mut self, ctx: &egui::Context, result: Result<String, String>) {
        if let Some((zoom, size, _)) = self.rescaled.take() {
            ctx.set_zoom_factor(zoom);
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        if let Ok(mut outcome) = self.outcome.lock() {
            outcome.get_or_insert(result);
        }
        if self.options.close_when_done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}
