fn main() -> std::process::ExitCode {
    herald_api::cli::main()
}
