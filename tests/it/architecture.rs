//! The dependency rules of docs/architecture.md, checked on the source: each layer imports only
//! the layers below it. A `use` or path that breaks a rule fails here, naming the file and line.

use std::path::{Path, PathBuf};

/// A layer (a folder of `src/`), the paths its code may not name, and why.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "model",
        &[
            "crate::app",
            "crate::context",
            "crate::views",
            "crate::widgets",
            "crate::io",
            "crate::strings",
            "crate::charts",
            "crate::export",
            "crate::cli",
            "egui",
            "eframe",
        ],
        "the model is pure: no UI, no files, no language",
    ),
    (
        "charts",
        &[
            "crate::app",
            "crate::context",
            "crate::views",
            "crate::widgets",
            "crate::export",
            "crate::cli",
        ],
        "chart specs are data, drawn by widgets and by export",
    ),
    (
        "io",
        &[
            "crate::app",
            "crate::context",
            "crate::views",
            "crate::widgets",
            "crate::export",
            "crate::cli",
            "egui",
        ],
        "readers and writers know nothing of the window",
    ),
    (
        "strings",
        &[
            "crate::app",
            "crate::context",
            "crate::views",
            "crate::widgets",
            "crate::cli",
        ],
        "texts are below every user of them",
    ),
    (
        "context",
        &["crate::app", "crate::views", "crate::widgets", "crate::cli"],
        "the shared layer sits below app and views",
    ),
    (
        "export",
        &["crate::app", "crate::views", "crate::widgets", "crate::cli"],
        "exporters run headless, on context and below",
    ),
    (
        "cli",
        &["crate::app", "crate::views", "crate::widgets"],
        "scripted commands run headless (the window is opened by app::launch)",
    ),
    (
        "views",
        &["crate::app", "crate::cli", "crate::export::atomic"],
        "views draw state and return commands; the shell applies them",
    ),
    (
        "widgets",
        &["crate::app", "crate::views", "crate::cli", "crate::context"],
        "widgets draw what they are given",
    ),
];

fn rust_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every line of `src/LAYER` that names a forbidden path, outside comments.
fn breaches(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join(layer), &mut files);
    assert!(!files.is_empty(), "no files in src/{layer}");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let named = |path: &str| {
                code.match_indices(path).any(|(at, _)| {
                    let before = code[..at].chars().next_back();
                    let after = code[at + path.len()..].chars().next();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            };
            if let Some(path) = forbidden.iter().find(|p| named(p)) {
                found.push(format!(
                    "{}:{}: names {path}: {}",
                    file.strip_prefix(&src).unwrap_or(&file).display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let mut all = Vec::new();
    for (layer, forbidden, why) in RULES {
        let found = breaches(layer, forbidden);
        if !found.is_empty() {
            all.push(format!("src/{layer} ({why}):\n  {}", found.join("\n  ")));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn only_the_shells_drawing_calls_reach_the_views() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("app"), &mut files);
    let reaching: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap_or_default()
                .lines()
                .any(|l| {
                    l.split("//")
                        .next()
                        .unwrap_or_default()
                        .contains("crate::views")
                })
        })
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        reaching,
        ["rankscope_app.rs"],
        "the eframe::App draws the views; nothing else in app names them"
    );
}

#[test]
fn the_rules_catch_a_breach() {
    // The check itself: a layer that does name a path is reported.
    assert!(!breaches("app", &["crate::views"]).is_empty());
    assert!(breaches("model", &["crate::nothing_here"]).is_empty());
}
