//! `cargo xtask run`: sets a fresh machine up, builds the portal and the
//! server, and replaces itself with the server, so Ctrl-C stops it cleanly.
//!
//! The server also serves the demo vendor's product page on the next port
//! (8081 by default), another origin that embeds the portal's widget. The
//! configuration that allows it is written to `data/run-config.toml` on
//! every start, with a `demo` vendor secret made once and kept in
//! `data/demo-vendor-secret` (never in the repository). With
//! `AFTERCARE_CONFIG` set, that file is used instead, as it is. When the
//! next port is taken, `run` says so and starts without the vendor's page.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use xshell::Shell;

use crate::server_process::{random_secret, VendorDemo};
use crate::{portal_build, project_root, tools, Result};

/// The file in the data folder that keeps the demo vendor's secret.
const SECRET_FILE: &str = "demo-vendor-secret";
/// The configuration `run` writes into the data folder.
const CONFIG_FILE: &str = "run-config.toml";

/// Builds everything and serves the portal with demo content.
pub fn run(args: &[String]) -> Result<()> {
    let port = parse_port(args)?;
    let vendor_port = port
        .checked_add(1)
        .ok_or("--port must leave room for the vendor demo on the next port")?;
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let dist = portal_build::build(&sh)?;
    let server = portal_build::build_server(&sh, "release")?;
    let data_dir = project_root().join("data");
    std::fs::create_dir_all(&data_dir)?;
    let config = match std::env::var_os("AFTERCARE_CONFIG") {
        Some(own) => PathBuf::from(own),
        None => write_config(&data_dir, vendor_port)?,
    };
    let mut command = Command::new(server);
    command
        .arg("serve")
        .arg("--addr")
        .arg(format!("127.0.0.1:{port}"));
    if port_is_free(vendor_port) {
        tools::step(&format!(
            "starting Aftercare at http://127.0.0.1:{port}, and a vendor's page embedding it at \
             http://127.0.0.1:{vendor_port}/demo/vendor.html (data in {}; Ctrl-C stops it)",
            data_dir.display()
        ));
        command
            .arg("--vendor-addr")
            .arg(format!("127.0.0.1:{vendor_port}"));
    } else {
        eprintln!(
            "xtask: warning: port {vendor_port} is taken, so the demo vendor's page (which \
             embeds the widget from another origin) is not started"
        );
        tools::step(&format!(
            "starting Aftercare at http://127.0.0.1:{port} (data in {}; Ctrl-C stops it)",
            data_dir.display()
        ));
    }
    let error = command
        .arg("--data-dir")
        .arg(&data_dir)
        .arg("--dist")
        .arg(&dist)
        .arg("--config")
        .arg(&config)
        .exec();
    Err(format!("could not start the server: {error}").into())
}

/// Whether `port` on 127.0.0.1 can be listened on now (it is bound and
/// let go at once, so the server can take it).
fn port_is_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

/// Writes the configuration that lets the vendor page on `vendor_port`
/// (as `127.0.0.1` or `localhost`) embed the portal and sign its demo
/// customer in, and returns its path.
fn write_config(data_dir: &Path, vendor_port: u16) -> Result<PathBuf> {
    let vendor = VendorDemo {
        port: vendor_port,
        secret: demo_secret(data_dir)?,
    };
    let path = data_dir.join(CONFIG_FILE);
    let text = format!(
        "# Written by `cargo xtask run` on every start; edits are lost.\n{}",
        vendor.config(&[vendor.foreign_url()])
    );
    std::fs::write(&path, text)?;
    Ok(path)
}

/// The demo vendor's secret, made on the first run and kept in the data
/// folder.
fn demo_secret(data_dir: &Path) -> Result<String> {
    let path = data_dir.join(SECRET_FILE);
    if let Ok(secret) = std::fs::read_to_string(&path) {
        let secret = secret.trim();
        if secret.len() >= 32 {
            return Ok(secret.to_string());
        }
    }
    let secret = random_secret()?;
    std::fs::write(&path, format!("{secret}\n"))?;
    Ok(secret)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_not_free() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        assert!(!port_is_free(port));
        drop(taken);
        assert!(port_is_free(port));
    }
}
