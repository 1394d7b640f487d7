//! The `soxa` executable: everything happens in `soxa::cli`.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    soxa::cli::main()
}
