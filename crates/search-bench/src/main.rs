//! `search-bench`: the native runner of the knowledge-base search bench, run
//! by `cargo xtask bench` in a release build.
//!
//! - `search-bench export DIR` writes the corpora, queries and labelled lists
//!   the Chromium page loads;
//! - `search-bench native OUT.json` measures our engine natively;
//! - `search-bench report OUT.md IN.json...` turns the records into tables.

mod data;
mod markdown;
mod native;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aftercare_search_bench::records::BenchReport;

const USAGE: &str = "usage: search-bench export DIR | native OUT.json | report OUT.md IN.json...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["export", dir] => data::export(&data::core_data_dir(), Path::new(dir)),
        ["native", out] => {
            native::run(&data::core_data_dir()).and_then(|report| write_json(out, &report))
        }
        ["report", out, ref inputs @ ..] if !inputs.is_empty() => report(out, inputs),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("search-bench: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_json(out: &str, report: &BenchReport) -> Result<(), String> {
    let json = serde_json::to_string(report).map_err(|e| e.to_string())?;
    std::fs::write(out, json).map_err(|e| format!("{out}: {e}"))
}

fn report(out: &str, inputs: &[&str]) -> Result<(), String> {
    let mut reports = Vec::new();
    for input in inputs {
        let path = PathBuf::from(input);
        let json = std::fs::read_to_string(&path).map_err(|e| format!("{input}: {e}"))?;
        reports.push(serde_json::from_str(&json).map_err(|e| format!("{input}: {e}"))?);
    }
    let markdown = markdown::render(&reports, &data::core_data_dir())?;
    std::fs::write(out, &markdown).map_err(|e| format!("{out}: {e}"))
}
