//! A private PostgreSQL server for the test run: installed from Debian if
//! missing, initialised in a temporary folder on a free port with its socket
//! in that folder, and stopped and removed when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use xshell::{cmd, Shell};

use crate::{tools, Result};

/// A running throwaway PostgreSQL cluster.
pub struct PrivatePostgres {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// A URL for its `aftercare_test` database.
    pub url: String,
}

impl PrivatePostgres {
    /// Installs PostgreSQL if needed and starts a fresh cluster.
    pub fn start(sh: &Shell) -> Result<Self> {
        let bin = ensure_installed(sh)?;
        let as_postgres = tools::is_root();
        let dir = std::env::temp_dir().join(format!("aftercare-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        if as_postgres {
            // initdb refuses to run as root; the cluster belongs to postgres.
            cmd!(sh, "chown postgres:postgres {dir}").run()?;
        }
        let port = free_port()?;
        let data = dir.join("data");
        let cluster = PrivatePostgres {
            bin,
            dir: dir.clone(),
            as_postgres,
            url: format!("postgres://postgres@127.0.0.1:{port}/aftercare_test"),
        };
        cluster.pg(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "-A".as_ref(),
                "trust".as_ref(),
                "--no-sync".as_ref(),
            ],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            dir.display()
        );
        let log = dir.join("server.log");
        cluster.pg(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-o".as_ref(),
                options.as_ref(),
                "-l".as_ref(),
                log.as_os_str(),
                "-w".as_ref(),
                "start".as_ref(),
            ],
        )?;
        let port = port.to_string();
        cluster.pg(
            "createdb",
            &[
                "-h".as_ref(),
                "127.0.0.1".as_ref(),
                "-p".as_ref(),
                port.as_ref(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "aftercare_test".as_ref(),
            ],
        )?;
        Ok(cluster)
    }

    fn pg(&self, program: &str, args: &[&std::ffi::OsStr]) -> Result<()> {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let status = command.args(args).current_dir(&self.dir).status()?;
        if !status.success() {
            return Err(format!("{} failed ({status})", program.display()).into());
        }
        Ok(())
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.pg(
            "pg_ctl",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-m".as_ref(),
                "fast".as_ref(),
                "stop".as_ref(),
            ],
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The folder of PostgreSQL's programs, installing Debian's package first if
/// there is none.
fn ensure_installed(sh: &Shell) -> Result<PathBuf> {
    if let Some(bin) = find_bin() {
        return Ok(bin);
    }
    tools::step("installing Debian's postgresql");
    tools::apt_install(sh, &["postgresql"])?;
    find_bin().ok_or_else(|| "postgresql installed but no initdb was found".into())
}

fn find_bin() -> Option<PathBuf> {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(root)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop()
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
