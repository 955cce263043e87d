//! Remembered settings checked field by field before use: a value no session could have written
//! (a NaN zoom, a negative spread, an infinite filter bound) is reset to its default, and the
//! start says so, instead of the program failing at every start.

use super::state::Settings;
use super::whatif_state::WhatIfSettings;

/// The UI scales the window accepts (egui's zoom factor).
const ZOOM: (f32, f32) = (0.5, 3.0);

impl Settings {
    /// The settings with every out-of-range value reset to its default, and whether any was.
    #[must_use]
    pub fn repaired(mut self) -> (Self, bool) {
        let mut repaired = false;
        let mut reset = |bad: bool| {
            repaired |= bad;
            bad
        };
        if self
            .zoom
            .is_some_and(|z| reset(!(z.is_finite() && (ZOOM.0..=ZOOM.1).contains(&z))))
        {
            self.zoom = None;
        }
        let defaults = WhatIfSettings::default();
        let whatif = &mut self.whatif;
        if reset(!(whatif.spread.is_finite() && (0.0..=1.0).contains(&whatif.spread))) {
            whatif.spread = defaults.spread;
        }
        if reset(!(1..=1_000_000).contains(&whatif.samples)) {
            whatif.samples = defaults.samples;
        }
        if reset(!(3..=200).contains(&whatif.top_n)) {
            whatif.top_n = defaults.top_n;
        }
        if whatif
            .weights
            .as_ref()
            .is_some_and(|w| reset(w.iter().any(|v| !v.is_finite() || *v < 0.0)))
        {
            whatif.weights = None;
        }
        let figure = &mut self.figure;
        if reset(!(figure.width_cm == 0.0 || (3.0..=200.0).contains(&figure.width_cm))) {
            figure.width_cm = 0.0;
        }
        if reset(!(figure.dpi == 0 || (36..=1200).contains(&figure.dpi))) {
            figure.dpi = 0;
        }
        let before = self.table.query.ranges.len();
        self.table
            .query
            .ranges
            .retain(|r| r.min.is_finite() && r.max.is_finite() && r.min <= r.max);
        reset(self.table.query.ranges.len() != before);
        (self, repaired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_no_session_writes_are_reset_and_said() {
        let mut settings = Settings::fresh();
        settings.zoom = Some(f32::NAN);
        settings.whatif.spread = -3.0;
        settings.whatif.weights = Some(vec![1.0, f64::INFINITY]);
        let (repaired, changed) = settings.repaired();
        assert!(changed);
        assert_eq!(repaired.zoom, None);
        assert!((repaired.whatif.spread - 0.2).abs() < 1e-12);
        assert_eq!(repaired.whatif.weights, None);
        let (again, changed) = repaired.clone().repaired();
        assert!(!changed, "good settings stay as they are");
        assert_eq!(again, repaired);
        let mut paper = Settings::fresh();
        paper.figure.width_cm = f64::NAN;
        paper.figure.dpi = 5;
        let (paper, changed) = paper.repaired();
        assert!(changed);
        assert!(
            paper.figure.width_cm == 0.0 && paper.figure.dpi == 0,
            "back to the defaults"
        );
        let mut zoomed = Settings::fresh();
        zoomed.zoom = Some(1.5);
        assert_eq!(zoomed.clone().repaired(), (zoomed, false));
    }
}
