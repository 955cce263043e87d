//! Opens each file named on the command line as the window does (`load_path_with`) and prints
//! one JSON line per file: whether it opened, the time taken, and any panic, even one the
//! readers caught. `scripts/fuzz-readers` feeds it mutated files.

use std::io::Write as _;
use std::sync::{Arc, Mutex};

fn main() -> std::process::ExitCode {
    let panics: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&panics);
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut list) = seen.lock() {
            list.push(info.to_string());
        }
    }));
    let mut out = std::io::stdout().lock();
    for path in std::env::args().skip(1) {
        let started = std::time::Instant::now();
        let result = std::panic::catch_unwind(|| {
            rankscope::io::load_path_with(std::path::Path::new(&path), None).map(|_| ())
        });
        let millis = started.elapsed().as_millis();
        let panic = panics
            .lock()
            .map(|mut l| l.drain(..).collect::<Vec<_>>())
            .unwrap_or_default();
        let outcome = match result {
            Ok(Ok(())) => "opened".to_owned(),
            Ok(Err(e)) => format!("refused: {e}"),
            Err(_) => "panicked".to_owned(),
        };
        let line = serde_json::json!({
            "file": path, "outcome": outcome, "ms": millis, "panics": panic,
        });
        if writeln!(out, "{line}").is_err() {
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}
