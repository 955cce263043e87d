//! The `rankscope` binary: the window (`app::launch`) or a scripted command (`cli`).

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let started = std::time::Instant::now();
    let cli = rankscope::cli::Cli::parse();
    let result = match &cli.command {
        None => rankscope::app::launch::run(&cli.open, started),
        Some(command) => rankscope::cli::run_command(command),
    };
    rankscope::cli::exit_code(result)
}
