//! The knowledge-base search part of `cargo xtask bench` (alone:
//! `cargo xtask bench search`): our engine natively and compiled to wasm in
//! headless Chromium beside MiniSearch, on the same generated corpora and
//! queries; relevance on the labelled lists; and the IndexedDB import through
//! the portal's own store code. Its tables are the `## Knowledge-base search`
//! section of `target/bench/results.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use xshell::{cmd, Shell};

use crate::{project_root, tools, Result};

/// The heading the search section of `results.md` starts with.
pub const SECTION_HEADING: &str = "## Knowledge-base search";

/// The wasm build's profile: the portal's own, so Chromium runs the engine
/// as customers get it (and the portal's compiled dependencies are reused).
const WASM_PROFILE: &str = "wasm-release";

/// Runs the whole search bench and returns its markdown section.
pub fn run(sh: &Shell) -> Result<String> {
    tools::ensure_build_tools(sh)?;
    tools::ensure_test_tools(sh)?;
    ensure_bench_packages(sh)?;
    let _root = sh.push_dir(project_root());
    let out = target_dir().join("bench").join("search");
    std::fs::create_dir_all(&out)?;
    let (data, pkg, pkg_speed) = (out.join("data"), out.join("pkg"), out.join("pkg-speed"));
    let (native, browser, section) = (
        out.join("native.json"),
        out.join("browser.json"),
        out.join("search.md"),
    );

    tools::step("building the search bench's native runner (release)");
    cmd!(
        sh,
        "cargo build --locked --release -p aftercare-search-bench --bin search-bench"
    )
    .run()?;
    let runner = target_dir().join("release").join("search-bench");
    tools::step("generating the corpora and queries");
    cmd!(sh, "{runner} export {data}").run()?;
    tools::step("measuring our engine natively");
    cmd!(sh, "{runner} native {native}").run()?;

    let with_store = build_wasm(sh)?;
    bindgen(sh, &target_dir(), &pkg)?;
    build_speed_variant(sh, &pkg_speed)?;

    tools::step("measuring our engine (wasm) and MiniSearch in headless Chromium");
    let script = project_root().join("bench").join("search").join("run.mjs");
    let import_flag = (!with_store).then_some("--no-import");
    cmd!(
        sh,
        "node {script} --pkg {pkg} --pkg-speed {pkg_speed} --data {data} --out {browser} {import_flag...}"
    )
    .run()?;

    cmd!(sh, "{runner} report {section} {native} {browser}").run()?;
    let mut markdown = std::fs::read_to_string(&section)?;
    if !with_store {
        markdown.push_str(
            "\nThe IndexedDB import was not measured: the portal crate did not compile \
             for wasm32 when this bench ran.\n",
        );
    }
    Ok(markdown)
}

/// Builds the bench's wasm module, with the portal's store code when the
/// portal compiles; says whether it has it.
fn build_wasm(sh: &Shell) -> Result<bool> {
    tools::step("building the search bench's wasm module (wasm-release, with the portal's store)");
    let with_store = Command::new("cargo")
        .current_dir(project_root())
        .args(["build", "--locked", "--profile", WASM_PROFILE])
        .args([
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "aftercare-search-bench",
        ])
        .args(["--lib", "--features", "portal-store"])
        .status()?
        .success();
    if with_store {
        return Ok(true);
    }
    tools::step("the portal did not compile; building the wasm module without its store");
    cmd!(
        sh,
        "cargo build --locked --profile {WASM_PROFILE} --target wasm32-unknown-unknown -p aftercare-search-bench --lib"
    )
    .run()?;
    Ok(false)
}

/// The speed variant: the portal's profile with only `aftercare-core` (the
/// search engine) at opt-level 3, the change a speed-tuned portal would
/// make. It builds in a target folder of its own, so neither build undoes
/// the other's artifacts.
fn build_speed_variant(sh: &Shell, pkg: &Path) -> Result<()> {
    tools::step("building the search bench's wasm module with aftercare-core at opt-level 3");
    let target = target_dir().join("bench").join("speed-target");
    let _target = sh.push_env("CARGO_TARGET_DIR", &target);
    let config = "profile.wasm-release.package.aftercare-core.opt-level=3";
    cmd!(
        sh,
        "cargo build --locked --profile {WASM_PROFILE} --config {config} --target wasm32-unknown-unknown -p aftercare-search-bench --lib"
    )
    .run()?;
    bindgen(sh, &target, pkg)
}

/// Runs wasm-bindgen (`--target web`) on the bench's wasm-release module in
/// `target`, then `wasm-opt -Oz` as Trunk does for the portal.
fn bindgen(sh: &Shell, target: &Path, out: &Path) -> Result<()> {
    let wasm = target
        .join("wasm32-unknown-unknown")
        .join(WASM_PROFILE)
        .join("aftercare_search_bench.wasm");
    let _ = std::fs::remove_dir_all(out);
    cmd!(sh, "wasm-bindgen --target web --out-dir {out} {wasm}").run()?;
    let module = out.join("aftercare_search_bench_bg.wasm");
    cmd!(sh, "wasm-opt -Oz {module} -o {module}").run()?;
    Ok(())
}

/// Installs `bench/package.json`'s packages (MiniSearch) with `npm ci` when
/// they are missing or older than the lockfile.
fn ensure_bench_packages(sh: &Shell) -> Result<()> {
    let dir = project_root().join("bench");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    tools::step("installing the bench's npm packages (npm ci)");
    let _dir = sh.push_dir(&dir);
    cmd!(sh, "npm ci --no-audit --no-fund").run()?;
    Ok(())
}

/// Cargo's target folder (`CARGO_TARGET_DIR` when set).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"))
}

/// `results` with its search section (if any) replaced by `section`.
pub fn replace_section(results: &str, section: &str) -> String {
    let kept = results
        .find(SECTION_HEADING)
        .map_or(results, |at| &results[..at]);
    let mut out = kept.trim_end().to_string();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(section);
    out
}

/// Where the bench's results are saved.
pub fn results_file() -> PathBuf {
    target_dir().join("bench").join("results.md")
}

/// Writes `section` into `results.md` in place of the old search section.
pub fn save(section: &str) -> Result<PathBuf> {
    let path = results_file();
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, replace_section(&old, section))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_search_section_replaces_the_old_one_and_keeps_the_rest() {
        let old = "| file | bytes |\n\n## Knowledge-base search\n\nold numbers\n";
        let new = replace_section(old, "## Knowledge-base search\n\nnew numbers\n");
        assert_eq!(
            new,
            "| file | bytes |\n\n## Knowledge-base search\n\nnew numbers\n"
        );
        assert_eq!(replace_section("", "S\n"), "S\n");
    }
}
