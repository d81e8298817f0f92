//! `cargo xtask bench`: the byte counts of every file the portal ships (raw,
//! gzip and brotli; the size budget is checked on them), the loopback load
//! tests of the server's routes, and the knowledge-base search bench
//! (`cargo xtask bench search` runs only that, see `bench_search`).

use std::io::Write;
use std::path::Path;

use xshell::Shell;

use crate::{bench_search, load, portal_build, project_root, Result};

/// The budget for all of the portal's wasm, JS, CSS and HTML, brotli bytes.
const BUDGET_BROTLI: usize = 200 * 1024;

/// Builds the portal and prints (and saves) the size, load and search
/// tables; with `search`, only the search tables.
pub fn bench(args: &[String]) -> Result<()> {
    let sh = Shell::new()?;
    match args.first().map(String::as_str) {
        None => {}
        Some("search") if args.len() == 1 => {
            let section = bench_search::run(&sh)?;
            println!("\n{section}");
            let saved = bench_search::save(&section)?;
            println!("(saved to {})", saved.display());
            return Ok(());
        }
        Some(_) => {
            return Err(
                format!("`cargo xtask bench` takes nothing or `search`, got {args:?}").into(),
            );
        }
    }
    let dist = portal_build::build(&sh)?;
    let server = portal_build::build_server(&sh, "release")?;
    let mut table = size_table(&dist)?;
    table.push('\n');
    table.push_str(&load::table(&load::run(&server, &dist)?));
    table.push('\n');
    table.push_str(&bench_search::run(&sh)?);
    println!("\n{table}");
    let out = project_root().join("target").join("bench");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("results.md"), &table)?;
    println!("(saved to target/bench/results.md)");
    Ok(())
}

/// The markdown table of every file in `dist` and the total.
pub fn size_table(dist: &Path) -> Result<String> {
    let mut files: Vec<_> = std::fs::read_dir(dist)?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.path())
        .collect();
    files.sort();
    let mut table = String::from("| file | bytes | gzip | brotli |\n|---|---:|---:|---:|\n");
    let (mut raw, mut gz, mut br, mut budgeted) = (0, 0, 0, 0);
    for path in files {
        let bytes = std::fs::read(&path)?;
        let (g, b) = (gzip_len(&bytes)?, brotli_len(&bytes)?);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        table.push_str(&format!("| {name} | {} | {g} | {b} |\n", bytes.len()));
        raw += bytes.len();
        gz += g;
        br += b;
        if ["wasm", "js", "css", "html"]
            .iter()
            .any(|ext| path.extension().is_some_and(|e| e == *ext))
        {
            budgeted += b;
        }
    }
    table.push_str(&format!("| **total** | {raw} | {gz} | {br} |\n"));
    table.push_str(&format!(
        "\nwasm + JS + CSS + HTML: {budgeted} bytes brotli of a {BUDGET_BROTLI}-byte budget ({}).\n",
        if budgeted <= BUDGET_BROTLI { "within" } else { "OVER" }
    ));
    Ok(table)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out.len())
}
