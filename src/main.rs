//! The `flux-rs` binary: everything lives in the library; see `flux_rs::cli`.

fn main() -> std::process::ExitCode {
    flux_rs::cli::main()
}
