fn main() -> std::process::ExitCode {
    renja::cli::main()
}
