//! The `aftercare-server` binary: the server and its admin tool. All the work
//! is in the library; this parses the command line, runs the command, and
//! turns an error into a message on stderr and a failing exit code.

use std::process::ExitCode;

use aftercare_server::cli::{self, Cli};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::init_tracing();
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
