//! `cargo xtask`: the project's own commands. `run` sets a machine up and
//! starts the portal on the reference server; `test` sets up and runs every
//! test at every level; `e2e` runs chosen end-to-end specs; `bench` measures
//! sizes, the server's speed, the pages in Lighthouse and the search engine.

mod bench;
mod bench_search;
mod e2e;
mod files;
mod lighthouse;
mod lighthouse_table;
mod load;
mod portal_build;
mod postgres;
mod run;
mod server_process;
mod tally;
mod test;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [--port N]   install what is missing, build the portal and serve it with
                   demo content at http://127.0.0.1:8080 (or port N), and a
                   vendor's page embedding it at
                   http://127.0.0.1:8081/demo/vendor.html (port N+1, if free)
  test             install what is missing and run every test: format, lints,
                   native, browser and end-to-end
  e2e [ARGS]       build the portal and the server, start it as the test
                   command does and run `npx playwright test ARGS` (a spec
                   file, --grep TEXT, ...; every spec when none)
  bench [search|lighthouse]
                   print the byte counts of dist/ and of embed.js, the
                   server's load-test figures, Lighthouse (mobile, median of
                   5 runs) on the portal home and the demo vendor page with
                   and without the widget, and the knowledge-base search bench
                   (also saved to target/bench/results.md); `bench search` or
                   `bench lighthouse` runs only that part";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("e2e") => e2e::e2e(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's folder).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}
