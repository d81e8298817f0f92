//! The `staff` commands that move service requests, acting as a named staff
//! member (`--as NAME`, made beforehand with `staff token NAME`):
//!
//! ```text
//! aftercare-server staff ack      NUMBER --as NAME [--note TEXT]
//! aftercare-server staff assign   NUMBER --as NAME --engineer NAME [--note TEXT]
//! aftercare-server staff schedule NUMBER --as NAME --start TIME --end TIME [--note TEXT]
//! aftercare-server staff start    NUMBER --as NAME [--note TEXT]
//! aftercare-server staff wait     NUMBER --as NAME [--note TEXT]
//! aftercare-server staff message  NUMBER TEXT --as NAME
//! aftercare-server staff resolve  NUMBER --as NAME [--note TEXT]
//! aftercare-server staff close    NUMBER --as NAME [--note TEXT]
//! ```
//!
//! Each prints `NUMBER STATUS` on stdout; a refusal is an error on stderr
//! and a failing exit code. They follow the same rules as the HTTP routes,
//! and mail the customer the news the same way when the configuration has
//! a `[mail]` relay (without one they print nothing more: stdout is the
//! command's answer), with one exception: `resolve` without a relay prints
//! the survey link it would have mailed on a second line,
//! `survey link for EMAIL: NUMBER URL`, when the request has an address.
//! The link's token is signed with the server's pepper (`[auth] pepper`,
//! else the data directory's `pepper` file) and its address starts with
//! `[server] public_url` (`http://localhost:8080` without one).

use std::path::{Path, PathBuf};

use clap::Args;

use super::notify::{self, Change};
use super::{AppointmentBody, Asker, Desk, MoveDetail, StaffAction, StaffActionBody};
use crate::auth::secret::Pepper;
use crate::cli::{Error, StorageArgs};
use crate::clock::Clock;
use crate::db::requests::staff_by_name;
use crate::http::identity::Identity;
use crate::http::problem::ApiError;
use crate::mail::Mailer;
use crate::serve::PEPPER_FILE;
use crate::settings::Settings;
use crate::surveys::invite::SurveyInvite;
use crate::{catalog, config, settings};

/// What every move takes.
#[derive(Debug, Clone, Args)]
pub struct MoveArgs {
    /// The request's number, such as AC-7K3F-92.
    pub number: String,
    /// The staff member who acts.
    #[arg(long = "as", value_name = "NAME")]
    pub actor: String,
    /// A note shown to the customer on the timeline.
    #[arg(long)]
    pub note: Option<String>,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The configuration file (its `[service]` catalog, `[mail]` relay and
    /// `[server] public_url`, which survey links start with; without it
    /// they point to http://localhost:8080).
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
}

/// `staff assign`.
#[derive(Debug, Clone, Args)]
pub struct AssignArgs {
    #[command(flatten)]
    pub common: MoveArgs,
    /// The engineer who takes the request.
    #[arg(long)]
    pub engineer: String,
}

/// `staff schedule`.
#[derive(Debug, Clone, Args)]
pub struct ScheduleArgs {
    #[command(flatten)]
    pub common: MoveArgs,
    /// When the visit starts (RFC 3339).
    #[arg(long)]
    pub start: String,
    /// When the visit ends (RFC 3339).
    #[arg(long)]
    pub end: String,
}

/// `staff message`.
#[derive(Debug, Clone, Args)]
pub struct MessageArgs {
    /// The request's number.
    pub number: String,
    /// The message, stored as it is.
    pub text: String,
    /// The staff member who writes.
    #[arg(long = "as", value_name = "NAME")]
    pub actor: String,
    #[command(flatten)]
    pub storage: StorageArgs,
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
}

/// Runs a move.
pub async fn run_move(
    action: StaffAction,
    common: MoveArgs,
    engineer: Option<String>,
    appointment: Option<(String, String)>,
) -> Result<(), Error> {
    let body = StaffActionBody {
        action,
        engineer,
        appointment: appointment.map(|(start, end)| AppointmentBody { start, end }),
        note: common.note.clone(),
    };
    let detail = MoveDetail::check(&body).map_err(explain)?;
    let number = common.number.clone();
    with_desk(
        &common.storage,
        common.config.clone(),
        &common.actor,
        Change::Moved,
        |desk, asker| {
            Box::pin(
                async move { super::act(desk, &asker, &number, action.action(), &detail).await },
            )
        },
    )
    .await
}

/// Runs `staff message`.
pub async fn run_message(args: MessageArgs) -> Result<(), Error> {
    let (number, body) = (
        args.number.clone(),
        super::MessageBody::text(args.text.clone()),
    );
    with_desk(
        &args.storage,
        args.config.clone(),
        &args.actor,
        Change::Message,
        |desk, asker| {
            Box::pin(async move { super::post_message(desk, &asker, &number, &body, None).await })
        },
    )
    .await
}

type Outcome<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<super::RequestView, ApiError>> + Send + 'a>,
>;

async fn with_desk<F>(
    storage: &StorageArgs,
    config_file: Option<PathBuf>,
    actor: &str,
    change: Change,
    operation: F,
) -> Result<(), Error>
where
    F: for<'a> FnOnce(Desk<'a>, Asker) -> Outcome<'a>,
{
    let portal = config::load(config_file.as_deref())?;
    let catalog = catalog::load(config_file.as_deref(), &portal)?;
    let settings = settings::load(config_file.as_deref())?;
    let mailer = match &settings.mail {
        Some(relay) => Some(Mailer::from_settings(Some(relay))?),
        None => None,
    };
    let public_url = settings.server.public_url_or(None);
    let db = storage.open().await?;
    let clock = Clock::system();
    let result = async {
        let mut connection = db.pool().acquire().await?;
        let found = staff_by_name(&mut connection, actor.trim()).await?;
        drop(connection);
        let Some((id, name, role)) = found else {
            return Err(format!(
                "there is no staff member called {actor:?}; make one with `staff token NAME`"
            )
            .into());
        };
        let role = role.parse().map_err(|e: String| e)?;
        let asker = Asker {
            identity: Identity::Staff { id, name, role },
            key_hash: None,
        };
        let desk = Desk {
            db: &db,
            clock: &clock,
            catalog: &catalog,
        };
        let view = operation(desk, asker).await.map_err(explain)?;
        let resolved = change == Change::Moved && view.status == "resolved";
        let pepper = if resolved {
            server_pepper(&settings, &storage.data_dir)
        } else {
            None
        };
        let invite = pepper.as_ref().and_then(|pepper| {
            SurveyInvite::when_surveyed(&catalog, pepper, &public_url, clock.now())
        });
        let survey_line = match &mailer {
            Some(mailer) => {
                notify::status_change(&db, mailer, &portal, &view, change, invite).await;
                None
            }
            None => notify::survey_console_line(&db, &view, change, invite).await,
        };
        println!("{} {}", view.number, view.status);
        if let Some(line) = survey_line {
            println!("{line}");
        }
        Ok::<(), Error>(())
    }
    .await;
    db.close().await;
    result
}

/// The server's pepper, to sign survey links with: `[auth] pepper`, else
/// the data directory's `pepper` file if the server made one. Without
/// either (or with a file that cannot be read) the link is left out, with
/// a warning: the move has been made already.
fn server_pepper(settings: &Settings, data_dir: &Path) -> Option<Pepper> {
    if settings.auth.pepper.is_none() && !data_dir.join(PEPPER_FILE).is_file() {
        tracing::warn!(
            "no pepper yet (start the server once, or set [auth] pepper): the survey link is left out"
        );
        return None;
    }
    match crate::serve::pepper(settings, data_dir) {
        Ok(pepper) => Some(pepper),
        Err(error) => {
            tracing::warn!(%error, "the survey link is left out");
            None
        }
    }
}

/// A refusal as a sentence for stderr.
fn explain(error: ApiError) -> Error {
    match error {
        ApiError::NotFound(_) => {
            "there is no such service request (or it is not yours to see)".into()
        }
        ApiError::InvalidTransition(detail) => detail.into(),
        ApiError::Unprocessable(errors) | ApiError::Validation(errors) => errors
            .iter()
            .map(|e| format!("{}: {}", e.pointer, e.detail))
            .collect::<Vec<_>>()
            .join("; ")
            .into(),
        other => format!("{other:?}").into(),
    }
}
