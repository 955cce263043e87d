//! The `rankscope` binary: everything happens in [`rankscope::cli`].

fn main() -> std::process::ExitCode {
    rankscope::cli::main()
}
