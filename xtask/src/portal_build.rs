//! Builds the portal into `dist/` with Trunk, offline, in release mode (the
//! size-tuned `wasm-release` profile is chosen in `index.html`), and, for the
//! end-to-end tests, a second build of the same sources under another release
//! name: new wasm, new hashed files, a new service worker, as the next
//! deployment would bring.

use std::path::{Path, PathBuf};

use xshell::{cmd, Shell};

use crate::{project_root, tools, Result};

/// Runs `trunk build --release --offline` and returns the `dist/` folder.
pub fn build(sh: &Shell) -> Result<PathBuf> {
    tools::ensure_build_tools(sh)?;
    let _root = sh.push_dir(project_root());
    // `--offline` makes cargo offline too, so fetch first.
    cmd!(sh, "cargo fetch --locked").run()?;
    tools::step("building the portal (trunk build --release --offline)");
    cmd!(sh, "trunk build --release --offline").run()?;
    Ok(project_root().join("dist"))
}

/// The release name the second build carries (the portal's
/// `AFTERCARE_RELEASE`, shown in its footer).
pub const SECOND_RELEASE: &str = "e2e-next";

/// Builds the portal again into `target/e2e-second-build/` with
/// `AFTERCARE_RELEASE` set to [`SECOND_RELEASE`], unless that folder already
/// holds the second build of the same first build (`first`, a built
/// `dist/`), and returns the folder.
pub fn build_second(sh: &Shell, first: &Path) -> Result<PathBuf> {
    let out = target_dir().join("e2e-second-build");
    let stamp = out.join(".built-from");
    // The build version covers every file the service worker serves;
    // `embed.js`, which it does not, is added here.
    let embed = std::fs::read(first.join("embed.js")).unwrap_or_default();
    let version = build_version(first)?;
    let from = format!("{version} {:016x}", fnv1a(&embed));
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(from.as_str()) {
        return Ok(out);
    }
    let _root = sh.push_dir(project_root());
    let _release = sh.push_env("AFTERCARE_RELEASE", SECOND_RELEASE);
    tools::step(&format!(
        "building the portal's next release for the update tests (AFTERCARE_RELEASE={SECOND_RELEASE})"
    ));
    cmd!(sh, "trunk build --release --offline --dist {out}").run()?;
    if build_version(&out)? == version {
        return Err("the second build came out identical to the first".into());
    }
    std::fs::write(&stamp, from)?;
    Ok(out)
}

/// A 64-bit FNV-1a hash of `bytes`: enough to tell two versions of a file
/// apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The build version the post-build hook wrote into `dir/index.html`.
fn build_version(dir: &Path) -> Result<String> {
    let html = std::fs::read_to_string(dir.join("index.html"))?;
    let start = r#"<meta name="aftercare-build" content=""#;
    let version = html
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(version, _)| version.to_string())
        .filter(|version| !version.is_empty());
    version.ok_or_else(|| format!("{} has no build version", dir.display()).into())
}

/// Where cargo puts its builds (`CARGO_TARGET_DIR` or `target/`).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"))
}

/// Builds the server binary in `profile` (`dev` or `release`) and returns it.
pub fn build_server(sh: &Shell, profile: &str) -> Result<PathBuf> {
    let _root = sh.push_dir(project_root());
    tools::step(&format!("building aftercare-server ({profile})"));
    cmd!(
        sh,
        "cargo build --locked --profile {profile} -p aftercare-server --bin aftercare-server"
    )
    .run()?;
    let folder = if profile == "dev" { "debug" } else { profile };
    Ok(target_dir().join(folder).join("aftercare-server"))
}
