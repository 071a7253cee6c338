//! The `daedalus` binary: the desktop editor, or a headless subcommand.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
