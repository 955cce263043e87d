//! Rank over years as data: the bump chart (all years) and the slopegraph (two years) share one
//! spec and layout, drawn on screen and written to SVG. Rank 1 is at the top; a band is a
//! vertical range; a year without a rank is a gap.

use super::palette;
use crate::model::Dataset;
use crate::model::changes::{Movement, compare_years};
use crate::model::period;
use crate::model::radar::Point;
use crate::strings::Strings;

/// One entity's line.
#[derive(Clone, Debug, PartialEq)]
pub struct RankLine {
    pub entity: usize,
    pub label: String,
    pub colour: [u8; 3],
    /// Per column (year): best and worst place, `None` when unranked.
    pub places: Vec<Option<(u32, u32)>>,
    /// Marks at the ends: "new" on the right for an entrant, "out" on the left for a dropout.
    pub left_mark: Option<String>,
    pub right_mark: Option<String>,
}

/// A rank chart: columns are years, rows are places.
#[derive(Clone, Debug, PartialEq)]
pub struct RankChartSpec {
    pub title: String,
    pub subtitle: String,
    pub caption: String,
    pub years: Vec<i32>,
    /// Column headings in place of the years (e.g. "Official", "What-if"); empty: the years.
    pub column_labels: Vec<String>,
    /// The worst place shown (the y axis runs 1..=`max_place`).
    pub max_place: u32,
    pub lines: Vec<RankLine>,
    /// Both ends labelled (beside the first and last columns), or the line ends only.
    pub label_both_ends: bool,
}

/// An entity to draw, with its colour slot.
pub use super::radar::Pick;

fn places_of(data: &Dataset, entity: usize, year_indices: &[usize]) -> Vec<Option<(u32, u32)>> {
    year_indices
        .iter()
        .map(|&i| {
            let year = data.years.get(i)?;
            let record = year.record_of(entity)?;
            year.derived.ranks.get(record)?.bounds()
        })
        .collect()
}

pub(crate) fn caption(data: &Dataset) -> String {
    let meta = &data.meta;
    [meta.source.as_str(), meta.provenance.as_str()]
        .iter()
        .filter(|t| !t.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(". ")
}

/// The bump chart of `picks` over every year of the dataset.
#[must_use]
pub fn bump_spec(
    s: &Strings,
    data: &Dataset,
    picks: &[Pick],
    names: crate::model::NameStyle,
) -> RankChartSpec {
    let indices: Vec<usize> = (0..data.years.len()).collect();
    let lines: Vec<RankLine> = picks
        .iter()
        .map(|pick| RankLine {
            entity: pick.entity,
            label: data.entity_name(pick.entity, names),
            colour: palette::series_colour(pick.slot),
            places: places_of(data, pick.entity, &indices),
            left_mark: None,
            right_mark: None,
        })
        .collect();
    let years: Vec<i32> = data.years.iter().map(|y| y.year).collect();
    let (first, last) = (
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    );
    RankChartSpec {
        title: data.title(names),
        subtitle: s
            .bump_subtitle
            .replace("{first}", &period::label(first))
            .replace("{last}", &period::label(last)),
        caption: caption(data),
        max_place: max_place(&lines),
        years,
        column_labels: Vec::new(),
        lines,
        // Named at both ends, so that a line is found from the first year as from the last.
        label_both_ends: true,
    }
}

/// The slopegraph from year index `from` to `to`: the picks, or (with no picks) every entity in
/// the top `top_n` of either year. Entrants are marked "new", dropouts "out".
#[must_use]
pub fn slope_spec(
    s: &Strings,
    data: &Dataset,
    from: usize,
    to: usize,
    picks: &[Pick],
    top_n: u32,
    names: crate::model::NameStyle,
) -> RankChartSpec {
    let changes = compare_years(data, from, to);
    let within = |rank: Option<crate::model::Rank>| {
        rank.and_then(crate::model::Rank::bounds)
            .is_some_and(|(lo, _)| lo <= top_n)
    };
    let chosen: Vec<Pick> = if picks.is_empty() {
        changes
            .iter()
            .filter(|c| within(c.from_rank) || within(c.to_rank))
            .map(|c| Pick {
                entity: c.entity,
                slot: 7,
            })
            .collect()
    } else {
        picks.to_vec()
    };
    let lines: Vec<RankLine> = chosen
        .iter()
        .map(|pick| {
            let movement = changes
                .iter()
                .find(|c| c.entity == pick.entity)
                .map(|c| c.movement);
            RankLine {
                entity: pick.entity,
                label: data.entity_name(pick.entity, names),
                // The cohort's lines are coloured by direction; selected entities keep their colour.
                colour: if picks.is_empty() {
                    movement_colour(movement)
                } else {
                    palette::series_colour(pick.slot)
                },
                places: places_of(data, pick.entity, &[from, to]),
                left_mark: (movement == Some(Movement::Dropout)).then(|| s.mark_out.to_owned()),
                right_mark: (movement == Some(Movement::Entrant)).then(|| s.mark_new.to_owned()),
            }
        })
        .collect();
    let years: Vec<i32> = [from, to]
        .iter()
        .filter_map(|&i| data.years.get(i))
        .map(|y| y.year)
        .collect();
    let scope = if picks.is_empty() {
        s.slope_top.replace("{n}", &top_n.to_string())
    } else {
        s.slope_selected.to_owned()
    };
    RankChartSpec {
        title: data.title(names),
        subtitle: format!(
            "{} → {} · {scope}",
            period::label(years.first().copied().unwrap_or_default()),
            period::label(years.last().copied().unwrap_or_default())
        ),
        caption: caption(data),
        max_place: max_place(&lines),
        years,
        column_labels: Vec::new(),
        lines,
        label_both_ends: true,
    }
}

impl RankChartSpec {
    /// The heading of column `index`: its label, or its year.
    #[must_use]
    pub fn column_label(&self, index: usize) -> String {
        self.column_labels.get(index).cloned().unwrap_or_else(|| {
            self.years
                .get(index)
                .map(|&year| period::label(year))
                .unwrap_or_default()
        })
    }
}

/// Blue for a rise, vermillion for a fall, green for an entrant, grey otherwise (Okabe–Ito,
/// shaded to read on white).
pub(crate) fn movement_colour(movement: Option<Movement>) -> [u8; 3] {
    match movement {
        Some(Movement::Entrant) => palette::NEW[0],
        Some(Movement::Moved(change)) => match change.guaranteed_rise() {
            Some(r) if r > 0 => palette::RISE[0],
            Some(r) if r < 0 => palette::FALL[0],
            _ => palette::REFERENCE,
        },
        _ => palette::REFERENCE,
    }
}

fn max_place(lines: &[RankLine]) -> u32 {
    lines
        .iter()
        .flat_map(|l| l.places.iter().flatten().map(|&(_, hi)| hi))
        .max()
        .unwrap_or(10)
        .max(10)
}

/// Where a line goes.
#[derive(Clone, Debug, PartialEq)]
pub struct LineGeometry {
    /// Per column: the range's top and bottom (equal for an exact place), `None` for a gap.
    pub marks: Vec<Option<(Point, Point)>>,
    /// Segments joining the middles of consecutive present columns.
    pub segments: Vec<(Point, Point)>,
    /// Label anchors: left end (right-aligned) and right end (left-aligned).
    pub left_label: Option<Point>,
    pub right_label: Option<Point>,
}

/// The chart's layout in the rectangle `[left, top]`–`[right, bottom]`.
#[derive(Clone, Debug, PartialEq)]
pub struct RankChartLayout {
    pub column_x: Vec<f64>,
    /// Gridlines: (y, place) at round places.
    pub gridlines: Vec<(f64, u32)>,
    pub lines: Vec<LineGeometry>,
}

/// The y of `place` (1 at `top`).
#[must_use]
pub fn place_y(place: f64, max_place: u32, top: f64, bottom: f64) -> f64 {
    let span = f64::from(max_place.max(2) - 1);
    top + (place - 1.0) / span * (bottom - top)
}

/// Lays out `spec` in the rectangle, keeping labels at least `label_gap` apart vertically.
#[must_use]
pub fn rank_layout(
    spec: &RankChartSpec,
    [left, top]: Point,
    [right, bottom]: Point,
    label_gap: f64,
) -> RankChartLayout {
    let columns = spec.years.len().max(1);
    #[expect(clippy::cast_precision_loss, reason = "a handful of years")]
    let column_x: Vec<f64> = (0..columns)
        .map(|i| {
            if columns == 1 {
                f64::midpoint(left, right)
            } else {
                left + (right - left) * i as f64 / (columns - 1) as f64
            }
        })
        .collect();
    let y = |place: f64| place_y(place, spec.max_place, top, bottom);
    let step = gridline_step(spec.max_place);
    let gridlines = std::iter::once(1)
        .chain((1..=spec.max_place / step).map(|k| k * step))
        .filter(|&p| p <= spec.max_place)
        .map(|p| (y(f64::from(p)), p))
        .collect();
    // Lines that share a band in a column meet it at their own height within it (in the
    // order they are listed), not all at its midpoint as one blended bar.
    let within_band = band_positions(spec);
    let mut lines: Vec<LineGeometry> = spec
        .lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            let marks: Vec<Option<(Point, Point)>> = line
                .places
                .iter()
                .zip(&column_x)
                .map(|(place, &x)| {
                    place.map(|(lo, hi)| ([x, y(f64::from(lo))], [x, y(f64::from(hi))]))
                })
                .collect();
            let at = |column: usize, m: &(Point, Point)| {
                let share = within_band
                    .get(index)
                    .and_then(|c| c.get(column))
                    .copied()
                    .unwrap_or(0.5);
                [m.0[0], m.0[1] + (m.1[1] - m.0[1]) * share]
            };
            let points: Vec<Option<Point>> = marks
                .iter()
                .enumerate()
                .map(|(column, m)| m.as_ref().map(|m| at(column, m)))
                .collect();
            let segments = points
                .windows(2)
                .filter_map(|w| Some((w[0]?, w[1]?)))
                .collect();
            let mut first = points.iter().flatten().next().copied();
            let mut last = points.iter().flatten().last().copied();
            // A slopegraph names its lines beside its two axes only: an entrant (no left
            // place) is named on the right, a drop-out on the left, never across the plot.
            if spec.label_both_ends {
                if marks.first().is_none_or(Option::is_none) {
                    first = None;
                }
                if marks.last().is_none_or(Option::is_none) {
                    last = None;
                }
            }
            LineGeometry {
                marks,
                segments,
                left_label: first,
                right_label: last,
            }
        })
        .collect();
    // Labels may sit half a gap beyond the plot, never further.
    let room = (top - label_gap / 2.0, bottom + label_gap / 2.0);
    spread_labels(&mut lines, label_gap, room, |l| &mut l.right_label);
    if spec.label_both_ends {
        spread_labels(&mut lines, label_gap, room, |l| &mut l.left_label);
    }
    RankChartLayout {
        column_x,
        gridlines,
        lines,
    }
}

/// The place numbers written at the points of the inner columns (the outer ones have labels):
/// (line, point, text), leaving out a number that would touch one already written in its
/// column (closer than `gap` points).
#[must_use]
pub fn inner_place_numbers(
    spec: &RankChartSpec,
    layout: &RankChartLayout,
    gap: f64,
) -> Vec<(usize, Point, String)> {
    let columns = layout.column_x.len();
    let mut out = Vec::new();
    for column in 1..columns.saturating_sub(1) {
        let mut candidates: Vec<(usize, Point, u32)> = spec
            .lines
            .iter()
            .zip(&layout.lines)
            .enumerate()
            .filter_map(|(index, (line, geometry))| {
                let (lo, hi) = line.places.get(column).copied().flatten()?;
                let (top, _) = geometry.marks.get(column).copied().flatten()?;
                (lo == hi).then_some((index, top, lo))
            })
            .collect();
        candidates.sort_by(|a, b| a.1[1].total_cmp(&b.1[1]));
        let mut last = f64::NEG_INFINITY;
        for (index, point, place) in candidates {
            if point[1] - last >= gap {
                last = point[1];
                out.push((index, point, place.to_string()));
            }
        }
    }
    out
}

/// For each line and column, where the line meets its place: 0.5 (the middle) for an exact
/// place, and for the k-th of n lines sharing one band (k + ½) / n of the way down it.
fn band_positions(spec: &RankChartSpec) -> Vec<Vec<f64>> {
    let columns = spec.years.len();
    let mut shares = vec![vec![0.5; columns]; spec.lines.len()];
    for column in 0..columns {
        let mut bands: std::collections::BTreeMap<(u32, u32), Vec<usize>> =
            std::collections::BTreeMap::new();
        for (index, line) in spec.lines.iter().enumerate() {
            if let Some(Some((lo, hi))) = line.places.get(column)
                && lo < hi
            {
                bands.entry((*lo, *hi)).or_default().push(index);
            }
        }
        for members in bands.values() {
            #[expect(clippy::cast_precision_loss, reason = "a few lines share a band")]
            let n = members.len() as f64;
            for (k, &index) in members.iter().enumerate() {
                #[expect(clippy::cast_precision_loss, reason = "a few lines share a band")]
                let share = (k as f64 + 0.5) / n;
                if let Some(slot) = shares.get_mut(index).and_then(|l| l.get_mut(column)) {
                    *slot = share;
                }
            }
        }
    }
    shares
}

/// The distance between gridlines: 1, 2 or 5 times a power of ten, the smallest that leaves
/// at most ten gridlines below place 1 for any axis length.
#[must_use]
pub fn gridline_step(max_place: u32) -> u32 {
    let mut power = 1_u32;
    loop {
        for step in [power, power.saturating_mul(2), power.saturating_mul(5)] {
            if max_place / step <= 10 {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Moves labels apart vertically (in order) so that none is closer than `gap` to the next,
/// all within `(top, bottom)`. When more labels than fit are asked for, every k-th is kept (the
/// first and the best placed among them) and the others are left out: a line without a label
/// is still named by its tooltip and the legend of the view.
fn spread_labels(
    lines: &mut [LineGeometry],
    gap: f64,
    (top, bottom): (f64, f64),
    anchor: impl Fn(&mut LineGeometry) -> &mut Option<Point>,
) {
    let mut order: Vec<usize> = (0..lines.len())
        .filter(|&i| anchor(&mut lines[i]).is_some())
        .collect();
    order.sort_by(|&a, &b| {
        let ya = anchor(&mut lines[a]).map_or(0.0, |p| p[1]);
        let yb = anchor(&mut lines[b]).map_or(0.0, |p| p[1]);
        ya.total_cmp(&yb)
    });
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count"
    )]
    let fitting = (((bottom - top) / gap).floor() as usize + 1).max(1);
    if order.len() > fitting {
        let every = order.len().div_ceil(fitting);
        for (k, &i) in order.iter().enumerate() {
            if k % every != 0 {
                *anchor(&mut lines[i]) = None;
            }
        }
        order = order.into_iter().step_by(every).collect();
    }
    // Down from the top, each at least a gap below the one above…
    let mut previous = f64::NEG_INFINITY;
    for &i in &order {
        if let Some(p) = anchor(&mut lines[i]) {
            p[1] = p[1].max(previous + gap).max(top);
            previous = p[1];
        }
    }
    // …then up from the bottom, each at least a gap above the one below.
    let mut next = f64::INFINITY;
    for &i in order.iter().rev() {
        if let Some(p) = anchor(&mut lines[i]) {
            p[1] = p[1].min(next - gap).min(bottom);
            next = p[1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_one_is_on_top_and_places_scale_linearly() {
        assert!((place_y(1.0, 100, 10.0, 208.0) - 10.0).abs() < 1e-9);
        assert!((place_y(100.0, 100, 10.0, 208.0) - 208.0).abs() < 1e-9);
        assert!((place_y(50.5, 100, 10.0, 208.0) - 109.0).abs() < 1e-9);
    }

    #[test]
    fn a_band_is_a_vertical_range_and_a_missing_year_a_gap() {
        let spec = RankChartSpec {
            title: String::new(),
            subtitle: String::new(),
            caption: String::new(),
            years: vec![2021, 2022, 2023],
            column_labels: Vec::new(),
            max_place: 100,
            lines: vec![RankLine {
                entity: 0,
                label: "x".into(),
                colour: [0, 0, 0],
                places: vec![Some((51, 70)), None, Some((34, 34))],
                left_mark: None,
                right_mark: None,
            }],
            label_both_ends: false,
        };
        let layout = rank_layout(&spec, [0.0, 1.0], [200.0, 100.0], 12.0);
        let line = &layout.lines[0];
        let (top, bottom) = line.marks[0].expect("ranked in 2021");
        assert!(
            (top[1] - 51.0).abs() < 1e-9 && (bottom[1] - 70.0).abs() < 1e-9,
            "51–70 spans y 51..70"
        );
        assert_eq!(line.marks[1], None);
        assert!(
            line.segments.is_empty(),
            "no segment bridges the missing year"
        );
        assert_eq!(layout.column_x, vec![0.0, 100.0, 200.0]);
    }

    #[test]
    fn lines_sharing_a_band_meet_it_at_their_own_heights() {
        let spec = spec_of(
            vec![2022, 2023],
            vec![
                line(0, vec![Some((51, 70)), Some((10, 10))]),
                line(1, vec![Some((51, 70)), Some((20, 20))]),
                line(2, vec![Some((5, 5)), Some((30, 30))]),
            ],
        );
        // y = place on a 1..=100 axis drawn over 1..=100.
        let layout = rank_layout(&spec, [0.0, 1.0], [100.0, 100.0], 1.0);
        let start = |i: usize| layout.lines[i].segments[0].0[1];
        let (a, b) = (start(0), start(1));
        assert!(
            (a - (51.0 + 19.0 * 0.25)).abs() < 1e-9,
            "a quarter of the way: {a}"
        );
        assert!(
            (b - (51.0 + 19.0 * 0.75)).abs() < 1e-9,
            "three quarters: {b}"
        );
        assert!(
            (start(2) - 5.0).abs() < 1e-9,
            "an exact place is met at its place"
        );
        assert_eq!(
            layout.lines[0].marks[0], layout.lines[1].marks[0],
            "one band, one bar"
        );
    }

    fn line(entity: usize, places: Vec<Option<(u32, u32)>>) -> RankLine {
        RankLine {
            entity,
            label: entity.to_string(),
            colour: [0, 0, 0],
            places,
            left_mark: None,
            right_mark: None,
        }
    }

    fn spec_of(years: Vec<i32>, lines: Vec<RankLine>) -> RankChartSpec {
        RankChartSpec {
            title: String::new(),
            subtitle: String::new(),
            caption: String::new(),
            years,
            column_labels: Vec::new(),
            max_place: 100,
            lines,
            label_both_ends: true,
        }
    }

    #[test]
    fn inner_points_carry_their_place_and_crowded_ones_give_way() {
        let spec = spec_of(
            vec![2021, 2022, 2023],
            vec![
                line(0, vec![Some((3, 3)), Some((5, 5)), Some((4, 4))]),
                line(1, vec![Some((9, 9)), Some((6, 6)), Some((9, 9))]),
                line(2, vec![Some((40, 40)), Some((51, 70)), Some((30, 30))]),
            ],
        );
        let layout = rank_layout(&spec, [0.0, 1.0], [100.0, 100.0], 1.0);
        let numbers = inner_place_numbers(&spec, &layout, 12.0);
        // Only the middle column; 6 is one point below 5 and gives way; a band has no number.
        let texts: Vec<(usize, &str)> = numbers.iter().map(|(i, _, t)| (*i, t.as_str())).collect();
        assert_eq!(texts, [(0, "5")]);
    }

    #[test]
    fn gridlines_stay_few_for_any_axis_length() {
        assert_eq!(gridline_step(10), 1);
        assert_eq!(gridline_step(100), 10);
        assert_eq!(gridline_step(120), 20);
        assert_eq!(gridline_step(100_000), 10_000);
        assert_eq!(gridline_step(u32::MAX), 500_000_000);
        for max_place in [2, 11, 57, 999, 1001, 34_567, 100_000, u32::MAX] {
            let spec = RankChartSpec {
                title: String::new(),
                subtitle: String::new(),
                caption: String::new(),
                years: vec![2023],
                column_labels: Vec::new(),
                max_place,
                lines: Vec::new(),
                label_both_ends: false,
            };
            let layout = rank_layout(&spec, [0.0, 0.0], [100.0, 100.0], 10.0);
            assert!(
                layout.gridlines.len() <= 12,
                "{max_place}: {}",
                layout.gridlines.len()
            );
        }
    }

    #[test]
    fn labels_are_pushed_apart() {
        let mut lines: Vec<LineGeometry> = [10.0, 12.0, 50.0]
            .iter()
            .map(|&y| LineGeometry {
                marks: vec![],
                segments: vec![],
                left_label: None,
                right_label: Some([0.0, y]),
            })
            .collect();
        spread_labels(&mut lines, 12.0, (0.0, 100.0), |l| &mut l.right_label);
        let ys: Vec<f64> = lines
            .iter()
            .map(|l| l.right_label.expect("label")[1])
            .collect();
        assert_eq!(ys, vec![10.0, 22.0, 50.0]);
    }

    fn labels_at(ys: &[f64]) -> Vec<LineGeometry> {
        ys.iter()
            .map(|&y| LineGeometry {
                marks: vec![],
                segments: vec![],
                left_label: None,
                right_label: Some([0.0, y]),
            })
            .collect()
    }

    #[test]
    fn labels_crowded_at_the_bottom_move_up_inside_the_plot() {
        let mut lines = labels_at(&[90.0, 95.0, 99.0]);
        spread_labels(&mut lines, 12.0, (0.0, 100.0), |l| &mut l.right_label);
        let ys: Vec<f64> = lines
            .iter()
            .filter_map(|l| l.right_label)
            .map(|p| p[1])
            .collect();
        assert_eq!(ys, vec![76.0, 88.0, 100.0]);
    }

    #[test]
    fn more_labels_than_fit_keep_every_kth_none_overlapping() {
        let ys: Vec<f64> = (0..100).map(f64::from).collect();
        let mut lines = labels_at(&ys);
        spread_labels(&mut lines, 12.0, (0.0, 100.0), |l| &mut l.right_label);
        let kept: Vec<f64> = lines
            .iter()
            .filter_map(|l| l.right_label)
            .map(|p| p[1])
            .collect();
        assert!(kept.len() <= 9 && kept.len() >= 5, "{}", kept.len());
        assert!(
            kept.windows(2).all(|w| w[1] - w[0] >= 12.0 - 1e-9),
            "{kept:?}"
        );
        assert!(kept.iter().all(|&y| (0.0..=100.0).contains(&y)));
        assert!(
            lines[0].right_label.is_some(),
            "the top line keeps its label"
        );
    }
}
