//! The `citegraph` command-line tool.

fn main() -> std::process::ExitCode {
    citegraph::cli::run()
}
