//! Every piece of UI text, one table per language; the language is passed to whatever draws text.

mod en;
mod zh;

use serde::{Deserialize, Serialize};

pub use en::EN;
pub use zh::ZH;

use crate::model::changes::Movement;
use crate::model::radar::Normalization;
use crate::model::whatif::{FitError, RobustnessError, WeightsError};
use crate::model::{ColumnId, Dataset, NameStyle, RankChange};

/// A language the UI speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    Chinese,
}

impl Language {
    /// Both, in menu order.
    pub const ALL: [Self; 2] = [Self::English, Self::Chinese];

    /// The language's own name (the same in every UI language, so that it can be found).
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Chinese => "简体中文",
        }
    }

    /// The language a user names on the command line or in a report: `en` or `zh` (also
    /// `english`, `chinese`, `中文`).
    ///
    /// # Errors
    /// A message naming what was given and what is expected.
    pub fn named(text: &str) -> Result<Self, String> {
        match text.trim().to_lowercase().as_str() {
            "en" | "english" => Ok(Self::English),
            "zh" | "zh-cn" | "zh_cn" | "chinese" | "中文" | "简体中文" => Ok(Self::Chinese),
            other => Err(format!("expected en or zh, found \"{other}\"")),
        }
    }

    /// The language of a locale such as `zh_CN.UTF-8`, `zh-Hans-CN` or `en-US`: Chinese for any
    /// `zh` locale, English otherwise.
    #[must_use]
    pub fn of_locale(locale: &str) -> Self {
        let lower = locale.trim().to_ascii_lowercase();
        if lower == "zh"
            || lower.starts_with("zh_")
            || lower.starts_with("zh-")
            || lower.starts_with("zh.")
        {
            Self::Chinese
        } else {
            Self::English
        }
    }

    /// The language of the system's locale (English when it cannot be read).
    #[must_use]
    pub fn of_system() -> Self {
        sys_locale::get_locale().map_or(Self::English, |l| Self::of_locale(&l))
    }

    /// Its strings table.
    #[must_use]
    pub fn strings(self) -> &'static Strings {
        match self {
            Self::English => &EN,
            Self::Chinese => &ZH,
        }
    }
}

impl Strings {
    /// A table column's header text: a fixed column's in this language, a capacity's,
    /// indicator's (with its unit) or extra column's as the dataset names it.
    #[must_use]
    pub fn column_title(&self, column: ColumnId, data: &Dataset, names: NameStyle) -> String {
        match column {
            ColumnId::Rank => self.col_rank.into(),
            ColumnId::RankChange => self.col_change.into(),
            ColumnId::Name => self.col_name.into(),
            ColumnId::Province => data.group_label(self.col_province).into(),
            ColumnId::Total => self.col_total.into(),
            ColumnId::WhatIfRank => self.col_whatif_rank.into(),
            ColumnId::WhatIfChange => self.col_whatif_change.into(),
            ColumnId::RankRange => self.col_rank_range.into(),
            ColumnId::AuditMedian => self.col_median_rank.into(),
            ColumnId::AuditInterval => self.audit_interval.into(),
            ColumnId::Capacity(c) => data
                .meta
                .capacities
                .get(c)
                .map_or_else(String::new, |c| c.label(names)),
            ColumnId::Indicator(i) => data.meta.indicators.get(i).map_or_else(String::new, |i| {
                let label = i.label(names);
                if i.unit.is_empty() {
                    label
                } else {
                    format!("{label} ({})", i.unit)
                }
            }),
            ColumnId::Extra(e) => data
                .meta
                .extras
                .get(e)
                .map_or_else(String::new, |e| e.label(names)),
        }
    }

    /// Why a year cannot be fitted, in this language.
    #[must_use]
    pub fn fit_error(&self, error: &FitError) -> String {
        match error {
            FitError::NoYear => self.fit_no_year.to_owned(),
            FitError::TooFewRows { rows, needed } => self
                .fit_too_few_rows
                .replace("{rows}", &rows.to_string())
                .replace("{needed}", &needed.to_string()),
        }
    }

    /// Why weights were refused, in this language.
    #[must_use]
    pub fn weights_error(&self, error: &WeightsError) -> String {
        match error {
            WeightsError::UnknownCapacity { id, known } => self
                .weights_unknown_capacity
                .replace("{id}", id)
                .replace("{known}", &known.join(", ")),
            WeightsError::BadValue { id, value } => self
                .weights_bad_value
                .replace("{id}", id)
                .replace("{value}", value),
            WeightsError::BadItem(item) => self.weights_bad_item.replace("{item}", item),
            WeightsError::Repeated(id) => self.weights_repeated.replace("{id}", id),
            WeightsError::WrongCount { expected, found } => self
                .weights_wrong_count
                .replace("{expected}", &expected.to_string())
                .replace("{found}", &found.to_string()),
            WeightsError::AllZero => self.weights_all_zero.to_owned(),
        }
    }

    /// Why a robustness run gave nothing, in this language.
    #[must_use]
    pub fn robustness_error(&self, error: RobustnessError) -> String {
        match error {
            RobustnessError::Cancelled => self.robustness_cancelled.to_owned(),
            RobustnessError::BadSpread(spread) => self
                .robustness_bad_spread
                .replace("{spread}", &spread.to_string()),
            RobustnessError::NoSamples => self.robustness_no_samples.to_owned(),
            RobustnessError::Stopped => self.robustness_stopped.to_owned(),
        }
    }

    /// A factor group's name.
    #[must_use]
    pub fn factor_group(&self, group: crate::model::audit::FactorGroup) -> &'static str {
        use crate::model::audit::FactorGroup;
        match group {
            FactorGroup::Weights => self.factor_weights,
            FactorGroup::Normalization => self.factor_normalization,
            FactorGroup::Aggregation => self.factor_aggregation,
            FactorGroup::Outliers => self.factor_outliers,
            FactorGroup::Structure => self.factor_structure,
        }
    }

    /// A coherence component's name: the capacity's or indicator's, or "Total".
    #[must_use]
    pub fn component_name(
        &self,
        data: &crate::model::Dataset,
        component: crate::model::audit::Component,
        names: crate::model::NameStyle,
    ) -> String {
        use crate::model::audit::Component;
        match component {
            Component::Capacity(c) => data
                .meta
                .capacities
                .get(c)
                .map(|c| c.label(names))
                .unwrap_or_default(),
            Component::Indicator(i) => data
                .meta
                .indicators
                .get(i)
                .map(|i| i.label(names))
                .unwrap_or_default(),
            Component::Total => self.col_total.to_owned(),
        }
    }

    /// Why an audit run gave no result, worded.
    #[must_use]
    pub fn audit_error(&self, error: &crate::model::audit::AuditError) -> String {
        use crate::model::audit::AuditError;
        match error {
            AuditError::Cancelled => self.robustness_cancelled.to_owned(),
            AuditError::BadSpread(spread) => self
                .robustness_bad_spread
                .replace("{spread}", &spread.to_string()),
            AuditError::NoSamples => self.robustness_no_samples.to_owned(),
            AuditError::NoAggregation | AuditError::NoCohort => self.audit_no_cohort.to_owned(),
        }
    }

    /// A rank change as the UI shows it: "▲3", "▼≥31", "≈", or the word for an entrant.
    #[must_use]
    pub fn rank_change(&self, change: RankChange) -> String {
        match change {
            RankChange::Entrant => self.mark_new.to_owned(),
            other => other.to_string(),
        }
    }

    /// A movement between two years as the UI shows it.
    #[must_use]
    pub fn movement(&self, movement: Movement) -> String {
        match movement {
            Movement::Entrant => self.mark_new.to_owned(),
            Movement::Dropout => self.mark_out.to_owned(),
            Movement::Moved(change) => self.rank_change(change),
        }
    }

    /// The name of a normalisation, as charts and menus show it.
    #[must_use]
    pub fn normalization(&self, normalization: Normalization) -> &'static str {
        match normalization {
            Normalization::Raw => self.norm_raw,
            Normalization::MinMax => self.norm_minmax,
            Normalization::Percentile => self.norm_percentile,
            Normalization::ZScore => self.norm_z,
        }
    }

    /// The name of a rule for missing scores, as menus show it.
    #[must_use]
    pub fn missing_scores(&self, missing: crate::model::whatif::MissingScores) -> &'static str {
        match missing {
            crate::model::whatif::MissingScores::LeaveOut => self.missing_leave_out,
            crate::model::whatif::MissingScores::CohortMean => self.missing_mean,
            crate::model::whatif::MissingScores::CohortMedian => self.missing_median,
        }
    }

    /// The definition of a normalisation, for tooltips.
    #[must_use]
    pub fn normalization_definition(&self, normalization: Normalization) -> &'static str {
        match normalization {
            Normalization::Raw => self.norm_raw_def,
            Normalization::MinMax => self.norm_minmax_def,
            Normalization::Percentile => self.norm_percentile_def,
            Normalization::ZScore => self.norm_z_def,
        }
    }
}

/// The UI's words. Entity names and capacity labels come from the dataset, not from here.
pub struct Strings {
    pub file: &'static str,
    pub import_sheets: &'static str,
    pub import_title: &'static str,
    pub import_encoding: &'static str,
    pub import_encoding_hint: &'static str,
    pub import_hint: &'static str,
    pub import_column: &'static str,
    pub import_role: &'static str,
    /// Before the reason detection gave a column its role, in the mapping dialog's tooltip.
    pub import_detected: &'static str,
    pub import_values: &'static str,
    pub import_warnings: &'static str,
    pub import_open: &'static str,
    pub import_cancel: &'static str,
    /// The window's own path prompt, when no file chooser answered.
    pub path_prompt_open: &'static str,
    pub path_prompt_save: &'static str,
    pub path_prompt_save_button: &'static str,
    pub path_prompt_note: &'static str,
    pub path_prompt_hint: &'static str,
    pub role_name: &'static str,
    pub role_id: &'static str,
    pub role_year: &'static str,
    pub role_rank: &'static str,
    pub role_total: &'static str,
    pub role_province: &'static str,
    pub role_capacity: &'static str,
    pub role_indicator: &'static str,
    pub role_extra: &'static str,
    pub extra_column_hint: &'static str,
    pub role_ignore: &'static str,
    pub save_dataset: &'static str,
    pub save_dataset_hint: &'static str,
    pub load_warnings: &'static str,
    /// As `load_warnings`, for one.
    pub load_warning: &'static str,
    pub figure_options: &'static str,
    pub figure_title: &'static str,
    pub figure_subtitle: &'static str,
    pub figure_caption: &'static str,
    pub figure_default: &'static str,
    pub figure_transparent: &'static str,
    pub figure_width_cm: &'static str,
    pub figure_dpi: &'static str,
    pub copy_image: &'static str,
    pub save_png: &'static str,
    pub save_svg: &'static str,
    pub copied_figure: &'static str,
    pub export: &'static str,
    pub export_svg: &'static str,
    pub export_png: &'static str,
    pub export_copy: &'static str,
    pub export_csv: &'static str,
    pub export_changes_csv: &'static str,
    pub export_screenshot: &'static str,
    pub export_screenshot_view: &'static str,
    pub export_hint: &'static str,
    pub open: &'static str,
    pub open_recent: &'static str,
    pub no_recent: &'static str,
    pub open_sample: &'static str,
    pub quit: &'static str,
    pub year: &'static str,
    pub view_table: &'static str,
    pub view_radar: &'static str,
    pub view_trends: &'static str,
    pub theme: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_system: &'static str,
    pub names: &'static str,
    pub names_chinese: &'static str,
    pub names_english: &'static str,
    pub names_both: &'static str,
    pub col_rank: &'static str,
    pub col_change: &'static str,
    pub col_name: &'static str,
    pub col_province: &'static str,
    pub col_total: &'static str,
    pub missing_value: &'static str,
    pub change_tooltip_first_year: &'static str,
    pub change_tooltip_entrant: &'static str,
    pub change_rules: &'static str,
    pub entities: &'static str,
    pub years: &'static str,
    pub ranked: &'static str,
    pub loading: &'static str,
    pub open_failed: &'static str,
    pub dismiss: &'static str,
    pub selected: &'static str,
    pub trends_bump: &'static str,
    pub trends_slope: &'static str,
    pub trends_changes: &'static str,
    pub trends_movers: &'static str,
    pub trends_capacities: &'static str,
    pub trends_provinces: &'static str,
    pub trends_from: &'static str,
    pub trends_to: &'static str,
    pub trends_driver: &'static str,
    pub trends_driver_hint: &'static str,
    pub movers_risers: &'static str,
    pub movers_fallers: &'static str,
    pub movers_gainers: &'static str,
    pub movers_losers: &'static str,
    pub movers_entrants: &'static str,
    pub movers_dropouts: &'static str,
    pub movers_hint: &'static str,
    pub detail_profile_over_years: &'static str,
    pub radar_pick_hint: &'static str,
    pub radar_too_few_axes: &'static str,
    pub radar_overlay_limit: &'static str,
    pub radar_drill_hint: &'static str,
    pub radar_scale: &'static str,
    pub radar_median: &'static str,
    pub capacities_band: &'static str,
    pub radar_top10: &'static str,
    pub radar_small_multiples: &'static str,
    pub radar_baseline: &'static str,
    pub radar_add: &'static str,
    pub none: &'static str,
    pub no_indicators: &'static str,
    pub expand_indicators: &'static str,
    pub higher_is_better: &'static str,
    pub lower_is_better: &'static str,
    pub lower_is_better_hint: &'static str,
    pub lower_total_hint: &'static str,
    pub whatif_left_out: &'static str,
    pub show_all_warnings: &'static str,
    pub import_first_rows: &'static str,
    pub import_repeated_role: &'static str,
    pub import_label_zh: &'static str,
    pub import_label_en: &'static str,
    pub import_label_hint: &'static str,
    pub whatif_missing: &'static str,
    pub whatif_missing_hint: &'static str,
    pub missing_leave_out: &'static str,
    pub missing_mean: &'static str,
    pub missing_median: &'static str,
    pub sort_hint: &'static str,
    pub detail_hint: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub provinces: &'static str,
    pub all_provinces: &'static str,
    pub filters: &'static str,
    pub columns: &'static str,
    pub include_unranked: &'static str,
    pub save_csv: &'static str,
    pub save_csv_hint: &'static str,
    pub showing: &'static str,
    pub of: &'static str,
    pub top_n: &'static str,
    pub indicators_suffix: &'static str,
    pub active_filters: &'static str,
    pub clear_filters: &'static str,
    pub copied_rows: &'static str,
    pub rows: &'static str,
    /// Under a table figure that shows fewer rows than it has ({n} of {m}).
    pub table_rows_of: &'static str,
    pub nothing_selected: &'static str,
    pub saved_to: &'static str,
    pub save_failed: &'static str,
    pub detail_year: &'static str,
    pub detail_capacities: &'static str,
    pub detail_indicators: &'static str,
    pub detail_extras: &'static str,
    pub not_listed: &'static str,
    pub close: &'static str,
    pub view_menu: &'static str,
    pub language: &'static str,
    pub reset_view: &'static str,
    pub reset_view_hint: &'static str,
    pub reset_view_done: &'static str,
    pub ui_scale: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub zoom_reset: &'static str,
    pub help: &'static str,
    pub shortcuts_title: &'static str,
    pub shortcuts_hint: &'static str,
    pub sc_open: &'static str,
    pub sc_find: &'static str,
    pub sc_copy: &'static str,
    pub sc_export: &'static str,
    pub sc_views: &'static str,
    pub sc_years: &'static str,
    pub sc_detail: &'static str,
    pub sc_close: &'static str,
    pub sc_zoom: &'static str,
    pub sc_help: &'static str,
    pub sc_quit: &'static str,
    pub sc_select: &'static str,
    pub sc_select_keys: &'static str,
    pub state_corrupt: &'static str,
    pub state_outdated: &'static str,
    pub state_repaired: &'static str,
    pub reopen_failed: &'static str,
    pub and_more: &'static str,
    pub missing_value_hint: &'static str,
    pub no_value_in_a_year: &'static str,
    pub histogram_cohort: &'static str,
    pub histogram_marks: &'static str,
    pub tip_score: &'static str,
    pub tip_scale_value: &'static str,
    pub tip_capacity_rank: &'static str,
    pub baseline_suffix: &'static str,
    pub source: &'static str,
    pub band: &'static str,
    pub not_ranked: &'static str,
    pub mark_new: &'static str,
    pub mark_out: &'static str,
    pub was: &'static str,
    pub weight: &'static str,
    pub bump_subtitle: &'static str,
    pub slope_top: &'static str,
    pub slope_selected: &'static str,
    pub capacities_subtitle: &'static str,
    pub col_rank_change: &'static str,
    pub col_total_change: &'static str,
    pub norm_raw: &'static str,
    pub norm_minmax: &'static str,
    pub norm_percentile: &'static str,
    pub norm_z: &'static str,
    pub norm_raw_def: &'static str,
    pub norm_minmax_def: &'static str,
    pub norm_percentile_def: &'static str,
    pub norm_z_def: &'static str,
    pub open_dialog_title: &'static str,
    pub open_dialog_filter: &'static str,
    pub save_dialog_title: &'static str,
    pub one_scale_all_years: &'static str,
    pub whatif_official: &'static str,
    pub whatif_column: &'static str,
    pub whatif_range: &'static str,
    pub whatif_note: &'static str,
    pub whatif_range_note: &'static str,
    pub whatif_subtitle: &'static str,
    pub col_whatif_rank: &'static str,
    pub col_whatif_change: &'static str,
    pub col_rank_range: &'static str,
    pub view_whatif: &'static str,
    pub view_audit: &'static str,
    /// The caption of an entity's type in its detail window ("Type: ").
    pub detail_kind: &'static str,
    /// The Audit view's controls, run state and empty state.
    pub audit_factors: &'static str,
    pub audit_spread: &'static str,
    pub audit_normalizations: &'static str,
    pub audit_aggregations: &'static str,
    pub audit_arithmetic: &'static str,
    pub audit_geometric: &'static str,
    pub audit_harmonic: &'static str,
    pub audit_winsorize: &'static str,
    pub audit_leave_one_out: &'static str,
    pub audit_samples: &'static str,
    pub audit_seed: &'static str,
    pub audit_run: &'static str,
    pub audit_running: &'static str,
    pub audit_not_run: &'static str,
    pub audit_stale: &'static str,
    pub audit_summary: &'static str,
    pub audit_listed: &'static str,
    pub audit_no_cohort: &'static str,
    /// Audit II: the heatmap's and the sensitivity figure's subtitles, the two indices, the
    /// factor groups, and the view's sections.
    pub audit_heatmap_subtitle: &'static str,
    pub audit_sensitivity_subtitle: &'static str,
    pub audit_first_order: &'static str,
    pub audit_total_effect: &'static str,
    pub factor_weights: &'static str,
    pub factor_normalization: &'static str,
    pub factor_aggregation: &'static str,
    pub factor_outliers: &'static str,
    pub factor_structure: &'static str,
    pub audit_section_intervals: &'static str,
    pub audit_section_sensitivity: &'static str,
    pub audit_section_coherence: &'static str,
    pub audit_sensitivity_n: &'static str,
    pub audit_run_sensitivity: &'static str,
    pub audit_entity_output: &'static str,
    pub audit_save_data: &'static str,
    pub audit_save_data_hint: &'static str,
    pub audit_sensitivity_cost: &'static str,
    pub audit_effective_weight: &'static str,
    pub audit_nominal_weight: &'static str,
    pub audit_r_total: &'static str,
    pub audit_alpha: &'static str,
    pub audit_flag_negative: &'static str,
    pub audit_flag_redundant: &'static str,
    pub audit_no_flags: &'static str,
    pub whatif_weights: &'static str,
    pub whatif_weights_hint: &'static str,
    pub whatif_preset_dataset: &'static str,
    pub whatif_preset_equal: &'static str,
    pub whatif_preset_fitted: &'static str,
    pub whatif_saved: &'static str,
    pub whatif_save_as: &'static str,
    pub whatif_save_name_hint: &'static str,
    pub whatif_delete: &'static str,
    pub whatif_normalization: &'static str,
    pub whatif_no_weights: &'static str,
    pub whatif_winners: &'static str,
    pub whatif_losers: &'static str,
    pub whatif_no_change: &'static str,
    pub whatif_agreement: &'static str,
    pub whatif_fit: &'static str,
    pub whatif_fit_hint: &'static str,
    pub whatif_fit_weights: &'static str,
    pub whatif_fit_quality: &'static str,
    pub whatif_fit_deviations: &'static str,
    pub whatif_fit_weights_hint: &'static str,
    pub whatif_fit_shares: &'static str,
    pub whatif_fit_shares_hint: &'static str,
    pub whatif_fit_unavailable: &'static str,
    /// Why a fit, weights or a robustness run gave nothing ({…} filled in).
    pub fit_no_year: &'static str,
    pub fit_too_few_rows: &'static str,
    pub weights_unknown_capacity: &'static str,
    pub weights_bad_value: &'static str,
    pub weights_bad_item: &'static str,
    pub weights_repeated: &'static str,
    pub weights_wrong_count: &'static str,
    pub weights_all_zero: &'static str,
    pub robustness_cancelled: &'static str,
    pub robustness_bad_spread: &'static str,
    pub robustness_no_samples: &'static str,
    pub robustness_stopped: &'static str,
    pub whatif_use_fitted: &'static str,
    pub whatif_robustness: &'static str,
    pub whatif_robustness_hint: &'static str,
    pub whatif_spread: &'static str,
    pub whatif_samples: &'static str,
    pub whatif_seed: &'static str,
    pub whatif_run: &'static str,
    pub whatif_running: &'static str,
    pub whatif_cancel: &'static str,
    pub whatif_always_top: &'static str,
    pub whatif_none_always: &'static str,
    pub whatif_stale: &'static str,
    pub whatif_sensitivity: &'static str,
    pub whatif_sensitivity_hint: &'static str,
    pub whatif_sensitivity_pick: &'static str,
    pub whatif_up_one: &'static str,
    pub whatif_down_one: &'static str,
    pub whatif_unreachable: &'static str,
    /// In the sensitivity table of the entity ranked first (last): no change moves it up (down).
    pub whatif_already_first: &'static str,
    pub whatif_already_last: &'static str,
    pub whatif_to: &'static str,
    pub whatif_no_composite: &'static str,
    pub whatif_show_in_table: &'static str,
    pub whatif_top_n: &'static str,
    pub capacities_suffix: &'static str,
    pub screenshot_timings: &'static str,
    /// While a file's indicator columns are read after its table shows.
    pub reading_indicators: &'static str,
    /// A file whose table opened but whose indicator columns could not be read.
    pub indicators_unread: &'static str,
    pub screenshot_timeout: &'static str,
    pub export_whatif_csv: &'static str,
    pub col_official_rank: &'static str,
    pub col_whatif_score: &'static str,
    pub col_best_rank: &'static str,
    pub col_worst_rank: &'static str,
    pub col_mean_rank: &'static str,
    pub col_always_top: &'static str,
    /// Audit columns: the nominal rank, median, 5th and 95th percentile, shares in the top 10 and
    /// the top {n}.
    pub col_nominal_rank: &'static str,
    pub col_median_rank: &'static str,
    pub col_p5_rank: &'static str,
    pub col_p95_rank: &'static str,
    pub col_top10_share: &'static str,
    pub col_top_n_share: &'static str,
    /// The audit chart: subtitle ("{year} · {n} scenarios"), the legend's three marks, and the
    /// caption's method line.
    pub audit_subtitle: &'static str,
    pub audit_median: &'static str,
    pub audit_interval: &'static str,
    pub audit_official: &'static str,
    pub audit_method: &'static str,
    pub audit_method_simplex: &'static str,
    pub audit_simplex: &'static str,
    pub yes: &'static str,
    pub whatif_beyond: &'static str,
}

#[cfg(test)]
mod error_tests {
    use super::{EN, Strings, ZH};
    use crate::model::whatif::{FitError, RobustnessError, WeightsError};

    fn every_error(s: &Strings) -> Vec<String> {
        let weights = [
            WeightsError::UnknownCapacity {
                id: "x".into(),
                known: vec!["a".into(), "b".into()],
            },
            WeightsError::BadValue {
                id: "a".into(),
                value: "-1".into(),
            },
            WeightsError::BadItem("a:1".into()),
            WeightsError::Repeated("a".into()),
            WeightsError::WrongCount {
                expected: 4,
                found: 3,
            },
            WeightsError::AllZero,
        ];
        let runs = [
            RobustnessError::Cancelled,
            RobustnessError::BadSpread(1.5),
            RobustnessError::NoSamples,
            RobustnessError::Stopped,
        ];
        let fits = [
            FitError::NoYear,
            FitError::TooFewRows { rows: 3, needed: 5 },
        ];
        weights
            .iter()
            .map(|e| s.weights_error(e))
            .chain(runs.into_iter().map(|e| s.robustness_error(e)))
            .chain(fits.iter().map(|e| s.fit_error(e)))
            .collect()
    }

    #[test]
    fn english_errors_read_as_the_command_line_writes_them() {
        let worded = every_error(&EN);
        assert_eq!(worded[0], "unknown capacity \"x\": the dataset has a, b");
        assert_eq!(worded[4], "expected 4 weights, found 3");
        assert_eq!(worded[7], "spread 1.5: expected a value between 0 and 1");
        assert_eq!(
            worded[11],
            "3 entities have a total and every capacity score; the fit needs 5"
        );
        assert_eq!(
            worded[0],
            WeightsError::UnknownCapacity {
                id: "x".into(),
                known: vec!["a".into(), "b".into()],
            }
            .to_string()
        );
    }

    #[test]
    fn chinese_errors_are_chinese_with_every_value_filled_in() {
        let worded = every_error(&ZH);
        for (zh, en) in worded.iter().zip(every_error(&EN)) {
            assert_ne!(*zh, en);
            assert!(!zh.contains('{'), "{zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert!(worded[0].contains("a, b") && worded[0].contains('x'));
        assert!(worded[11].contains('3') && worded[11].contains('5'));
    }
}
