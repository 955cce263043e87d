//! `rankscope table`: write the ranking table as the Table view would show it, as CSV, without a window.

use std::path::PathBuf;

use crate::context::settings::TableSettings;
use crate::export::{TableText, write_atomic};
use crate::io::mapping::Reading;
use crate::model::{ColumnId, Dataset, NameStyle, SortKey, TableQuery};

/// Arguments of `rankscope table`.
#[derive(Debug, clap::Args)]
pub struct TableArgs {
    #[command(flatten)]
    pub data: super::data::DataArgs,
    /// The year (default: the latest): 2023, a release date such as 2018-06-07, or — for a file with no date.
    #[arg(long, value_parser = super::period_arg)]
    pub year: Option<i32>,
    /// Sort keys, most significant first: a column id, `:desc` for descending
    /// (e.g. `innovation:desc,name`). Without it, rank order.
    #[arg(long, value_delimiter = ',')]
    pub sort: Vec<String>,
    /// Keep rows whose Chinese or English name or province contains this text.
    #[arg(long)]
    pub search: Option<String>,
    /// Keep these provinces (as the dataset names them), separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub province: Vec<String>,
    /// Keep the N best-ranked rows that pass the other filters.
    #[arg(long)]
    pub top: Option<usize>,
    /// Columns, in order, by id: `rank`, `rank_change`, `name`, `province`, `total`, and the dataset's
    /// capacity and indicator ids. Default: the Table view's default columns.
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
    /// Also list entities the year left unranked.
    #[arg(long)]
    pub include_unranked: bool,
    /// Names in Chinese (`zh`), English (`en`) or both.
    #[arg(long, default_value = "zh", value_parser = parse_names)]
    pub names: NameStyle,
    /// Write CSV cells that start like a formula (`=`, `+`, `-`, `@`) as they are, instead of
    /// with a leading `'` that keeps spreadsheets from running them.
    #[arg(long)]
    pub keep_formulas: bool,
    /// A figure's size in points (for .svg and .png), e.g. 1200x800. Default: 16 cm wide and
    /// tall enough for every row.
    #[arg(long, value_name = "WxH", value_parser = super::open::parse_size)]
    pub size: Option<[f32; 2]>,
    /// Pixels per point of a PNG. Default: 300 dpi on paper, 2 for a --size in points.
    #[arg(long)]
    pub scale: Option<f32>,
    #[command(flatten)]
    pub physical: super::physical::PhysicalArgs,
    /// The file to write: .csv (UTF-8 with BOM, as Excel expects), .parquet or .arrow/.feather
    /// (typed columns, for data frame tools), or the table as a figure (.svg, .png).
    #[arg(long)]
    pub out: PathBuf,
}

pub(crate) fn parse_names(text: &str) -> Result<NameStyle, String> {
    match text {
        "zh" => Ok(NameStyle::Chinese),
        "en" => Ok(NameStyle::English),
        "both" => Ok(NameStyle::Both),
        other => Err(format!("expected zh, en or both, found \"{other}\"")),
    }
}

/// Writes the table; returns a one-line summary.
///
/// # Errors
/// A message naming the problem: the file, an unknown year or column, or the write.
pub fn run_table(args: &TableArgs) -> Result<String, String> {
    // The table's own columns first (a Parquet file's indicator columns are not decoded);
    // every column when a sort key or column names one they do not have.
    let listing_first = args.data.is_one_parquet_file();
    let reading = if listing_first {
        Reading::Listing
    } else {
        Reading::Every
    };
    let (first, _source) = args.data.load_reading(reading)?;
    args.data.check_out(&args.out)?;
    match resolved(args, &first) {
        Ok((query, columns)) => write_table(args, &first, query, columns),
        Err(e) if !listing_first => Err(e),
        Err(_) => {
            drop(first);
            let (dataset, _source) = args.data.load_again()?;
            let (query, columns) = resolved(args, &dataset)?;
            write_table(args, &dataset, query, columns)
        }
    }
}

/// The query and columns `args` ask for, by the ids of `dataset`.
///
/// # Errors
/// An unknown sort key or column id.
fn resolved(args: &TableArgs, dataset: &Dataset) -> Result<(TableQuery, Vec<ColumnId>), String> {
    let query = TableQuery {
        sort: args
            .sort
            .iter()
            .map(|key| parse_sort_key(key, dataset))
            .collect::<Result<_, _>>()?,
        search: args.search.clone().unwrap_or_default(),
        // As the dataset names them, in Chinese or English (`Zhejiang` → 浙江).
        provinces: args
            .province
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| dataset.province_key_named(p))
            .collect(),
        top_n: args.top,
        include_unranked: args.include_unranked,
        ..TableQuery::default()
    };
    let columns: Vec<ColumnId> = args
        .columns
        .iter()
        .map(|c| column(c, dataset))
        .collect::<Result<_, _>>()?;
    Ok((query, columns))
}

/// Writes the table of `dataset` that `query` and `columns` give, as `args` say.
///
/// # Errors
/// An unknown year, or the write.
fn write_table(
    args: &TableArgs,
    dataset: &Dataset,
    query: TableQuery,
    columns: Vec<ColumnId>,
) -> Result<String, String> {
    let table = TableSettings {
        query,
        ..TableSettings::default()
    };
    let year_index = super::year_index_arg(dataset, args.year)?;
    let year = &dataset.years[year_index];
    let rows = table.rows(dataset, year, args.names);
    let columns = if columns.is_empty() {
        table.columns(dataset)
    } else {
        columns
    };
    let s = args.data.language().strings();
    let extension = crate::io::extension_of(&args.out);
    let table = TableText {
        data: dataset,
        year,
        rows: &rows,
        columns: &columns,
        names: args.names,
        strings: s,
        external: None,
    };
    let bytes = match extension.as_str() {
        "csv" => table.csv_as(args.keep_formulas).into_bytes(),
        "parquet" | "arrow" | "feather" | "ipc" => {
            let format = crate::io::columnar_out::Format::of_extension(&extension)
                .ok_or_else(|| format!("--out {}: not a columnar format", args.out.display()))?;
            crate::export::table_columnar::table_columnar(&table, format)?
        }
        "svg" | "png" => {
            let years = year.label();
            let caption = crate::export::figure::default_caption(s, dataset, &years);
            let subtitle = format!("{years} · {} {}", rows.len(), s.rows);
            let size = args.size.map(|s| s.map(f64::from));
            let ([width, mut height], scale) =
                args.physical
                    .apply(size, crate::charts::paper::ASPECT, args.scale);
            if size.is_none() && args.physical.height_cm.is_none() {
                // Tall enough for every row at the width asked for.
                let caption_lines = crate::export::svg::caption_lines(&caption, width).len();
                height = crate::export::table_svg::table_height(rows.len(), caption_lines);
            }
            let svg = crate::export::table_svg::table_svg(
                dataset,
                year,
                &rows,
                &columns,
                (s, args.names),
                [&dataset.title(args.names), &subtitle, &caption],
                (width, height, Some("#ffffff")),
            );
            if extension == "svg" {
                svg.into_bytes()
            } else {
                crate::export::raster::svg_to_png(&svg, scale)
                    .map_err(|e| format!("cannot render the PNG: {e}"))?
            }
        }
        _ => {
            return Err(format!(
                "--out {}: expected a .csv, .parquet, .arrow, .feather, .svg or .png file",
                args.out.display()
            ));
        }
    };
    write_atomic(&args.out, |out| out.write_all(&bytes)).map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} rows of {} to {}",
        rows.len(),
        year.label(),
        args.out.display()
    ))
}

fn column(key: &str, data: &Dataset) -> Result<ColumnId, String> {
    ColumnId::from_key(key.trim(), data).ok_or_else(|| {
        let mut known = vec!["rank", "rank_change", "name", "province", "total"];
        known.extend(data.meta.capacities.iter().map(|c| c.id.as_str()));
        format!(
            "unknown column \"{}\"; columns are {} and the indicator ids",
            key.trim(),
            known.join(", ")
        )
    })
}

fn parse_sort_key(key: &str, data: &Dataset) -> Result<SortKey, String> {
    let (name, descending) = match key.trim().rsplit_once(':') {
        Some((name, "desc")) => (name, true),
        Some((name, "asc")) => (name, false),
        Some((_, other)) => {
            return Err(format!(
                "--sort {key}: expected :asc or :desc, found :{other}"
            ));
        }
        None => (key.trim(), false),
    };
    Ok(SortKey {
        column: column(name, data).map_err(|e| format!("--sort: {e}"))?,
        descending,
    })
}
