//! `cargo xtask run`: sets a fresh machine up, builds the portal and the
//! server, and replaces itself with the server, so Ctrl-C stops it cleanly.

use std::os::unix::process::CommandExt;
use std::process::Command;

use xshell::Shell;

use crate::{portal_build, project_root, tools, Result};

/// Builds everything and serves the portal with demo content.
pub fn run(args: &[String]) -> Result<()> {
    let port = parse_port(args)?;
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let dist = portal_build::build(&sh)?;
    let server = portal_build::build_server(&sh, "release")?;
    let data_dir = project_root().join("data");
    std::fs::create_dir_all(&data_dir)?;
    tools::step(&format!(
        "starting Aftercare at http://127.0.0.1:{port} (data in {}; Ctrl-C stops it)",
        data_dir.display()
    ));
    let error = Command::new(server)
        .arg("serve")
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(&data_dir)
        .arg("--dist")
        .arg(&dist)
        .exec();
    Err(format!("could not start the server: {error}").into())
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8080),
        [flag, value] if flag == "--port" => value
            .parse()
            .map_err(|_| format!("--port takes a number from 1 to 65535, got {value:?}").into()),
        _ => Err("usage: cargo xtask run [--port N]".into()),
    }
}
