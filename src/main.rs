fn main() -> std::process::ExitCode {
    pkjwt::cli::run(std::env::args_os())
}
