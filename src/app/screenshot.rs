//! `--screenshot`: wait until the frame is complete, capture the window, save a PNG, close.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::ColorImage;

use crate::export::save_png;

/// Frames drawn before capturing: the first frames lay out text and fetch fonts on demand.
const SETTLE_FRAMES: u32 = 5;
/// Give up when no image has arrived by then.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How a screenshot run ended, for the process's exit code.
pub type ScreenshotOutcome = Arc<Mutex<Option<Result<String, String>>>>;

/// A screenshot to take once the window is ready.
pub struct ScreenshotJob {
    path: PathBuf,
    frames: u32,
    started: Instant,
    requested: bool,
    /// Milliseconds from start to the first frame drawn with the data loaded.
    first_frame_ms: Option<u128>,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    outcome: ScreenshotOutcome,
}

impl ScreenshotJob {
    /// A job writing `path`; `outcome` receives the result. `started` is when the process began,
    /// so the reported times include loading the dataset and opening the window.
    #[must_use]
    pub fn new(path: PathBuf, outcome: ScreenshotOutcome, started: Instant) -> Self {
        Self {
            path,
            frames: 0,
            started,
            requested: false,
            first_frame_ms: None,
            image: Arc::new(Mutex::new(None)),
            outcome,
        }
    }

    /// Advances the job by one frame; `ready` is false while data is still loading.
    /// Closes the window when done.
    pub fn on_frame(&mut self, ctx: &egui::Context, ready: bool) {
        ctx.request_repaint();
        if ready {
            self.frames += 1;
            self.first_frame_ms
                .get_or_insert_with(|| self.started.elapsed().as_millis());
        }
        let captured = self.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = captured {
            let result = save_png(&self.path, &image)
                .map(|()| {
                    format!(
                        "saved {} ({}×{} px); first frame {} ms, saved {} ms after start",
                        self.path.display(),
                        image.size[0],
                        image.size[1],
                        self.first_frame_ms.unwrap_or_default(),
                        self.started.elapsed().as_millis()
                    )
                })
                .map_err(|e| e.to_string());
            self.finish(ctx, result);
        } else if self.started.elapsed() > TIMEOUT {
            self.finish(ctx, Err(format!("no image after {} s", TIMEOUT.as_secs())));
        } else if self.frames >= SETTLE_FRAMES && !self.requested {
            self.requested = true;
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

    fn finish(&self, ctx: &egui::Context, result: Result<String, String>) {
        if let Ok(mut outcome) = self.outcome.lock() {
            outcome.get_or_insert(result);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}
