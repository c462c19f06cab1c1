//! `faqbot`: see `faqbot --help` and the README.

fn main() -> std::process::ExitCode {
    faqbot::cli::main()
}
