//! The command line. The binary is both the server (`serve`) and its admin
//! tool (`import-kb`, `staff token`, `backup`, `report kb`, `report satisfaction`); all find the database the same way:
//! `DATABASE_URL` if it is set, else the SQLite file in the data directory.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::auth::StaffRole;
use crate::backup::{self, BackupArgs};
use crate::config::{self, category_keys};
use crate::db::{Db, SQLITE_FILE};
use crate::kb::import::{self, ImportOptions};
use crate::kb::report;
use crate::kb::validate::validate;
use crate::requests::cli::{
    run_message, run_move, AssignArgs, MessageArgs, MoveArgs, ScheduleArgs,
};
use crate::{serve, staff};

/// Any error a command ends with; its message goes to stderr.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Aftercare's reference server and admin tool.
#[derive(Debug, Parser)]
#[command(name = "aftercare-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the REST API and the portal's files.
    Serve(ServeArgs),
    /// Import knowledge-base articles from a JSON file (all or nothing).
    ImportKb(ImportArgs),
    /// Manage the department's staff.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Copy the SQLite database, online and consistent, to a new file.
    Backup(BackupArgs),
    /// Print a report.
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Top queries, zero-result queries, deflections and article votes.
    Kb(ReportKbArgs),
    /// CSAT against the target, NPS, averages per question, per engineer
    /// and per request type, from the surveys answered in the range.
    Satisfaction(ReportSatisfactionArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ReportSatisfactionArgs {
    /// Count surveys first answered from this day (YYYY-MM-DD, UTC) or
    /// instant (RFC 3339) on.
    #[arg(long)]
    pub from: Option<String>,
    /// Count up to this day, included (YYYY-MM-DD, UTC), or up to this
    /// instant, excluded (RFC 3339).
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The configuration file (its `[service.survey]`: questions, target).
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ReportKbArgs {
    /// Count from this day (YYYY-MM-DD, UTC) or instant (RFC 3339) on.
    #[arg(long)]
    pub from: Option<String>,
    /// Count up to this day, included (YYYY-MM-DD, UTC), or up to this
    /// instant, excluded (RFC 3339).
    #[arg(long)]
    pub to: Option<String>,
    /// The most rows each table shows.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub top: u32,
    #[command(flatten)]
    pub storage: StorageArgs,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Print a new bearer token for a staff member, made first if needed.
    Token(StaffTokenArgs),
    /// Acknowledge a service request (受理).
    Ack(MoveArgs),
    /// Give a service request to an engineer (派工).
    Assign(AssignArgs),
    /// Book or move a visit (预约上门).
    Schedule(ScheduleArgs),
    /// Start or resume work.
    Start(MoveArgs),
    /// Wait on the customer (pauses the service-level clock).
    Wait(MoveArgs),
    /// Post a message to the customer.
    Message(MessageArgs),
    /// Mark a service request resolved.
    Resolve(MoveArgs),
    /// Close a resolved service request.
    Close(MoveArgs),
}

#[derive(Debug, Clone, Args)]
pub struct StaffTokenArgs {
    /// The staff member's name, unique among staff.
    pub name: String,
    /// The role of a new staff member (engineer if not given), or the new
    /// role of an existing one.
    #[arg(long, value_enum)]
    pub role: Option<StaffRole>,
    #[command(flatten)]
    pub storage: StorageArgs,
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// The directory for the SQLite database, created if missing.
    #[arg(long, env = "AFTERCARE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// A database URL (`postgres://...` or `sqlite:...`) that replaces the
    /// SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, env = "AFTERCARE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Also listen on this address, serving only the demo vendor's product
    /// page with the embedded widget (`/demo/vendor.html`, `/demo/token`):
    /// another origin, to try embedding on (list it in `[embedding]
    /// origins`, and give it a `[embed.vendors.demo]` secret to sign the
    /// demo customer in). Port 0 picks a free port.
    #[arg(long, env = "AFTERCARE_VENDOR_ADDR")]
    pub vendor_addr: Option<String>,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The portal's built files (Trunk's output).
    #[arg(long, env = "AFTERCARE_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// A TOML file overriding the portal configuration's defaults.
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The JSON file: an array of {id, locale, category, title,
    /// body_markdown, tags} objects.
    pub file: PathBuf,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// A TOML file overriding the portal configuration (its categories are
    /// the ones articles may use).
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Also delete the articles that are not in the file, so the file becomes
    /// the whole knowledge base (deleted articles stay as tombstones for the
    /// delta feed).
    #[arg(long)]
    pub prune: bool,
}

impl StorageArgs {
    /// Connects to the database and brings its schema up to date.
    pub async fn open(&self) -> Result<Db, Error> {
        let url = match self.database_url.as_deref().filter(|url| !url.is_empty()) {
            Some(url) => url.to_string(),
            None => {
                std::fs::create_dir_all(&self.data_dir).map_err(|e| {
                    format!(
                        "cannot create the data directory {}: {e}",
                        self.data_dir.display()
                    )
                })?;
                Db::sqlite_url(&self.data_dir.join(SQLITE_FILE))?
            }
        };
        let db = Db::connect(&url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        db.migrate()
            .await
            .map_err(|e| format!("cannot migrate the database: {e}"))?;
        Ok(db)
    }
}

/// Runs a command to completion.
pub async fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Serve(args) => serve::serve(args).await,
        Command::ImportKb(args) => import_kb(args).await,
        Command::Backup(args) => backup::run(args).await,
        Command::Report(ReportCommand::Kb(args)) => report_kb(args).await,
        Command::Report(ReportCommand::Satisfaction(args)) => report_satisfaction(args).await,
        Command::Staff(StaffCommand::Token(args)) => staff::token(args).await,
        Command::Staff(command) => staff_move(command).await,
    }
}

/// Runs a `staff` command that moves a service request.
async fn staff_move(command: StaffCommand) -> Result<(), Error> {
    use crate::requests::StaffAction as A;
    match command {
        StaffCommand::Token(args) => staff::token(args).await,
        StaffCommand::Ack(args) => run_move(A::Acknowledge, args, None, None).await,
        StaffCommand::Assign(args) => {
            run_move(A::Assign, args.common, Some(args.engineer), None).await
        }
        StaffCommand::Schedule(args) => {
            run_move(A::Schedule, args.common, None, Some((args.start, args.end))).await
        }
        StaffCommand::Start(args) => run_move(A::Start, args, None, None).await,
        StaffCommand::Wait(args) => run_move(A::Wait, args, None, None).await,
        StaffCommand::Message(args) => run_message(args).await,
        StaffCommand::Resolve(args) => run_move(A::Resolve, args, None, None).await,
        StaffCommand::Close(args) => run_move(A::Close, args, None, None).await,
    }
}

/// Checks the whole file first and touches the database only if every entry
/// passes; then writes it in one transaction.
async fn import_kb(args: ImportArgs) -> Result<(), Error> {
    let portal = config::load(args.config.as_deref())?;
    let file = args.file.display();
    let json =
        std::fs::read_to_string(&args.file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let entries = validate(&json, &category_keys(&portal)).map_err(|e| format!("{file}: {e}"))?;
    let db = args.storage.open().await?;
    let options = ImportOptions { prune: args.prune };
    let result = import::apply(&db, &entries, options).await;
    db.close().await;
    let report = result.map_err(|e| format!("{file}: nothing was imported: {e}"))?;
    println!("imported {file}: {report}");
    Ok(())
}

/// Prints the knowledge-base report to stdout.
async fn report_kb(args: ReportKbArgs) -> Result<(), Error> {
    let range = report::range(args.from.as_deref(), args.to.as_deref())?;
    let db = args.storage.open().await?;
    let result = report::gather(&db, &range, args.top).await;
    db.close().await;
    print!("{}", result?.render());
    Ok(())
}

/// Prints the satisfaction report to stdout.
async fn report_satisfaction(args: ReportSatisfactionArgs) -> Result<(), Error> {
    let range = report::range(args.from.as_deref(), args.to.as_deref())?;
    let portal = config::load(args.config.as_deref())?;
    let catalog = crate::catalog::load(args.config.as_deref(), &portal)?;
    let Some(survey) = catalog.survey else {
        return Err("the service catalog has no survey ([service.survey])".into());
    };
    let db = args.storage.open().await?;
    let result = crate::surveys::report::gather(&db, &survey, &range).await;
    db.close().await;
    print!("{}", result?.render());
    Ok(())
}

/// Logs to stderr (stdout is for results), filtered by `RUST_LOG`; by
/// default `info`, without PostgreSQL's notices (such as "relation already
/// exists, skipping" on every migration check).
pub fn init_tracing() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx::postgres::notice=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_has_the_documented_defaults() {
        let cli = Cli::try_parse_from(["aftercare-server", "serve"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.addr, "127.0.0.1:8080");
        assert_eq!(args.vendor_addr, None);
        assert_eq!(args.storage.data_dir, PathBuf::from("data"));
        assert_eq!(args.dist, PathBuf::from("dist"));
    }

    #[test]
    fn report_kb_takes_a_range_and_a_row_count() {
        let cli = Cli::try_parse_from([
            "aftercare-server",
            "report",
            "kb",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--top",
            "5",
        ])
        .unwrap();
        let Command::Report(ReportCommand::Kb(args)) = cli.command else {
            panic!("expected report kb");
        };
        assert_eq!(args.from.as_deref(), Some("2026-11-01"));
        assert_eq!(args.to.as_deref(), Some("2026-11-30"));
        assert_eq!(args.top, 5);
        let plain = Cli::try_parse_from(["aftercare-server", "report", "kb"]).unwrap();
        let Command::Report(ReportCommand::Kb(args)) = plain.command else {
            panic!("expected report kb");
        };
        assert_eq!((args.from, args.to, args.top), (None, None, 20));
        assert!(Cli::try_parse_from(["aftercare-server", "report", "kb", "--top", "0"]).is_err());
    }

    #[test]
    fn report_satisfaction_takes_a_range() {
        let cli = Cli::try_parse_from([
            "aftercare-server",
            "report",
            "satisfaction",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ])
        .unwrap();
        let Command::Report(ReportCommand::Satisfaction(args)) = cli.command else {
            panic!("expected report satisfaction");
        };
        assert_eq!(args.from.as_deref(), Some("2026-11-01"));
        assert_eq!(args.to.as_deref(), Some("2026-11-30"));
        let plain = Cli::try_parse_from(["aftercare-server", "report", "satisfaction"]).unwrap();
        let Command::Report(ReportCommand::Satisfaction(args)) = plain.command else {
            panic!("expected report satisfaction");
        };
        assert_eq!((args.from, args.to), (None, None));
    }

    #[test]
    fn staff_token_takes_a_name_and_an_optional_role() {
        let cli = Cli::try_parse_from([
            "aftercare-server",
            "staff",
            "token",
            "Li Wei",
            "--role",
            "supervisor",
        ])
        .unwrap();
        let Command::Staff(StaffCommand::Token(args)) = cli.command else {
            panic!("expected staff token");
        };
        assert_eq!(args.name, "Li Wei");
        assert_eq!(args.role, Some(StaffRole::Supervisor));
        assert!(
            Cli::try_parse_from(["aftercare-server", "staff", "token", "x", "--role", "boss"])
                .is_err()
        );
    }
}
