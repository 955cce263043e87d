//! Prints the rows rankscope's CSV reader finds in each file named on the command line, as one
//! JSON array of string arrays per file and line: what `scripts/csv-oracle` compares with
//! Python's `csv` module.

use std::io::Write as _;

fn main() -> std::process::ExitCode {
    let mut out = std::io::stdout().lock();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::FAILURE;
            }
        };
        let rows: Vec<Vec<String>> = rankscope::io::csv::parse(&text, ',')
            .into_iter()
            .map(|row| row.fields)
            .collect();
        let json = serde_json::to_string(&rows).unwrap_or_default();
        if writeln!(out, "{json}").is_err() {
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
