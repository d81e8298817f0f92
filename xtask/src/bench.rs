//! `cargo xtask bench`: the byte counts of every file the portal ships (raw,
//! gzip and brotli; the size budget is checked on them) and of the widget's
//! loader `embed.js` against its own budget, the loopback load tests of the
//! server's routes, Lighthouse on the portal and the demo vendor's page (see
//! `lighthouse`; `cargo xtask bench lighthouse` runs only that), and the
//! knowledge-base search bench (`cargo xtask bench search` runs only that,
//! see `bench_search`).

use std::io::Write;
use std::path::{Path, PathBuf};

use xshell::Shell;

use crate::{bench_search, lighthouse, load, portal_build, project_root, Result};

/// The budget for all of the portal's wasm, JS, CSS and HTML, brotli bytes.
const BUDGET_BROTLI: usize = 200 * 1024;

/// The budget for the widget's loader, `embed.js`, brotli bytes.
const EMBED_BUDGET_BROTLI: usize = 3 * 1024;

/// The loader vendors put on their pages; it is not part of the app, so it
/// has its own line and budget rather than a row in the size table.
const EMBED_JS: &str = "embed.js";

/// Builds the portal and prints (and saves) the size, load, Lighthouse and
/// search tables; with `search` or `lighthouse`, only that part.
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
        Some("lighthouse") if args.len() == 1 => {
            let dist = portal_build::build(&sh)?;
            let server = portal_build::build_server(&sh, "release")?;
            let section = lighthouse::run(&server, &dist)?;
            println!("\n{section}");
            let path = bench_search::results_file();
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            let new = lighthouse::replace_section(&old, &section, bench_search::SECTION_HEADING);
            std::fs::write(&path, new)?;
            println!("(saved to {})", path.display());
            return Ok(());
        }
        Some(_) => {
            return Err(format!(
                "`cargo xtask bench` takes nothing, `search` or `lighthouse`, got {args:?}"
            )
            .into());
        }
    }
    let dist = portal_build::build(&sh)?;
    let server = portal_build::build_server(&sh, "release")?;
    let mut table = size_table(&dist)?;
    table.push_str(&embed_line(&dist)?);
    table.push('\n');
    table.push_str(&load::table(&load::run(&server, &dist)?));
    table.push('\n');
    table.push_str(&lighthouse::run(&server, &dist)?);
    table.push('\n');
    table.push_str(&bench_search::run(&sh)?);
    println!("\n{table}");
    let path = bench_search::results_file();
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(&path, &table)?;
    println!("(saved to {})", path.display());
    Ok(())
}

/// The markdown table of every file in `dist` (in its subfolders too) and
/// the total, leaving out the precompressed `.br`/`.gz` copies the build
/// writes beside the files and the widget's loader (see [`embed_line`]).
pub fn size_table(dist: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    files.retain(|path| {
        let precompressed = path.extension().is_some_and(|e| e == "br" || e == "gz");
        !precompressed && path != &dist.join(EMBED_JS)
    });
    files.sort();
    let mut table = String::from("| file | bytes | gzip | brotli |\n|---|---:|---:|---:|\n");
    let (mut raw, mut gz, mut br, mut budgeted) = (0, 0, 0, 0);
    for path in files {
        let bytes = std::fs::read(&path)?;
        let (g, b) = (gzip_len(&bytes)?, brotli_len(&bytes)?);
        let name = path.strip_prefix(dist).unwrap_or(&path).to_string_lossy();
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

/// Every file under `dir`, at any depth, but for hidden ones (such as the
/// `.stage` folder of a Trunk build under way).
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else if path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// The line on the widget's loader: its brotli bytes against its budget.
/// It is read from `dist` when the build copied it there, else from
/// `public/`.
pub fn embed_line(dist: &Path) -> Result<String> {
    let built = dist.join(EMBED_JS);
    let path = if built.is_file() {
        built
    } else {
        project_root().join("public").join(EMBED_JS)
    };
    if !path.is_file() {
        return Ok(format!("\n{EMBED_JS}: not found in dist/ or public/.\n"));
    }
    let brotli = brotli_len(&std::fs::read(&path)?)?;
    Ok(format!(
        "\n{EMBED_JS}: {brotli} bytes brotli of a {}-byte budget ({}).\n",
        thousands(EMBED_BUDGET_BROTLI),
        if brotli <= EMBED_BUDGET_BROTLI {
            "within"
        } else {
            "OVER"
        }
    ))
}

/// `n` with commas between thousands, as in "3,072".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(3072), "3,072");
        assert_eq!(thousands(204_800), "204,800");
        assert_eq!(thousands(12), "12");
    }

    #[test]
    fn the_size_table_leaves_out_precompressed_copies_and_the_loader() {
        let dist = std::env::temp_dir().join(format!("aftercare-size-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("icons")).unwrap();
        let kept = ["app.js", "icons/i.svg"];
        let skipped = [
            "app.js.br",
            "app.js.gz",
            "icons/i.svg.br",
            "icons/i.svg.gz",
            "embed.js",
            "embed.js.br",
        ];
        for name in kept.iter().chain(&skipped) {
            std::fs::write(dist.join(name), "console.log(1);").unwrap();
        }
        let table = size_table(&dist).unwrap();
        let _ = std::fs::remove_dir_all(&dist);
        for name in kept {
            assert!(table.contains(&format!("| {name} |")), "{name}: {table}");
        }
        for name in skipped {
            assert!(!table.contains(name), "{name}: {table}");
        }
    }
}
