//! The command line, without a window: what loads, and the messages for wrong arguments.

#![allow(clippy::expect_used, reason = "a test fails by panicking")]

use clap::Parser;
use rankscope::app::launch::startup_from;
use rankscope::app::state::View;
use rankscope::cli::Cli;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("rankscope").chain(args.iter().copied()))
}

fn startup_error(args: &[&str]) -> String {
    match startup_from(&parse(args).expect("arguments parse").open) {
        Ok(_) => panic!("{args:?} should be refused"),
        Err(message) => message,
    }
}

#[test]
fn without_a_file_the_sample_opens_with_the_chosen_year_view_and_selection() {
    let cli = parse(&[
        "--year",
        "2022",
        "--view",
        "radar",
        "--select",
        "苏州科技城,guizhou",
    ])
    .expect("parse");
    let startup = startup_from(&cli.open).expect("startup");
    assert_eq!(startup.year, Some(2022));
    assert_eq!(startup.view, Some(View::Radar));
    let names: Vec<&str> = startup
        .selection
        .iter()
        .map(|&e| startup.dataset.entities[e].zh.as_str())
        .collect();
    assert_eq!(names, vec!["苏州科技城", "贵州科学城"]);
}

#[test]
fn an_unknown_year_lists_the_years_there_are() {
    assert_eq!(
        startup_error(&["--year", "1999"]),
        "--year 1999: the dataset has 2021, 2022, 2023"
    );
}

#[test]
fn an_unknown_entity_is_named() {
    assert_eq!(
        startup_error(&["--select", "Atlantis"]),
        "--select: no entity named \"Atlantis\""
    );
}

#[test]
fn a_broken_file_names_file_place_and_problem() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/duplicate-year.json"
    );
    assert_eq!(
        startup_error(&[path]),
        "duplicate-year.json: years[1].year: year 2022 is listed twice (first at years[0])"
    );
}

#[test]
fn the_window_size_is_checked() {
    assert_eq!(
        parse(&["--size", "1200x800"]).expect("valid").open.size,
        Some([1200.0, 800.0])
    );
    assert!(parse(&["--size", "big"]).is_err());
    assert!(parse(&["--size", "10x10"]).is_err());
}

fn table_args(args: &[&str]) -> rankscope::cli::TableArgs {
    match parse(&[&["table"], args].concat()).expect("parse").command {
        Some(rankscope::cli::Command::Table(table)) => table,
        _ => panic!("the table command"),
    }
}

fn scratch_csv(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "rankscope-cli-{name}-{:05}.csv",
        std::process::id()
    ))
}

#[test]
fn the_table_command_writes_the_filtered_sorted_table() {
    let out = scratch_csv("zj-gd");
    let args = table_args(&[
        "--year",
        "2022",
        "--province",
        "浙江,广东",
        "--sort",
        "innovation:desc",
        "--columns",
        "rank,name,province,innovation",
        "--out",
        out.to_str().expect("path"),
    ]);
    let summary = rankscope::cli::run_table(&args).expect("written");
    assert!(summary.starts_with("wrote 30 rows of 2022"), "{summary}");
    let csv = std::fs::read_to_string(&out).expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "\u{feff}Rank,Name,Province,科技创新能力");
    assert_eq!(lines.len(), 31);
    let innovation: Vec<f64> = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').next().expect("cell").parse().expect("number"))
        .collect();
    assert!(
        innovation.windows(2).all(|w| w[0] >= w[1]),
        "descending by innovation"
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains(",浙江,") || l.contains(",广东,"))
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_table_command_matches_what_the_table_view_shows() {
    let out = scratch_csv("same");
    let args = table_args(&[
        "--search",
        "科学城",
        "--top",
        "20",
        "--out",
        out.to_str().expect("path"),
    ]);
    rankscope::cli::run_table(&args).expect("written");
    let written = std::fs::read_to_string(&out).expect("csv");

    // The Table view's own state with the same query, written through the view's CSV path.
    let startup = startup_from(&parse(&[]).expect("parse").open).expect("startup");
    let mut settings = rankscope::app::state::Settings::default();
    settings.table.query.search = "科学城".into();
    settings.table.query.top_n = Some(20);
    let state = rankscope::app::state::AppState::new(startup.dataset, startup.source, settings);
    let year = &state.dataset.years[state.year_index().expect("year")];
    let shown = rankscope::export::TableText {
        external: None,
        data: &state.dataset,
        year,
        rows: &state.table.rows,
        columns: &state.table.columns,
        names: state.settings.names,
        strings: &rankscope::strings::EN,
    }
    .csv();
    assert_eq!(written, shown);
    let _ = std::fs::remove_file(&out);
}

#[test]
fn the_table_command_names_an_unknown_column() {
    let args = table_args(&["--sort", "inovation", "--out", "/tmp/never.csv"]);
    let error = rankscope::cli::run_table(&args).expect_err("unknown column");
    assert!(
        error.starts_with(
            "--sort: unknown column \"inovation\"; columns are rank, rank_change, name"
        ),
        "{error}"
    );
    assert!(!std::path::Path::new("/tmp/never.csv").exists());
}

#[test]
fn select_takes_a_part_of_one_name_and_suggests_the_closest_names() {
    let data = rankscope::io::load_sample().expect("the sample");
    let picked =
        rankscope::cli::select_entities(&data, &["广州科学城".to_owned()]).expect("one entity");
    let guangzhou = data.find_entity("广东广州科学城").expect("listed");
    assert_eq!(picked.into_iter().collect::<Vec<_>>(), [guangzhou]);
    let misspelt = rankscope::cli::select_entities(&data, &["广东广洲科学城".to_owned()])
        .expect_err("no such name");
    assert!(
        misspelt.starts_with(
            "--select: no entity named \"广东广洲科学城\"; did you mean 广东广州科学城"
        ),
        "{misspelt}"
    );
    let several =
        rankscope::cli::select_entities(&data, &["上海".to_owned()]).expect_err("several");
    assert!(several.contains("give more of the name"), "{several}");
}
