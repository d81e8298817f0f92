//! Builds the portal into `dist/` with Trunk, offline, in release mode (the
//! size-tuned `wasm-release` profile is chosen in `index.html`).

use std::path::PathBuf;

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
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"));
    Ok(target.join(folder).join("aftercare-server"))
}
