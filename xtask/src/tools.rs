//! Installs the tools the build and the tests need, each at a pinned version
//! and only when it is missing, and puts them on `PATH` for child processes.

use std::path::{Path, PathBuf};
use std::process::Command;

use xshell::{cmd, Shell};

use crate::{project_root, Result};

/// The Trunk release that builds with this machine's Rust (0.22 needs 1.96).
const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen (wasm-opt) release from npm; Debian's is too old to work.
const BINARYEN_VERSION: &str = "132";
/// The Lighthouse release from npm (13.x needs Node 22; this machine has 20).
/// `tools/lighthouse/package.json` pins the same version.
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";

/// Installs everything `trunk build` needs.
pub fn ensure_build_tools(sh: &Shell) -> Result<()> {
    put_tools_on_path(sh);
    ensure_wasm_target(sh)?;
    ensure_cargo_tool(sh, "trunk", "trunk", TRUNK_VERSION, true)?;
    let bindgen = wasm_bindgen_version()?;
    // wasm-bindgen-cli's own lockfile pins a crate this registry lacks, so it
    // is installed without --locked.
    ensure_cargo_tool(sh, "wasm-bindgen-cli", "wasm-bindgen", &bindgen, false)?;
    ensure_binaryen(sh)?;
    Ok(())
}

/// Installs what the browser and end-to-end tests need on top of the build.
pub fn ensure_test_tools(sh: &Shell) -> Result<()> {
    ensure_chromium(sh)?;
    ensure_e2e_packages(sh)?;
    ensure_smtp_server(sh)?;
    Ok(())
}

/// Installs what the Lighthouse part of the bench needs: Chromium and the
/// pinned Lighthouse in `tools/lighthouse/`. The tests never need it.
pub fn ensure_lighthouse(sh: &Shell) -> Result<()> {
    ensure_chromium(sh)?;
    let installed = version_output(&lighthouse_bin().to_string_lossy(), "--version")
        .is_some_and(|out| out.trim() == LIGHTHOUSE_VERSION);
    if installed {
        return Ok(());
    }
    step(&format!(
        "installing Lighthouse {LIGHTHOUSE_VERSION} from npm (npm ci in tools/lighthouse)"
    ));
    let _dir = sh.push_dir(lighthouse_dir());
    cmd!(sh, "npm ci --no-audit --no-fund").run()?;
    Ok(())
}

/// The folder whose `package.json` and `package-lock.json` pin Lighthouse.
fn lighthouse_dir() -> PathBuf {
    tools_dir().join("lighthouse")
}

/// The pinned Lighthouse command line program.
pub fn lighthouse_bin() -> PathBuf {
    lighthouse_dir()
        .join("node_modules")
        .join(".bin")
        .join("lighthouse")
}

/// The aiosmtpd release the server's mail tests run as a real SMTP server.
const AIOSMTPD_VERSION: &str = "1.4.6";

fn ensure_smtp_server(sh: &Shell) -> Result<()> {
    let installed = Command::new("python3")
        .args(["-c", "import aiosmtpd; print(aiosmtpd.__version__)"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == AIOSMTPD_VERSION)
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    step(&format!("installing aiosmtpd {AIOSMTPD_VERSION} from PyPI"));
    let package = format!("aiosmtpd=={AIOSMTPD_VERSION}");
    cmd!(sh, "python3 -m pip install --quiet {package}").run()?;
    Ok(())
}

/// Prepends cargo's bin folder and the project's tools folder to `PATH`.
pub fn put_tools_on_path(sh: &Shell) {
    let mut paths = vec![tools_bin(), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    if let Ok(joined) = std::env::join_paths(paths) {
        sh.set_var("PATH", &joined);
        // Child processes started with std::process inherit it too.
        std::env::set_var("PATH", joined);
    }
}

fn tools_dir() -> PathBuf {
    project_root().join("tools")
}

fn tools_bin() -> PathBuf {
    tools_dir().join("node_modules").join(".bin")
}

fn cargo_bin() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"));
    home.join("bin")
}

/// The `wasm-bindgen` version Cargo.lock resolved, which the CLI must equal.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

fn version_output(program: &str, arg: &str) -> Option<String> {
    let output = Command::new(program).arg(arg).output().ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn ensure_wasm_target(sh: &Shell) -> Result<()> {
    let installed = cmd!(sh, "rustup target list --installed").read()?;
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("adding the wasm32-unknown-unknown target");
        cmd!(sh, "rustup target add wasm32-unknown-unknown").run()?;
    }
    Ok(())
}

fn ensure_cargo_tool(
    sh: &Shell,
    package: &str,
    binary: &str,
    version: &str,
    locked: bool,
) -> Result<()> {
    let wanted = format!(" {version}");
    let has_it = version_output(binary, "--version")
        .map(|out| out.trim_end().ends_with(&wanted) || out.contains(&format!("{wanted} ")))
        .unwrap_or(false);
    if has_it {
        return Ok(());
    }
    step(&format!(
        "installing {package} {version} (several minutes, once per machine)"
    ));
    let exact = format!("={version}");
    let locked_flag = locked.then_some("--locked");
    cmd!(
        sh,
        "cargo install {package} --version {exact} {locked_flag...}"
    )
    .run()?;
    Ok(())
}

fn ensure_binaryen(sh: &Shell) -> Result<()> {
    let wasm_opt = tools_bin().join("wasm-opt");
    let has_it = version_output(&wasm_opt.to_string_lossy(), "--version")
        .map(|out| out.contains(&format!("version {BINARYEN_VERSION}")))
        .unwrap_or(false);
    if has_it {
        return Ok(());
    }
    step(&format!(
        "installing wasm-opt from npm binaryen@{BINARYEN_VERSION}"
    ));
    let dir = tools_dir();
    std::fs::create_dir_all(&dir)?;
    let package = format!("binaryen@{BINARYEN_VERSION}");
    cmd!(
        sh,
        "npm install --prefix {dir} --no-audit --no-fund {package}"
    )
    .run()?;
    Ok(())
}

fn ensure_chromium(sh: &Shell) -> Result<()> {
    // The CJK fonts make Chinese render in a real face in screenshots, as it
    // does on customers' devices.
    let cjk_fonts = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && cjk_fonts.exists()
    {
        return Ok(());
    }
    step("installing Debian's chromium, chromium-driver and CJK fonts");
    apt_install(sh, &["chromium", "chromium-driver", "fonts-noto-cjk"])
}

/// Installs Debian packages (as root, or through sudo).
pub fn apt_install(sh: &Shell, packages: &[&str]) -> Result<()> {
    if is_root() {
        cmd!(sh, "apt-get update").run()?;
        cmd!(sh, "apt-get install -y {packages...}").run()?;
    } else {
        cmd!(sh, "sudo apt-get update").run()?;
        cmd!(sh, "sudo apt-get install -y {packages...}").run()?;
    }
    Ok(())
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The folder of the end-to-end tests and their npm packages.
pub fn e2e_dir() -> PathBuf {
    project_root().join("tests").join("e2e")
}

fn ensure_e2e_packages(sh: &Shell) -> Result<()> {
    let dir = e2e_dir();
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    step("installing the end-to-end test packages (npm ci)");
    let _dir = sh.push_dir(&dir);
    // Playwright drives Debian's Chromium; it must never download its own.
    let _no_download = sh.push_env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    cmd!(sh, "npm ci --no-audit --no-fund").run()?;
    Ok(())
}

/// Prints a setup step so a newcomer sees why the first run takes a while.
pub fn step(what: &str) {
    println!("==> {what}");
}
