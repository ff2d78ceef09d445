//! The `pkjwt` binary: everything is in the library; `cli::run` parses the
//! arguments, runs the command and returns its exit code.

fn main() -> std::process::ExitCode {
    pkjwt::cli::run(std::env::args_os())
}
