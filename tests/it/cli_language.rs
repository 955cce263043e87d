//! The command line writes in the language asked for (`--lang`, a report's `lang`), else the
//! system's: headers, subtitles, captions and notes, as a Chinese report needs them.

use crate::common::run_command;
use rankscope::strings::{EN, ZH};

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("rankscope-lang-{:05}-{name}", std::process::id()))
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_table_csv_has_its_headers_in_the_language_asked_for() {
    let zh = scratch("table-zh.csv");
    run_command(&[
        "table",
        "--lang",
        "zh",
        "--top",
        "3",
        "--out",
        zh.to_str().expect("path"),
    ])
    .expect("written");
    let header = read(&zh).lines().next().unwrap_or_default().to_owned();
    assert!(
        header.contains(ZH.col_rank) && header.contains(ZH.col_total),
        "{header}"
    );
    let en = scratch("table-en.csv");
    run_command(&[
        "table",
        "--lang",
        "en",
        "--top",
        "3",
        "--out",
        en.to_str().expect("path"),
    ])
    .expect("written");
    let header = read(&en).lines().next().unwrap_or_default().to_owned();
    assert!(
        header.contains(EN.col_rank) && !header.contains(ZH.col_rank),
        "{header}"
    );
    let error = run_command(&["table", "--lang", "fr", "--out", "x.csv"]).expect_err("refused");
    assert!(error.contains("expected en or zh"), "{error}");
}

#[test]
fn figures_and_the_whatif_csv_speak_the_language_asked_for() {
    let radar = scratch("radar.svg");
    run_command(&[
        "radar",
        "--lang",
        "zh",
        "--select",
        "苏州科技城",
        "--out",
        radar.to_str().expect("path"),
    ])
    .expect("drawn");
    let svg = read(&radar);
    assert!(
        svg.contains(&format!("{}:", ZH.source)),
        "a Chinese source line"
    );
    assert!(!svg.contains(&format!("{}:", EN.source)));
    let whatif = scratch("whatif.csv");
    run_command(&[
        "whatif",
        "--lang",
        "zh",
        "--out",
        whatif.to_str().expect("path"),
    ])
    .expect("written");
    let header = read(&whatif).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains(ZH.col_official_rank), "{header}");
}

#[test]
fn a_report_takes_its_language_from_the_item_then_the_command_then_its_defaults() {
    let folder = scratch("report");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("folder");
    let config = folder.join("report.json");
    std::fs::write(
        &config,
        r#"{ "defaults": { "lang": "zh" },
             "figures": [
               { "view": "table", "top": 3, "path": "zh.csv" },
               { "view": "table", "top": 3, "path": "en.csv", "lang": "en" } ] }"#,
    )
    .expect("written");
    run_command(&["export", "--config", config.to_str().expect("path")]).expect("report");
    assert!(read(&folder.join("zh.csv")).contains(ZH.col_rank));
    assert!(read(&folder.join("en.csv")).contains(EN.col_rank));
    run_command(&[
        "export",
        "--lang",
        "en",
        "--config",
        config.to_str().expect("path"),
    ])
    .expect("report");
    assert!(
        read(&folder.join("zh.csv")).contains(EN.col_rank),
        "--lang wins over the defaults"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
